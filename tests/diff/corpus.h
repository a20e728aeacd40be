// The captures differential tests run on: the shared corpus and the generated fixtures.
#pragma once

#include <string>
#include <vector>

namespace netsift::test {

struct CaptureFile {
  std::string path;
  std::string test_name;  // path made into a valid GoogleTest name
};

std::vector<CaptureFile> all_captures();

}  // namespace netsift::test
