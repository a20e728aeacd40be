#include "run_command.h"

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace netsift::test {

CommandResult run_command(const std::string& cmd) {
  CommandResult r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'')
      q += "'\\''";
    else
      q += c;
  }
  return q + "'";
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> lines;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> cols;
  size_t start = 0;
  for (size_t i = 0; i <= line.size(); ++i)
    if (i == line.size() || line[i] == '\t') {
      cols.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  return cols;
}

std::string first_difference(const std::string& theirs, const std::string& mine) {
  auto t = split_lines(theirs);
  auto m = split_lines(mine);
  for (size_t i = 0; i < std::max(t.size(), m.size()); ++i) {
    std::string a = i < t.size() ? t[i] : "<none>", b = i < m.size() ? m[i] : "<none>";
    if (a != b) return "line " + std::to_string(i + 1) + "\n tshark:  " + a + "\n netsift: " + b;
  }
  return {};
}

}  // namespace netsift::test
