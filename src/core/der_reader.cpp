#include "core/der_reader.h"

namespace netsift {

BerHeader read_ber_header(const ByteReader& r, size_t off, size_t limit) {
  BerHeader h;
  h.offset = off;
  size_t p = off;
  uint8_t id = r.u8(p++);
  h.cls = static_cast<BerClass>(id >> 6);
  h.constructed = (id & 0x20) != 0;
  h.tag = id & 0x1f;
  if (h.tag == 0x1f) {
    // High tag number: base-128 digits, most significant first, bit 8 set on all but the last.
    uint32_t tag = 0;
    for (int n = 0;; ++n) {
      uint8_t b = r.u8(p++);
      if (n == 4) {
        h.error = BerError::kTagTooLong;
        break;
      }
      tag = (tag << 7) | (b & 0x7f);
      if (!(b & 0x80)) break;
    }
    h.tag = tag;
  }
  uint8_t l = r.u8(p++);
  if (l < 0x80) {
    h.length = l;
  } else if (l == 0x80) {
    h.error = BerError::kIndefiniteLength;
  } else {
    size_t n = l & 0x7f;
    if (n > 4) {
      h.error = BerError::kLengthTooLong;
    } else {
      h.length = static_cast<size_t>(r.uint(p, n));
      p += n;
    }
  }
  h.header_len = p - off;
  if (h.error == BerError::kNone && (p > limit || h.length > limit - p))
    h.error = BerError::kOverrun;
  if (h.error != BerError::kNone) h.length = 0;
  return h;
}

}  // namespace netsift
