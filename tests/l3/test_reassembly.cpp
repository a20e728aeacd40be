// Fragment reassembly: the reassembler's limits, and IPv4/IPv6 datagrams rebuilt in frames.
#include <gtest/gtest.h>

#include "analysis/ip_reassembly.h"
#include "core/captured_frame.h"
#include "dissected.h"
#include "l3_packets.h"

namespace netsift::test {
namespace {

FragmentKey key(uint32_t id) {
  uint8_t a[4] = {1, 2, 3, 4}, b[4] = {5, 6, 7, 8};
  return FragmentKey{Address::ipv4(a), Address::ipv4(b), id, 17};
}

TEST(Reassembler, CompletesOutOfOrder) {
  IpReassembler r;
  Bytes first(8, 1), second(4, 2);
  EXPECT_EQ(r.add(key(1), 1, 0, 8, false, second), nullptr);
  const ReassembledDatagram* dg = r.add(key(1), 2, 0, 0, true, first);
  ASSERT_NE(dg, nullptr);
  EXPECT_EQ(dg->length, 12u);
  ASSERT_EQ(dg->fragments.size(), 2u);
  EXPECT_EQ(dg->fragments[0].frame, 2u);  // listed by offset
  EXPECT_EQ(dg->data[8], 2);
  EXPECT_EQ(r.pending_datagrams(), 0u);
  EXPECT_EQ(r.buffered_bytes(), 0u);
}

TEST(Reassembler, FlagsConflictingOverlap) {
  IpReassembler r;
  r.add(key(1), 1, 0, 0, true, Bytes(8, 1));
  const ReassembledDatagram* dg = r.add(key(1), 2, 0, 4, false, Bytes(8, 2));
  ASSERT_NE(dg, nullptr);
  EXPECT_TRUE(dg->any_overlap);
  EXPECT_TRUE(dg->any_conflict);
  EXPECT_EQ(dg->data[5], 1);  // the first copy of overlapping bytes wins
}

TEST(Reassembler, DropsDatagramsOverThePerDatagramCap) {
  ReassemblyLimits limits;
  limits.max_datagram_bytes = 100;
  IpReassembler r(limits);
  EXPECT_EQ(r.add(key(1), 1, 0, 0, true, Bytes(64, 0)), nullptr);
  EXPECT_EQ(r.add(key(1), 2, 0, 64, false, Bytes(64, 0)), nullptr);
  EXPECT_EQ(r.pending_datagrams(), 0u);
}

TEST(Reassembler, ExpiresByFrameTimeAndRespectsTotalCap) {
  ReassemblyLimits limits;
  limits.timeout_ns = 10'000'000'000;
  limits.max_total_bytes = 1000;
  IpReassembler r(limits);
  r.add(key(1), 1, 0, 0, true, Bytes(100, 0));
  r.add(key(2), 2, 20'000'000'000, 0, true, Bytes(100, 0));  // key 1 is 20 s old by now
  EXPECT_EQ(r.pending_datagrams(), 1u);
  for (uint32_t id = 3; id < 40; ++id) r.add(key(id), id, 20'000'000'000, 0, true, Bytes(100, 0));
  EXPECT_LE(r.buffered_bytes(), 1100u);  // one datagram over at most, until the next add
}

TEST(Reassembly, Ipv4DatagramRebuiltInLastFragment) {
  Ipv4Spec s;
  s.proto = 1;
  Bytes message = icmp(8, 0, Bytes{0, 1, 0, 1} + Bytes(36, 0x61));  // 44 bytes
  s.flags_offset = 0x2000;                                          // MF, offset 0
  Bytes part1(message.begin(), message.begin() + 24);
  Dissected d(kLinkEthernet, ether(0x0800, ipv4(s, part1)));
  EXPECT_EQ(d.packet().cols.info, "Fragmented IP protocol (proto=ICMP 1, off=0, ID=1234)");
  EXPECT_EQ(d.protocols(), "eth:ethertype:ip:data");
  EXPECT_FALSE(d.has("ip.reassembled_in"));  // one pass: earlier fragments never learn it

  s.flags_offset = 3;  // offset 24 bytes, last
  d.next(ether(0x0800, ipv4(s, Bytes(message.begin() + 24, message.end()))));
  EXPECT_EQ(d.protocols(), "eth:ethertype:ip:icmp:data");
  EXPECT_EQ(d.uint("ip.frag_offset"), 3u);
  EXPECT_EQ(d.count("ip.fragment"), 2);
  EXPECT_EQ(d.uint("ip.fragment.count"), 2u);
  EXPECT_EQ(d.uint("ip.reassembled.length"), 44u);
  EXPECT_EQ(d.uint("icmp.checksum.status"), 1u);
  ASSERT_EQ(d.packet().sources.size(), 1u);
  EXPECT_STREQ(d.packet().sources[0].name, "Reassembled IPv4");
}

TEST(Reassembly, Ipv6FragmentHeader) {
  const uint8_t src[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  const uint8_t dst[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
  Bytes payload(24, 0x42);
  Bytes frag1 = {253, 0, 0x00, 0x01, 0, 0, 0, 9};  // offset 0, M
  Bytes frag2 = {253, 0, 0x00, 0x10, 0, 0, 0, 9};  // offset 16 bytes, last
  Dissected d(kLinkEthernet, ether(0x86dd, ipv6(44, src, dst, frag1 + Bytes(16, 0x42))));
  EXPECT_EQ(d.packet().cols.info, "IPv6 fragment (off=0 more=y ident=0x00000009 nxt=253)");
  EXPECT_EQ(d.uint("ipv6.fraghdr.more"), 1u);
  d.next(ether(0x86dd, ipv6(44, src, dst, frag2 + Bytes(8, 0x42))));
  EXPECT_EQ(d.uint("ipv6.fraghdr.offset"), 2u);
  EXPECT_EQ(d.uint("ipv6.reassembled.length"), 24u);
  EXPECT_EQ(d.count("ipv6.fragment"), 2);
  EXPECT_EQ(d.uint("data.len"), 24u);
}

}  // namespace
}  // namespace netsift::test
