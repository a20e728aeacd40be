// IPv6 header, embedded address information and extension headers.
#include <gtest/gtest.h>

#include "core/captured_frame.h"
#include "dissected.h"
#include "l3_packets.h"

namespace netsift::test {
namespace {

const uint8_t kSrc[16] = {0x20, 0x01, 0x0d, 0xb8, 0,    0,    0,    0,
                          0x02, 0x1f, 0xf3, 0xff, 0xfe, 0xcd, 0xf6, 0x17};
const uint8_t kDst[16] = {0x20, 0x02, 0xc0, 0xa8, 0x01, 0x01, 0, 7, 0, 0, 0, 0, 0, 0, 0, 1};

TEST(Ipv6, HeaderFields) {
  Bytes b = ipv6(253, kSrc, kDst, {1, 2, 3});
  b[0] = 0x6b;  // traffic class 0xb8 (EF), flow label 0x12345
  b[1] = 0x81;
  b[2] = 0x23;
  b[3] = 0x45;
  Dissected d(kLinkEthernet, ether(0x86dd, b + Bytes(5, 0)));
  EXPECT_EQ(d.uint("ipv6.version"), 6u);
  EXPECT_EQ(d.uint("ipv6.tclass"), 0xb8u);
  EXPECT_EQ(d.uint("ipv6.tclass.dscp"), 46u);
  EXPECT_EQ(d.uint("ipv6.flow"), 0x12345u);
  EXPECT_EQ(d.uint("ipv6.plen"), 3u);
  EXPECT_EQ(d.uint("ipv6.nxt"), 253u);
  EXPECT_EQ(d.uint("ipv6.hlim"), 64u);
  EXPECT_EQ(d.str("ipv6.src_host"), "2001:db8::21f:f3ff:fecd:f617");
  EXPECT_EQ(d.count("ipv6.addr"), 2);
  EXPECT_EQ(d.uint("data.len"), 3u);  // the 5 trailing bytes are not IPv6 payload
  EXPECT_EQ(d.packet().cols.protocol, "IPv6");
}

TEST(Ipv6, EmbeddedAddressInformation) {
  Dissected d(kLinkEthernet, ether(0x86dd, ipv6(253, kSrc, kDst, {})));
  EXPECT_EQ(d.bytes("ipv6.src_slaac_mac"), "001ff3cdf617");
  EXPECT_EQ(d.bytes("ipv6.slaac_mac"), "001ff3cdf617");
  EXPECT_EQ(d.uint("ipv6.dst_6to4_gw_ipv4"), 0xc0a80101u);
  EXPECT_EQ(d.uint("ipv6.dst_6to4_sla_id"), 7u);
}

TEST(Ipv6, HopByHopAndDestinationOptions) {
  // Hop-by-hop: next = dstopts, router alert (MLD) + PadN(0); dstopts: next = 253, PadN(4).
  Bytes hop = {60, 0, 0x05, 0x02, 0x00, 0x00, 0x01, 0x00};
  Bytes dst = {253, 0, 0x01, 0x04, 0, 0, 0, 0};
  Dissected d(kLinkEthernet, ether(0x86dd, ipv6(0, kSrc, kDst, hop + dst + Bytes{9, 9})));
  EXPECT_EQ(d.protocols(), "eth:ethertype:ipv6:ipv6.hopopts:ipv6.dstopts:data");
  EXPECT_EQ(d.uint("ipv6.hopopts.nxt"), 60u);
  EXPECT_EQ(d.uint("ipv6.hopopts.len_oct"), 8u);
  EXPECT_EQ(d.uint("ipv6.opt.router_alert"), 0u);
  EXPECT_EQ(d.count("ipv6.opt.type"), 3);
  EXPECT_EQ(d.bytes("ipv6.opt.padn", 1), "00000000");
  EXPECT_EQ(d.uint("data.len"), 2u);
}

TEST(Ipv6, RoutingType0ChangesSummaryDestination) {
  Bytes rh = {253, 2, 0, 1, 0, 0, 0, 0};
  rh = rh + Bytes(kSrc, kSrc + 16);
  Dissected d(kLinkEthernet, ether(0x86dd, ipv6(43, kSrc, kDst, rh)));
  EXPECT_EQ(d.uint("ipv6.routing.type"), 0u);
  EXPECT_EQ(d.uint("ipv6.routing.segleft"), 1u);
  EXPECT_EQ(d.count("ipv6.routing.src.addr"), 1);
  EXPECT_EQ(d.packet().dst, Address::ipv6(kSrc));
  EXPECT_EQ(d.bytes("ipv6.dst"), "2002c0a8010100070000000000000001");  // the header's
}

TEST(Ipv6, OptionOverrunningItsHeaderIsMalformed) {
  Bytes dst = {253, 0, 0xca, 0x90, 0, 0, 0, 0};  // option length 144 in an 8-byte header
  Dissected d(kLinkEthernet, ether(0x86dd, ipv6(60, kSrc, kDst, dst + Bytes(200, 0))));
  EXPECT_TRUE(d.has("_ws.malformed"));
}

TEST(Ipv6, BogusVersionIsRejected) {
  Bytes b = ipv6(253, kSrc, kDst, {});
  b[0] = 0x00;
  Dissected d(kLinkEthernet, ether(0x86dd, b));
  EXPECT_TRUE(d.has("ipv6.bogus_ipv6_version"));
  EXPECT_FALSE(d.has("ipv6.src"));
}

}  // namespace
}  // namespace netsift::test
