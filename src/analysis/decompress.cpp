// Bounded gzip/deflate/brotli decoding (see decompress.h).
#include "analysis/decompress.h"

#include "core/ascii.h"

#include <brotli/decode.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>

namespace netsift {

namespace {

constexpr size_t kStep = 64 * 1024;

// What one call of a decoder did with the output room it was given.
enum class Step {
  kMore,        // room filled, or a new stream started: call again
  kEnd,         // the stream ended
  kInputEnded,  // the input ran out before the end of the stream (a body cut short)
  kError,       // not valid data
};

// The bounded output loop every decoder shares: `step(dst, room, &produced)` decodes into at
// most `room` bytes; `out` grows by at most kStep at a time and never beyond `limit`.
template <typename StepFn>
DecodeStatus decode_bounded(size_t limit, std::vector<uint8_t>& out, StepFn step) {
  out.clear();
  for (;;) {
    if (out.size() >= limit) return DecodeStatus::kTruncated;
    size_t room = std::min(kStep, limit - out.size());
    size_t have = out.size();
    out.resize(have + room);
    size_t produced = 0;
    Step r = step(out.data() + have, room, &produced);
    out.resize(have + produced);
    switch (r) {
      case Step::kMore:
        continue;
      case Step::kEnd:
        return DecodeStatus::kOk;
      case Step::kInputEnded:
        // tshark keeps what decoded when there is something.
        return out.empty() ? DecodeStatus::kFailed : DecodeStatus::kOk;
      case Step::kError:
        return DecodeStatus::kFailed;
    }
  }
}

// zlib with the given window bits (47: gzip or zlib header; -15: raw deflate).
DecodeStatus inflate_with(int window_bits, const uint8_t* in, size_t n, size_t limit,
                          std::vector<uint8_t>& out) {
  out.clear();
  z_stream zs{};
  if (inflateInit2(&zs, window_bits) != Z_OK) return DecodeStatus::kFailed;
  zs.next_in = const_cast<Bytef*>(in);
  zs.avail_in = static_cast<uInt>(std::min<size_t>(n, UINT32_MAX));
  DecodeStatus status =
      decode_bounded(limit, out, [&](uint8_t* dst, size_t room, size_t* produced) {
        zs.next_out = dst;
        zs.avail_out = static_cast<uInt>(room);
        int rc = inflate(&zs, Z_NO_FLUSH);
        *produced = room - zs.avail_out;
        if (rc == Z_STREAM_END) {
          // gzip members may follow one another (RFC 1952 2.2); decode them as one body.
          if (zs.avail_in > 0 && window_bits > 15 && inflateReset(&zs) == Z_OK) return Step::kMore;
          return Step::kEnd;
        }
        if (rc == Z_BUF_ERROR && zs.avail_out != 0) return Step::kInputEnded;
        return rc == Z_OK || rc == Z_BUF_ERROR ? Step::kMore : Step::kError;
      });
  inflateEnd(&zs);
  return status;
}

DecodeStatus brotli(const uint8_t* in, size_t n, size_t limit, std::vector<uint8_t>& out) {
  out.clear();
  BrotliDecoderState* st = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  if (!st) return DecodeStatus::kFailed;
  size_t avail_in = n;
  const uint8_t* next_in = in;
  DecodeStatus status =
      decode_bounded(limit, out, [&](uint8_t* dst, size_t room, size_t* produced) {
        size_t avail_out = room;
        BrotliDecoderResult rc =
            BrotliDecoderDecompressStream(st, &avail_in, &next_in, &avail_out, &dst, nullptr);
        *produced = room - avail_out;
        switch (rc) {
          case BROTLI_DECODER_RESULT_SUCCESS:
            return Step::kEnd;
          case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:
            return Step::kMore;
          case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
            return Step::kInputEnded;
          default:
            return Step::kError;
        }
      });
  BrotliDecoderDestroyInstance(st);
  return status;
}

}  // namespace

ContentCoding content_coding(std::string_view name) {
  if (name.empty() || iequals(name, "identity")) return ContentCoding::kIdentity;
  if (iequals(name, "gzip") || iequals(name, "x-gzip")) return ContentCoding::kGzip;
  if (iequals(name, "deflate") || iequals(name, "x-deflate")) return ContentCoding::kDeflate;
  if (iequals(name, "br")) return ContentCoding::kBrotli;
  return ContentCoding::kUnsupported;
}

DecodeStatus decompress(ContentCoding coding, const uint8_t* in, size_t n, size_t limit,
                        std::vector<uint8_t>& out) {
  switch (coding) {
    case ContentCoding::kGzip:
    case ContentCoding::kDeflate: {
      DecodeStatus s = inflate_with(47, in, n, limit, out);
      if (s == DecodeStatus::kFailed) s = inflate_with(-15, in, n, limit, out);  // raw deflate
      return s;
    }
    case ContentCoding::kBrotli:
      return brotli(in, n, limit, out);
    default:
      out.clear();
      return DecodeStatus::kFailed;
  }
}

}  // namespace netsift
