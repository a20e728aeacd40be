// Scenario §5 (TCP internals) end to end on tests/fixtures/tcp-analysis.pcap, whose connections
// gen_fixtures.py builds with known ISNs and options: handshake flags, relative vs raw sequence
// numbers, ack = peer's seq + payload (+1 for SYN/FIN), MSS 1460, window scaling only when both
// sides offer it, bytes in flight vs segment length. Every value netsift prints must equal
// tshark's, and the spec-derived ones are asserted directly as well.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "tshark_cache.h"

namespace netsift::test {
namespace {

const std::string kFixture = std::string(NETSIFT_SOURCE_DIR) + "/tests/fixtures/tcp-analysis.pcap";
const char* const kFields[] = {"frame.number",
                               "tcp.stream",
                               "tcp.flags",
                               "tcp.flags.syn",
                               "tcp.flags.ack",
                               "tcp.seq",
                               "tcp.seq_raw",
                               "tcp.ack",
                               "tcp.ack_raw",
                               "tcp.len",
                               "tcp.nxtseq",
                               "tcp.options.mss_val",
                               "tcp.window_size_scalefactor",
                               "tcp.window_size",
                               "tcp.analysis.bytes_in_flight"};
enum {
  kFrame,
  kStream,
  kFlags,
  kSyn,
  kAckFlag,
  kSeq,
  kSeqRaw,
  kAck,
  kAckRaw,
  kLen,
  kNxtSeq,
  kMss,
  kScale,
  kWindow,
  kInFlight
};

std::string field_args() {
  std::string a = "-r " + shell_quote(kFixture) + " -Y tcp -T fields";
  for (const char* f : kFields) a += std::string(" -e ") + f;
  return a;
}

std::vector<std::vector<std::string>> rows(const std::string& out) {
  std::vector<std::vector<std::string>> r;
  for (const std::string& line : split_lines(out)) r.push_back(split_tabs(line));
  return r;
}

class TcpInternals : public ::testing::Test {
 protected:
  void SetUp() override {
    tshark_ = rows(tshark_cached(field_args()));
    ours_ = rows(run_command(std::string(NETSIFT_BINARY) + " " + field_args()).out);
    ASSERT_GT(tshark_.size(), 40u);
  }
  std::vector<std::vector<std::string>> tshark_, ours_;
};

TEST_F(TcpInternals, EveryValueAsTshark) {
  EXPECT_EQ(ours_, tshark_);
}

TEST_F(TcpInternals, HandshakeFlagsAndNumbers) {
  ASSERT_GE(ours_.size(), 3u);
  // SYN, SYN/ACK, ACK (flag bits 0x002, 0x012, 0x010).
  EXPECT_EQ(ours_[0][kFlags], "0x0002");
  EXPECT_EQ(ours_[1][kFlags], "0x0012");
  EXPECT_EQ(ours_[2][kFlags], "0x0010");
  // Relative numbers start at 0; the raw ones are the generator's ISNs.
  EXPECT_EQ(ours_[0][kSeq], "0");
  EXPECT_EQ(ours_[0][kSeqRaw], std::to_string(0x10000000u));
  EXPECT_EQ(ours_[1][kSeqRaw], std::to_string(0x20000000u));
  // The SYN counts as one: the SYN/ACK acknowledges ISN + 1, relative 1.
  EXPECT_EQ(ours_[1][kAck], "1");
  EXPECT_EQ(ours_[1][kAckRaw], std::to_string(0x10000001u));
  EXPECT_EQ(ours_[0][kMss], "1460");
  EXPECT_EQ(ours_[1][kMss], "1460");
}

TEST_F(TcpInternals, NextSequenceIsSeqPlusLengthPlusSynFin) {
  for (const auto& r : ours_) {
    uint64_t flags = std::stoul(r[kFlags], nullptr, 16);
    uint64_t expect = std::stoul(r[kSeq]) + std::stoul(r[kLen]) + ((flags & 0x2) ? 1 : 0) +
                      ((flags & 0x1) ? 1 : 0);
    EXPECT_EQ(std::stoul(r[kNxtSeq]), expect) << "frame " << r[kFrame];
  }
}

TEST_F(TcpInternals, WindowScalingNeedsBothSides) {
  for (const auto& r : ours_) {
    if (r[kSyn] == "1" || r[kScale].empty()) continue;
    // Stream 2: only the server offered scaling, so none is used (-2); elsewhere both offered
    // shift 7 (factor 128).
    EXPECT_EQ(r[kScale], r[kStream] == "2" ? "-2" : "128") << "frame " << r[kFrame];
  }
}

TEST_F(TcpInternals, BytesInFlightVersusSegmentLength) {
  // Frames 7 and 8 of stream 0: two unacknowledged 1000-byte segments in a row.
  ASSERT_GE(ours_.size(), 8u);
  EXPECT_EQ(ours_[6][kLen], "1000");
  EXPECT_EQ(ours_[6][kInFlight], "1000");
  EXPECT_EQ(ours_[7][kLen], "1000");
  EXPECT_EQ(ours_[7][kInFlight], "2000");
}

}  // namespace
}  // namespace netsift::test
