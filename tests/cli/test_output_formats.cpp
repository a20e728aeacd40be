// Output options against tshark 4.0 beyond the option errors: -E occurrence with the -e fields
// of -T json, ek and pdml (tshark applies it there too; the aggregator only to -T fields), and
// -T ps (every line as tshark's PostScript putline, in a prologue of netsift's own).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "run_command.h"
#include "sanitizer_build.h"
#include "tshark_cache.h"

namespace netsift {
namespace {

using test::run_command;
using test::shell_cached;
using test::shell_quote;

std::string fixture(const char* name) {
  return shell_quote(std::string(NETSIFT_SOURCE_DIR) + "/tests/fixtures/" + name);
}

// Output and messages of `tool args | filter`, then the exit status: the program's name made
// neutral, PDML's time attribute (the time of the run) dropped.
std::string output(const std::string& tool, const std::string& args, const std::string& filter) {
  return "{ " + tool + " " + args + " 2>&1; echo \"exit $?\"; } | grep -v '^Running as user' | " +
         "sed -E 's/ time=\"[^\"]*\"//; s/\\b(tshark|netsift)\\b/PROG/g'" +
         (filter.empty() ? "" : " | " + filter);
}

void expect_same(const std::string& args, const std::string& filter = "") {
  std::string expected = shell_cached(output("tshark", args, filter)).out;
  std::string actual = run_command(output(NETSIFT_BINARY, args, filter)).out;
  EXPECT_EQ(actual, expected) << "args: " << args;
}

// tcp-handshake.pcap's SYNs carry two NOP options: -e tcp.options.nop has two values there.
TEST(OutputFormats, OccurrenceAppliesToJsonEkAndPdmlFields) {
  const std::string read = "-r " + fixture("tcp-handshake.pcap") +
                           " -e ip.src -e tcp.options.nop -e frame.number -e _ws.col.Info";
  // The sanitizer pass checks the selection code once per format (each run costs it a second).
  const std::vector<std::string> options =
      test::kSanitizerBuild
          ? std::vector<std::string>{"-E occurrence=l"}
          : std::vector<std::string>{"", "-E occurrence=f", "-E occurrence=l", "-E occurrence=a",
                                     "-E occurrence=l -E aggregator=/s",
                                     "-E aggregator=';' -E quote=d", "-E header=y -E separator=/s"};
  for (const char* type : {"json", "ek", "pdml"})
    for (const std::string& e : options) expect_same(read + " -T " + type + " " + e);
  // A name given twice: its values in its last place only, occurrence applied.
  expect_same(read + " -e tcp.options.nop -T json -E occurrence=f");
}

TEST(OutputFormats, BadFieldOptionsRefusedWhateverTheOutputType) {
  for (const char* a : {"-T json -E occurrence=1", "-T pdml -e ip.src -E occurrence=x",
                        "-T ek -E bom=maybe", "-E nosuch=y", "-T text -E aggregator="})
    expect_same("-r " + fixture("tcp-handshake.pcap") + " " + a);
}

// Every line tshark prints in PostScript (the prologue aside: netsift writes its own).
TEST(OutputFormats, PostScriptLinesAsTsharks) {
  const std::string lines = "grep -E '^([0-9]+ \\(.*\\) putline|exit [0-9]+)$'";
  // The sanitizer pass: one capture (its data and text items, tree and hex lines).
  const std::vector<std::string> captures =
      test::kSanitizerBuild ? std::vector<std::string>{"http-probe-8081.pcap"}
                            : std::vector<std::string>{"tcp-handshake.pcap", "http-probe-8081.pcap",
                                                       "dns-tcp-split.pcap"};
  for (const std::string& capture : captures)
    for (const char* args : {"", "-V", "-x", "-V -x", "-P -V", "-O tcp", "-V -S ---"})
      expect_same("-r " + fixture(capture.c_str()) + " -T ps " + args, lines);
}

TEST(OutputFormats, PostScriptDocument) {
  test::CommandResult r = run_command(std::string(NETSIFT_BINARY) + " -r " +
                                      fixture("tcp-handshake.pcap") + " -T ps -c 1");
  ASSERT_EQ(r.status, 0);
  EXPECT_EQ(r.out.rfind("%!PS-Adobe-2.0\n", 0), 0u);
  EXPECT_NE(r.out.find("/pagetitle ("), std::string::npos);
  EXPECT_NE(r.out.find("tcp-handshake.pcap - netsift "), std::string::npos);
  EXPECT_NE(r.out.find("/putline {"), std::string::npos);
  ASSERT_GE(r.out.size(), 7u);
  EXPECT_EQ(r.out.substr(r.out.size() - 6), "%%EOF\n");
}

}  // namespace
}  // namespace netsift
