// Known ISAKMP vendor IDs: MD5 hashes of vendor strings (NAT-T drafts and RFC 3947, RFC 3706
// DPD, XAUTH, Cisco Unity, Check Point, Microsoft, strongSwan, Fortinet, ...) and plain-text
// IDs, all of tshark 4.0's table (isakmp_vendor_id_table.inc).
#include "dissectors/isakmp_vendor_ids.h"

#include <cstring>

namespace netsift::isakmp {

namespace {

const VendorId kVendorIds[] = {
#include "dissectors/isakmp_vendor_id_table.inc"
};

bool matches(const VendorId& v, const uint8_t* p, size_t len) {
  return len >= v.length && std::memcmp(p, v.bytes, v.length) == 0;
}

}  // namespace

const VendorId* find_vendor_id(const uint8_t* p, size_t len) {
  for (const VendorId& v : kVendorIds)
    if (matches(v, p, len)) return &v;
  return nullptr;
}

bool starts_with_vendor_id(const uint8_t* p, size_t len, const char* name) {
  for (const VendorId& v : kVendorIds)
    if (std::strcmp(v.name, name) == 0) return matches(v, p, len);
  return false;
}

}  // namespace netsift::isakmp
