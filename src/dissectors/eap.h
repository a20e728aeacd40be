// The Extensible Authentication Protocol (RFC 3748), as IKEv2's EAP payload carries it.
#pragma once

#include "core/packet.h"

namespace netsift {

// An EAP packet in r: its header and the data of the simple method types, as tshark 4.0's EAP
// dissector shows them (Protocol column "EAP", Info "Request, Identity"); returns its size.
size_t dissect_eap(const ByteReader& r, Packet& pkt, int parent);

}  // namespace netsift
