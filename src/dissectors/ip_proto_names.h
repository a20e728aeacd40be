// IANA protocol numbers with tshark's names ("ICMP", "UDP"), shared by ip.proto, ipv6.nxt and
// the IPv6 extension headers' next-header fields.
#pragma once

#include <cstdint>
#include <span>

#include "core/field.h"

namespace netsift {

std::span<const ValueName> ip_proto_names();
const char* ip_proto_name(uint8_t proto);  // "Unknown" when unnamed

}  // namespace netsift
