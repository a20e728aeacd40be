// Classic pcap: both byte orders, micro/nanoseconds, snaplen, link type bits, damage.
#include <gtest/gtest.h>

#include "capture_test_util.h"

namespace netsift::test {
namespace {

struct Variant {
  bool big, nsec;
};
std::string variant_name(const Variant& v) {
  return std::string(v.big ? "BigEndian" : "LittleEndian") + (v.nsec ? "Nanoseconds" : "Microseconds");
}
void PrintTo(const Variant& v, std::ostream* os) {
  *os << variant_name(v);
}
class PcapVariants : public ::testing::TestWithParam<Variant> {};

TEST_P(PcapVariants, ReadsFramesAndHeader) {
  auto [big, nsec] = GetParam();
  uint32_t sub = nsec ? 123456789 : 123456;
  auto file = make_pcap(big, nsec, 96, 113,
                        {{1700000000, sub, payload(60), 0}, {1700000001, 0, payload(96, 7), 1500}});
  auto reader = open_bytes(file);
  EXPECT_EQ(reader->format(), nsec ? FileFormat::kPcapNsec : FileFormat::kPcap);
  ASSERT_EQ(reader->interfaces().size(), 1u);
  EXPECT_EQ(reader->interfaces()[0].linktype, 113u);
  EXPECT_EQ(reader->interfaces()[0].snaplen, 96u);
  EXPECT_EQ(reader->interfaces()[0].tsresol, nsec ? 9 : 6);
  auto r = read_all(*reader);
  ASSERT_FALSE(r.failed) << r.error;
  ASSERT_EQ(r.frames.size(), 2u);
  EXPECT_EQ(r.frames[0].ts.sec, 1700000000);
  EXPECT_EQ(r.frames[0].ts.nsec, nsec ? 123456789u : 123456000u);
  EXPECT_EQ(r.frames[0].caplen, 60u);
  EXPECT_EQ(r.frames[0].len, 60u);
  EXPECT_EQ(r.frames[0].linktype, 113u);
  EXPECT_EQ(r.frames[0].data, payload(60));
  EXPECT_EQ(r.frames[0].file_offset, 24u);
  // Cut by the snapshot length: fewer bytes captured than were on the wire.
  EXPECT_EQ(r.frames[1].caplen, 96u);
  EXPECT_EQ(r.frames[1].len, 1500u);
  EXPECT_EQ(r.frames[1].data, payload(96, 7));
  EXPECT_EQ(r.frames[1].file_offset, 24u + 16 + 60);
}

INSTANTIATE_TEST_SUITE_P(ByteOrderAndPrecision, PcapVariants,
                         ::testing::Values(Variant{false, false}, Variant{true, false},
                                           Variant{false, true}, Variant{true, true}),
                         [](const auto& info) { return variant_name(info.param); });

TEST(PcapReader, MasksFcsBitsOfLinktype) {
  // LT_FCS_LENGTH_PRESENT | 4-byte FCS, on Ethernet.
  auto file = make_pcap(false, false, 65535, 0x14000001, {{1, 0, payload(20), 0}});
  auto reader = open_bytes(file);
  EXPECT_EQ(reader->interfaces()[0].linktype, 1u);
}

TEST(PcapReader, EmptyFileHasNoFrames) {
  auto r = read_all(*open_bytes(make_pcap(true, false, 65535, 1, {})));
  EXPECT_FALSE(r.failed);
  EXPECT_TRUE(r.frames.empty());
}

TEST(PcapReader, TruncatedDataAfterEarlierFrames) {
  auto file = make_pcap(false, false, 65535, 1,
                        {{1, 0, payload(50), 0}, {2, 0, payload(50), 0}, {3, 0, payload(50), 0}});
  file.resize(file.size() - 10);
  auto r = read_all(*open_bytes(file));
  ASSERT_EQ(r.frames.size(), 2u);  // all complete frames come first
  ASSERT_TRUE(r.failed);
  EXPECT_EQ(r.error, "appears to have been cut short in the middle of a packet.");
  EXPECT_EQ(r.error_frame, 3u);
  EXPECT_EQ(r.error_offset, 24u + 2 * 66);
}

TEST(PcapReader, TruncatedRecordHeader) {
  auto file = make_pcap(false, true, 65535, 1, {{1, 0, payload(50), 0}, {2, 0, payload(50), 0}});
  file.resize(24 + 66 + 7);
  auto r = read_all(*open_bytes(file));
  EXPECT_EQ(r.frames.size(), 1u);
  EXPECT_TRUE(r.failed);
  EXPECT_EQ(r.error_frame, 2u);
  EXPECT_EQ(r.error_offset, 90u);
}

TEST(PcapReader, TruncatedFileHeader) {
  auto file = make_pcap(false, false, 65535, 1, {});
  file.resize(10);
  EXPECT_THROW(open_bytes(file), CaptureError);
}

TEST(PcapReader, HugeCaplenIsDamaged) {
  Bytes b;
  b.raw(make_pcap(false, false, 65535, 1, {{1, 0, payload(10), 0}}));
  b.u32(2).u32(0).u32(4325376).u32(4325376);
  auto r = read_all(*open_bytes(b.v));
  EXPECT_EQ(r.frames.size(), 1u);
  ASSERT_TRUE(r.failed);
  EXPECT_EQ(r.error,
            "appears to be damaged or corrupt.\n(pcap: File has 4325376-byte packet, bigger than "
            "maximum of 262144)");
  EXPECT_EQ(r.error_frame, 2u);
  EXPECT_EQ(r.error_offset, 24u + 26);
}

TEST(PcapReader, CaplenJustAtLimitIsAccepted) {
  auto file = make_pcap(false, false, 65535, 1, {{1, 0, payload(262144), 0}});
  auto r = read_all(*open_bytes(file));
  ASSERT_FALSE(r.failed) << r.error;
  EXPECT_EQ(r.frames[0].caplen, 262144u);
}

TEST(PcapReader, BadVersionIsDamaged) {
  auto file = make_pcap(false, false, 65535, 1, {});
  file[4] = 3;
  EXPECT_THROW(open_bytes(file), CaptureError);
}

TEST(PcapReader, RawSubsecondFieldsKeptLikeWiretap) {
  auto file = make_pcap(false, true, 65535, 1, {{10, 1000000000, payload(4), 0}});
  auto r = read_all(*open_bytes(file));
  ASSERT_EQ(r.frames.size(), 1u);
  EXPECT_EQ(tshark_epoch(r.frames[0].ts), "10.1000000000");
}

}  // namespace
}  // namespace netsift::test
