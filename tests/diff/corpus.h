// The captures differential tests run on: the shared corpus (the generated fixtures have
// golden files instead, tests/golden).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace netsift::test {

struct CaptureFile {
  std::string path;
  std::string name;       // the path from the corpus directory, "corpus/tcp/x.pcap"
  std::string test_name;  // name made into a valid GoogleTest name
};
void PrintTo(const CaptureFile& c, std::ostream* os);

std::vector<CaptureFile> all_captures();

}  // namespace netsift::test
