// IPv4 header fields, options, bogus headers and payload length against the frame length.
#include <gtest/gtest.h>

#include "core/captured_frame.h"
#include "dissected.h"
#include "l3_packets.h"

namespace netsift::test {
namespace {

TEST(Ipv4, HeaderFieldsAsTshark) {
  Ipv4Spec s;
  s.tos = 0xb8;  // EF, Not-ECT
  Dissected d(kLinkEthernet, ether(0x0800, ipv4(s, {1, 2, 3, 4})));
  EXPECT_EQ(d.uint("ip.version"), 4u);
  EXPECT_EQ(d.uint("ip.hdr_len"), 20u);  // bytes, not words
  EXPECT_EQ(d.uint("ip.dsfield"), 0xb8u);
  EXPECT_EQ(d.uint("ip.dsfield.dscp"), 46u);
  EXPECT_EQ(d.uint("ip.dsfield.ecn"), 0u);
  EXPECT_EQ(d.uint("ip.len"), 24u);
  EXPECT_EQ(d.uint("ip.id"), 0x1234u);
  EXPECT_EQ(d.uint("ip.flags"), 2u);
  EXPECT_EQ(d.uint("ip.flags.df"), 1u);
  EXPECT_EQ(d.uint("ip.flags.mf"), 0u);
  EXPECT_EQ(d.uint("ip.frag_offset"), 0u);
  EXPECT_EQ(d.uint("ip.ttl"), 64u);
  EXPECT_EQ(d.uint("ip.proto"), 253u);
  EXPECT_EQ(d.uint("ip.checksum.status"), 2u);  // unverified, tshark's default
  EXPECT_EQ(d.uint("ip.src"), 0xc0a80101u);
  EXPECT_EQ(d.uint("ip.dst"), 0x0a000002u);
  EXPECT_EQ(d.count("ip.addr"), 2);
  EXPECT_EQ(d.str("ip.src_host"), "192.168.1.1");
  EXPECT_EQ(d.str("ip.host", 1), "10.0.0.2");
  EXPECT_EQ(d.protocols(), "eth:ethertype:ip:data");
  EXPECT_EQ(d.packet().cols.protocol, "IPv4");
  EXPECT_EQ(d.packet().net_src, Address::ipv4(s.src));
  EXPECT_EQ(d.packet().dst, Address::ipv4(s.dst));
}

TEST(Ipv4, PayloadEndsAtTotalLengthNotFrameEnd) {
  Ipv4Spec s;
  // 4 payload bytes, then 6 bytes of Ethernet padding the IP layer must not claim.
  Dissected d(kLinkEthernet, ether(0x0800, ipv4(s, {1, 2, 3, 4}) + Bytes(6, 0)));
  EXPECT_EQ(d.uint("data.len"), 4u);
}

TEST(Ipv4, BogusHeaderLength) {
  Bytes b = ipv4(Ipv4Spec{}, {});
  b[0] = 0x44;  // 16 bytes
  Dissected d(kLinkEthernet, ether(0x0800, b));
  EXPECT_EQ(d.packet().cols.info, "Bogus IP header length (16, must be at least 20)");
  EXPECT_TRUE(d.has("ip.bogus_header_length"));
  EXPECT_FALSE(d.has("ip.src"));
}

TEST(Ipv4, BogusTotalLength) {
  Ipv4Spec s;
  s.total_length = 11;
  Dissected d(kLinkEthernet, ether(0x0800, ipv4(s, Bytes(30, 0))));
  EXPECT_EQ(d.packet().cols.info, "Bogus IP length (11, less than header length 20)");
  EXPECT_TRUE(d.has("ip.bogus_ip_length"));
}

TEST(Ipv4, BogusVersion) {
  Bytes b = ipv4(Ipv4Spec{}, {});
  b[0] = 0x55;
  Dissected d(kLinkEthernet, ether(0x0800, b));
  EXPECT_EQ(d.packet().cols.info, "Bogus IPv4 version (5, must be 4)");
  EXPECT_EQ(d.uint("ip.version"), 5u);
}

TEST(Ipv4, RouterAlertOption) {
  Ipv4Spec s;
  s.options = {0x94, 0x04, 0x00, 0x00};
  Dissected d(kLinkEthernet, ether(0x0800, ipv4(s, {})));
  EXPECT_EQ(d.uint("ip.hdr_len"), 24u);
  EXPECT_EQ(d.uint("ip.opt.type"), 148u);
  EXPECT_EQ(d.uint("ip.opt.type.copy"), 1u);
  EXPECT_EQ(d.uint("ip.opt.type.class"), 0u);
  EXPECT_EQ(d.uint("ip.opt.type.number"), 20u);
  EXPECT_EQ(d.uint("ip.opt.len"), 4u);
  EXPECT_EQ(d.uint("ip.opt.ra"), 0u);
}

TEST(Ipv4, RecordRouteOption) {
  Ipv4Spec s;
  // Record route, length 11, pointer 8: one address recorded, one slot empty; then EOL.
  s.options = {0x07, 11, 8, 1, 2, 3, 4, 0, 0, 0, 0, 0};
  Dissected d(kLinkEthernet, ether(0x0800, ipv4(s, {})));
  EXPECT_EQ(d.uint("ip.opt.ptr"), 8u);
  EXPECT_EQ(d.uint("ip.rec_rt"), 0x01020304u);
  EXPECT_EQ(d.str("ip.rec_rt_host"), "1.2.3.4");
  EXPECT_EQ(d.uint("ip.empty_rt"), 0u);
}

TEST(Ipv4, TruncatedHeaderIsFlaggedNotFatal) {
  Bytes b = ipv4(Ipv4Spec{}, {});
  b.resize(12);
  Dissected d(kLinkEthernet, ether(0x0800, b), 14 + 20);
  EXPECT_TRUE(d.has("_ws.short"));
}

TEST(Ipv4, ChecksumVerifiedWhenAsked) {
  Bytes b = ipv4(Ipv4Spec{}, {});
  b[10] ^= 0xff;
  Dissected d(kLinkEthernet, {});
  d.session().prefs.set("ip.check_checksum", "TRUE");
  d.next(ether(0x0800, b));
  EXPECT_EQ(d.uint("ip.checksum.status"), 0u);
  EXPECT_TRUE(d.has("ip.checksum_calculated"));
}

}  // namespace
}  // namespace netsift::test
