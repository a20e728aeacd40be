// tshark as the test oracle, with its answers cached on disk, so the sanitizer pass and repeated
// runs only pay for netsift. An answer is keyed by the command, tshark's version (read at build
// time) and the content of every file the command names, so a new tshark or a changed capture
// never serves a stale answer. The cache lives in the source tree's .tshark-cache/ (ignored by
// git) and is safe to delete.
#pragma once

#include <string>
#include <vector>

#include "run_command.h"

namespace netsift::test {

// stdout of `tshark <args>` (stderr discarded).
std::string tshark_cached(const std::string& args);
// The shell command tshark_cached runs, for shell_cached when the exit status matters too
// (both share one cache entry).
std::string tshark_command(const std::string& args);
// stdout and exit status of an arbitrary shell command that runs tshark (pipelines allowed).
CommandResult shell_cached(const std::string& command);

// The words of a shell command as the shell would split them (quotes removed), followed by the
// words of a `-c '...'` script after it; exposed for its test.
std::vector<std::string> shell_words(const std::string& command);

}  // namespace netsift::test
