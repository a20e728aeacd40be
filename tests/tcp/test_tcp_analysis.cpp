// tcp.analysis.* from hand-built segments: each case is a short exchange whose expected flags,
// numbers and Info prefixes follow tshark 4.0's rules (the corpus comparison checks real captures).
#include <gtest/gtest.h>

#include "dissected.h"

namespace netsift::test {
namespace {

constexpr uint16_t kSyn = 0x002, kAck = 0x010, kPsh = 0x008, kFin = 0x001;
constexpr uint32_t kClientIsn = 1000, kServerIsn = 5000;

Bytes data(size_t n) {
  return Bytes(n, 'x');
}

// Client (host 1, port 40000) to server (host 2, port 80) and back.
Bytes c2s(uint32_t rel_seq, uint32_t rel_ack, uint16_t flags, uint16_t win, const Bytes& pl = {}) {
  return ipv4_frame(
      6, tcp_header(40000, 80, kClientIsn + rel_seq, kServerIsn + rel_ack, flags, win, {}, pl), 1,
      2);
}
Bytes s2c(uint32_t rel_seq, uint32_t rel_ack, uint16_t flags, uint16_t win, const Bytes& pl = {}) {
  return ipv4_frame(
      6, tcp_header(80, 40000, kServerIsn + rel_seq, kClientIsn + rel_ack, flags, win, {}, pl), 2,
      1);
}

// SYN at 0 ms, SYN/ACK at 10 ms, ACK at 20 ms: iRTT 20 ms.
void handshake(Dissected& d) {
  d.next_at(0, ipv4_frame(6, tcp_header(40000, 80, kClientIsn, 0, kSyn, 65535), 1, 2));
  d.next_at(10, s2c(0, 1, kSyn | kAck, 65535));
  d.next_at(20, c2s(1, 1, kAck, 65535));
}

TEST(TcpAnalysis, HandshakeAcksAndInitialRtt) {
  Dissected d(kLinkEthernet);
  d.next_at(0, ipv4_frame(6, tcp_header(40000, 80, kClientIsn, 0, kSyn, 65535), 1, 2));
  EXPECT_FALSE(d.has("tcp.analysis.acks_frame"));
  EXPECT_EQ(d.str("_ws.expert.message"), "Connection establish request (SYN): server port 80");
  d.next_at(10, s2c(0, 1, kSyn | kAck, 65535));
  EXPECT_EQ(d.num("tcp.analysis.acks_frame"), 1);
  EXPECT_EQ(d.num("tcp.analysis.ack_rtt"), 10000000);
  EXPECT_FALSE(d.has("tcp.analysis.initial_rtt"));
  d.next_at(20, c2s(1, 1, kAck, 65535));
  EXPECT_EQ(d.num("tcp.analysis.acks_frame"), 2);
  EXPECT_EQ(d.num("tcp.analysis.initial_rtt"), 20000000);
}

TEST(TcpAnalysis, BytesInFlightAndPushBytes) {
  Dissected d(kLinkEthernet);
  handshake(d);
  d.next_at(30, c2s(1, 1, kAck, 65535, data(100)));
  EXPECT_EQ(d.num("tcp.analysis.bytes_in_flight"), 100);
  EXPECT_EQ(d.num("tcp.analysis.push_bytes_sent"), 100);
  d.next_at(31, c2s(101, 1, kAck | kPsh, 65535, data(50)));
  EXPECT_EQ(d.num("tcp.analysis.bytes_in_flight"), 150);
  EXPECT_EQ(d.num("tcp.analysis.push_bytes_sent"), 150);
  d.next_at(40, s2c(1, 101, kAck, 65535));  // acknowledges the first segment only
  EXPECT_EQ(d.num("tcp.analysis.acks_frame"), 4);
  d.next_at(41, c2s(151, 1, kAck, 65535, data(10)));
  EXPECT_EQ(d.num("tcp.analysis.bytes_in_flight"), 60);
  EXPECT_EQ(d.num("tcp.analysis.push_bytes_sent"), 10);  // counting restarts after a PSH
}

TEST(TcpAnalysis, RetransmissionWithRtoAndNoSubdissector) {
  Dissected d(kLinkEthernet);
  handshake(d);
  d.next_at(30, c2s(1, 1, kAck | kPsh, 65535, data(20)));
  d.next_at(330, c2s(1, 1, kAck | kPsh, 65535, data(20)));
  EXPECT_TRUE(d.has("tcp.analysis.retransmission"));
  EXPECT_EQ(d.num("tcp.analysis.rto"), 300000000);
  EXPECT_EQ(d.num("tcp.analysis.rto_frame"), 4);
  EXPECT_EQ(d.info().rfind("[TCP Retransmission] 40000 → 80 [PSH, ACK]", 0), 0u) << d.info();
  EXPECT_TRUE(d.has("tcp.segment_data"));
  EXPECT_FALSE(d.has("data.data"));
}

TEST(TcpAnalysis, DuplicateAcksAndFastRetransmission) {
  Dissected d(kLinkEthernet);
  handshake(d);
  d.next_at(30, c2s(1, 1, kAck, 65535, data(100)));    // 4
  d.next_at(31, c2s(101, 1, kAck, 65535, data(100)));  // 5: lost in the network
  d.next_at(32, c2s(201, 1, kAck, 65535, data(100)));  // 6
  d.next_at(40, s2c(1, 101, kAck, 65535));             // 7: acks 4
  d.next_at(41, s2c(1, 101, kAck, 65535));             // 8
  EXPECT_EQ(d.info().rfind("[TCP Dup ACK 7#1] ", 0), 0u) << d.info();
  EXPECT_EQ(d.num("tcp.analysis.duplicate_ack_num"), 1);
  EXPECT_EQ(d.num("tcp.analysis.duplicate_ack_frame"), 7);
  EXPECT_EQ(d.str("_ws.expert.message"), "Duplicate ACK (#1)");
  d.next_at(42, s2c(1, 101, kAck, 65535));  // 9
  EXPECT_EQ(d.info().rfind("[TCP Dup ACK 7#2] ", 0), 0u) << d.info();
  d.next_at(45, c2s(101, 1, kAck, 65535, data(100)));
  EXPECT_TRUE(d.has("tcp.analysis.fast_retransmission"));
  EXPECT_TRUE(d.has("tcp.analysis.retransmission"));
  EXPECT_EQ(d.info().rfind("[TCP Fast Retransmission] ", 0), 0u) << d.info();
}

TEST(TcpAnalysis, LostSegmentAndAckedUnseen) {
  Dissected d(kLinkEthernet);
  handshake(d);
  d.next_at(30, c2s(1, 1, kAck, 65535, data(100)));
  d.next_at(31, c2s(201, 1, kAck, 65535, data(100)));
  EXPECT_EQ(d.info().rfind("[TCP Previous segment not captured] ", 0), 0u) << d.info();
  EXPECT_TRUE(d.has("tcp.analysis.lost_segment"));
  d.next_at(40, s2c(1, 301, kAck, 65535));
  EXPECT_EQ(d.info().rfind("[TCP ACKed unseen segment] ", 0), 0u) << d.info();
}

TEST(TcpAnalysis, OutOfOrderWithinTheRtt) {
  Dissected d(kLinkEthernet);
  handshake(d);
  d.next_at(30, c2s(101, 1, kAck, 65535, data(100)));
  d.next_at(31, c2s(1, 1, kAck, 65535, data(100)));  // 1 ms later, iRTT is 20 ms
  EXPECT_TRUE(d.has("tcp.analysis.out_of_order"));
  EXPECT_EQ(d.info().rfind("[TCP Out-Of-Order] ", 0), 0u) << d.info();
}

TEST(TcpAnalysis, WindowUpdateZeroWindowAndKeepAlive) {
  Dissected d(kLinkEthernet);
  handshake(d);
  d.next_at(30, c2s(1, 1, kAck, 65535, data(10)));
  d.next_at(40, s2c(1, 11, kAck, 0));
  EXPECT_EQ(d.info().rfind("[TCP ZeroWindow] ", 0), 0u) << d.info();
  d.next_at(50, c2s(11, 1, kAck, 65535, data(1)));
  EXPECT_EQ(d.info().rfind("[TCP ZeroWindowProbe] ", 0), 0u) << d.info();
  d.next_at(60, s2c(1, 11, kAck, 0));
  EXPECT_TRUE(d.has("tcp.analysis.zero_window_probe_ack")) << d.info();
  d.next_at(70, s2c(1, 11, kAck, 8192));
  EXPECT_EQ(d.info().rfind("[TCP Window Update] ", 0), 0u) << d.info();
  d.next_at(1000, c2s(10, 1, kAck, 65535));
  EXPECT_EQ(d.info().rfind("[TCP Keep-Alive] ", 0), 0u) << d.info();
  d.next_at(1010, s2c(1, 11, kAck, 8192));
  EXPECT_EQ(d.info().rfind("[TCP Keep-Alive ACK] ", 0), 0u) << d.info();
}

TEST(TcpAnalysis, FinExperts) {
  Dissected d(kLinkEthernet);
  handshake(d);
  d.next_at(30, c2s(1, 1, kAck | kFin, 65535));
  EXPECT_EQ(d.str("_ws.expert.message"), "Connection finish (FIN)");
  EXPECT_TRUE(d.has("tcp.connection.fin_active"));
  d.next_at(40, s2c(1, 2, kAck | kFin, 65535));
  EXPECT_TRUE(d.has("tcp.connection.fin_passive"));
  EXPECT_EQ(d.num("tcp.analysis.acks_frame"), 4);
}

}  // namespace
}  // namespace netsift::test
