// The frame pseudo-protocol: capture metadata (times, lengths, interface, comments) and the
// entry point of dissection for every packet.
#pragma once

#include "analysis/tcp_reassembly.h"
#include "core/dissector_bug.h"
#include "core/packet.h"

namespace netsift {

// Dissects the packet whose frame and session were set by Packet::reset(). Never throws: a
// packet that ends early is flagged as tshark flags it (_ws.short or _ws.malformed).
void dissect_packet(Packet& pkt);

// Flags a packet whose dissection read past its bytes (_ws.short or _ws.malformed, naming the
// last layer entered). Dissectors that go on after a failed payload (Ethernet trailers) call it
// with that payload, `caught_in`: as tshark's show_exception, a malformed packet's item sits
// at its start (a short frame or an unreassembled fragment is caught by the frame: offset 0).
// `current`: the protocol to name when it is not the last layer entered (a protocol that goes
// on after a quoted packet, as tshark's current protocol is restored after a subdissector).
void flag_exception(Packet& pkt, const BoundsError& e, const ByteReader& caught_in = {},
                    FieldId current = kNoField);
// Shows a dissector's failed assertion as tshark does: "[Dissector bug, protocol P: message]".
void flag_dissector_bug(Packet& pkt, const DissectorBug& e);
// TCP's reassembly refused a segment (tshark's ReassemblyError): "[Reassembly error, protocol
// TCP: ...]" with an Error/Malformed expert.
void flag_reassembly_error(Packet& pkt, const TcpReassemblyError& e);

// Marks the packet as displayed, for frame.time_delta_displayed of the next one. Called by the
// output stage after filtering.
void note_displayed(Packet& pkt);

// Frame fields read outside the frame dissector, as typed handles.
namespace frame_fields {
extern ProtocolField proto;
extern TimeField time, time_epoch, time_delta, time_delta_displayed, time_relative;
extern UintField number, len, cap_len, interface_id, section_number;
extern StringField protocols, interface_name, comment;
extern IntField encap_type;
}  // namespace frame_fields

}  // namespace netsift
