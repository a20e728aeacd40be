// ISAKMP / IKE messages (dissectors/isakmp.cpp), also called by the UDP encapsulation of
// port 4500 (dissectors/esp.cpp) after the non-ESP marker.
#pragma once

#include <cstddef>

#include "core/packet.h"

namespace netsift {

size_t dissect_isakmp(const ByteReader& r, Packet& pkt, int parent);

}  // namespace netsift
