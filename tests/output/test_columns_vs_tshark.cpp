// The summary columns against tshark: every -t time display and -u seconds display, and the
// columns as -T fields prints them (-e _ws.col.<title>), on captures with microsecond and
// nanosecond times, gaps of years, times going backwards and a display filter (for "dd").
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tshark_cache.h"

namespace netsift::test {
namespace {

// Captures whose other columns may still differ from tshark's (their -T fields columns are
// compared, without Protocol and Info).
const char* const kTimeCaptures[] = {
    "tls-decrypt/wiki-imap-ssl.pcapng",  // nanoseconds; a frame earlier than the one before
    "icmp/pcpp-IcmpPackets.pcap",        // years between frames
};
// A capture netsift summarises exactly as tshark: whole summary lines are compared.
const char* const kLineCapture = "tcp/wiki-tcp-4-times-close.pcap";

const char* const kTimeColumns =
    " -T fields -e _ws.col.No. -e _ws.col.Time -e _ws.col.Source -e _ws.col.Destination"
    " -e _ws.col.Length -e _ws.col.Unknown -e frame.number";

const char* const kTimeDisplays[] = {"a", "ad", "adoy", "d", "dd", "e", "r", "u", "ud", "udoy"};

struct Case {
  std::string name, args;
};
void PrintTo(const Case& c, std::ostream* os) {
  *os << c.args;
}

std::string read(const char* capture) {
  return "-r " + shell_quote(std::string(NETSIFT_CORPUS_DIR) + "/" + capture);
}

std::vector<Case> cases() {
  std::vector<Case> out;
  // -Y makes "dd" differ from "d".
  const std::string filter = " -Y 'frame.number != 2'";
  for (int i = 0; i < 2; ++i) {
    std::string tag = "fields" + std::to_string(i) + "_";
    for (const char* t : kTimeDisplays)
      out.push_back({tag + t, read(kTimeCaptures[i]) + " -t " + t + filter + kTimeColumns});
    for (const char* t : {"r", "d", "dd"})
      out.push_back(
          {tag + t + "_hms", read(kTimeCaptures[i]) + " -u hms -t " + t + filter + kTimeColumns});
  }
  // The summary line pads the Time column.
  for (const char* t : kTimeDisplays)
    out.push_back({std::string("line_") + t, read(kLineCapture) + " -t " + t + filter});
  out.push_back({"line_hms", read(kLineCapture) + " -u hms"});
  // Every column, quoting and occurrence options apply to columns too.
  out.push_back({"all_columns_quoted",
                 read(kLineCapture) +
                     " -T fields -E quote=d -E occurrence=f -e _ws.col.Protocol -e _ws.col.Info"
                     " -e _ws.col.Time -e _ws.col.No."});
  return out;
}

class ColumnsVsTshark : public ::testing::TestWithParam<Case> {};

TEST_P(ColumnsVsTshark, SameOutput) {
  // Local time must not depend on the machine running the tests.
  const std::string env = "TZ=Asia/Kolkata ";
  const std::string& args = GetParam().args;
  CommandResult tshark = shell_cached(env + "tshark " + args + " 2>/dev/null");
  CommandResult ours = run_command(env + NETSIFT_BINARY + " " + args + " 2>/dev/null");
  ASSERT_FALSE(tshark.out.empty());
  EXPECT_EQ(ours.status, tshark.status);
  EXPECT_EQ(ours.out, tshark.out);
}

INSTANTIATE_TEST_SUITE_P(Corpus, ColumnsVsTshark, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return info.param.name; });

TEST(ColumnsVsTshark, BadTimeOptionsRejectedAsTshark) {
  for (const char* bad : {"-t x", "-t A", "-u x"}) {
    std::string args = std::string(bad) + " " + read(kLineCapture);
    CommandResult tshark = shell_cached("tshark " + args + " >/dev/null 2>&1");
    CommandResult ours = run_command(std::string(NETSIFT_BINARY) + " " + args + " >/dev/null 2>&1");
    EXPECT_EQ(ours.status, tshark.status) << bad;
    EXPECT_NE(ours.status, 0) << bad;
  }
}

}  // namespace
}  // namespace netsift::test
