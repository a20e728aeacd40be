// pcapng: sections, interfaces, packet blocks, options, metadata blocks, damage.
#include <gtest/gtest.h>

#include "capture_test_util.h"

namespace netsift::test {
namespace {

class PcapngByteOrder : public ::testing::TestWithParam<bool> {};

TEST_P(PcapngByteOrder, EnhancedPacketsWithOptions) {
  bool big = GetParam();
  PcapngBuilder b;
  b.shb(big, {text_option(1, "section comment")});
  b.idb(1, 65535, {text_option(2, "eth0"), text_option(3, "first NIC"), {9, {6}}});
  b.epb(0, 1700000000123456ull, payload(61), 100,
        {text_option(1, "first"), text_option(1, "second"), u32_option(2, 0x1, big)});
  b.epb(0, 1700000001000000ull, payload(20, 3));
  auto reader = open_bytes(b.out);
  EXPECT_EQ(reader->format(), FileFormat::kPcapng);
  auto r = read_all(*reader);
  ASSERT_FALSE(r.failed) << r.error;
  ASSERT_EQ(r.frames.size(), 2u);
  EXPECT_EQ(r.frames[0].ts.sec, 1700000000);
  EXPECT_EQ(r.frames[0].ts.nsec, 123456000u);
  EXPECT_EQ(r.frames[0].caplen, 61u);
  EXPECT_EQ(r.frames[0].len, 100u);
  EXPECT_EQ(r.frames[0].data, payload(61));
  EXPECT_EQ(r.frames[0].comments, (std::vector<std::string>{"first", "second"}));
  EXPECT_TRUE(r.frames[0].has_pack_flags);
  EXPECT_EQ(r.frames[0].pack_flags, 1u);
  EXPECT_TRUE(r.frames[1].comments.empty());  // comments do not leak to the next frame
  EXPECT_FALSE(r.frames[1].has_pack_flags);
  ASSERT_EQ(reader->interfaces().size(), 1u);
  EXPECT_EQ(reader->interfaces()[0].name, "eth0");
  EXPECT_EQ(reader->interfaces()[0].description, "first NIC");
  EXPECT_EQ(reader->interfaces()[0].snaplen, 65535u);
  EXPECT_EQ(reader->section_comments(), std::vector<std::string>{"section comment"});
}

INSTANTIATE_TEST_SUITE_P(BothOrders, PcapngByteOrder, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "BigEndian" : "LittleEndian"; });

TEST(PcapngReader, TimestampResolutionsAndOffset) {
  PcapngBuilder b;
  b.shb(false);
  b.idb(1, 0, {{9, {9}}});                                     // ns
  b.idb(1, 0, {{9, {3}}});                                     // ms
  b.idb(1, 0, {{9, {0x80 | 20}}});                             // 2^-20 s
  b.idb(1, 0, {{9, {6}}, {14, Bytes{{}, false}.u64(100).v}});  // us, +100 s
  b.idb(1, 0, {{9, {0x80 | 40}}});                             // wraps like wiretap 4.0
  const uint64_t t = 0x123456789abcdefull;
  for (uint32_t i = 0; i < 5; ++i) b.epb(i, t, payload(14));
  auto r = read_all(*open_bytes(b.out));
  ASSERT_FALSE(r.failed) << r.error;
  ASSERT_EQ(r.frames.size(), 5u);
  EXPECT_EQ(tshark_epoch(r.frames[0].ts), "81985529.216486895");
  EXPECT_EQ(tshark_epoch(r.frames[1].ts), "81985529216486.895000000");
  // Values checked against tshark 4.0 on the same bytes.
  EXPECT_EQ(tshark_epoch(r.frames[2].ts), "78187493530.737776756");
  EXPECT_EQ(tshark_epoch(r.frames[3].ts), "81985529316.486895000");
  EXPECT_EQ(tshark_epoch(r.frames[4].ts), "74565.001791260");
  for (uint32_t i = 0; i < 5; ++i) EXPECT_EQ(r.frames[i].interface_id, i);
}

TEST(PcapngReader, SectionsResetInterfaces) {
  PcapngBuilder b;
  b.shb(false).idb(1, 0).idb(101, 0).epb(1, 1, payload(10)).epb(0, 2, payload(11));
  b.shb(true, {text_option(1, "second section")}).idb(113, 0).epb(0, 3, payload(12));
  auto reader = open_bytes(b.out);
  auto r = read_all(*reader);
  ASSERT_FALSE(r.failed) << r.error;
  ASSERT_EQ(r.frames.size(), 3u);
  EXPECT_EQ(r.frames[0].interface_id, 1u);
  EXPECT_EQ(r.frames[0].linktype, 101u);
  EXPECT_EQ(r.frames[1].interface_id, 0u);
  EXPECT_EQ(r.frames[2].interface_id, 2u);  // section-local 0 = third interface overall
  EXPECT_EQ(r.frames[2].linktype, 113u);
  EXPECT_EQ(reader->interfaces().size(), 3u);
  EXPECT_EQ(reader->section_comments(), std::vector<std::string>{"second section"});
}

TEST(PcapngReader, InterfaceOfEarlierSectionIsNotVisible) {
  PcapngBuilder b;
  b.shb(false).idb(1, 0).idb(1, 0).epb(1, 1, payload(10));
  b.shb(false).idb(1, 0).epb(1, 2, payload(10));
  auto r = read_all(*open_bytes(b.out));
  EXPECT_EQ(r.frames.size(), 1u);
  ASSERT_TRUE(r.failed);
  EXPECT_NE(r.error.find("interface index 1"), std::string::npos) << r.error;
  EXPECT_EQ(r.error_frame, 2u);
}

TEST(PcapngReader, SimpleAndObsoletePacketBlocks) {
  PcapngBuilder b;
  b.shb(false).idb(1, 64);
  b.spb(100, payload(100));  // cut to the snaplen
  b.spb(30, payload(32));    // 2 bytes of padding
  b.opb(0, 5000000, payload(40), {text_option(1, "old"), u32_option(2, 2, false)});
  auto r = read_all(*open_bytes(b.out));
  ASSERT_FALSE(r.failed) << r.error;
  ASSERT_EQ(r.frames.size(), 3u);
  EXPECT_EQ(r.frames[0].caplen, 64u);
  EXPECT_EQ(r.frames[0].len, 100u);
  EXPECT_EQ(r.frames[0].ts.sec, 0);
  EXPECT_EQ(r.frames[1].caplen, 30u);
  EXPECT_EQ(r.frames[2].ts.sec, 5);
  EXPECT_EQ(r.frames[2].comments, std::vector<std::string>{"old"});
  EXPECT_EQ(r.frames[2].pack_flags, 2u);
}

TEST(PcapngReader, NamesSecretsAndSkippedBlocks) {
  PcapngBuilder b;
  b.shb(false).idb(1, 0);
  Bytes nrb;
  nrb.u16(1)
      .u16(4 + 9 + 9)
      .raw({192, 168, 0, 1})
      .str(std::string("host.one\0alias.one\0", 18))
      .pad4();
  std::vector<uint8_t> v6(16, 0);
  v6[15] = 1;
  nrb.u16(2).u16(16 + 3).raw(v6).str(std::string("lo\0", 3)).pad4();
  nrb.u16(0).u16(0);
  b.block(4, nrb.v);
  std::string keys = "CLIENT_RANDOM aa bb\r\nCLIENT_RANDOM cc dd\n";
  b.block(10, Bytes{}.u32(0x544c534b).u32(uint32_t(keys.size())).str(keys).v);
  b.block(10, Bytes{}.u32(0x57474b4c).u32(3).str("abc").v);  // WireGuard: ignored
  b.block(5, Bytes{}.u32(0).u32(0).u32(0).v);                // ISB
  b.block(0x00000BAD, Bytes{}.u32(32473).str("custom").v);   // custom
  b.block(0x12345678, payload(13));                          // unknown
  b.epb(0, 1, payload(10));
  auto reader = open_bytes(b.out);
  auto r = read_all(*reader);
  ASSERT_FALSE(r.failed) << r.error;
  EXPECT_EQ(r.frames.size(), 1u);
  ASSERT_EQ(reader->names().size(), 3u);
  EXPECT_EQ(reader->names()[0].address, (std::vector<uint8_t>{192, 168, 0, 1}));
  EXPECT_EQ(reader->names()[0].name, "host.one");
  EXPECT_EQ(reader->names()[1].name, "alias.one");
  EXPECT_EQ(reader->names()[2].address, v6);
  EXPECT_EQ(reader->names()[2].name, "lo");
  EXPECT_EQ(reader->tls_key_log(),
            (std::vector<std::string>{"CLIENT_RANDOM aa bb", "CLIENT_RANDOM cc dd"}));
}

TEST(PcapngReader, TrailingLengthMismatch) {
  PcapngBuilder b;
  b.shb(false).idb(1, 0).epb(0, 1, payload(10)).epb(0, 2, payload(10));
  size_t second_epb = b.out.size() - 44;
  b.out.back() = 0x7f;  // corrupt the last block's trailing length
  auto r = read_all(*open_bytes(b.out));
  EXPECT_EQ(r.frames.size(), 1u);
  ASSERT_TRUE(r.failed);
  EXPECT_NE(r.error.find("total block lengths (first 44 and second"), std::string::npos) << r.error;
  EXPECT_EQ(r.error_frame, 2u);
  EXPECT_EQ(r.error_offset, second_epb);
}

TEST(PcapngReader, TruncatedBlockIsCutShort) {
  PcapngBuilder b;
  b.shb(false).idb(1, 0).epb(0, 1, payload(10)).epb(0, 2, payload(10));
  b.out.resize(b.out.size() - 5);
  auto r = read_all(*open_bytes(b.out));
  EXPECT_EQ(r.frames.size(), 1u);
  ASSERT_TRUE(r.failed);
  EXPECT_EQ(r.error, "appears to have been cut short in the middle of a packet.");
  EXPECT_EQ(r.error_frame, 2u);
}

TEST(PcapngReader, BadLengthsAreDamaged) {
  auto expect_damaged = [](std::vector<uint8_t> bytes) {
    auto r = read_all(*open_bytes(bytes));
    EXPECT_TRUE(r.failed);
    EXPECT_NE(r.error.find("damaged"), std::string::npos) << r.error;
  };
  {  // caplen larger than the block
    PcapngBuilder b;
    b.shb(false).idb(1, 0).epb(0, 1, payload(12));
    b.out[b.out.size() - 12 - 8 - 4] = 200;  // caplen low byte
    expect_damaged(b.out);
  }
  {  // option running past the block
    PcapngBuilder b;
    b.shb(false).idb(1, 0).epb(0, 1, payload(12), 0, {text_option(1, "abcd")});
    b.out[b.out.size() - 4 - 4 - 8 + 2] = 0xff;
    expect_damaged(b.out);
  }
  {  // absurdly large block
    PcapngBuilder c;
    c.shb(false).idb(1, 0);
    c.out.insert(c.out.end(), {6, 0, 0, 0, 0, 0, 0, 0x40});
    expect_damaged(c.out);
  }
  {  // packet before any interface
    PcapngBuilder b;
    b.shb(false).epb(0, 1, payload(10));
    expect_damaged(b.out);
  }
}

TEST(PcapngReader, UnpaddedBlockLengthIsRoundedUp) {
  // As in the corpus' pcapng-test006: total length 47 stored, 48 bytes in the file.
  PcapngBuilder c;
  c.shb(false).idb(1, 0);
  size_t at = c.out.size();
  c.epb(0, 1, payload(15));
  c.out[at + 4] = 47;            // leading length
  c.out[c.out.size() - 4] = 47;  // trailing length
  c.epb(0, 2, payload(4));
  auto r = read_all(*open_bytes(c.out));
  ASSERT_FALSE(r.failed) << r.error;
  EXPECT_EQ(r.frames.size(), 2u);
}

TEST(PcapngReader, EmptySectionIsClean) {
  PcapngBuilder b;
  b.shb(true);
  auto r = read_all(*open_bytes(b.out));
  EXPECT_FALSE(r.failed);
  EXPECT_TRUE(r.frames.empty());
}

}  // namespace
}  // namespace netsift::test
