// Live capture on loopback through libpcap: -f with -c, -a duration, -b ring buffer, and
// SIGINT leaving a valid -w file. Needs root (capturing needs CAP_NET_RAW).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "live_test_util.h"

namespace netsift::test {
namespace {

class LiveCapture : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "live capture needs root";
    port_ = free_port(SOCK_DGRAM);
    dir_ = make_temp_dir();
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  // Sends datagrams every 100 ms until the child exits or `max` were sent.
  void feed_until_exit(Child& c, int max, size_t payload = 32) {
    for (int i = 0; i < max && !c.exited(); ++i) {
      send_udp(port_, payload);
      ::usleep(100000);
    }
  }
  std::string filter() const { return "udp port " + std::to_string(port_); }
  int port_ = 0;
  std::string dir_;
};

TEST_F(LiveCapture, CaptureFilterAndCount) {
  Child c({NETSIFT_BINARY, "-i", "lo", "-f", filter(), "-c", "2"});
  feed_until_exit(c, 100);
  ProcessResult r = c.wait(5000);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  for (const auto& l : lines) EXPECT_NE(l.find("UDP"), std::string::npos) << l;
  EXPECT_NE(r.err.find("Capturing on 'Loopback: lo'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("2 packets captured"), std::string::npos) << r.err;
}

TEST_F(LiveCapture, AutostopAfterDuration) {
  auto start = std::chrono::steady_clock::now();
  ProcessResult r =
      run_process({NETSIFT_BINARY, "-i", "lo", "-f", filter(), "-a", "duration:2"}, 15000);
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GE(took, std::chrono::milliseconds(1900));
  EXPECT_LT(took, std::chrono::seconds(8));
  EXPECT_NE(r.err.find("0 packets captured"), std::string::npos) << r.err;
}

TEST_F(LiveCapture, RingBufferRotatesIntoValidFiles) {
  std::string base = dir_ + "/ring.pcapng";
  Child c({NETSIFT_BINARY, "-i", "lo", "-f", filter(), "-w", base, "-b", "filesize:1", "-b",
           "files:3", "-c", "12"});
  feed_until_exit(c, 150, 400);
  ProcessResult r = c.wait(5000);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir_))
    files.push_back(e.path().filename().string());
  std::sort(files.begin(), files.end());
  ASSERT_EQ(files.size(), 3u);  // older files were removed: only the newest three are kept
  for (const auto& f : files) {
    // dumpcap's naming: PREFIX_NNNNN_YYYYMMDDhhmmss.EXT
    EXPECT_EQ(f.rfind("ring_", 0), 0u) << f;
    EXPECT_EQ(f.size(), std::string("ring_00001_20240101120000.pcapng").size()) << f;
    EXPECT_GT(tshark_frame_count(dir_ + "/" + f), 0) << f;
  }
  EXPECT_NE(files.back().find("_0000"), std::string::npos);
  EXPECT_GT(std::stoi(files.back().substr(5, 5)), 3);
}

TEST_F(LiveCapture, SigintLeavesValidFile) {
  std::string out = dir_ + "/sigint.pcapng";
  Child c({NETSIFT_BINARY, "-i", "lo", "-f", filter(), "-w", out});
  for (int i = 0; i < 15; ++i) {
    send_udp(port_);
    ::usleep(100000);
  }
  ASSERT_FALSE(c.exited());
  ::kill(c.pid(), SIGINT);
  ProcessResult r = c.wait(5000);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("packets captured"), std::string::npos) << r.err;
  EXPECT_GT(tshark_frame_count(out), 0);
}

TEST(InterfaceList, ListsLoopbackAsDumpcapDoes) {
  ProcessResult r = run_process({NETSIFT_BINARY, "-D"}, 10000);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(". lo (Loopback)\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.rfind("1. ", 0), 0u) << r.out;
}

TEST(InterfaceList, LinkTypesOfLoopback) {
  if (::geteuid() != 0) GTEST_SKIP() << "opening an interface needs root";
  ProcessResult r = run_process({NETSIFT_BINARY, "-L", "-i", "lo"}, 10000);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Data link types of interface lo (use option -y to set):\n  EN10MB (Ethernet)\n");
}

}  // namespace
}  // namespace netsift::test
