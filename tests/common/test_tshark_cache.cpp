// The oracle cache's key: a changed file named by the command gets a fresh answer, an unchanged
// one the cached answer (no tshark here: `cat` stands in for it).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tshark_cache.h"

namespace netsift::test {
namespace {

namespace fs = std::filesystem;

TEST(ShellWords, SplitsQuotesAndBashScripts) {
  EXPECT_EQ(shell_words("tshark -r 'a b.pcap' -Y \"x == \\\"1\\\"\" -o k:v"),
            (std::vector<std::string>{"tshark", "-r", "a b.pcap", "-Y", "x == \"1\"", "-o", "k:v"}));
  EXPECT_EQ(shell_words("cd /d && bash -c 'tshark -r f.pcap | head'"),
            (std::vector<std::string>{"cd", "/d", "&&", "bash", "-c", "tshark -r f.pcap | head",
                                      "tshark", "-r", "f.pcap", "|", "head"}));
}

TEST(TsharkCache, AnswerFollowsTheContentOfNamedFiles) {
  fs::path dir = fs::temp_directory_path() / ("netsift-cache-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path file = dir / "input.txt";
  // The command also carries the process id, so an earlier run's entry never answers.
  std::string command = "cat " + shell_quote(file.string()) + " # " + std::to_string(::getpid());
  std::ofstream(file) << "first";
  EXPECT_EQ(shell_cached(command).out, "first");
  EXPECT_EQ(shell_cached(command).out, "first");
  std::ofstream(file) << "second";
  EXPECT_EQ(shell_cached(command).out, "second");
  // Relative to the directory a `cd` enters.
  std::string relative = "cd " + shell_quote(dir.string()) + " && cat input.txt # " +
                         std::to_string(::getpid());
  EXPECT_EQ(shell_cached(relative).out, "second");
  std::ofstream(file) << "third";
  EXPECT_EQ(shell_cached(relative).out, "third");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace netsift::test
