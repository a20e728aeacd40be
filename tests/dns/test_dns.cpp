// DNS messages built byte by byte, dissected over UDP, and checked field by field against what
// tshark 4.0 shows for the same bytes.
#include <gtest/gtest.h>

#include "dissected.h"

namespace netsift::test {
namespace {

// Header: id, flags, one question, `answers` answers, no authority/additional records.
Bytes header(uint16_t id, uint16_t flags, uint16_t questions, uint16_t answers) {
  return {static_cast<uint8_t>(id >> 8),
          static_cast<uint8_t>(id),
          static_cast<uint8_t>(flags >> 8),
          static_cast<uint8_t>(flags),
          0,
          static_cast<uint8_t>(questions),
          0,
          static_cast<uint8_t>(answers),
          0,
          0,
          0,
          0};
}

void append(Bytes& b, const Bytes& more) {
  b.insert(b.end(), more.begin(), more.end());
}

// example.com, type A, class IN (the name starts at offset 12, for compression pointers).
const Bytes kQuestion = {7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0, 0, 1, 0, 1};

Bytes udp_dns(uint16_t sport, uint16_t dport, const Bytes& msg, uint8_t src, uint8_t dst) {
  return ipv4_frame(17, udp_header(sport, dport, static_cast<uint16_t>(8 + msg.size()), msg), src,
                    dst);
}

TEST(Dns, QueryAndCompressedAnswer) {
  Dissected d(kLinkEthernet);
  Bytes q = header(0x1234, 0x0100, 1, 0);
  append(q, kQuestion);
  d.next_at(0, udp_dns(40000, 53, q, 1, 2));
  EXPECT_EQ(d.info(), "Standard query 0x1234 A example.com");
  EXPECT_EQ(d.num("dns.id"), 0x1234);
  EXPECT_EQ(d.str("dns.qry.name"), "example.com");
  EXPECT_EQ(d.num("dns.qry.name.len"), 11);
  EXPECT_EQ(d.num("dns.count.labels"), 2);
  EXPECT_EQ(d.num("dns.flags.recdesired"), 1);
  EXPECT_FALSE(d.has("dns.response_to"));

  Bytes r = header(0x1234, 0x8180, 1, 1);
  append(r, kQuestion);
  // Answer: pointer to offset 12, A IN, TTL 300, 1.2.3.4.
  append(r, {0xc0, 12, 0, 1, 0, 1, 0, 0, 1, 0x2c, 0, 4, 1, 2, 3, 4});
  d.next_at(25, udp_dns(53, 40000, r, 2, 1));
  EXPECT_EQ(d.info(), "Standard query response 0x1234 A example.com A 1.2.3.4");
  EXPECT_EQ(d.str("dns.resp.name"), "example.com");
  EXPECT_EQ(d.num("dns.resp.ttl"), 300);
  EXPECT_EQ(d.num("dns.a"), 0x01020304);
  EXPECT_EQ(d.num("dns.response_to"), 1);
  EXPECT_EQ(d.num("dns.time"), 25'000'000);
}

TEST(Dns, RcodeInInfo) {
  Dissected d(kLinkEthernet);
  Bytes r = header(0x0b61, 0x8183, 1, 0);
  append(r, kQuestion);
  d.next_at(0, udp_dns(53, 40000, r, 2, 1));
  EXPECT_EQ(d.info(), "Standard query response 0x0b61 No such name A example.com");
  EXPECT_EQ(d.num("dns.flags.rcode"), 3);
  EXPECT_EQ(d.num("dns.unsolicited"), 1);
}

TEST(Dns, MdnsQuestionAndCacheFlush) {
  Dissected d(kLinkEthernet);
  Bytes q = header(0, 0x8400, 1, 1);
  Bytes question = kQuestion;
  question[15] |= 0x80;  // QU
  append(q, question);
  append(q, {0xc0, 12, 0, 1, 0x80, 1, 0, 0, 0, 120, 0, 4, 10, 0, 0, 2});
  d.next_at(0, udp_dns(5353, 5353, q, 1, 251));
  EXPECT_EQ(d.info(),
            "Standard query response 0x0000 A example.com, \"QU\" question A, cache flush "
            "10.0.0.2");
  EXPECT_EQ(d.num("dns.qry.qu"), 1);
  EXPECT_EQ(d.num("dns.resp.cache_flush"), 1);
}

TEST(Dns, PointerLoopIsBounded) {
  Dissected d(kLinkEthernet);
  Bytes q = header(1, 0x0100, 1, 0);
  append(q, {0xc0, 12, 0, 1, 0, 1});  // the name points at itself
  d.next_at(0, udp_dns(40000, 53, q, 1, 2));
  EXPECT_EQ(d.str("dns.qry.name"), "<Name contains a pointer that loops>");
}

TEST(Dns, NameTooLong) {
  Dissected d(kLinkEthernet);
  Bytes q = header(1, 0x0100, 1, 0);
  for (int i = 0; i < 5; ++i) {
    q.push_back(63);
    q.insert(q.end(), 63, 'a');
  }
  append(q, {0, 0, 1, 0, 1});
  d.next_at(0, udp_dns(40000, 53, q, 1, 2));
  EXPECT_EQ(d.str("dns.qry.name"), "<Name too long>");
  EXPECT_EQ(d.num("dns.qry.name.len"), 15);
}

TEST(Dns, SrvOwnerNameIsSplit) {
  Dissected d(kLinkEthernet);
  Bytes r = header(7, 0x8400, 0, 1);
  append(r, {4, '_', 'l', 'd', 'p', 4, '_', 't', 'c', 'p', 5, 'l', 'o', 'c', 'a', 'l', 0});
  append(r, {0, 33, 0, 1, 0, 0, 0, 60, 0, 9, 0, 0, 0, 5, 0x01, 0x85, 1, 'h', 0});
  d.next_at(0, udp_dns(53, 40000, r, 2, 1));
  EXPECT_EQ(d.str("dns.srv.service"), "_ldp");
  EXPECT_EQ(d.str("dns.srv.proto"), "_tcp");
  EXPECT_EQ(d.str("dns.srv.name"), "local");
  EXPECT_EQ(d.num("dns.srv.port"), 389);
  EXPECT_EQ(d.str("dns.srv.target"), "h");
  EXPECT_EQ(d.info(), "Standard query response 0x0007 SRV 0 5 389 h");
}

TEST(Dns, TruncatedRecordIsMalformed) {
  Dissected d(kLinkEthernet);
  Bytes r = header(9, 0x8180, 1, 1);
  append(r, kQuestion);
  append(r, {0xc0, 12, 0, 1, 0, 1, 0, 0, 1, 0x2c, 0, 4, 1, 2});  // 2 of 4 address bytes
  d.next_at(0, udp_dns(53, 40000, r, 2, 1));
  EXPECT_NE(d.info().find("[Malformed Packet]"), std::string::npos);
}

}  // namespace
}  // namespace netsift::test
