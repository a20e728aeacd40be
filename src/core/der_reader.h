// Bounds-checked BER/DER element headers (X.690): identifier octets (class, constructed bit, tag
// number, high tag numbers included) and definite lengths, read through a ByteReader. The
// X.509 and OCSP dissectors walk certificates with it.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/byte_reader.h"

namespace netsift {

enum class BerClass : uint8_t { kUniversal = 0, kApplication = 1, kContext = 2, kPrivate = 3 };

// Universal tag numbers used by the certificate dissectors.
namespace ber_tag {
inline constexpr uint32_t kBoolean = 1, kInteger = 2, kBitString = 3, kOctetString = 4, kNull = 5,
                          kOid = 6, kEnumerated = 10, kUtf8String = 12, kSequence = 16, kSet = 17,
                          kNumericString = 18, kPrintableString = 19, kTeletexString = 20,
                          kIa5String = 22, kUtcTime = 23, kGeneralizedTime = 24,
                          kVisibleString = 26, kUniversalString = 28, kBmpString = 30;
}

// Why an element header could not be used. tshark's BER dissector reports each of these as a
// malformed element; indefinite lengths are refused, as DER forbids them and certificates are DER.
enum class BerError : uint8_t { kNone, kIndefiniteLength, kLengthTooLong, kTagTooLong, kOverrun };

struct BerHeader {
  BerClass cls = BerClass::kUniversal;
  bool constructed = false;
  uint32_t tag = 0;
  size_t offset = 0;      // of the identifier octets within the reader
  size_t header_len = 0;  // identifier + length octets
  size_t length = 0;      // content octets
  BerError error = BerError::kNone;

  size_t content() const { return offset + header_len; }
  size_t end() const { return offset + header_len + length; }
  bool is(BerClass c, uint32_t t) const { return cls == c && tag == t; }
  bool universal(uint32_t t) const { return is(BerClass::kUniversal, t); }
  bool context(uint32_t t) const { return is(BerClass::kContext, t); }
};

// Reads the header at `off`, which must end no later than `limit` (the end of the enclosing
// element). Throws BoundsError when the header bytes themselves are not there; a header whose
// length is indefinite, wider than 4 octets or runs past `limit` comes back with `error` set.
BerHeader read_ber_header(const ByteReader& r, size_t off, size_t limit);

// Elements nest at most this deep in the dissectors (certificates need about 12): deeper
// input is treated as malformed rather than recursed into.
inline constexpr int kMaxBerDepth = 32;

}  // namespace netsift
