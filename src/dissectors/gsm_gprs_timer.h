// 3GPP TS 24.008 §10.5.7.4a's GPRS timer 3, as GSM A's GPRS mobility management dissector
// shows it (IKEv2's 3GPP BACKOFF_TIMER notify carries one).
#pragma once

#include "core/packet.h"

namespace netsift {

// The timer octet at r[off] under `parent`: "GPRS Timer: 50 min" with its unit and value.
void dissect_gprs_timer3(const ByteReader& r, Packet& pkt, size_t off, int parent);

}  // namespace netsift
