// Shared by the EAP files: eap.cpp (header, simple methods, retransmissions), eap_methods.cpp
// (EAP-MSCHAPv2, EAP-SIM, EAP-AKA) and eap_tls.cpp (the EAP-TLS family's framing).
#pragma once

#include "core/packet.h"

namespace netsift::eap {

// An identity r[off, off+size) as tshark's dissect_eap_identity shows one (a non-ASCII
// identity with its expert warning).
void dissect_identity(Packet& pkt, const ByteReader& r, size_t off, size_t size, int parent);

// Method data r[off, off+size) of a request or response (size from the EAP Length field, so
// it may run past the bytes there).
void dissect_mschapv2(Packet& pkt, const ByteReader& r, size_t off, size_t size, int parent);
void dissect_sim_aka(Packet& pkt, bool aka, const ByteReader& r, size_t off, size_t size,
                     int parent);

// The EAP-TLS family (EAP-TLS, EAP-TTLS, PEAP) data r[off, off+size) of method `method`: its
// flags, length and TLS records, fragments collected per conversation until the last one
// (none when the message `retransmission` repeats an identifier: its data then goes to the
// data dissector).
void dissect_tls_family(Packet& pkt, uint8_t method, const ByteReader& r, size_t off, size_t size,
                        int parent, bool retransmission);
// Forgets the conversation's EAP-TLS fragments in progress (tshark does at an Identity).
void end_tls_reassembly(Packet& pkt);

// Registers the methods' fields under the EAP protocol, and the EAP-TLS family's fields and
// per-conversation state.
void register_method_fields(FieldId proto);
void register_tls_family(FieldId proto);

}  // namespace netsift::eap
