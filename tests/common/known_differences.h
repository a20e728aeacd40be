// Differences from tshark that are understood and scheduled, listed in a text file beside the
// tests they concern: "<test> <capture file name> <reason>" lines ('#' starts a comment line;
// test "*" stands for every test). A test that finds itself listed skips with the reason, so
// the list stays visible in every run.
#pragma once

#include <string>

namespace netsift::test {

// The reason listed in `list_file` for `test` on the capture at `capture_path` (its file name
// is what the list names), or "" when the pair is not listed.
std::string known_difference(const std::string& list_file, const std::string& test,
                             const std::string& capture_path);

}  // namespace netsift::test
