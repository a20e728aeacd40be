// libFuzzer target: the bounded content decoders (analysis/decompress.h).
//
// 1. Garbage: arbitrary bytes as gzip, deflate or br with an input-chosen output limit. The
//    result never exceeds the limit, and a truncated result fills it exactly.
// 2. Round trip: the input compressed with zlib (gzip or zlib/raw deflate) decodes back to the
//    input, or to its first `limit` bytes (kTruncated) when the limit is smaller.
// 3. Bomb: a stream of input-chosen length (up to 16 MiB) of one repeated byte, compressed; the
//    decoder stops at the limit and never holds more.
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "analysis/decompress.h"
#include "fuzz_common.h"

namespace {
using namespace netsift;

// zlib's deflate with window bits `wbits` (31: gzip, 15: zlib header, -15: raw deflate).
std::vector<uint8_t> compress(const uint8_t* in, size_t n, int wbits, int level) {
  z_stream z{};
  CHECK(deflateInit2(&z, level, Z_DEFLATED, wbits, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::vector<uint8_t> out(deflateBound(&z, static_cast<uLong>(n)) + 32);
  z.next_in = const_cast<Bytef*>(in);
  z.avail_in = static_cast<uInt>(n);
  z.next_out = out.data();
  z.avail_out = static_cast<uInt>(out.size());
  CHECK(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// `total` copies of `byte`, compressed in pieces so the input stays small.
std::vector<uint8_t> bomb(size_t total, uint8_t byte, int wbits) {
  z_stream z{};
  CHECK(deflateInit2(&z, 9, Z_DEFLATED, wbits, 9, Z_DEFAULT_STRATEGY) == Z_OK);
  static std::vector<uint8_t> block(1 << 16);
  std::memset(block.data(), byte, block.size());
  std::vector<uint8_t> out;
  std::vector<uint8_t> buf(1 << 16);
  size_t left = total;
  int flush = Z_NO_FLUSH;
  do {
    size_t n = left < block.size() ? left : block.size();
    left -= n;
    flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
    z.next_in = block.data();
    z.avail_in = static_cast<uInt>(n);
    do {
      z.next_out = buf.data();
      z.avail_out = static_cast<uInt>(buf.size());
      deflate(&z, flush);
      out.insert(out.end(), buf.data(), buf.data() + (buf.size() - z.avail_out));
    } while (z.avail_out == 0);
  } while (flush != Z_FINISH);
  deflateEnd(&z);
  return out;
}

void check_bounded(DecodeStatus st, const std::vector<uint8_t>& out, size_t limit) {
  CHECK(out.size() <= limit);
  if (st == DecodeStatus::kTruncated) CHECK(out.size() == limit);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 3) return 0;
  const uint8_t mode = data[0];
  const size_t limit = 1 + (static_cast<size_t>(data[1]) << 8 | data[2]) * 16;  // 1 .. ~1 MiB
  const uint8_t* body = data + 3;
  const size_t n = size - 3;
  static const int kWbits[] = {31, 15, -15};
  static std::vector<uint8_t> out;

  switch (mode % 4) {
    case 0: {  // garbage through every decoder
      for (ContentCoding c :
           {ContentCoding::kGzip, ContentCoding::kDeflate, ContentCoding::kBrotli})
        check_bounded(decompress(c, body, n, limit, out), out, limit);
      break;
    }
    case 1: {  // round trip through zlib
      int wbits = kWbits[(mode >> 2) % 3];
      std::vector<uint8_t> z = compress(body, n, wbits, (mode >> 4) % 10);
      ContentCoding c = wbits == 31 ? ContentCoding::kGzip : ContentCoding::kDeflate;
      DecodeStatus st = decompress(c, z.data(), z.size(), limit, out);
      check_bounded(st, out, limit);
      if (n <= limit) {
        CHECK(st == DecodeStatus::kOk);
        CHECK(out.size() == n && (n == 0 || std::memcmp(out.data(), body, n) == 0));
      } else {
        CHECK(st == DecodeStatus::kTruncated);
        CHECK(std::memcmp(out.data(), body, limit) == 0);
      }
      break;
    }
    case 2: {  // a bomb: far more output than input
      int wbits = kWbits[(mode >> 2) % 3];
      size_t total = (n ? body[0] : 1) * size_t{1} << 16;  // up to 16 MiB of one byte
      std::vector<uint8_t> z = bomb(total, n > 1 ? body[1] : 0, wbits);
      ContentCoding c = wbits == 31 ? ContentCoding::kGzip : ContentCoding::kDeflate;
      DecodeStatus st = decompress(c, z.data(), z.size(), limit, out);
      check_bounded(st, out, limit);
      CHECK(st == (total <= limit ? DecodeStatus::kOk : DecodeStatus::kTruncated));
      break;
    }
    default: {  // a valid stream with its tail cut or corrupted at an input-chosen byte
      std::vector<uint8_t> z = compress(body, n, 31, 6);
      size_t cut = n ? body[0] % z.size() : 0;
      z.resize(cut + (mode >> 2) % 2);
      if (!z.empty() && (mode & 0x80)) z[z.size() / 2] ^= 0x5a;
      check_bounded(decompress(ContentCoding::kGzip, z.data(), z.size(), limit, out), out, limit);
      break;
    }
  }
  return 0;
}
