// F5 Ethernet trailer: the spec's test vectors (each confirmed with tshark 4.0.17) byte by
// byte, field by field.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "core/field_registry.h"
#include "f5_test_util.h"

namespace netsift::test {
namespace {

// TV1: legacy low v1 + medium v3 + high v0.
constexpr const char* kTv1 =
    "01 14 01 01 00 03 0f 2f 43 6f 6d 6d 6f 6e 2f 76 73 5f 68 74 74 70 02 21 03 11 22 33 44 55 66"
    "77 00 11 22 33 44 55 66 88 00 00 00 00 00 00 00 80 24 40 01 00 00 00 00 03 00 03 28 00 06 0f"
    "fd 00 00 00 00 00 00 00 00 00 00 ff ff 0a 01 14 14 00 00 00 00 00 00 00 00 00 00 ff ff 0a 01"
    "14 f0 00 50 c3 05";

// TV2: zero padding, legacy low without VIP, medium v3 with an RST cause, high without peer.
constexpr const char* kTv2 =
    "00 00 00 00 00 00 01 05 01 00 01 02 00 02 3b 03 00 00 56 01 b5 85 cf 40 00 00 00 00 00 00 00"
    "00 00 00 00 00 00 00 00 20 46 01 00 00 00 00 00 1a 00 00 00 02 87 fa 33 08 db 4e 6f 20 6c 6f"
    "63 61 6c 20 6c 69 73 74 65 6e 65 72 03 28 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
    "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00";

// TV3: DPT noise low v4 + medium v4 + high v1 with a route-domain address.
constexpr const char* kTv3 =
    "f5 de b0 f5 00 85 00 01 00 01 00 01 00 26 00 04 01 00 01 1a 00 0b 2f 43 6f 6d 6d 6f 6e 2f 76"
    "73 31 01 03 31 2e 31 02 06 74 72 75 6e 6b 31 00 01 00 02 00 28 00 04 00 00 56 02 93 f6 bc 00"
    "00 00 56 02 93 f6 d1 00 00 00 00 00 00 00 80 24 40 00 00 00 00 00 03 00 00 01 00 03 00 2f 00"
    "01 06 0f fd 26 20 00 00 0c 10 f5 01 00 00 00 02 0a 01 14 14 00 00 00 00 00 00 00 00 00 00 ff"
    "ff 0a 01 14 f0 00 50 c3 05";

// TV6: an FCS starting with a zero byte, then DPT with unknown provider 5.
constexpr const char* kTv6 =
    "00 d4 3e 2f f5 de b0 f5 00 1c 00 01 00 05 00 01 00 14 00 01 04 88 0f 78 ff 1f ff 3f c9 38 2f"
    "00";

TEST(F5EthTrailer, LegacyLowMediumHigh) {
  F5Frames f;
  f.dissect(tcp_frame_with_trailer(hex(kTv1)));
  EXPECT_EQ(f.uint("f5ethtrailer.ingress"), 1u);
  EXPECT_EQ(f.uint("f5ethtrailer.slot"), 1u);
  EXPECT_EQ(f.uint("f5ethtrailer.tmm"), 3u);
  EXPECT_EQ(f.str("f5ethtrailer.vip"), "/Common/vs_http");
  EXPECT_EQ(f.uint("f5ethtrailer.flowid"), 0x1122334455667700u);
  EXPECT_EQ(f.uint("f5ethtrailer.peerid"), 0x1122334455668800u);
  EXPECT_EQ(f.count("f5ethtrailer.anyflowid"), 2);
  EXPECT_EQ(f.uint("f5ethtrailer.cfflags"), 0x8024u);
  EXPECT_EQ(f.uint("f5ethtrailer.flowtype"), 0x40u);
  EXPECT_EQ(f.uint("f5ethtrailer.haunit"), 1u);
  EXPECT_EQ(f.uint("f5ethtrailer.priority"), 3u);
  EXPECT_FALSE(f.has("f5ethtrailer.rstcause"));
  EXPECT_EQ(f.uint("f5ethtrailer.peeripproto"), 6u);
  EXPECT_EQ(f.uint("f5ethtrailer.peervlan"), 4093u);
  EXPECT_EQ(f.uint("f5ethtrailer.peerremoteaddr"), 0x0a011414u);
  EXPECT_EQ(f.uint("f5ethtrailer.peerlocaladdr"), 0x0a0114f0u);
  EXPECT_EQ(f.bytes("f5ethtrailer.peerremoteaddr6"), "00000000000000000000ffff0a011414");
  EXPECT_EQ(f.count("f5ethtrailer.peeraddr"), 2);
  EXPECT_EQ(f.uint("f5ethtrailer.peerport", 0), 80u);
  EXPECT_EQ(f.uint("f5ethtrailer.peerport", 1), 49925u);
  EXPECT_EQ(f.packet().tree[f.packet().tree.find(registry().find("f5ethtrailer"))].length, 99u);
  EXPECT_EQ(f.packet().cols.info.rfind("IN  s1/tmm3 : ", 0), 0u) << f.packet().cols.info;
}

TEST(F5EthTrailer, ZeroPaddingRstCauseAndNoPeer) {
  F5Frames f;
  f.dissect(tcp_frame_with_trailer(hex(kTv2)));
  EXPECT_EQ(f.uint("f5ethtrailer.ingress"), 0u);
  EXPECT_EQ(f.uint("f5ethtrailer.slot"), 2u);
  EXPECT_EQ(f.str("f5ethtrailer.vip"), "");
  EXPECT_EQ(f.uint("f5ethtrailer.rstcauselen"), 26u);
  EXPECT_EQ(f.uint("f5ethtrailer.rstcausever"), 0u);
  EXPECT_EQ(f.uint("f5ethtrailer.rstcausepeer"), 0u);
  EXPECT_EQ(f.uint("f5ethtrailer.rstcauseval"), 0x287fa33u);
  EXPECT_EQ(f.uint("f5ethtrailer.rstcauseline"), 2267u);
  EXPECT_EQ(f.str("f5ethtrailer.rstcausetxt"), "No local listener");
  EXPECT_TRUE(f.has("f5ethtrailer.nopeer"));
  EXPECT_FALSE(f.has("f5ethtrailer.peeraddr"));
  const std::string& info = f.packet().cols.info;
  EXPECT_EQ(info.rfind("OUT s2/tmm2 : ", 0), 0u) << info;
  EXPECT_NE(info.find(" [F5RST: No local listener]"), std::string::npos) << info;
  EXPECT_EQ(f.packet().tree[f.packet().tree.find(registry().find("f5ethtrailer"))].length, 110u);
}

TEST(F5EthTrailer, DptNoiseWithRouteDomain) {
  F5Frames f;
  f.dissect(tcp_frame_with_trailer(hex(kTv3)));
  EXPECT_EQ(f.uint("f5ethtrailer.trailer_magic"), 0xf5deb0f5u);
  EXPECT_EQ(f.uint("f5ethtrailer.trailer_length"), 133u);
  EXPECT_EQ(f.uint("f5ethtrailer.flags"), 1u);
  EXPECT_EQ(f.uint("f5ethtrailer.flags.ingress"), 1u);
  EXPECT_EQ(f.uint("f5ethtrailer.flags.hwaction"), 0u);
  EXPECT_EQ(f.uint("f5ethtrailer.ingress"), 1u);
  EXPECT_EQ(f.uint("f5ethtrailer.tmm"), 1u);
  EXPECT_EQ(f.str("f5ethtrailer.vip"), "/Common/vs1");
  EXPECT_EQ(f.str("f5ethtrailer.phys_port"), "1.1");
  EXPECT_EQ(f.str("f5ethtrailer.trunk"), "trunk1");
  EXPECT_EQ(f.bytes("f5ethtrailer.data"), "1a");  // the object-name container's value
  EXPECT_EQ(f.uint("f5ethtrailer.flowid"), 0x0000560293f6bc00u);
  EXPECT_EQ(f.uint("f5ethtrailer.peerremoteaddr"), 0x0a011414u);
  EXPECT_EQ(f.uint("f5ethtrailer.peerremotertdom"), 2u);
  EXPECT_EQ(f.bytes("f5ethtrailer.peerremoteaddr6"),
            "262000000c10f50100000002"
            "0a011414");
  EXPECT_EQ(f.uint("f5ethtrailer.peerlocalport"), 49925u);
  EXPECT_EQ(f.packet().cols.info.rfind("IN  s1/tmm1 : ", 0), 0u);
}

TEST(F5EthTrailer, Tls12SecretsGiveAKeyLogLine) {
  std::string tv4 =
      "f5 de b0 f5 00 8c 00 01 00 01 00 01 00 0c 00 03 00 00 00 00 00 04 00 00 00 78 00 00";
  for (int i = 1; i <= 0x30; ++i) tv4 += fmt::format(" {:02x}", i);
  for (int i = 0x40; i <= 0x5f; ++i) tv4 += fmt::format(" {:02x}", i);
  for (int i = 0x80; i <= 0x9f; ++i) tv4 += fmt::format(" {:02x}", i);
  F5Frames f;
  f.dissect(tcp_frame_with_trailer(hex(tv4)));
  ASSERT_EQ(f.count("f5ethtrailer.tls.keylog"), 1);
  EXPECT_EQ(f.str("f5ethtrailer.tls.keylog"),
            "CLIENT_RANDOM 404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f "
            "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a"
            "2b2c2d2e2f30");
  // The same secrets again in the same conversation: nothing new to log.
  f.dissect(tcp_frame_with_trailer(hex(tv4)));
  EXPECT_EQ(f.count("f5ethtrailer.tls.keylog"), 0);
  EXPECT_EQ(f.packet().cols.info.rfind("OUT s1/tmm0 : ", 0), 0u);
}

TEST(F5EthTrailer, FcsBeforeDptAndUnknownProvider) {
  F5Frames f;
  f.dissect(tcp_frame_with_trailer(hex(kTv6)));
  EXPECT_EQ(f.uint("f5ethtrailer.orig_fcs"), 0x00d43e2fu);
  EXPECT_EQ(f.uint("f5ethtrailer.provider"), 5u);
  EXPECT_TRUE(f.has("f5ethtrailer.unknown_trailer"));
  EXPECT_EQ(f.bytes("f5ethtrailer.data"), "04880f78ff1fff3fc9382f00");
  EXPECT_FALSE(f.has("f5ethtrailer.tmm"));
}

TEST(F5EthTrailer, BadTlvLengthEndsTheChain) {
  // DPT header, then a TLV claiming 40 bytes with 12 left.
  F5Frames f;
  f.dissect(
      tcp_frame_with_trailer(hex("f5 de b0 f5 00 14 00 01 00 01 00 01 00 28 00 04 00 00 00 00")));
  EXPECT_TRUE(f.has("f5ethtrailer.unknown_trailer"));
  EXPECT_TRUE(f.has("f5ethtrailer.badlen"));
  EXPECT_EQ(f.uint("f5ethtrailer.length"), 40u);
  EXPECT_EQ(f.uint("f5ethtrailer.version"), 4u);
}

TEST(F5EthTrailer, DptLengthBeyondTheTrailerIsNotF5) {
  F5Frames f;
  f.dissect(
      tcp_frame_with_trailer(hex("f5 de b0 f5 00 c8 00 01 00 01 00 01 00 0c 00 03 00 00 00 00")));
  EXPECT_FALSE(f.has("f5ethtrailer"));
}

TEST(F5EthTrailer, TruncatedTrailerNeverReadsPastTheFrame) {
  std::vector<uint8_t> tv1 = hex(kTv1);
  for (size_t cut = 0; cut < tv1.size(); ++cut) {
    F5Frames f;
    f.dissect(tcp_frame_with_trailer({tv1.begin(), tv1.begin() + static_cast<long>(cut)}));
  }
}

}  // namespace
}  // namespace netsift::test
