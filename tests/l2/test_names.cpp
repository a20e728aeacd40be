// MAC, OUI and port name resolution against what tshark 4.0 prints.
#include <gtest/gtest.h>

#include "core/names.h"
#include "dissected.h"

namespace netsift {
namespace {

std::string resolve(std::string_view mac_hex, bool resolve = true) {
  std::vector<uint8_t> mac = test::hex(mac_hex);
  std::string out;
  NameResolver().append_mac(out, mac.data(), resolve);
  return out;
}

TEST(Names, WellKnownAddressesAndRanges) {
  EXPECT_EQ(resolve("ffffffffffff"), "Broadcast");
  EXPECT_EQ(resolve("01005e7fffaa"), "IPv4mcast_7f:ff:aa");
  // Wireshark keys ranges by the masked address alone, so bit 25 does not matter.
  EXPECT_EQ(resolve("01005effffaa"), "IPv4mcast_ff:ff:aa");
  EXPECT_EQ(resolve("3333000000fb"), "IPv6mcast_fb");
  EXPECT_EQ(resolve("01000c123456"), "ISL-Frame_12:34:56");
  EXPECT_EQ(resolve("00bf01020304"), "MS-NLB-VirtServer_01:02:03:04");
  EXPECT_EQ(resolve("0180c2000000"), "Spanning-tree-(for-bridges)_00");
}

TEST(Names, ManufacturersAndBlocks) {
  EXPECT_EQ(resolve("6cf049b2de6e"), "Giga-Byt_b2:de:6e");
  EXPECT_EQ(resolve("000000000000"), "00:00:00_00:00:00");
  // MA-S (/36) block: the name covers the first 36 bits.
  EXPECT_EQ(resolve("001bc5001abc"), "OpenRBco_0a:bc");
  // Group bit set and no exact OUI: the unicast OUI's name.
  EXPECT_EQ(resolve("0100ccabcdef"), "Densan_ab:cd:ef");
  EXPECT_EQ(resolve("020000000001"), "02:00:00:00:00:01");
  EXPECT_EQ(resolve("ffffffffffff", false), "ff:ff:ff:ff:ff:ff");
}

TEST(Names, OuiLongNameOnlyForExactOui) {
  NameResolver names;
  std::vector<uint8_t> gigabyte = test::hex("6cf049b2de6e");
  std::vector<uint8_t> group = test::hex("6df049b2de6e");
  ASSERT_NE(names.oui_long_name(gigabyte.data()), nullptr);
  EXPECT_STREQ(names.oui_long_name(gigabyte.data()), "Giga-Byte Technology Co.,Ltd.");
  EXPECT_EQ(names.oui_long_name(group.data()), nullptr);
}

TEST(Names, TransportPorts) {
  NameResolver names;
  EXPECT_STREQ(names.tcp_port_name(80), "http");
  EXPECT_STREQ(names.udp_port_name(53), "domain");
  EXPECT_STREQ(names.tcp_port_name(443), "https");
  EXPECT_EQ(names.tcp_port_name(0), nullptr);
}

TEST(Names, NamesLearntFromTheCapture) {
  NameResolver names;
  const uint8_t addr[4] = {10, 0, 0, 1};
  EXPECT_EQ(names.ip_name(addr, 4), nullptr);
  names.add_ip_name(addr, 4, "router.local");
  ASSERT_NE(names.ip_name(addr, 4), nullptr);
  EXPECT_EQ(*names.ip_name(addr, 4), "router.local");
}

}  // namespace
}  // namespace netsift
