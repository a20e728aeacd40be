// A packet written into a pipe is printed before the next one is written: netsift never waits
// for end of input or for a buffer to fill. Also SIGINT while blocked on a quiet pipe.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "live_test_util.h"
#include "test_names.h"

namespace netsift::test {
namespace {

void put_le32(std::vector<uint8_t>& b, uint32_t v) {
  for (int i = 0; i < 4; ++i) b.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

std::vector<uint8_t> pcap_header() {
  std::vector<uint8_t> b;
  put_le32(b, 0xa1b2c3d4);
  b.insert(b.end(), {2, 0, 4, 0});  // version 2.4
  put_le32(b, 0);                   // thiszone
  put_le32(b, 0);                   // sigfigs
  put_le32(b, 65535);               // snaplen
  put_le32(b, 1);                   // Ethernet
  return b;
}

// One Ethernet/IPv4/UDP datagram 10.0.0.1:1000 -> 10.0.0.2:2000 with 4 payload bytes.
std::vector<uint8_t> udp_record(uint32_t sec) {
  std::vector<uint8_t> frame = {
      0,    1,    2,    3,    4, 5,  0, 1, 2,  3,  4, 6, 0x08, 0x00,                     // Ethernet
      0x45, 0,    0,    32,   0, 1,  0, 0, 64, 17, 0, 0, 10,   0,    0, 1, 10, 0, 0, 2,  // IPv4
      0x03, 0xe8, 0x07, 0xd0, 0, 12, 0, 0,                                               // UDP
      'p',  'i',  'n',  'g'};
  std::vector<uint8_t> rec;
  put_le32(rec, sec);
  put_le32(rec, 0);
  put_le32(rec, static_cast<uint32_t>(frame.size()));
  put_le32(rec, static_cast<uint32_t>(frame.size()));
  rec.insert(rec.end(), frame.begin(), frame.end());
  return rec;
}

void write_all(int fd, const std::vector<uint8_t>& b) {
  ASSERT_EQ(::write(fd, b.data(), b.size()), static_cast<ssize_t>(b.size()));
}

class PipeStreaming : public ::testing::TestWithParam<const char*> {};

TEST_P(PipeStreaming, EachPacketIsPrintedBeforeTheNextArrives) {
  Child c(
      {NETSIFT_BINARY, GetParam(), "-", "-T", "fields", "-e", "frame.number", "-e", "udp.dstport"},
      /*pipe_stdin=*/true);
  write_all(c.stdin_fd(), pcap_header());
  write_all(c.stdin_fd(), udp_record(1700000000));
  EXPECT_EQ(c.read_lines(1, 10000), "1\t2000\n");
  write_all(c.stdin_fd(), udp_record(1700000001));
  EXPECT_EQ(c.read_lines(2, 10000), "1\t2000\n2\t2000\n");
  c.close_stdin();
  ProcessResult r = c.wait(10000);
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

INSTANTIATE_TEST_SUITE_P(ReadAndInterface, PipeStreaming, ::testing::Values("-r", "-i"),
                         [](const auto& info) {
                           return std::string(info.param) == "-r" ? "Read" : "Interface";
                         });

// Every output mode prints the packet before the next one arrives.
class OutputModeStreaming
    : public ::testing::TestWithParam<std::pair<std::vector<std::string>, const char*>> {};

TEST_P(OutputModeStreaming, PacketAppearsWithoutWaitingForMore) {
  std::vector<std::string> args = {NETSIFT_BINARY, "-i", "-"};
  for (const auto& a : GetParam().first) args.push_back(a);
  Child c(args, /*pipe_stdin=*/true);
  write_all(c.stdin_fd(), pcap_header());
  write_all(c.stdin_fd(), udp_record(1700000000));
  EXPECT_NE(c.read_until(GetParam().second, 10000).find(GetParam().second), std::string::npos);
  c.close_stdin();
  EXPECT_EQ(c.wait(10000).exit_code, 0);
}

INSTANTIATE_TEST_SUITE_P(
    Modes, OutputModeStreaming,
    ::testing::Values(std::make_pair(std::vector<std::string>{"-V"}, "Destination Port: 2000"),
                      std::make_pair(std::vector<std::string>{"-T", "json"}, "\"udp.dstport\""),
                      std::make_pair(std::vector<std::string>{"-T", "ek"}, "udp_udp_dstport"),
                      std::make_pair(std::vector<std::string>{"-x"}, "ping"),
                      std::make_pair(std::vector<std::string>{}, "Len=4")),
    [](const auto& info) {
      std::string name;
      for (const std::string& a : info.param.first) name += a;
      return name.empty() ? std::string("Summary") : sanitized_name(name);
    });

TEST(PipeSignals, SigintWhileBlockedOnAQuietPipeStopsCleanly) {
  Child c({NETSIFT_BINARY, "-r", "-"}, /*pipe_stdin=*/true);
  write_all(c.stdin_fd(), pcap_header());
  write_all(c.stdin_fd(), udp_record(1700000000));
  ASSERT_NE(c.read_lines(1, 10000), "");
  ::kill(c.pid(), SIGINT);  // the pipe stays open: only the signal can end the read
  ProcessResult r = c.wait(10000);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

}  // namespace
}  // namespace netsift::test
