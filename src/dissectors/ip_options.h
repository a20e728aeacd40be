// IPv4 header options (RFC 791 and successors), split from ip.cpp to keep files small.
#pragma once

#include "core/packet.h"

namespace netsift {

void register_ipv4_options(FieldId ip_protocol);
// Adds the "Options" subtree for the option bytes `opts` (header bytes 20..hlen).
void dissect_ipv4_options(Packet& pkt, int ip_tree, const ByteReader& opts);

}  // namespace netsift
