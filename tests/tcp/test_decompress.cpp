// The bounded HTTP content decoders (analysis/decompress.h): zlib's own compressor makes the
// inputs, so the expected bytes are the originals.
#include <gtest/gtest.h>
#include <zlib.h>

#include <vector>

#include "analysis/decompress.h"

namespace netsift {
namespace {

// `data` compressed with the given window bits (31: gzip, 15: zlib, -15: raw deflate).
std::vector<uint8_t> deflate_with(const std::vector<uint8_t>& data, int window_bits) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 9, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::vector<uint8_t> out(deflateBound(&zs, data.size()) + 32);
  zs.next_in = const_cast<Bytef*>(data.data());
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = out.data();
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::vector<uint8_t> sample(size_t n) {
  std::vector<uint8_t> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<uint8_t>((i * 7919) >> 3);
  return v;
}

TEST(Decompress, GzipZlibAndRawDeflateRoundTrip) {
  std::vector<uint8_t> data = sample(200000), out;  // more than one 64 KiB output step
  for (int bits : {31, 15, -15}) {
    std::vector<uint8_t> packed = deflate_with(data, bits);
    ContentCoding coding = bits == 31 ? ContentCoding::kGzip : ContentCoding::kDeflate;
    EXPECT_EQ(decompress(coding, packed.data(), packed.size(), 1 << 20, out), DecodeStatus::kOk)
        << bits;
    EXPECT_EQ(out, data) << bits;
  }
}

TEST(Decompress, ConcatenatedGzipMembersAreOneBody) {
  std::vector<uint8_t> a = sample(1000), b = sample(3000), packed = deflate_with(a, 31), out;
  std::vector<uint8_t> second = deflate_with(b, 31);
  packed.insert(packed.end(), second.begin(), second.end());
  ASSERT_EQ(decompress(ContentCoding::kGzip, packed.data(), packed.size(), 1 << 20, out),
            DecodeStatus::kOk);
  a.insert(a.end(), b.begin(), b.end());
  EXPECT_EQ(out, a);
}

TEST(Decompress, OutputStopsAtTheLimit) {
  std::vector<uint8_t> zeros(4 << 20), out;  // a 4 MiB bomb of a few KiB
  std::vector<uint8_t> packed = deflate_with(zeros, 31);
  ASSERT_LT(packed.size(), 8192u);
  EXPECT_EQ(decompress(ContentCoding::kGzip, packed.data(), packed.size(), 100000, out),
            DecodeStatus::kTruncated);
  EXPECT_EQ(out.size(), 100000u);
}

TEST(Decompress, CutStreamKeepsWhatDecodedAndGarbageFails) {
  std::vector<uint8_t> data = sample(50000), out;
  std::vector<uint8_t> packed = deflate_with(data, 31);
  packed.resize(packed.size() / 2);
  EXPECT_EQ(decompress(ContentCoding::kGzip, packed.data(), packed.size(), 1 << 20, out),
            DecodeStatus::kOk);
  ASSERT_FALSE(out.empty());
  EXPECT_TRUE(std::equal(out.begin(), out.end(), data.begin()));
  const uint8_t garbage[] = {0xff, 0xfe, 0xfd, 0x00, 0x13, 0x37};
  EXPECT_EQ(decompress(ContentCoding::kGzip, garbage, sizeof garbage, 1 << 20, out),
            DecodeStatus::kFailed);
  EXPECT_EQ(decompress(ContentCoding::kBrotli, garbage, sizeof garbage, 1 << 20, out),
            DecodeStatus::kFailed);
}

}  // namespace
}  // namespace netsift
