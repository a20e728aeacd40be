// Byte sources: buffering, gzip, pipes (frames delivered without waiting for EOF), open errors.
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <future>

#include <gtest/gtest.h>

#include "capture/fd_source.h"
#include "capture/gzip_source.h"
#include "capture/input_stream.h"
#include "capture/open_capture.h"
#include "capture_test_util.h"

namespace netsift::test {
namespace {

TEST(InputStream, ReadPeekSkipTrackOffsets) {
  std::vector<uint8_t> bytes = payload(1000);
  InputStream in(std::make_unique<MemorySource>(bytes), 64);  // tiny buffer: many refills
  size_t got = 0;
  const uint8_t* p = in.peek(10, got);
  ASSERT_EQ(got, 10u);
  EXPECT_EQ(p[9], 9);
  EXPECT_EQ(in.offset(), 0u);
  std::vector<uint8_t> out(300);
  EXPECT_EQ(in.read_exact(out.data(), 300), 300u);  // larger than the buffer
  EXPECT_EQ(out[299], uint8_t(299));
  EXPECT_EQ(in.skip(100), 100u);
  EXPECT_EQ(in.offset(), 400u);
  EXPECT_EQ(in.read_exact(out.data(), 1), 1u);
  EXPECT_EQ(out[0], uint8_t(400));
  EXPECT_EQ(in.read_exact(out.data(), 300), 300u);
  EXPECT_EQ(in.read_exact(out.data(), 300), 299u);  // input ends
  EXPECT_EQ(in.offset(), 1000u);
  EXPECT_EQ(in.read_exact(out.data(), 1), 0u);
}

std::vector<uint8_t> three_frame_pcap() {
  return make_pcap(false, false, 65535, 1,
                   {{1, 2, payload(60), 0}, {3, 4, payload(70, 1), 0}, {5, 6, payload(80, 2), 0}});
}

TEST(Gzip, DecompressesTransparently) {
  auto plain = three_frame_pcap();
  auto gz = gzip(plain);
  auto r = read_all(*open_bytes(gz));
  ASSERT_FALSE(r.failed) << r.error;
  ASSERT_EQ(r.frames.size(), 3u);
  EXPECT_EQ(r.frames[2].data, payload(80, 2));
  // Offsets count decompressed bytes.
  EXPECT_EQ(r.frames[1].file_offset, 24u + 16 + 60);
}

TEST(Gzip, ConcatenatedMembers) {
  auto plain = three_frame_pcap();
  std::vector<uint8_t> a(plain.begin(), plain.begin() + 50), b(plain.begin() + 50, plain.end());
  auto gz = gzip(a);
  auto gz2 = gzip(b);
  gz.insert(gz.end(), gz2.begin(), gz2.end());
  auto r = read_all(*open_bytes(gz));
  ASSERT_FALSE(r.failed) << r.error;
  EXPECT_EQ(r.frames.size(), 3u);
}

TEST(Gzip, TruncatedStreamIsCutShort) {
  auto gz = gzip(three_frame_pcap());
  gz.resize(gz.size() - 30);
  auto r = read_all(*open_bytes(gz));
  EXPECT_TRUE(r.failed);
  EXPECT_NE(r.error.find("cut short"), std::string::npos) << r.error;
}

TEST(Gzip, CorruptDataIsDamaged) {
  auto gz = gzip(three_frame_pcap());
  for (size_t i = 20; i < gz.size() - 8; ++i) gz[i] ^= 0x5a;
  // Either opening or reading must fail (inflate error, CRC error, or garbage pcap).
  bool failed = false;
  try {
    failed = read_all(*open_bytes(gz)).failed;
  } catch (const CaptureError&) {
    failed = true;
  }
  EXPECT_TRUE(failed);
}

// Reads one frame from `fd` in another thread; fails if it does not arrive within 5 s (the
// writer keeps the pipe open, so a reader waiting for EOF or a full buffer would hang).
void expect_frame_from_pipe(int read_fd, int write_fd, uint32_t expected_len) {
  std::unique_ptr<CaptureReader> reader;
  auto fut = std::async(std::launch::async, [&] {
    reader = open_capture_stream(std::make_unique<FdSource>(read_fd, false));
    CapturedFrame f;
    bool ok = reader->next(f);
    return ok ? f.len : 0u;
  });
  if (fut.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
    ::close(write_fd);  // unblock the reader so the test can end
    FAIL() << "frame not delivered while the pipe stayed open";
  }
  EXPECT_EQ(fut.get(), expected_len);
}

TEST(Pipe, FrameDeliveredBeforeEof) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  auto file = make_pcap(false, false, 65535, 1, {{1, 0, payload(42), 0}});
  ASSERT_EQ(write(fds[1], file.data(), file.size()), ssize_t(file.size()));
  expect_frame_from_pipe(fds[0], fds[1], 42);
  ::close(fds[1]);
  ::close(fds[0]);
}

TEST(Pipe, PcapngFrameDeliveredBeforeEof) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  PcapngBuilder b;
  b.shb(false).idb(1, 0).epb(0, 1, payload(33));
  ASSERT_EQ(write(fds[1], b.out.data(), b.out.size()), ssize_t(b.out.size()));
  expect_frame_from_pipe(fds[0], fds[1], 33);
  ::close(fds[1]);
  ::close(fds[0]);
}

