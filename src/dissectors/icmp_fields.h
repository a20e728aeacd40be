// ICMP and ICMPv6 fields read outside their dissectors (flow graphs, statistics taps), as typed
// handles filled when the protocols register their fields.
#pragma once

#include "core/field.h"

namespace netsift {

namespace icmp_fields {
extern ProtocolField icmp;
extern UintField type, code;
}  // namespace icmp_fields

namespace icmpv6_fields {
extern ProtocolField icmpv6;
extern UintField type, code;
}  // namespace icmpv6_fields

}  // namespace netsift
