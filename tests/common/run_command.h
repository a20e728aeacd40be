// Runs a shell command and captures its standard output and exit status (test helper).
#pragma once

#include <string>
#include <vector>

namespace netsift::test {

struct CommandResult {
  std::string out;
  int status = -1;  // exit status, or -1 when the command did not exit normally
};

CommandResult run_command(const std::string& cmd);
// Quotes `s` for /bin/sh.
std::string shell_quote(const std::string& s);
// The lines of a command's output, and the tab-separated columns of one line.
std::vector<std::string> split_lines(const std::string& s);
std::vector<std::string> split_tabs(const std::string& line);
// tshark's and netsift's outputs side by side at their first differing line, for a readable
// failure ("line N\n tshark:  ...\n netsift: ..."); empty when they are the same.
std::string first_difference(const std::string& theirs, const std::string& mine);

}  // namespace netsift::test
