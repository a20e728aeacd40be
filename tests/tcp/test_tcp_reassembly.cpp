// TCP desegmentation with DNS over TCP as the upper protocol: a hand-built query, length prefix
// included, split over three segments is dissected in the frame that completes it, and the
// earlier frames are "[TCP segment of a reassembled PDU]" as tshark shows them.
#include <gtest/gtest.h>

#include <string>

#include "analysis/tcp_reassembly.h"
#include "dissected.h"

namespace netsift::test {
namespace {

constexpr uint16_t kSyn = 0x002, kAck = 0x010, kPsh = 0x008;
constexpr uint32_t kClientIsn = 1000, kServerIsn = 5000;

// Query 0x1234 for www.example.com A IN, preceded by its 2-byte length (33).
Bytes dns_query_over_tcp() {
  Bytes msg = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0};
  for (std::string label : {"www", "example", "com"}) {
    msg.push_back(static_cast<uint8_t>(label.size()));
    msg.insert(msg.end(), label.begin(), label.end());
  }
  msg.insert(msg.end(), {0, 0, 1, 0, 1});
  Bytes out = {0, static_cast<uint8_t>(msg.size())};
  out.insert(out.end(), msg.begin(), msg.end());
  return out;
}

Bytes slice(const Bytes& b, size_t from, size_t n) {
  return Bytes(b.begin() + from, b.begin() + from + n);
}

Bytes c2s(uint32_t rel_seq, uint16_t flags, const Bytes& pl = {}) {
  return ipv4_frame(
      6, tcp_header(40000, 53, kClientIsn + rel_seq, kServerIsn + 1, flags, 65535, {}, pl), 1, 2);
}

void handshake(Dissected& d) {
  d.next_at(0, ipv4_frame(6, tcp_header(40000, 53, kClientIsn, 0, kSyn, 65535), 1, 2));
  d.next_at(1, ipv4_frame(6, tcp_header(53, 40000, kServerIsn, kClientIsn + 1, kSyn | kAck, 65535),
                          2, 1));
  d.next_at(2, c2s(1, kAck));
}

TEST(TcpReassembly, DnsQuerySplitOverThreeSegments) {
  Bytes q = dns_query_over_tcp();
  ASSERT_EQ(q.size(), 35u);
  Dissected d(kLinkEthernet);
  handshake(d);

  d.next_at(3, c2s(1, kAck, slice(q, 0, 10)));  // frame 4
  EXPECT_NE(d.info().find("Len=10 [TCP segment of a reassembled PDU]"), std::string::npos);
  EXPECT_FALSE(d.has("dns.id"));
  EXPECT_FALSE(d.has("tcp.segment"));
  EXPECT_EQ(tcp_reassembly_buffered_bytes(), 10u);

  d.next_at(4, c2s(11, kAck, slice(q, 10, 15)));  // frame 5
  EXPECT_NE(d.info().find("[TCP segment of a reassembled PDU]"), std::string::npos);
  EXPECT_FALSE(d.has("dns.id"));

  d.next_at(5, c2s(26, kAck | kPsh, slice(q, 25, 10)));  // frame 6 completes the query
  EXPECT_EQ(d.info().find("TCP segment of a reassembled PDU"), std::string::npos);
  EXPECT_EQ(d.num("tcp.segment", 0), 4);
  EXPECT_EQ(d.num("tcp.segment", 1), 5);
  EXPECT_EQ(d.num("tcp.segment", 2), 6);
  EXPECT_EQ(d.num("tcp.segment.count"), 3);
  EXPECT_EQ(d.num("tcp.reassembled.length"), 35);
  EXPECT_EQ(d.num("tcp.pdu.size"), 35);
  EXPECT_EQ(d.num("dns.length"), 33);
  EXPECT_EQ(d.num("dns.id"), 0x1234);
  EXPECT_EQ(d.str("dns.qry.name"), "www.example.com");
  EXPECT_EQ(tcp_reassembly_buffered_bytes(), 0u);
}

// tshark 4.0 (tcp.reassemble_out_of_order FALSE) adds a segment after a capture gap to the
// pending PDU whose range it falls in, and completes the PDU when the hole is filled.
TEST(TcpReassembly, SegmentAfterAGapJoinsThePendingPdu) {
  Bytes q = dns_query_over_tcp();
  Dissected d(kLinkEthernet);
  handshake(d);
  d.next_at(3, c2s(1, kAck, slice(q, 0, 10)));
  d.next_at(4, c2s(21, kAck, slice(q, 20, 15)));  // bytes 10..19 not (yet) seen
  EXPECT_NE(d.info().find("[TCP segment of a reassembled PDU]"), std::string::npos);
  EXPECT_FALSE(d.has("dns.id"));
  EXPECT_EQ(tcp_reassembly_buffered_bytes(), 25u);
}

// The hole filled by a segment sequence analysis calls out-of-order (it comes within the
// iRTT): the PDU is whole in that frame, but tcp.no_subdissector_on_error (default TRUE)
// keeps DNS from it; without that preference DNS dissects it.
TEST(TcpReassembly, OutOfOrderSegmentCompletesThePdu) {
  Bytes q = dns_query_over_tcp();
  for (bool no_sub_on_error : {true, false}) {
    Dissected d(kLinkEthernet);
    if (!no_sub_on_error) d.session().prefs.set("tcp.no_subdissector_on_error", "FALSE");
    handshake(d);
    d.next_at(3, c2s(1, kAck, slice(q, 0, 10)));     // frame 4
    d.next_at(20, c2s(21, kAck, slice(q, 20, 15)));  // frame 5
    d.next_at(21, c2s(11, kAck, slice(q, 10, 10)));  // frame 6, 1 ms later: out of order
    EXPECT_TRUE(d.has("tcp.analysis.out_of_order"));
    EXPECT_EQ(d.num("tcp.segment.count"), 3);
    EXPECT_EQ(d.num("tcp.segment", 0), 4);  // by offset
    EXPECT_EQ(d.num("tcp.segment", 1), 6);
    EXPECT_EQ(d.num("tcp.segment", 2), 5);
    EXPECT_EQ(d.num("tcp.reassembled.length"), 35);
    EXPECT_EQ(d.has("dns.id"), !no_sub_on_error);
    EXPECT_EQ(tcp_reassembly_buffered_bytes(), 0u);
  }
}

// A plain retransmission adds nothing: the PDU stays incomplete.
TEST(TcpReassembly, RetransmissionDoesNotFillTheHole) {
  Bytes q = dns_query_over_tcp();
  Dissected d(kLinkEthernet);
  handshake(d);
  d.next_at(3, c2s(1, kAck, slice(q, 0, 10)));
  d.next_at(20, c2s(21, kAck, slice(q, 20, 15)));
  d.next_at(400, c2s(11, kAck, slice(q, 10, 10)));  // long after: a retransmission
  EXPECT_TRUE(d.has("tcp.analysis.retransmission"));
  EXPECT_FALSE(d.has("tcp.segment"));
  EXPECT_FALSE(d.has("dns.id"));
  EXPECT_EQ(tcp_reassembly_buffered_bytes(), 25u);
}

// A segment inside a PDU already dissected (a keep-alive's byte) is tshark's reassembly error.
TEST(TcpReassembly, SegmentInsideADissectedPduIsAReassemblyError) {
  Bytes q = dns_query_over_tcp();
  Dissected d(kLinkEthernet);
  handshake(d);
  d.next_at(3, c2s(1, kAck, slice(q, 0, 10)));
  d.next_at(4, c2s(11, kAck, slice(q, 10, 25)));
  ASSERT_TRUE(d.has("dns.id"));
  d.next_at(5000, c2s(35, kAck, slice(q, 34, 1)));  // the last byte again, as a keep-alive
  EXPECT_TRUE(d.has("tcp.analysis.keep_alive"));
  EXPECT_NE(d.info().find("[Reassembly error, protocol TCP: New fragment overlaps old data "
                          "(retransmission?)]"),
            std::string::npos);
  EXPECT_TRUE(d.has("_ws.malformed.reassembly"));
  EXPECT_FALSE(d.has("data"));
}

TEST(TcpReassembly, WholeMessagesInOneSegmentNeedNoReassembly) {
  Bytes q = dns_query_over_tcp();
  Bytes two = q;
  two.insert(two.end(), q.begin(), q.end());
  Dissected d(kLinkEthernet);
  handshake(d);
  d.next_at(3, c2s(1, kAck | kPsh, two));
  EXPECT_EQ(d.num("tcp.pdu.size", 0), 35);
  EXPECT_EQ(d.num("tcp.pdu.size", 1), 35);
  EXPECT_FALSE(d.has("tcp.segment"));
  EXPECT_EQ(tcp_reassembly_buffered_bytes(), 0u);
}

}  // namespace
}  // namespace netsift::test
