// Bounded gzip/deflate/brotli decoding (see decompress.h).
#include "analysis/decompress.h"

#include <brotli/decode.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>

namespace netsift {

namespace {

constexpr size_t kStep = 64 * 1024;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// One zlib pass with the given window bits (47: gzip or zlib header; -15: raw deflate).
DecodeStatus inflate_with(int window_bits, const uint8_t* in, size_t n, size_t limit,
                          std::vector<uint8_t>& out) {
  out.clear();
  z_stream zs{};
  if (inflateInit2(&zs, window_bits) != Z_OK) return DecodeStatus::kFailed;
  zs.next_in = const_cast<Bytef*>(in);
  zs.avail_in = static_cast<uInt>(std::min<size_t>(n, UINT32_MAX));
  DecodeStatus status = DecodeStatus::kFailed;
  for (;;) {
    if (out.size() >= limit) {
      status = DecodeStatus::kTruncated;
      break;
    }
    size_t step = std::min(kStep, limit - out.size());
    size_t have = out.size();
    out.resize(have + step);
    zs.next_out = out.data() + have;
    zs.avail_out = static_cast<uInt>(step);
    int rc = inflate(&zs, Z_NO_FLUSH);
    out.resize(have + (step - zs.avail_out));
    if (rc == Z_STREAM_END) {
      // gzip members may follow one another (RFC 1952 2.2); decode them as one body.
      if (zs.avail_in > 0 && window_bits > 15 && inflateReset(&zs) == Z_OK) continue;
      status = DecodeStatus::kOk;
      break;
    }
    if (rc == Z_BUF_ERROR && zs.avail_out != 0) {
      // Input exhausted before the end of the stream: a body cut short. tshark keeps what
      // decoded when there is something.
      status = out.empty() ? DecodeStatus::kFailed : DecodeStatus::kOk;
      break;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) break;
  }
  inflateEnd(&zs);
  return status;
}

DecodeStatus brotli(const uint8_t* in, size_t n, size_t limit, std::vector<uint8_t>& out) {
  out.clear();
  BrotliDecoderState* st = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  if (!st) return DecodeStatus::kFailed;
  size_t avail_in = n;
  const uint8_t* next_in = in;
  DecodeStatus status = DecodeStatus::kFailed;
  for (;;) {
    if (out.size() >= limit) {
      status = DecodeStatus::kTruncated;
      break;
    }
    size_t step = std::min(kStep, limit - out.size());
    size_t have = out.size();
    out.resize(have + step);
    uint8_t* next_out = out.data() + have;
    size_t avail_out = step;
    BrotliDecoderResult rc =
        BrotliDecoderDecompressStream(st, &avail_in, &next_in, &avail_out, &next_out, nullptr);
    out.resize(have + (step - avail_out));
    if (rc == BROTLI_DECODER_RESULT_SUCCESS) {
      status = DecodeStatus::kOk;
      break;
    }
    if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) continue;
    if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT)
      status = out.empty() ? DecodeStatus::kFailed : DecodeStatus::kOk;
    break;
  }
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
