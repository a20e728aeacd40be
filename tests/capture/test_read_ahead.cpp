// The read-ahead thread of --threads (capture/read_ahead_source): the same frames, offsets and
// errors as reading on the caller's thread, across many chunk refills, for plain and gzip input.
#include <gtest/gtest.h>

#include "capture/byte_source.h"
#include "capture/capture_reader.h"
#include "capture/open_capture.h"
#include "capture_test_util.h"

namespace netsift::test {
namespace {

// About 6 MB: more chunks than the read-ahead ring holds, so it wraps several times.
std::vector<uint8_t> many_frame_pcap() {
  std::vector<PcapRecord> records;
  for (uint32_t i = 0; i < 20000; ++i)
    records.push_back({i, i % 1000000, payload(200 + i % 200, static_cast<uint8_t>(i)), 0});
  return make_pcap(false, false, 65535, 1, records);
}

ReadResult read_bytes(const std::vector<uint8_t>& bytes, bool read_ahead) {
  auto reader = open_capture_stream(std::make_unique<MemorySource>(bytes), read_ahead);
  return read_all(*reader);
}

void expect_same(const ReadResult& direct, const ReadResult& ahead) {
  ASSERT_EQ(direct.frames.size(), ahead.frames.size());
  for (size_t i = 0; i < direct.frames.size(); ++i) {
    EXPECT_EQ(direct.frames[i].data, ahead.frames[i].data) << "frame " << i + 1;
    EXPECT_EQ(direct.frames[i].file_offset, ahead.frames[i].file_offset) << "frame " << i + 1;
    EXPECT_EQ(direct.frames[i].ts.sec, ahead.frames[i].ts.sec) << "frame " << i + 1;
  }
  EXPECT_EQ(direct.failed, ahead.failed);
  EXPECT_EQ(direct.error, ahead.error);
  EXPECT_EQ(direct.error_frame, ahead.error_frame);
  EXPECT_EQ(direct.error_offset, ahead.error_offset);
}

TEST(ReadAhead, PlainFileSameFramesAsDirect) {
  auto file = many_frame_pcap();
  ReadResult direct = read_bytes(file, false);
  ASSERT_FALSE(direct.failed) << direct.error;
  ASSERT_EQ(direct.frames.size(), 20000u);
  expect_same(direct, read_bytes(file, true));
}

TEST(ReadAhead, GzipSameFramesAsDirect) {
  auto gz = gzip(many_frame_pcap());
  ReadResult direct = read_bytes(gz, false);
  ASSERT_FALSE(direct.failed) << direct.error;
  expect_same(direct, read_bytes(gz, true));
}

// An error the thread meets (here inflate finding the stream cut off) reaches the reader only
// after every frame before it, at the same frame and offset.
TEST(ReadAhead, ErrorArrivesInPlace) {
  auto gz = gzip(many_frame_pcap());
  gz.resize(gz.size() * 2 / 3);
  ReadResult direct = read_bytes(gz, false);
  ASSERT_TRUE(direct.failed);
  ASSERT_GT(direct.frames.size(), 1000u);
  expect_same(direct, read_bytes(gz, true));
}

// A reader dropped mid-file (-c, a stop) stops the thread, which may be waiting for room.
TEST(ReadAhead, StopsWhenDroppedEarly) {
  auto file = many_frame_pcap();
  auto reader = open_capture_stream(std::make_unique<MemorySource>(file), true);
  CapturedFrame f;
  ASSERT_TRUE(reader->next(f));
  reader.reset();
  SUCCEED();
}

}  // namespace
}  // namespace netsift::test
