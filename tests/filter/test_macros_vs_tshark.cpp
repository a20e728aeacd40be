// Display-filter macros and field references against tshark 4.0: every line of
// macro_cases.txt (and of message_cases.txt: filters whose error messages must be tshark's), with
// the global dfilter_macros (private_ipv4, ...) plus the macros below given as -o
// uat:dfilter_macros lines; and a profile's own dfilter_macros file, which replaces the global one,
// with the lines tshark refuses reported and skipped.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "profile_dir.h"
#include "run_command.h"
#include "tshark_cache.h"

namespace netsift {
namespace {

using test::corpus;
using test::shell_quote;

const std::string kCapture = corpus("tcp/pcpp-one_tcp_stream.pcap");

// name, text: arguments, a macro using a macro, a repeated argument, an escaped '$', a loop.
const std::pair<const char*, const char*> kMacros[] = {
    {"port", "tcp.port == $1"},
    {"both", "$1 == $2"},
    {"nested", "${port:$1} || ${port:1}"},
    {"twice", "$1 == $2 && $1 == $2"},
    {"escaped", "frame contains \\x22\\\\$1\\x22"},
    {"loop", "${loop}"},
};

std::string macro_options() {
  std::string out;
  for (const auto& [name, text] : kMacros)
    out +=
        " -o " + shell_quote(std::string("uat:dfilter_macros:\"") + name + "\",\"" + text + "\"");
  return out;
}

std::vector<std::string> cases(const char* file) {
  std::ifstream in(std::string(NETSIFT_FILTER_TESTS_DIR) + "/" + file);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') out.push_back(line);
  return out;
}

TEST(FilterMacrosVsTshark, CasesWithGlobalAndOptionMacros) {
  std::string dir = test::profile_dir({});
  std::vector<std::string> all = cases("macro_cases.txt");
  ASSERT_GT(all.size(), 40u);
  for (const std::string& f : cases("message_cases.txt")) all.push_back(f);
  for (const std::string& f : all) {
    std::string args =
        "-r " + kCapture + macro_options() + " -Y " + shell_quote(f) + " -T fields -e frame.number";
    auto expected = test::tshark_in(dir, args, false);
    auto actual = test::netsift_in(dir, args, false);
    EXPECT_EQ(actual.status, expected.status) << f;
    EXPECT_EQ(actual.out, expected.out) << f;
    if (expected.status != 0) {
      EXPECT_EQ(test::netsift_in(dir, args, true).out, test::tshark_in(dir, args, true).out) << f;
    }
  }
}

TEST(FilterMacrosVsTshark, ProfileFileReplacesGlobalAndSkipsRefusedLines) {
  for (const char* file : {"\"syn\",\"tcp.flags.syn == 1\"\n",
                           "\"bad name\",\"tcp\"\n\"syn\",\"tcp.flags.syn == 1\"\n",
                           "\"syn\",\"tcp.flags.syn == 1\"\n\"syn\",\"udp\"\n",
                           "\"syn\",\"tcp\\x01\"\n\"ack\",\"tcp.flags.ack == 1\"\n"}) {
    std::string dir = test::profile_dir({{"dfilter_macros", file}});
    for (const char* f : {"${syn}", "${ack}", "${private_ipv4:ip.src}"}) {
      std::string args = "-r " + kCapture + " -Y " + shell_quote(f) + " -T fields -e frame.number";
      EXPECT_EQ(test::netsift_in(dir, args, false).out, test::tshark_in(dir, args, false).out)
          << file << f;
      EXPECT_EQ(test::netsift_in(dir, args, true).out, test::tshark_in(dir, args, true).out)
          << file << f;
    }
  }
}

TEST(FilterMacrosVsTshark, RefusedOptionLines) {
  std::string dir = test::profile_dir({});
  for (const char* o : {"uat:dfilter_macros:\"bad name\",\"x\"", "uat:dfilter_macros:\"\",\"x\"",
                        "uat:dfilter_macros:\"m\""}) {
    std::string args = "-o " + shell_quote(o) + " -r " + kCapture + " -c 1";
    auto expected = test::tshark_in(dir, args, true);
    auto actual = test::netsift_in(dir, args, true);
    EXPECT_EQ(actual.status, expected.status) << o;
    EXPECT_EQ(actual.out, expected.out) << o;
  }
}

}  // namespace
}  // namespace netsift
