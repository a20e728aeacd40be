// Ethernet framing: addresses, EtherType dispatch, and padding/trailer/FCS as tshark 4.0 splits
// them (expected values checked against tshark on the same bytes).
#include <gtest/gtest.h>

#include "dissectors/eth.h"
#include "dissected.h"

namespace netsift {
namespace {

using test::Dissected;
using test::hex;

constexpr uint32_t kEthernet = 1;
const std::string kHeader = "ffffffffffff 7831c1c63fc2 0806";
const std::string kArpRequest = "0001 0800 06 04 0001 7831c1c63fc2 0a000002 000000000000 0a000001";
const std::string kZeros18 = "000000000000000000000000000000000000";

TEST(Eth, AddressesNamesAndBits) {
  Dissected d(kEthernet, hex(kHeader + kArpRequest));
  EXPECT_EQ(d.bytes("eth.dst"), "ffffffffffff");
  EXPECT_EQ(d.bytes("eth.src"), "7831c1c63fc2");
  EXPECT_EQ(d.str("eth.dst_resolved"), "Broadcast");
  EXPECT_EQ(d.str("eth.src_resolved"), "Apple_c6:3f:c2");
  EXPECT_EQ(d.count("eth.addr"), 2);
  EXPECT_EQ(d.str("eth.addr_resolved", 1), "Apple_c6:3f:c2");
  EXPECT_EQ(d.uint("eth.src.oui"), 0x7831c1u);
  EXPECT_EQ(d.str("eth.src.oui_resolved"), "Apple, Inc.");
  EXPECT_FALSE(d.has("eth.dst.oui_resolved"));  // ff:ff:ff is no OUI
  EXPECT_EQ(d.uint("eth.dst.ig"), 1u);
  EXPECT_EQ(d.uint("eth.src.lg"), 0u);
  EXPECT_EQ(d.count("eth.ig"), 2);
  EXPECT_EQ(d.uint("eth.type"), 0x0806u);
  EXPECT_EQ(d.protocols(), "eth:ethertype:arp");
  EXPECT_EQ(d.packet().dl_src.type, AddressType::kEther);
}

TEST(Eth, ResolvedNamesFollowThePreference) {
  Dissected d(kEthernet, hex(kHeader + kArpRequest));
  d.session().resolve.mac = false;
  d.next(hex(kHeader + kArpRequest));
  EXPECT_EQ(d.str("eth.src_resolved"), "78:31:c1:c6:3f:c2");
}

TEST(Eth, ZeroPaddingUpTo60Bytes) {
  Dissected d(kEthernet, hex(kHeader + kArpRequest + kZeros18));
  EXPECT_EQ(d.bytes("eth.padding"), kZeros18);
  EXPECT_FALSE(d.has("eth.trailer"));
  EXPECT_FALSE(d.has("eth.fcs"));
}

TEST(Eth, NonZeroPaddingIsATrailerWithANote) {
  Dissected d(kEthernet, hex(kHeader + kArpRequest + "00000000000000000000000000001f0b60ce"));
  EXPECT_FALSE(d.has("eth.padding"));
  EXPECT_EQ(d.bytes("eth.trailer"), "00000000000000000000000000001f0b60ce");
  EXPECT_TRUE(d.has("eth.padding_bad"));
}

TEST(Eth, FourBytesAfterPaddingOf64ByteFrameAreTheFcs) {
  Dissected d(kEthernet, hex(kHeader + kArpRequest + kZeros18 + "aabbccdd"));
  EXPECT_EQ(d.bytes("eth.padding"), kZeros18);
  EXPECT_EQ(d.uint("eth.fcs"), 0xaabbccddu);
  EXPECT_EQ(d.uint("eth.fcs.status"), 2u);  // unverified
  EXPECT_FALSE(d.has("eth.trailer"));
}

TEST(Eth, TrailerNotCapturedIsNotShown) {
  Dissected d(kEthernet, hex(kHeader + kArpRequest), 80);
  EXPECT_FALSE(d.has("eth.padding"));
  EXPECT_FALSE(d.has("eth.trailer"));
}

TEST(Eth, UnknownEthertypeIsData) {
  Dissected d(kEthernet, hex("ffffffffffff 7831c1c63fc2 88b5 0102"));
  EXPECT_EQ(d.protocols(), "eth:ethertype:data");
  EXPECT_EQ(d.packet().cols.protocol, "0x88b5");
  EXPECT_EQ(d.packet().cols.info, "Local Experimental Ethertype 1");
  EXPECT_EQ(d.bytes("data.data"), "0102");
}

TEST(Eth, Ieee8023LengthFrame) {
  Dissected d(kEthernet, hex("0180c2000000 7831c1c63fc2 0003 424203"));
  EXPECT_EQ(d.uint("eth.len"), 3u);
  EXPECT_FALSE(d.has("eth.type"));
  // The length frame carries LLC; with no bytes after its header, no BPDU follows (tshark's Info).
  EXPECT_EQ(d.protocols(), "eth:llc");
  EXPECT_EQ(d.packet().cols.info,
            "U, func=UI; DSAP Spanning Tree BPDU Individual, SSAP Spanning Tree BPDU Command");
}

TEST(Eth, TruncatedHeaderIsFlaggedNotThrown) {
  Dissected d(kEthernet, hex("ffffffffffff 7831"));
  EXPECT_TRUE(d.has("_ws.malformed") || d.has("_ws.short"));
}

bool claim_f5(const ByteReader& trailer, Packet& pkt, int parent) {
  return trailer.size() >= 1 && trailer.u8(0) == 0xf5;
}

TEST(Eth, TrailerDissectorsSeeTheTrailerFirst) {
  register_trailer_dissector(claim_f5);
  Dissected d(kEthernet, hex(kHeader + kArpRequest + "f5" + kZeros18.substr(2) + "01020304"));
  EXPECT_FALSE(d.has("eth.trailer"));
  EXPECT_FALSE(d.has("eth.fcs"));  // an unsure FCS goes to the trailer dissector too
}

bool claim_magic_frame(const ByteReader& frame, Packet& pkt, int parent) {
  if (!(frame.size() > 14 && frame.u16(12) == 0x0000 && frame.u8(14) == 0xf5)) return false;
  pkt.add_layer(eth_fields::proto);  // heuristics record the "eth" layer themselves
  return true;
}

TEST(Eth, FrameHeuristicsMayClaimTheFrame) {
  register_eth_heuristic(claim_magic_frame, "eth");
  Dissected d(kEthernet, hex("000000000000 000000000000 0000 f5"));
  EXPECT_EQ(d.protocols(), "eth");
  EXPECT_FALSE(d.has("eth.dst"));
  EXPECT_EQ(d.packet().dl_dst.type, AddressType::kEther);
}

}  // namespace
}  // namespace netsift
