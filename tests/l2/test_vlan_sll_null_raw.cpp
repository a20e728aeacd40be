// 802.1Q/802.1ad tags, Linux cooked captures, BSD loopback and raw-IP link types.
#include <gtest/gtest.h>

#include "dissected.h"

namespace netsift {
namespace {

using test::Dissected;
using test::hex;

const std::string kArpRequest = "0001 0800 06 04 0001 7831c1c63fc2 0a000002 000000000000 0a000001";
const std::string kIpv4Header = "4500 0014 0000 0000 40ff 0000 0a000001 0a000002";

TEST(Vlan, TagFieldsAndInnerArp) {
  Dissected d(1, hex("ffffffffffff 7831c1c63fc2 8100 a014 0806" + kArpRequest));
  EXPECT_EQ(d.uint("vlan.priority"), 5u);
  EXPECT_EQ(d.uint("vlan.dei"), 0u);
  EXPECT_EQ(d.uint("vlan.id"), 20u);
  EXPECT_EQ(d.uint("vlan.etype"), 0x0806u);
  EXPECT_EQ(d.protocols(), "eth:ethertype:vlan:ethertype:arp");
  EXPECT_EQ(d.packet().cols.info, "Who has 10.0.0.1? Tell 10.0.0.2");
}

TEST(Vlan, PaddingThenVlanTrailer) {
  // 14 + 4 + 28 = 46 bytes, 14 zero bytes of padding to 60, then 4 bytes: a VLAN trailer (no
  // FCS guess inside VLAN).
  Dissected d(1, hex("ffffffffffff 7831c1c63fc2 8100 0014 0806" + kArpRequest +
                     "0000000000000000000000000000 01020304"));
  EXPECT_EQ(d.bytes("eth.padding"), "0000000000000000000000000000");
  EXPECT_EQ(d.bytes("vlan.trailer"), "01020304");
  EXPECT_FALSE(d.has("eth.fcs"));
}

TEST(Vlan, QinQ) {
  Dissected d(1, hex("ffffffffffff 7831c1c63fc2 88a8 00c8 8100 07d1 0806" + kArpRequest));
  EXPECT_EQ(d.uint("ieee8021ad.id"), 200u);
  EXPECT_EQ(d.uint("ieee8021ah.etype"), 0x8100u);
  EXPECT_EQ(d.uint("vlan.id"), 2001u);
  EXPECT_EQ(d.protocols(), "eth:ethertype:ieee8021ad:ethertype:vlan:ethertype:arp");
}

TEST(Sll, Version1Arp) {
  Dissected d(113, hex("0001 0001 0006 cc2de0261999 0000 0806" + kArpRequest));
  EXPECT_EQ(d.uint("sll.pkttype"), 1u);
  EXPECT_EQ(d.uint("sll.hatype"), 1u);
  EXPECT_EQ(d.uint("sll.halen"), 6u);
  EXPECT_EQ(d.bytes("sll.src.eth"), "cc2de0261999");
  EXPECT_EQ(d.bytes("sll.unused"), "0000");
  EXPECT_EQ(d.uint("sll.etype"), 0x0806u);
  EXPECT_EQ(d.protocols(), "sll:ethertype:arp");
  EXPECT_EQ(d.packet().src.type, AddressType::kEther);
  EXPECT_EQ(d.packet().dst.type, AddressType::kNone);
}

TEST(Sll, Version1LinuxProtocolIsData) {
  Dissected d(113, hex("0004 0321 0006 00242b0378f0 0000 0000 0102"));
  EXPECT_EQ(d.uint("sll.ltype"), 0u);
  EXPECT_EQ(d.protocols(), "sll:data");
  EXPECT_EQ(d.packet().cols.protocol, "SLL");
  EXPECT_EQ(d.packet().cols.info, "Sent by us");
}

TEST(Sll, Version2Fields) {
  Dissected d(276, hex("0806 0000 00000014 0001 00 06 f03f958f8263 0000" + kArpRequest));
  EXPECT_EQ(d.uint("sll.etype"), 0x0806u);
  EXPECT_EQ(d.uint("sll.ifindex"), 20u);
  EXPECT_EQ(d.uint("sll.pkttype"), 0u);
  EXPECT_EQ(d.bytes("sll.src.eth"), "f03f958f8263");
  EXPECT_EQ(d.protocols(), "sll:ethertype:arp");
}

TEST(Null, HostOrderFamilyBothWays) {
  Dissected little(0, hex("1e000000 6000000000000000"));
  EXPECT_EQ(little.uint("null.family"), 30u);
  Dissected big(0, hex("00000002" + kIpv4Header));
  EXPECT_EQ(big.uint("null.family"), 2u);
  EXPECT_EQ(big.protocols().rfind("null:ip", 0), 0u);
}

TEST(Null, LoopIsNetworkOrder) {
  Dissected d(108, hex("00000002" + kIpv4Header));
  EXPECT_EQ(d.uint("null.family"), 2u);
}

TEST(Raw, VersionNibbleSelectsIp) {
  Dissected d(101, hex(kIpv4Header));
  EXPECT_EQ(d.protocols().rfind("raw:ip", 0), 0u);
  Dissected data(101, hex("0102"));
  EXPECT_EQ(data.protocols(), "raw:data");
}

TEST(Raw, Ipv4LinkTypeHasNoRawLayer) {
  Dissected d(228, hex(kIpv4Header));
  EXPECT_EQ(d.protocols().rfind("ip", 0), 0u);
}

}  // namespace
}  // namespace netsift
