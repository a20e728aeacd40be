// TCP header fields, options and conversation state, from hand-built segments.
#include <gtest/gtest.h>

#include "dissected.h"

namespace netsift::test {
namespace {

constexpr uint16_t kSyn = 0x002, kAck = 0x010, kPsh = 0x008, kFin = 0x001;
// MSS 1460, NOP, WS 8, NOP, NOP, SACK permitted.
const Bytes kSynOptions = {2, 4, 0x05, 0xb4, 1, 3, 3, 8, 1, 1, 4, 2};
// MSS 1460, NOP, NOP, SACK permitted, NOP, WS 7.
const Bytes kSynAckOptions = {2, 4, 0x05, 0xb4, 1, 1, 4, 2, 1, 3, 3, 7};

TEST(Tcp, HandshakeRelativeNumbersAndScaledWindow) {
  Dissected d(kLinkEthernet);
  d.next_at(0,
            ipv4_frame(6, tcp_header(6711, 2000, 3714759466u, 0, kSyn, 64240, kSynOptions), 1, 2));
  EXPECT_EQ(d.info(), "6711 → 2000 [SYN] Seq=0 Win=64240 Len=0 MSS=1460 WS=256 SACK_PERM");
  EXPECT_EQ(d.num("tcp.stream"), 0);
  EXPECT_EQ(d.num("tcp.seq"), 0);
  EXPECT_EQ(d.num("tcp.seq_raw"), 3714759466u);
  EXPECT_EQ(d.num("tcp.nxtseq"), 1);
  EXPECT_EQ(d.num("tcp.options.mss_val"), 1460);
  EXPECT_EQ(d.num("tcp.options.wscale.multiplier"), 256);
  EXPECT_FALSE(d.has("tcp.window_size_scalefactor"));  // never shown on a SYN
  EXPECT_EQ(d.str("tcp.flags.str"), "··········S·");

  d.next_at(
      3, ipv4_frame(
             6, tcp_header(2000, 6711, 526373456u, 3714759467u, kSyn | kAck, 64240, kSynAckOptions),
             2, 1));
  EXPECT_EQ(d.info(),
            "2000 → 6711 [SYN, ACK] Seq=0 Ack=1 Win=64240 Len=0 MSS=1460 SACK_PERM WS=128");
  EXPECT_EQ(d.num("tcp.completeness"), 1);
  EXPECT_EQ(d.num("tcp.time_delta"), 3000000);

  d.next_at(4, ipv4_frame(6,
                          tcp_header(6711, 2000, 3714759467u, 526373457u, kAck | kPsh, 1026, {},
                                     {'h', 'i', '\n'}),
                          1, 2));
  EXPECT_EQ(d.info(), "6711 → 2000 [PSH, ACK] Seq=1 Ack=1 Win=262656 Len=3");
  EXPECT_EQ(d.num("tcp.window_size"), 262656);
  EXPECT_EQ(d.num("tcp.window_size_scalefactor"), 256);
  EXPECT_EQ(d.num("tcp.nxtseq"), 4);
  EXPECT_EQ(d.num("tcp.completeness"), 3);
  EXPECT_EQ(d.num("data.len"), 3);
}

TEST(Tcp, WithoutSynFirstSeenSequenceIsOneAndWindowUnscaled) {
  Dissected d(kLinkEthernet);
  d.next_at(0, ipv4_frame(6, tcp_header(80, 56730, 1000, 5000, kAck, 1460), 1, 2));
  EXPECT_EQ(d.num("tcp.seq"), 1);
  EXPECT_EQ(d.num("tcp.ack"), 1);
  EXPECT_EQ(d.num("tcp.window_size_scalefactor"), -1);
  EXPECT_EQ(d.num("tcp.window_size"), 1460);
}

TEST(Tcp, NewSynWithOtherIsnStartsNewStream) {
  Dissected d(kLinkEthernet);
  d.next_at(0, ipv4_frame(6, tcp_header(1234, 80, 100, 0, kSyn, 1000), 1, 2));
  d.next_at(0, ipv4_frame(6, tcp_header(1234, 80, 101, 1, kFin | kAck, 1000), 1, 2));
  d.next_at(0, ipv4_frame(6, tcp_header(1234, 80, 100, 0, kSyn, 1000), 1, 2));  // retransmission
  EXPECT_EQ(d.num("tcp.stream"), 0);
  d.next_at(0, ipv4_frame(6, tcp_header(1234, 80, 9000, 0, kSyn, 1000), 1, 2));
  EXPECT_EQ(d.num("tcp.stream"), 1);
  EXPECT_EQ(d.num("tcp.seq"), 0);
  EXPECT_EQ(d.session().tcp.streams(), 2u);
}

TEST(Tcp, FlagNamesAndLettersIncludeReservedAndAe) {
  Dissected d(kLinkEthernet);
  d.next_at(0, ipv4_frame(6, tcp_header(1000, 80, 100, 0, 0xf02, 1000), 1, 2));
  EXPECT_EQ(d.str("tcp.flags.str"), "RRRA······S·");
  EXPECT_EQ(d.info(), "1000 → 80 [SYN, AE, Reserved] Seq=0 Win=1000 Len=0");
}

TEST(Tcp, SackEdgesRelativeToPeerAndTimestamps) {
  Dissected d(kLinkEthernet);
  d.next_at(0, ipv4_frame(6, tcp_header(80, 9999, 5000, 700, kAck, 100), 2, 1));
  // Timestamps, then one SACK block 5001..6001: relative to the peer's first seen seq (5000 = 1).
  Bytes opts = {1, 1, 8, 10, 0, 0, 0,    7,    0, 0, 0,    9,
                1, 1, 5, 10, 0, 0, 0x13, 0x89, 0, 0, 0x17, 0x71};
  d.next_at(0, ipv4_frame(6, tcp_header(9999, 80, 700, 5000, kAck, 100, opts), 1, 2));
  EXPECT_EQ(d.info(), "9999 → 80 [ACK] Seq=1 Ack=1 Win=100 Len=0 TSval=7 TSecr=9 SLE=2 SRE=1002");
  EXPECT_EQ(d.num("tcp.options.sack.count"), 1);
}

TEST(Tcp, TruncatedHeaderIsFlaggedNotCrashed) {
  Dissected d(kLinkEthernet);
  Bytes t = tcp_header(1, 2, 3, 4, kAck, 5);
  t.resize(10);
  d.next_at(0, ipv4_frame(6, t, 1, 2));
  EXPECT_EQ(d.num("tcp.srcport"), 1);
}

}  // namespace
}  // namespace netsift::test
