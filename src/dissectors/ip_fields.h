// IPv4 and IPv6 fields read outside their dissectors (ICMP quotes, statistics taps), as typed
// handles filled when IP registers its fields.
#pragma once

#include "core/field.h"

namespace netsift {

namespace ip_fields {
extern ProtocolField protocol;
extern UintField ttl, version;
extern Ipv4Field src, dst;
}  // namespace ip_fields

namespace ipv6_fields {
extern ProtocolField protocol;
extern UintField hlim;
extern BytesField src, dst;
// The fragment header (ipv6_ext.cpp).
extern UintField frag_offset, frag_more;
extern LabelField fragments;
}  // namespace ipv6_fields

}  // namespace netsift
