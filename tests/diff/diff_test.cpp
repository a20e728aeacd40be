// Differential tests: tshark and netsift read the same capture; for every packet whose
// protocols netsift implements, the summary line and every compared field must be identical.
#include <gtest/gtest.h>

#include <sstream>

#include "corpus.h"
#include "glossary.h"
#include "run_command.h"

namespace netsift::test {
namespace {

constexpr size_t kMaxReported = 15;  // mismatches reported per test, to keep failures readable

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

std::vector<std::string> tabs_of(const std::string& l) {
  std::vector<std::string> cols;
  size_t start = 0;
  for (size_t i = 0; i <= l.size(); ++i)
    if (i == l.size() || l[i] == '\t') {
      cols.push_back(l.substr(start, i - start));
      start = i + 1;
    }
  return cols;
}

std::string tshark(const std::string& args) {
  return run_command("tshark " + args + " 2>/dev/null").out;
}
CommandResult netsift(const std::string& args) {
  return run_command(std::string(NETSIFT_BINARY) + " " + args + " 2>/dev/null");
}

// Frame numbers (1-based index → in scope) whose protocols netsift all implements.
std::vector<bool> packets_in_scope(const std::string& file) {
  const auto& protos = glossary().netsift_protocols;
  std::vector<bool> scope;
  for (const std::string& l : lines_of(tshark("-r " + shell_quote(file) +
                                              " -T fields -e frame.protocols"))) {
    bool ok = !l.empty();
    std::istringstream in(l);
    for (std::string p; std::getline(in, p, ':');) ok = ok && protos.count(p);
    scope.push_back(ok);
  }
  return scope;
}

class Differential : public ::testing::TestWithParam<CaptureFile> {};

TEST_P(Differential, SummaryLines) {
  const std::string& file = GetParam().path;
  std::vector<bool> scope = packets_in_scope(file);
  auto theirs = lines_of(tshark("-r " + shell_quote(file)));
  auto ours = netsift("-r " + shell_quote(file));
  auto mine = lines_of(ours.out);
  ASSERT_EQ(mine.size(), theirs.size()) << "packet count differs for " << file;
  size_t reported = 0, compared = 0;
  for (size_t i = 0; i < theirs.size() && i < scope.size(); ++i) {
    if (!scope[i]) continue;
    ++compared;
    if (mine[i] != theirs[i] && reported++ < kMaxReported)
      ADD_FAILURE() << file << " frame " << i + 1 << "\n tshark:  " << theirs[i]
                    << "\n netsift: " << mine[i];
  }
  RecordProperty("compared_packets", static_cast<int>(compared));
}

TEST_P(Differential, Fields) {
  const std::string& file = GetParam().path;
  const auto& fields = glossary().compared_fields;
  ASSERT_FALSE(fields.empty());
  std::string args = "-r " + shell_quote(file) + " -T fields -E occurrence=a -e frame.protocols";
  for (const std::string& f : fields) args += " -e " + f;
  auto theirs = lines_of(tshark(args));
  auto mine = lines_of(netsift(args).out);
  ASSERT_EQ(mine.size(), theirs.size()) << "packet count differs for " << file;
  const auto& protos = glossary().netsift_protocols;
  size_t reported = 0;
  for (size_t i = 0; i < theirs.size(); ++i) {
    auto t = tabs_of(theirs[i]);
    auto m = tabs_of(mine[i]);
    ASSERT_EQ(t.size(), fields.size() + 1);
    ASSERT_EQ(m.size(), fields.size() + 1) << "netsift printed a wrong column count";
    bool in_scope = !t[0].empty();
    std::istringstream in(t[0]);
    for (std::string p; std::getline(in, p, ':');) in_scope = in_scope && protos.count(p);
    if (!in_scope) continue;
    for (size_t c = 0; c < t.size(); ++c)
      if (t[c] != m[c] && reported++ < kMaxReported)
        ADD_FAILURE() << file << " frame " << i + 1 << " field "
                      << (c == 0 ? "frame.protocols" : fields[c - 1]) << "\n tshark:  " << t[c]
                      << "\n netsift: " << m[c];
  }
}

TEST_P(Differential, ExitStatus) {
  const std::string& file = GetParam().path;
  int theirs = run_command("tshark -r " + shell_quote(file) + " >/dev/null 2>&1").status;
  int mine = netsift("-r " + shell_quote(file) + " -q").status;
  EXPECT_EQ(mine != 0, theirs != 0) << file << ": tshark exit " << theirs << ", netsift "
                                    << mine;
}

INSTANTIATE_TEST_SUITE_P(Corpus, Differential, ::testing::ValuesIn(all_captures()),
                         [](const auto& info) { return info.param.test_name; });

}  // namespace
}  // namespace netsift::test
