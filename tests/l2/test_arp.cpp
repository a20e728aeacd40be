// ARP/RARP fields and the summary text tshark writes for each kind of ARP packet.
#include <gtest/gtest.h>

#include "dissected.h"

namespace netsift {
namespace {

using test::Dissected;
using test::hex;

constexpr uint32_t kEthernet = 1;
const std::string kToBroadcast = "ffffffffffff 7831c1c63fc2 0806";
const std::string kRequestHeader = "0001 0800 06 04 0001 7831c1c63fc2";

TEST(Arp, RequestFields) {
  Dissected d(kEthernet, hex(kToBroadcast + kRequestHeader + "0a000002 000000000000 0a000001"));
  EXPECT_EQ(d.uint("arp.hw.type"), 1u);
  EXPECT_EQ(d.uint("arp.proto.type"), 0x0800u);
  EXPECT_EQ(d.uint("arp.hw.size"), 6u);
  EXPECT_EQ(d.uint("arp.proto.size"), 4u);
  EXPECT_EQ(d.uint("arp.opcode"), 1u);
  EXPECT_EQ(d.bytes("arp.src.hw_mac"), "7831c1c63fc2");
  EXPECT_EQ(d.uint("arp.src.proto_ipv4"), 0x0a000002u);
  EXPECT_EQ(d.bytes("arp.dst.hw_mac"), "000000000000");
  EXPECT_EQ(d.uint("arp.dst.proto_ipv4"), 0x0a000001u);
  EXPECT_FALSE(d.has("arp.isgratuitous"));
  EXPECT_EQ(d.packet().cols.protocol, "ARP");
  EXPECT_EQ(d.packet().cols.info, "Who has 10.0.0.1? Tell 10.0.0.2");
}

TEST(Arp, Reply) {
  Dissected d(kEthernet, hex("7831c1c63fc2 f8eda5c0a4f1 0806 0001 0800 06 04 0002 f8eda5c0a4f1 "
                             "0a000001 7831c1c63fc2 0a000002"));
  EXPECT_EQ(d.packet().cols.info, "10.0.0.1 is at f8:ed:a5:c0:a4:f1");
}

TEST(Arp, ProbeAnnouncementGratuitous) {
  Dissected probe(kEthernet, hex(kToBroadcast + kRequestHeader + "00000000 000000000000 0a000001"));
  EXPECT_EQ(probe.packet().cols.info, "Who has 10.0.0.1? (ARP Probe)");
  EXPECT_EQ(probe.uint("arp.isprobe"), 1u);

  Dissected announce(kEthernet,
                     hex(kToBroadcast + kRequestHeader + "0a000001 000000000000 0a000001"));
  EXPECT_EQ(announce.packet().cols.info, "ARP Announcement for 10.0.0.1");
  EXPECT_EQ(announce.uint("arp.isgratuitous"), 1u);
  EXPECT_EQ(announce.uint("arp.isannouncement"), 1u);

  Dissected gratuitous(kEthernet,
                       hex(kToBroadcast + kRequestHeader + "0a000001 ffffffffffff 0a000001"));
  EXPECT_EQ(gratuitous.packet().cols.info, "Gratuitous ARP for 10.0.0.1 (Request)");
  EXPECT_FALSE(gratuitous.has("arp.isannouncement"));
}

TEST(Arp, ReverseRequestIsRarp) {
  Dissected d(kEthernet, hex(kToBroadcast + "0001 0800 06 04 0003 7831c1c63fc2 00000000 "
                                            "7831c1c63fc2 00000000"));
  EXPECT_EQ(d.packet().cols.protocol, "RARP");
  EXPECT_EQ(d.packet().cols.info, "Who is 78:31:c1:c6:3f:c2? Tell 78:31:c1:c6:3f:c2");
}

TEST(Arp, OtherAddressSizesAreBytes) {
  // Hardware size 2, protocol size 2: not Ethernet/IPv4, so arp.src.hw / arp.src.proto.
  Dissected d(kEthernet, hex(kToBroadcast + "0001 0800 02 02 0001 aabb 0102 ccdd 0304"));
  EXPECT_EQ(d.bytes("arp.src.hw"), "aabb");
  EXPECT_EQ(d.bytes("arp.src.proto"), "0102");
  EXPECT_EQ(d.bytes("arp.dst.proto"), "0304");
  EXPECT_FALSE(d.has("arp.src.hw_mac"));
  EXPECT_EQ(d.packet().cols.info, "Who has 0304? Tell 0102");
}

TEST(Arp, AddressesPastTheEndAreMalformed) {
  // Hardware size 134 claims far more bytes than the frame has.
  Dissected d(kEthernet, hex(kToBroadcast + "0001 0800 86 04 0001 7831c1c63fc2 0a000002"));
  EXPECT_TRUE(d.has("_ws.malformed"));
  EXPECT_EQ(d.packet().cols.protocol, "ARP");
  EXPECT_EQ(d.packet().cols.info, "[Malformed Packet]");
  EXPECT_EQ(d.uint("arp.opcode"), 1u);
}

TEST(Arp, DuplicateAddressDetection) {
  Dissected d(kEthernet, hex(kToBroadcast + kRequestHeader + "0a000002 000000000000 0a000001"));
  // Another MAC claims 10.0.0.2 in a later frame.
  d.next(
      hex("ffffffffffff 001f29da6d79 0806 0001 0800 06 04 0001 001f29da6d79 0a000002 "
          "000000000000 0a000009"));
  EXPECT_EQ(d.packet().cols.info,
            "Who has 10.0.0.9? Tell 10.0.0.2 (duplicate use of 10.0.0.2 detected!)");
  EXPECT_EQ(d.uint("arp.duplicate-address-frame"), 1u);
  EXPECT_TRUE(d.has("arp.duplicate-address-detected"));
}

}  // namespace
}  // namespace netsift
