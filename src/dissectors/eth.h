// Ethernet pieces other link layers share: EtherType dispatch with tshark's padding, trailer and
// FCS handling (802.1Q and Linux cooked captures reuse it), and the trailer-dissector hook
// through which heuristic trailer dissectors (F5) see the bytes after the payload.
#pragma once

#include "core/packet.h"

namespace netsift {

// What a link layer hands to dissect_ethertype (Wireshark's ethertype_data_t).
struct EthertypeCall {
  uint16_t etype;
  size_t payload_offset;  // start of the payload in the reader
  int header_tree;        // node that receives padding, trailer and FCS items
  FieldId trailer_field;  // eth.trailer, vlan.trailer or sll.trailer
  int fcs_len;            // 0: no FCS, 4: FCS present, -1: guess
};

// Adds the "ethertype" layer, hands r[payload_offset..] to the dissector registered for the
// EtherType (data when none), then shows what the payload left over as padding/trailer/FCS.
// A BoundsError inside the payload is flagged and the trailer still shown, as tshark does.
// Returns r's reported size.
size_t dissect_ethertype(const ByteReader& r, Packet& pkt, int parent, const EthertypeCall& call);

// The EtherType's protocol says how long its payload really is (tshark's set_actual_length on
// the tvbuff the ethertype dissector handed it: IPv4's total length). Called with the reader the
// protocol was given; when it then throws, the bytes after `length` are still shown as trailer.
void note_ethertype_payload_length(Packet& pkt, const ByteReader& payload, size_t length);

// Wireshark's add_ethernet_trailer: `frame_part` is the link layer's reader (its reported size
// drives the FCS guess), `trailer` the bytes after the payload.
void add_ethernet_trailer(Packet& pkt, int parent, int header_tree, FieldId trailer_field,
                          const ByteReader& frame_part, const ByteReader& trailer, int fcs_len);

// A heuristic Ethernet trailer dissector (table "eth.trailer"): returns true when it recognised
// and dissected `trailer`. Tried in registration order before the bytes are shown as
// eth.trailer.
using TrailerDissector = bool (*)(const ByteReader& trailer, Packet& pkt, int parent);
void register_trailer_dissector(TrailerDissector d);

// A heuristic tried on the whole frame before Ethernet decoding (table "eth"; F5's capture
// information pseudo packet): returns true when it recognised and dissected the frame. It
// records the "eth" layer itself, as tshark lists eth in frame.protocols.
using EthHeuristic = bool (*)(const ByteReader& frame, Packet& pkt, int parent);
void register_eth_heuristic(EthHeuristic d, const char* protocol);  // protocol: its filter name

// Appends "Name_xx:yy:zz (aa:bb:..)" or, without MAC resolution, the raw address: how tshark
// writes an Ethernet address in protocol summaries.
void append_mac_with_resolution(std::string& out, const Packet& pkt, const uint8_t* mac);

// Ethernet fields read outside the Ethernet dissector, as typed handles.
namespace eth_fields {
extern ProtocolField proto, ethertype_proto;
extern UintField type, len, fcs;
extern BytesField dst, src, padding, trailer;
extern LabelField padding_bad;  // expert item: padding found by a heuristic
}  // namespace eth_fields

}  // namespace netsift
