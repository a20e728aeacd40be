// ICMP and ICMPv6: types, echo matching as tshark does it in one pass, quoted error packets.
#include <gtest/gtest.h>

#include "core/captured_frame.h"
#include "core/field_registry.h"
#include "dissected.h"
#include "l3_packets.h"

namespace netsift::test {
namespace {

Bytes echo_frame(uint8_t type, bool reverse, uint16_t seq) {
  Ipv4Spec s;
  s.proto = 1;
  if (reverse) std::swap(s.src, s.dst);
  Bytes rest = {0x04, 0xca, static_cast<uint8_t>(seq >> 8), static_cast<uint8_t>(seq)};
  rest = rest + Bytes{'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'};
  return ether(0x0800, ipv4(s, icmp(type, 0, rest)));
}

TEST(Icmp, EchoReplyFindsRequestInOnePass) {
  Dissected d(kLinkEthernet, echo_frame(8, false, 1));
  EXPECT_EQ(d.uint("icmp.type"), 8u);
  EXPECT_EQ(d.uint("icmp.checksum.status"), 1u);
  EXPECT_EQ(d.uint("icmp.ident"), 0x04cau);
  EXPECT_EQ(d.uint("icmp.ident_le"), 0xca04u);
  EXPECT_EQ(d.uint("icmp.seq"), 1u);
  EXPECT_EQ(d.uint("icmp.seq_le"), 256u);
  EXPECT_EQ(d.packet().cols.info, "Echo (ping) request  id=0x04ca, seq=1/256, ttl=64");
  EXPECT_FALSE(d.has("icmp.resp_in"));  // needs a second pass in tshark too
  EXPECT_EQ(d.protocols(), "eth:ethertype:ip:icmp:data");

  d.next(echo_frame(0, true, 1));
  EXPECT_EQ(d.uint("icmp.resp_to"), 1u);
  EXPECT_TRUE(d.has("icmp.resptime"));
  EXPECT_EQ(d.packet().cols.info,
            "Echo (ping) reply    id=0x04ca, seq=1/256, ttl=64 (request in 1)");

  d.next(echo_frame(0, true, 2));  // no request with this sequence number
  EXPECT_FALSE(d.has("icmp.resp_to"));
}

TEST(Icmp, PingTimestampInData) {
  Ipv4Spec s;
  s.proto = 1;
  // Frame time is 1001 s (see Dissected); the data carries 1000 s, 5 us in little endian.
  Bytes rest = {0, 1, 0, 1, 0xe8, 0x03, 0, 0, 5, 0, 0, 0, 0xaa, 0xbb};
  Dissected d(kLinkEthernet, ether(0x0800, ipv4(s, icmp(8, 0, rest))));
  ASSERT_TRUE(d.has("icmp.data_time"));
  EXPECT_EQ(d.packet().tree[d.packet().tree.find(registry().find("icmp.data_time"))].value.i,
            1000000005000LL);
  EXPECT_EQ(d.uint("data.len"), 2u);
}

TEST(Icmp, UnreachableQuotesPacketKeepingOuterAddresses) {
  Ipv4Spec inner;
  inner.proto = 17;
  std::swap(inner.src, inner.dst);
  Bytes udp = {0x00, 0x35, 0xe7, 0x47, 0x00, 0x10, 0x00, 0x00};
  Bytes quoted = ipv4(inner, udp + Bytes(8, 0x41));
  Ipv4Spec outer;
  outer.proto = 1;
  outer.ttl = 128;
  Dissected d(kLinkEthernet, ether(0x0800, ipv4(outer, icmp(3, 3, Bytes{0, 0, 0, 0} + quoted))));
  EXPECT_EQ(d.packet().cols.info, "Destination unreachable (Port unreachable)");
  EXPECT_EQ(d.packet().cols.protocol, "ICMP");
  EXPECT_EQ(d.count("ip.src"), 2);
  EXPECT_EQ(d.uint("ip.ttl", 0), 128u);
  EXPECT_EQ(d.packet().src, Address::ipv4(outer.src));
  EXPECT_EQ(d.packet().net_dst, Address::ipv4(outer.dst));
  EXPECT_NE(d.protocols().find("ip:icmp:ip"), std::string::npos);
}

TEST(Icmp, TruncatedMessageIsNotVerified) {
  Ipv4Spec s;
  s.proto = 1;
  Bytes f = ether(0x0800, ipv4(s, icmp(8, 0, Bytes(20, 1))));
  f.resize(f.size() - 4);
  Dissected d(kLinkEthernet, f, static_cast<uint32_t>(f.size() + 4));
  EXPECT_EQ(d.uint("icmp.checksum.status"), 2u);
}

const uint8_t kLinkLocal[16] = {0xfe, 0x80, 0,    0,    0,    0,    0,    0,
                                0x02, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55};
const uint8_t kSolicited[16] = {0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, 0x33, 0x44, 0x55};

TEST(Icmpv6, NeighborSolicitationWithSourceLinkLayerAddress) {
  Bytes rest = Bytes{0, 0, 0, 0} + Bytes(kLinkLocal, kLinkLocal + 16) +
               Bytes{1, 1, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55};
  Dissected d(kLinkEthernet,
              ether(0x86dd, ipv6(58, kLinkLocal, kSolicited,
                                 icmpv6(135, 0, rest, kLinkLocal, kSolicited), 255)));
  EXPECT_EQ(d.uint("icmpv6.type"), 135u);
  EXPECT_EQ(d.uint("icmpv6.checksum.status"), 1u);
  EXPECT_EQ(d.bytes("icmpv6.nd.ns.target_address"), "fe80000000000000021122fffe334455");
  EXPECT_EQ(d.uint("icmpv6.opt.type"), 1u);
  EXPECT_EQ(d.bytes("icmpv6.opt.linkaddr"), "001122334455");
  EXPECT_EQ(d.packet().cols.info,
            "Neighbor Solicitation for fe80::211:22ff:fe33:4455 from 00:11:22:33:44:55");
  EXPECT_EQ(d.packet().cols.protocol, "ICMPv6");
}

TEST(Icmpv6, EchoMatching) {
  Bytes rest = {0x12, 0x34, 0x00, 0x07, 'x', 'y'};
  Dissected d(kLinkEthernet, ether(0x86dd, ipv6(58, kLinkLocal, kSolicited,
                                                icmpv6(128, 0, rest, kLinkLocal, kSolicited))));
  EXPECT_EQ(d.uint("icmpv6.echo.identifier"), 0x1234u);
  EXPECT_EQ(d.uint("icmpv6.echo.sequence_number"), 7u);
  EXPECT_EQ(d.packet().cols.info, "Echo (ping) request id=0x1234, seq=7, hop limit=64");
  d.next(ether(0x86dd,
               ipv6(58, kSolicited, kLinkLocal, icmpv6(129, 0, rest, kSolicited, kLinkLocal))));
  EXPECT_EQ(d.uint("icmpv6.resp_to"), 1u);
  EXPECT_EQ(d.packet().cols.info,
            "Echo (ping) reply id=0x1234, seq=7, hop limit=64 (request in 1)");
}

TEST(Icmpv6, PacketTooBigQuotesIpv6) {
  Bytes quoted = ipv6(253, kSolicited, kLinkLocal, Bytes(16, 0));
  Bytes rest = Bytes{0, 0, 0x05, 0x00} + quoted;
  Dissected d(kLinkEthernet, ether(0x86dd, ipv6(58, kLinkLocal, kSolicited,
                                                icmpv6(2, 0, rest, kLinkLocal, kSolicited))));
  EXPECT_EQ(d.uint("icmpv6.mtu"), 1280u);
  EXPECT_EQ(d.count("ipv6.src"), 2);
  EXPECT_EQ(d.packet().cols.info, "Packet Too Big");
  EXPECT_EQ(d.packet().src, Address::ipv6(kLinkLocal));
}

}  // namespace
}  // namespace netsift::test
