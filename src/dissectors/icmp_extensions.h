// ICMP multi-part messages (RFC 4884): how much of an error message's payload is the quoted
// datagram, and the extension structure after it (packet-icmp.c's dissect_icmp_extension) with
// its objects: MPLS label stack (RFC 4950), MPLS extended payload, interface information
// (RFC 5837) and interface identification (RFC 8335, in extended echo requests).
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/byte_reader.h"
#include "core/field.h"
#include "core/packet.h"

namespace netsift {

// Where an ICMPv4 error's parts lie, as offsets into the ICMP message `r`.
struct IcmpErrorLayout {
  size_t quoted_end;     // the quoted datagram is r[8, quoted_end)
  size_t extension = 0;  // the extension structure starts here; 0: none
};

// tshark's rules: a redirect quotes the IP header and 8 bytes; an RFC 4884 length (byte 5, in
// 32-bit words) bounds the datagram (plus, as tshark counts, its header length again) when the
// quoted IP header claims more; without one, 128 bytes are the datagram and the rest an
// extension when the quoted datagram claims at most 128 bytes, or always with
// icmp.favor_icmp_mpls (`favor_mpls`).
IcmpErrorLayout icmp_error_layout(const ByteReader& r, uint8_t type, bool favor_mpls);

// RFC 8335 extended echo request (`reply` false) or reply `r` (the whole ICMP message): the
// sequence number and flags after the identifier, then a request's extension structure.
void dissect_icmp_extended_echo(Packet& pkt, const ByteReader& r, int tree, bool reply);

// The extension structure `ext` (to the end of the message) under `parent`.
void dissect_icmp_extensions(Packet& pkt, const ByteReader& ext, int parent);

// Registers the icmp.ext.* and icmp.mpls.* fields under the ICMP protocol.
void register_icmp_extension_fields(FieldId icmp);

}  // namespace netsift
