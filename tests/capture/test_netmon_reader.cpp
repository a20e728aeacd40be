// Microsoft Network Monitor 1.x and 2.x files: the header's start time, the frame table (frames
// read in table order, not file order), per-version record headers and trailers, damage.
#include <gtest/gtest.h>

#include <cstdlib>

#include "capture_test_util.h"

namespace netsift::test {
namespace {

struct NetmonFrame {
  uint64_t delta;  // 1.x: milliseconds, 2.x: microseconds since the start
  std::vector<uint8_t> data;
  uint32_t len = 0;       // 0 = data.size()
  uint16_t network = 1;   // 2.1+ trailer
  uint64_t filetime = 0;  // 2.3 trailer
};

// Writes a NetMon file: header, the frames in reverse file order, then the frame table listing
// them in their given order (so reading must follow the table).
std::vector<uint8_t> make_netmon(uint8_t major, uint8_t minor, uint16_t network,
                                 const std::vector<NetmonFrame>& frames,
                                 int table_length_adjust = 0) {
  Bytes b;
  b.str(major == 1 ? "RTSS" : "GMBU").u8(minor).u8(major).u16(network);
  // 2020-03-04 05:06:07.089 (local time), day of week unused.
  b.u16(2020).u16(3).u16(0).u16(4).u16(5).u16(6).u16(7).u16(89);
  b.u32(0).u32(0);  // frame table offset/length, patched below
  while (b.v.size() < 128) b.u8(0);
  std::vector<uint32_t> offsets(frames.size());
  for (size_t i = frames.size(); i-- > 0;) {
    const NetmonFrame& f = frames[i];
    offsets[i] = static_cast<uint32_t>(b.v.size());
    uint32_t len = f.len ? f.len : static_cast<uint32_t>(f.data.size());
    if (major == 1)
      b.u32(static_cast<uint32_t>(f.delta))
          .u16(static_cast<uint16_t>(len))
          .u16(static_cast<uint16_t>(f.data.size()));
    else
      b.u64(f.delta).u32(len).u32(static_cast<uint32_t>(f.data.size()));
    b.raw(f.data);
    if (major == 2 && minor >= 1) b.u16(f.network);
    if (major == 2 && minor >= 2) b.u32(0);
    if (major == 2 && minor >= 3) b.u64(f.filetime).u8(0);
  }
  uint32_t table = static_cast<uint32_t>(b.v.size());
  for (uint32_t o : offsets) b.u32(o);
  uint32_t length = static_cast<uint32_t>(4 * offsets.size()) + table_length_adjust;
  for (int i = 0; i < 4; ++i) {
    b.v[24 + i] = uint8_t(table >> (8 * i));
    b.v[28 + i] = uint8_t(length >> (8 * i));
  }
  return b.v;
}

// The header's start time is local time (mktime), as wiretap reads it.
int64_t start_seconds() {
  std::tm tm{};
  tm.tm_year = 120;
  tm.tm_mon = 2;
  tm.tm_mday = 4;
  tm.tm_hour = 5;
  tm.tm_min = 6;
  tm.tm_sec = 7;
  tm.tm_isdst = -1;
  return std::mktime(&tm);
}

TEST(NetmonReader, Version2FramesInTableOrderWithMicrosecondDeltas) {
  auto file = make_netmon(2, 0, 1, {{0, payload(60)}, {1500001, payload(80, 3), 1514}});
  auto reader = open_bytes(file);
  EXPECT_EQ(reader->format(), FileFormat::kNetmon2);
  ASSERT_EQ(reader->interfaces().size(), 1u);
  EXPECT_EQ(reader->interfaces()[0].linktype, 1u);
  auto r = read_all(*reader);
  ASSERT_FALSE(r.failed) << r.error;
  ASSERT_EQ(r.frames.size(), 2u);
  EXPECT_EQ(r.frames[0].ts.sec, start_seconds());
  EXPECT_EQ(r.frames[0].ts.nsec, 89000000u);
  EXPECT_EQ(r.frames[0].data, payload(60));
  EXPECT_EQ(r.frames[1].ts.sec, start_seconds() + 1);
  EXPECT_EQ(r.frames[1].ts.nsec, 589001000u);
  EXPECT_EQ(r.frames[1].caplen, 80u);
  EXPECT_EQ(r.frames[1].len, 1514u);
  EXPECT_EQ(r.frames[1].data, payload(80, 3));
  // Written in reverse: the first frame of the table is the last record of the file.
  EXPECT_GT(r.frames[0].file_offset, r.frames[1].file_offset);
}

TEST(NetmonReader, Version1MillisecondDeltas) {
  auto file = make_netmon(1, 1, 1, {{2500, payload(42)}});
  auto reader = open_bytes(file);
  EXPECT_EQ(reader->format(), FileFormat::kNetmon1);
  auto r = read_all(*reader);
  ASSERT_FALSE(r.failed) << r.error;
  ASSERT_EQ(r.frames.size(), 1u);
  EXPECT_EQ(r.frames[0].ts.sec, start_seconds() + 2);
  EXPECT_EQ(r.frames[0].ts.nsec, 589000000u);
}

TEST(NetmonReader, Version21PerFrameNetworkAndMetadataRecordsSkipped) {
  // 0xE000 | 101: a converted pcap frame of LINKTYPE_RAW; 0xFFFE: NetMon's DNS cache record.
  auto file = make_netmon(2, 1, 1,
                          {{0, payload(60), 0, 1},
                           {1, payload(20), 0, 0xFFFE},
                           {2, payload(40), 0, 0xE000 | 101},
                           {3, payload(30), 0, 7}});
  auto r = read_all(*open_bytes(file));
  ASSERT_FALSE(r.failed) << r.error;
  ASSERT_EQ(r.frames.size(), 3u);
  EXPECT_EQ(r.frames[0].linktype, 1u);
  EXPECT_EQ(r.frames[1].linktype, 101u);
  EXPECT_EQ(r.frames[1].data, payload(40));
  EXPECT_EQ(r.frames[2].linktype, 101u);  // NDIS "tunnel": raw IP
}

TEST(NetmonReader, Version23UtcFiletimeReplacesTheDelta) {
  // 2021-01-01 00:00:00.1234567 UTC as 100-ns units since 1601.
  const uint64_t filetime = (1609459200ull + 11644473600ull) * 10000000ull + 1234567;
  auto r = read_all(*open_bytes(make_netmon(2, 3, 1, {{999, payload(60), 0, 1, filetime}})));
  ASSERT_FALSE(r.failed) << r.error;
  ASSERT_EQ(r.frames.size(), 1u);
  EXPECT_EQ(r.frames[0].ts.sec, 1609459200);
  EXPECT_EQ(r.frames[0].ts.nsec, 123456700u);
}

TEST(NetmonReader, FrameTableLengthNotAMultipleOfFourIsDamage) {
  auto file = make_netmon(2, 0, 1, {{0, payload(60)}}, 2);
  try {
    open_bytes(file);
    FAIL() << "no error";
  } catch (const CaptureError& e) {
    EXPECT_STREQ(e.what(),
                 "appears to be damaged or corrupt.\n(netmon: frame table length is 6, which is "
                 "not a multiple of the size of an entry)");
  }
}

TEST(NetmonReader, UnsupportedNetworkType) {
  auto file = make_netmon(2, 0, 5, {{0, payload(60)}});
  try {
    open_bytes(file);
    FAIL() << "no error";
  } catch (const CaptureError& e) {
    EXPECT_STREQ(e.what(),
                 "contains record data that TShark doesn't support.\n(netmon: network type 5 "
                 "unknown or unsupported)");
  }
}

TEST(NetmonReader, RecordPastTheEndStopsWithItsFrameAndOffset) {
  auto file = make_netmon(2, 0, 1, {{0, payload(60)}, {1, payload(60)}});
  // Point the second table entry past the end of the file.
  uint32_t table = file[24] | file[25] << 8 | file[26] << 16 | uint32_t(file[27]) << 24;
  for (int i = 0; i < 4; ++i) file[table + 4 + i] = 0xF0;
  auto r = read_all(*open_bytes(file));
  EXPECT_TRUE(r.failed);
  EXPECT_EQ(r.frames.size(), 1u);
  EXPECT_EQ(r.error_frame, 2u);
  EXPECT_EQ(r.error_offset, 0xF0F0F0F0u);
  EXPECT_EQ(r.error, "appears to have been cut short in the middle of a packet.");
}

}  // namespace
}  // namespace netsift::test