TEST(Pipe, GzipFrameDeliveredBeforeEof) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  auto file = make_pcap(false, false, 65535, 1, {{1, 0, payload(42), 0}});
  // A sync flush makes every byte so far decodable without ending the stream.
  z_stream s{};
  ASSERT_EQ(deflateInit2(&s, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::vector<uint8_t> out(4096);
  s.next_in = file.data();
  s.avail_in = uInt(file.size());
  s.next_out = out.data();
  s.avail_out = uInt(out.size());
  ASSERT_EQ(deflate(&s, Z_SYNC_FLUSH), Z_OK);
  size_t n = out.size() - s.avail_out;
  deflateEnd(&s);
  ASSERT_EQ(write(fds[1], out.data(), n), ssize_t(n));
  expect_frame_from_pipe(fds[0], fds[1], 42);
  ::close(fds[1]);
  ::close(fds[0]);
}

TEST(OpenCapture, Errors) {
  try {
    open_capture("/nonexistent/file.pcap");
    FAIL();
  } catch (const CaptureError& e) {
    EXPECT_STREQ(e.what(), "The file \"/nonexistent/file.pcap\" doesn't exist.");
  }
  std::string text = "hello, this is not a capture\n";
  std::vector<uint8_t> bytes(text.begin(), text.end());
  try {
    open_bytes(bytes);
    FAIL();
  } catch (const CaptureError& e) {
    EXPECT_NE(std::string(e.what()).find("isn't a capture file"), std::string::npos);
  }
  std::vector<uint8_t> tiny = {0x0a, 0x0d};
  EXPECT_THROW(open_bytes(tiny), CaptureError);
}

// tshark reads an empty file as a capture with no packets, and exits 0.
TEST(OpenCapture, EmptyInputHasNoFrames) {
  std::vector<uint8_t> empty;
  auto reader = open_bytes(empty);
  CapturedFrame frame;
  EXPECT_FALSE(reader->next(frame));
}

TEST(OpenCapture, ReadsFileFromPath) {
  auto file = three_frame_pcap();
  char path[] = "/tmp/netsift_capture_XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, file.data(), file.size()), ssize_t(file.size()));
  ::close(fd);
  auto r = read_all(*open_capture(path));
  unlink(path);
  ASSERT_FALSE(r.failed) << r.error;
  EXPECT_EQ(r.frames.size(), 3u);
}

}  // namespace
}  // namespace netsift::test
