// The IPv4 and IPv6 dissectors' entry points (ICMP dissects the packets its errors quote) and
// the fields other protocols read back from the tree.
#pragma once

#include <cstddef>

#include "core/packet.h"

namespace netsift {

size_t dissect_ipv4(const ByteReader& r, Packet& pkt, int parent);
size_t dissect_ipv6(const ByteReader& r, Packet& pkt, int parent);

namespace ip_fields {
extern FieldId protocol, ttl, version;
}
namespace ipv6_fields {
extern FieldId protocol, hlim, src, dst;
}

}  // namespace netsift
