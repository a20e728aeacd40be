// ISAKMP Vendor ID payloads tshark 4.0 names: a vendor ID matches when it starts with a
// known byte string (some carry a version or more after it). The table is generated from
// tshark's (scripts/gen_isakmp_vendor_ids.py).
#pragma once

#include <cstddef>
#include <cstdint>

namespace netsift::isakmp {

struct VendorId {
  const char* bytes;
  size_t length;
  const char* name;
};

// The first known vendor ID `p[0, len)` starts with (tshark's order), or null.
const VendorId* find_vendor_id(const uint8_t* p, size_t len);

// Whether `p[0, len)` starts with the vendor ID tshark calls `name` (for the vendor IDs whose
// following bytes tshark decodes, whichever name matched first).
bool starts_with_vendor_id(const uint8_t* p, size_t len, const char* name);

}  // namespace netsift::isakmp
