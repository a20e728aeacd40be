// ISAKMP Vendor ID payloads tshark 4.0 names: a vendor ID matches when it starts with a
// known byte string (some carry a version after it).
#pragma once

#include <cstddef>
#include <cstdint>

namespace netsift::isakmp {

enum class VendorIdKind : uint8_t {
  kPlain,
  kCiscoUnity,  // followed by a major and a minor version byte
};

struct VendorId {
  const uint8_t* bytes;
  size_t length;
  const char* name;
  VendorIdKind kind = VendorIdKind::kPlain;
};

// The first known vendor ID `p[0, len)` starts with, or null.
const VendorId* find_vendor_id(const uint8_t* p, size_t len);

}  // namespace netsift::isakmp
