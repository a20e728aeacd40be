// What ICMP and ICMPv6 error messages share: dissecting the packet an error quotes, and
// reading values of the enclosing IP header (its TTL or hop limit) from the tree.
#pragma once

#include <cstdint>

#include "core/packet.h"

namespace netsift {

// Dissects the packet an ICMP/ICMPv6 error quotes with `d`, under `parent`, the way tshark
// does for "error packets": the outer packet keeps its addresses, ports and columns, and the
// quote ending early is not an error.
void dissect_quoted_packet(Packet& pkt, Dissector d, const ByteReader& r, int parent);

// The last value of integer field `f` in the tree (e.g. the TTL of the enclosing IP header),
// or `fallback` when absent.
uint64_t last_uint(const Packet& pkt, FieldId f, uint64_t fallback = 0);

}  // namespace netsift
