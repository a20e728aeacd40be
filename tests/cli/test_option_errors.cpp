// Option errors as tshark 4.0 reports them: the same messages on stderr and the same exit status
// for bad numbers, bad -T/-F/-E values, option combinations tshark refuses, capture options
// given with -r, files that do not exist or cannot be created, and the words after the options
// (a filter). Where netsift's usage text or lists differ by nature (its options, statistics and
// file types), the first line and the exit status are compared. tshark's answers are cached.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "run_command.h"
#include "tshark_cache.h"

namespace netsift {
namespace {

using test::run_command;
using test::shell_cached;
using test::shell_quote;

const std::string kCapture =
    shell_quote(std::string(NETSIFT_SOURCE_DIR) + "/tests/fixtures/tcp-handshake.pcap");

// Output and messages, then the exit status; the program's name made neutral and tshark's
// warning about running as root dropped.
std::string normalised(const std::string& tool, const std::string& args, bool first_line) {
  std::string cmd = "{ " + tool + " " + args + " 2>&1; echo \"exit $?\"; } | grep -v '^Running as user'";
  if (first_line) cmd += " | sed -n '1p;$p'";
  return cmd + " | sed -E 's/\\b(tshark|netsift)\\b/PROG/g'";
}

void expect_same(const std::string& args, bool first_line = false) {
  std::string expected = shell_cached(normalised("tshark", args, first_line)).out;
  std::string actual = run_command(normalised(NETSIFT_BINARY, args, first_line)).out;
  EXPECT_EQ(actual, expected) << "args: " << args;
}

TEST(OptionErrors, NumbersAsTshark) {
  for (const char* a : {"-c abc", "-c 0", "-c -5", "-c 99999999999", "-c -99999999999", "-c 1x",
                        "-c ''", "-s -1", "-s abc", "-B abc", "-B 0", "-M abc", "-M 0"})
    expect_same("-r " + kCapture + " " + a);
}

TEST(OptionErrors, ValuesAndCombinationsAsTshark) {
  for (const char* a :
       {"-T nosuch", "-e ip.src", "-T fields", "-x -T fields -e ip.src", "-T fields -e no.such",
        "-E header=x -T fields -e ip.src", "-E nosuch=y -T fields -e ip.src", "-N z", "-t zz",
        "-u zz", "-R ip", "-Y 'ip.src =='", "-Y tcp extra words", "-a duration:5",
        "-b files:2", "-L", "--list-time-stamp-types", "-G fields", "--hexdump nosuch",
        "--log-level bogus", "--log-fatal info", "--temp-dir /nonexistent/dir",
        "-z nosuch,tree -q", "-T psml -O tcp", "-T psml -x", "-T pdml -x", "--no-duplicate-keys",
        "-T ek --no-duplicate-keys"})
    expect_same("-r " + kCapture + " " + a, std::string(a).starts_with("-z"));
}

TEST(OptionErrors, AcceptedAsTshark) {
  // Options tshark accepts here, with the same output: words after the options are the display
  // filter, -O implies -V, -Q is quieter than -q, logging options are accepted; -T tabs, -S
  // and psml; a second -j/-J replaces the first with a warning.
  for (const char* a : {"-c 2 tcp.flags.syn==1", "-c 1 -O tcp", "-Q", "-q -c 1",
                        "--log-level warning -c 1", "--temp-dir /tmp -c 1", "-c 1 -x --hexdump frames",
                        "-c 2 --hexdump delimit", "-c 2 --hexdump noascii", "-c ' 2'", "-c +2",
                        "-Tfields -eip.src -c1", "-c 2 -T tabs", "-c 2 -T tabs -V -P -S ---",
                        "-c 2 -V -S ---", "-c 2 -x -P -S ---", "-c 1 -T tabs -x", "-c 2 -T psml",
                        "-c 1 -T psml -V -P", "-c 1 -T json -j 'ip tcp' -J frame",
                        "-c 1 -T ek -J ip -j tcp", "-c 1 -T fields -e ip.src -e ip.src -e ip.dst",
                        "-c 1 -T json -e ip.src -e ip.dst -e ip.src", "-c 3 -T psml --color",
                        "-c 2 --color"})
    expect_same("-r " + kCapture + " " + a);
}

TEST(OptionErrors, FilesAsTshark) {
  std::string empty = (std::filesystem::temp_directory_path() / "netsift-empty.pcap").string();
  std::FILE* f = std::fopen(empty.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fclose(f);
  expect_same("-r " + shell_quote(empty));
  expect_same("-r /nonexistent/file.pcap");
  expect_same("-r /tmp");
  expect_same("-r " + kCapture + " -w /nonexistent-dir/x.pcapng");
  std::filesystem::remove(empty);
}

TEST(OptionErrors, UnknownOptionsAndMissingArgumentsAsTshark) {
  // The usage text that follows is each program's own: the first line and the status are compared.
  for (const char* a : {"-k", "-kq", "--foo", "-c", "-T", "-Y", "-e", "--no-duplicate-keys=x"})
    expect_same("-r " + kCapture + " " + a, true);
}

TEST(OptionErrors, UnsupportedOptionsNamedAndRefused) {
  for (const char* a : {"-X lua_script:x.lua", "-K keytab", "-U tap", "-W n", "-M 5",
                        "--enable-protocol tcp", "--disable-protocol tcp"}) {
    test::CommandResult r =
        run_command(std::string(NETSIFT_BINARY) + " -r " + kCapture + " " + a + " 2>&1");
    EXPECT_EQ(r.status, 1) << a;
    std::string option = std::string(a).substr(0, std::string(a).find(' '));
    EXPECT_EQ(r.out.rfind("netsift: " + option + ": ", 0), 0u) << a << ": " << r.out;
  }
}

}  // namespace
}  // namespace netsift
