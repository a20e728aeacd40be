// Bounded decoders for HTTP content codings: gzip and deflate (zlib, with or without the zlib
// header, as servers send both) and br (Brotli). Output stops at a caller-given limit, so a
// small compressed body cannot expand into unbounded memory (a decompression bomb).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace netsift {

enum class ContentCoding { kIdentity, kGzip, kDeflate, kBrotli, kUnsupported };

// The coding named by a Content-Encoding value ("gzip", "x-gzip", "deflate", "br"...).
ContentCoding content_coding(std::string_view name);

enum class DecodeStatus {
  kOk,         // the whole input decoded
  kTruncated,  // the output limit was reached: `out` holds the first `limit` bytes
  kFailed,     // not valid data of that coding (or it ended early)
};

// Decodes `in` into `out` (cleared first), producing at most `limit` bytes.
DecodeStatus decompress(ContentCoding coding, const uint8_t* in, size_t n, size_t limit,
                        std::vector<uint8_t>& out);

}  // namespace netsift
