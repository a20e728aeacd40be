// IEEE 802.2 Logical-Link Control with SNAP: what 802.3 length frames (Ethernet, 802.1Q) carry.
#pragma once

#include "core/dissector_table.h"
#include "core/packet.h"

namespace netsift {

// Dissects an LLC header and hands its payload on: SNAP by OUI (the EtherType table for
// encapsulated Ethernet, the Cisco PID table, 802.1 bridged BPDUs), other I/UI frames by DSAP.
size_t dissect_llc(const ByteReader& r, Packet& pkt, int parent);

namespace llc {
DissectorTable& dsap_table();       // "llc.dsap": non-SNAP I and UI frames by DSAP
DissectorTable& cisco_pid_table();  // "llc.cisco_pid": SNAP frames with Cisco's OUI, by PID
// A BPDU bridged in SNAP (802.1 OUI, PID 0x000e): set by STP at registration.
void set_bpdu_dissector(Dissector d);
}  // namespace llc

}  // namespace netsift
