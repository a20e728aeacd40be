// TCP desegmentation as Wireshark does it (the bytes kept are analysis/tcp_reassembly.h): an
// upper-layer dissector that finds its PDU cut at the end of a segment asks TCP for more bytes,
// TCP keeps the pending bytes of that direction in sequence order and, in the frame that
// completes the PDU, calls the dissector again on the reassembled buffer (a "Reassembled TCP
// (N bytes)" data source). As tshark 4.0 with tcp.reassemble_out_of_order FALSE, a segment is
// added to the PDU whose sequence range it falls in, after a capture gap too, and the PDU
// completes when its range is covered; retransmissions add nothing.
//
// How an upper dissector asks (HTTP, TLS, DNS...), through TCP's per-packet TcpPayloadContext:
//
//   size_t dissect_foo(const ByteReader& r, Packet& pkt, int parent) {
//     TcpPayloadContext& tcp = pkt.scratch<TcpPayloadContext>();
//     size_t off = 0;
//     while (off < r.reported_size()) {
//       if (!r.has(off, 4) || r.size() < off + 4 + r.u32(off)) {  // PDU not whole here
//         if (tcp.can_desegment) {
//           tcp.desegment_offset = off;  // where the unfinished PDU starts
//           tcp.desegment_len = r.has(off, 4) ? off + 4 + r.u32(off) - r.size()
//                                             : kDesegmentOneMoreSegment;
//           return r.reported_size();
//         }
//         break;  // no reassembly: dissect what is there, or stop
//       }
//       tcp_add_pdu_size(pkt, r, off, 4 + r.u32(off));
//       ... dissect the PDU [off, off + 4 + len) ...
//     }
//     return r.reported_size();
//   }
//
// Add nothing to the tree or the columns for the unfinished PDU: the frame shows TCP with
// "[TCP segment of a reassembled PDU]", exactly as tshark.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "analysis/tcp_reassembly.h"
#include "core/packet.h"

namespace netsift {

// TCP's per-packet data (a Packet scratch state, StateScope::kPacket): what TCP tells the
// dissector of its payload and what that dissector answers (Wireshark's pinfo->can_desegment,
// desegment_offset and desegment_len). Outside a TCP payload it keeps its initial values.
struct TcpPayloadContext {
  // Set by TCP before calling the payload's dissector; a dissector whose PDU starting at
  // desegment_offset is not whole sets desegment_len to the bytes still missing
  // (kDesegmentOneMoreSegment: unknown).
  bool can_desegment = false;
  uint32_t desegment_offset = 0;
  uint32_t desegment_len = 0;
  int tcp_tree = -1;  // the TCP node whose payload is being dissected (for tcp.pdu.size)
  bool fin = false;   // the segment carries a FIN: no more bytes will follow
  // Set by a dissector that frames PDUs as tshark's tcp_dissect_pdus does without TCP knowing
  // it (HTTP/2 behind HTTP's port) when it asks for more bytes: TCP then shows the size of the
  // PDU it reassembles, as for a registered PDU dissector.
  bool frames_pdus = false;
  // Set by TCP while the dissector runs over a reassembled PDU whose size TCP has shown.
  bool reassembled_pdu_sized = false;
};

// What TCP knows of a segment whose payload it hands over for desegmentation.
struct TcpSegmentInfo {
  uint32_t seq;       // raw sequence number of the payload's first byte
  uint16_t analysis;  // the segment's tcp.analysis flags (kTa*, analysis/tcp_sequence_analysis.h)
  bool no_subdissector_on_error;  // tcp.no_subdissector_on_error
};

// tshark 4.0's desegment_tcp (tcp.reassemble_out_of_order FALSE) for a fully captured payload
// with a good checksum: a segment falling in a pending PDU's range is added to it where it
// belongs, after a capture gap as well (shown as "[TCP segment of a reassembled PDU]"), and the
// PDU is dissected with `upper` in the frame whose segment makes it whole; a retransmission adds
// nothing. `tcp_tree` is the TCP protocol node. Throws TcpReassemblyError where tshark's
// reassembly throws (a segment overlapping a PDU already dissected).
void tcp_reassemble_payload(Packet& pkt, TcpStreamReassembly& state, int tcp_tree,
                            const TcpSegmentInfo& seg, const ByteReader& data, Dissector upper);
// Declares that `upper` frames its PDUs as tshark's tcp_dissect_pdus() does (DNS): TCP then
// shows tcp.pdu.size for its reassembled PDUs. Protocols doing their own desegmentation (HTTP)
// get no PDU size, as in tshark.
void tcp_register_pdu_dissector(Dissector upper);
// tcp.pdu.size for a whole PDU [off, off+len) of the payload `r` an upper dissector was given,
// as tshark shows for each PDU (once, by TCP itself, for a reassembled one). `any_source`: also
// when `r` is reassembled or decrypted data, as for a dissector TCP does not know frames PDUs
// (HTTP/2 behind HTTP's port or TLS: its own tcp_dissect_pdus shows them there).
void tcp_add_pdu_size(Packet& pkt, const ByteReader& r, size_t off, size_t len,
                      bool any_source = false);
// A FIN ends the direction: when a dissector asked for everything until the FIN, the FIN
// segment (`seq` its raw sequence number, `data` its payload, maybe empty) completes that PDU,
// which is dissected now with `upper` without the right to ask for more. True when it did (the
// payload is then part of the PDU and not dissected on its own).
bool tcp_reassembly_fin(Packet& pkt, TcpStreamReassembly& state, int tcp_tree, uint32_t seq,
                        const ByteReader& data, Dissector upper);

// The fields of a reassembled PDU's segment list (TCP's, TLS's...), and the list's noun in its
// label ("TCP Segments" in "[3 Reassembled TCP Segments (N bytes): #1(10), ...]").
struct ReassemblyTreeFields {
  FieldId segments, segment, count, length, data;
  const char* noun;
};
// tshark's show_fragment_tree at the top level of the tree: the segments `parts` that made up
// the reassembled PDU `whole`, their count, its length and data.
void add_reassembly_tree(Packet& pkt, const ReassemblyTreeFields& fields,
                         const std::vector<TcpPendingPdu::Segment>& parts, const ByteReader& whole);

}  // namespace netsift
