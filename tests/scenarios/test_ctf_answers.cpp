// Scenario §2 end to end: every question of the BIG-IP capture-the-flag (shared corpus
// bigip-ctf/answers.json) and every sanity check its generator ran, answered by running the very
// same command line with netsift in place of tshark. Each answer must equal tshark's output for
// that command (run at test time, cached) and, for a single value, the answer the author found.
// Questions that need a feature netsift lacks are listed in pending.txt with the reason.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "tshark_cache.h"

namespace netsift::test {
namespace {

const std::string kCtfDir = std::string(NETSIFT_CORPUS_DIR) + "/bigip-ctf";

struct Question {
  std::string name;      // test name: the answer key, or check_<n>
  std::string command;   // a shell pipeline that starts with tshark, run in kCtfDir
  nlohmann::json value;  // the expected answer (null for checks without one)
};

std::vector<Question> questions() {
  std::ifstream in(kCtfDir + "/answers.json");
  if (!in) return {};
  nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
  if (doc.is_discarded()) return {};
  std::vector<Question> out;
  for (auto& [key, a] : doc["answers"].items())
    out.push_back({key, a.value("tshark", ""), a.value("value", nlohmann::json())});
  int n = 0;
  for (auto& c : doc["checks"]) {
    out.push_back({"check_" + std::to_string(++n), c.value("tshark", ""),
                   c.value("expected", nlohmann::json())});
  }
  return out;
}

std::map<std::string, std::string> pending() {
  std::map<std::string, std::string> out;
  std::ifstream in(PENDING_FILE);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    size_t sp = line.find(' ');
    out[line.substr(0, sp)] = sp == std::string::npos ? "" : line.substr(sp + 1);
  }
  return out;
}

// The command with every invocation of tshark replaced by netsift.
std::string with_netsift(const std::string& command) {
  static const std::regex kTshark(R"((^|[;|(]\s*)tshark )");
  return std::regex_replace(command, kTshark, "$1" + std::string(NETSIFT_BINARY) + " ");
}

std::string in_ctf_dir(const std::string& command) {
  return "cd " + shell_quote(kCtfDir) + " && bash -o pipefail -c " + shell_quote(command) +
         " 2>/dev/null";
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  size_t start = s.find_first_not_of(" \t");
  return start == std::string::npos ? "" : s.substr(start);
}

// A single expected value as the command prints it; empty for structured answers.
std::string expected_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number_float()) {
    std::ostringstream s;
    s << v.get<double>();
    return s.str();
  }
  return "";
}

void PrintTo(const Question& q, std::ostream* os) {
  *os << q.command;
}

class CtfAnswer : public ::testing::TestWithParam<Question> {};

TEST_P(CtfAnswer, SameAsTsharkAndTheAuthor) {
  const Question& q = GetParam();
  static const std::map<std::string, std::string> kPending = pending();
  auto why = kPending.find(q.name);
  if (why != kPending.end()) GTEST_SKIP() << "pending: " << why->second;
  // Commands that write into the (read-only) corpus are covered by the F5 tests instead.
  static const std::regex kRedirect(R"(>\s*[^\s'"]+\s*$)");
  if (std::regex_search(q.command, kRedirect)) GTEST_SKIP() << "writes a file";
  CommandResult theirs = shell_cached(in_ctf_dir(q.command));
  ASSERT_EQ(theirs.status, 0) << "tshark failed: " << q.command;
  CommandResult ours = run_command(in_ctf_dir(with_netsift(q.command)));
  EXPECT_EQ(ours.status, 0) << q.command;
  EXPECT_EQ(ours.out, theirs.out) << q.command;
  std::string want = expected_text(q.value);
  if (!want.empty()) {
    EXPECT_EQ(trimmed(ours.out), want) << q.command;
  }
}

INSTANTIATE_TEST_SUITE_P(BigIpCtf, CtfAnswer, ::testing::ValuesIn(questions()),
                         [](const ::testing::TestParamInfo<Question>& info) {
                           return info.param.name;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CtfAnswer);

}  // namespace
}  // namespace netsift::test
