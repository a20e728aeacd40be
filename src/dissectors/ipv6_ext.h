// IPv6 extension headers (ipv6_ext.cpp): hop-by-hop, routing, fragment, destination options.
#pragma once

#include <cstdint>

namespace netsift {

// Whether `next_header` names an extension header (nested in the IPv6 tree) rather than an
// upper-layer protocol.
bool is_ipv6_extension(uint8_t next_header);
void register_ipv6_extensions();

}  // namespace netsift
