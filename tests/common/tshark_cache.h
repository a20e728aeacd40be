// tshark as the test oracle, with its answers cached on disk keyed by the command, so the
// sanitizer pass and repeated runs only pay for netsift. The cache lives in the source tree's
// .tshark-cache/ (ignored by git) and is safe to delete.
#pragma once

#include <string>

#include "run_command.h"

namespace netsift::test {

// stdout of `tshark <args>` (stderr discarded).
std::string tshark_cached(const std::string& args);
// The shell command tshark_cached runs, for shell_cached when the exit status matters too
// (both share one cache entry).
std::string tshark_command(const std::string& args);
// stdout and exit status of an arbitrary shell command that runs tshark (pipelines allowed).
CommandResult shell_cached(const std::string& command);

}  // namespace netsift::test
