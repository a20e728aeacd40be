// Wireshark's own display-filter test suite (test/suite_dfilter of the Debian source package
// of the installed tshark, fetched by scripts/fetch-wireshark-suite.sh), run through tshark 4.0
// and netsift: for every case, `-n -r CAPTURE -Y FILTER -T fields -e frame.number` must give
// the same frames and exit status, or the same first error line. The suite's expected counts
// are not used: tshark 4.0 on this machine is the oracle. wireshark_suite_known.txt lists
// the cases that still differ, each with its reason; a listed case that agrees fails too, so
// the list only shrinks.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "run_command.h"
#include "tshark_cache.h"

namespace netsift {
namespace {

using test::run_command;
using test::shell_quote;

const std::string kSuite = std::string(NETSIFT_WIRESHARK_SUITE) + "/current";

struct Case {
  std::string name, capture, filter;
};

std::string unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    char c = s[++i];
    out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
  }
  return out;
}

std::vector<Case> suite_cases() {
  std::string list =
      run_command("python3 " +
                  shell_quote(std::string(NETSIFT_FILTER_TESTS_DIR) + "/wireshark_suite_cases.py") +
                  " " + shell_quote(kSuite + "/suite_dfilter"))
          .out;
  std::vector<Case> out;
  for (const std::string& line : test::split_lines(list)) {
    std::vector<std::string> f = test::split_tabs(line);
    if (f.size() == 4) out.push_back({f[0], f[1], unescape(f[3])});
  }
  return out;
}

std::set<std::string> known_differences() {
  std::ifstream in(std::string(NETSIFT_FILTER_TESTS_DIR) + "/wireshark_suite_known.txt");
  std::set<std::string> out;
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') out.insert(line.substr(0, line.find(' ')));
  return out;
}

// Exit status, frame numbers and the first line of stderr (tshark's root warning dropped, the
// program's name neutral).
std::string outcome(const std::string& tool, const Case& c) {
  std::string args = "-n -r " + shell_quote(kSuite + "/captures/" + c.capture) + " -Y " +
                     shell_quote(c.filter) + " -T fields -e frame.number";
  std::string script = "t=$(mktemp); " + tool + " " + args + " >\"$t.o\" 2>\"$t.e\"; s=$?; " +
                       "grep -v '^Running as user' \"$t.e\" | head -1 | "
                       "sed -E 's/^(tshark|netsift): /PROG: /'; tr '\\n' ' ' <\"$t.o\"; " +
                       "echo \"exit $s\"; rm -f \"$t\" \"$t.o\" \"$t.e\"";
  std::string cmd = "bash -c " + shell_quote(script);
  return tool == "tshark" ? test::shell_cached(cmd).out : run_command(cmd).out;
}

// The cases in four shards (every fourth case each), so ctest runs them in parallel: the
// suite is about 500 tshark and netsift runs.
constexpr size_t kShards = 4;
class WiresharkFilterSuite : public ::testing::TestWithParam<size_t> {};

TEST_P(WiresharkFilterSuite, SameFramesOrSameErrorAsTshark) {
  ASSERT_TRUE(std::filesystem::exists(kSuite + "/suite_dfilter"))
      << kSuite << " is missing: run scripts/install-deps.sh (scripts/fetch-wireshark-suite.sh)";
  std::vector<Case> cases = suite_cases();
  ASSERT_GT(cases.size(), 300u);
  std::set<std::string> known = known_differences();
  size_t agree = 0, compared = 0;
  for (size_t i = GetParam(); i < cases.size(); i += kShards) {
    const Case& c = cases[i];
    if (!std::filesystem::exists(kSuite + "/captures/" + c.capture)) continue;
    ++compared;
    std::string expected = outcome("tshark", c);
    std::string actual = outcome(NETSIFT_BINARY, c);
    if (known.count(c.name)) {
      EXPECT_NE(actual, expected) << c.name << " now agrees with tshark: remove it from "
                                  << "wireshark_suite_known.txt";
      continue;
    }
    EXPECT_EQ(actual, expected) << c.name << " on " << c.capture << ": " << c.filter;
    agree += actual == expected;
  }
  std::printf("%zu of %zu suite cases of this shard agree with tshark (of %zu in all; %zu known "
              "to differ)\n",
              agree, compared, cases.size(), known.size());
}

INSTANTIATE_TEST_SUITE_P(Shards, WiresharkFilterSuite, ::testing::Range<size_t>(0, kShards));

}  // namespace
}  // namespace netsift
