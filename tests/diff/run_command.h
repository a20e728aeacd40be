// Runs a shell command and captures its standard output and exit status (test helper).
#pragma once

#include <string>

namespace netsift::test {

struct CommandResult {
  std::string out;
  int status = -1;  // exit status, or -1 when the command did not exit normally
};

CommandResult run_command(const std::string& cmd);
// Quotes `s` for /bin/sh.
std::string shell_quote(const std::string& s);

}  // namespace netsift::test
