// Object identifier names as tshark resolves them, generated from tshark by
// scripts/gen_oid_names.py (src/core/oid_names.cpp).
#pragma once

#include <cstddef>

namespace netsift {

struct OidName {
  const char* dotted;  // "2.5.4.3"
  const char* name;    // "id-at-commonName"
};

extern const OidName kOidNames[];
extern const size_t kOidNameCount;

}  // namespace netsift
