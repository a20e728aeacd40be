// F5 BIG-IP Ethernet trailer (Wireshark's packet-f5ethtrailer.c): the "noise" tcpdump on a
// BIG-IP appends after each frame. Shared by the trailer's source files (framing, noise
// provider, TLS provider) and by what reads the results back (F5 statistics, TLS key export).
#pragma once

#include <cstdint>
#include <string_view>

#include <optional>

#include "core/flow_key.h"
#include "core/packet.h"

namespace netsift {

namespace f5_fields {
extern FieldId proto, header, type, length, version, provider, trailer_magic, trailer_length,
    trailer_version, unknown_trailer, data, data_string, orig_fcs, low, medium, high, ingress,
    flags, flags_ingress, flags_hwaction, slot, tmm, vipnamelen, vip, objnamelen, objnametype,
    portnamelen, phys_port, trunknamelen, trunk, flowid, peerid, anyflowid, cfflags, cfflags2,
    flowtype, haunit, reserved, priority, rstcause, rstcauselen, rstcausever, rstcausepeer,
    rstcauseval, rstcauseline, rstcausetxt, peeripproto, peervlan, peerremoteaddr, peerremoteaddr6,
    peerlocaladdr, peerlocaladdr6, peeraddr, peeraddr6, peerremotertdom, peerlocalrtdom, peerrtdom,
    peerremoteport, peerlocalport, peerport, nopeer, analysis, tls_data, tls_secret_len,
    tls_master_secret, tls_client_random, tls_server_random, tls_early_secret, tls_client_hs_secret,
    tls_server_hs_secret, tls_client_app_secret, tls_server_app_secret, tls_keylog, ei_badlen,
    ei_undecoded, ei_flowlost, ei_flowreuse, peer_stream;
}  // namespace f5_fields

// What tshark's "f5ethtrailer" tap hands to its statistics, read back from a dissected packet:
// present only when the trailer carried a low-noise block.
struct F5TapInfo {
  uint32_t trailer_len = 0;  // bytes of the trailer itself (excluded from byte statistics)
  uint8_t slot = 0;          // as shown (1-based for every current format)
  uint8_t tmm = 0;
  bool ingress = false;
  std::string_view vip;  // empty when no virtual server name was given
};
bool f5_tap_info(const Packet& pkt, F5TapInfo& out);

// --- Used by the trailer's own source files. ---

// State of one trailer's dissection, shared by its blocks.
struct F5Dissection {
  F5Dissection(Packet& p, int node) : pkt(p), tree(node) {}
  Packet& pkt;
  int tree;                   // the f5ethtrailer protocol node
  bool peer_id_seen = false;  // an earlier block had a non-zero peer flow id (gates high noise)
  bool low_seen = false;      // a low-noise block gave ingress/slot/tmm (Info prefix, tap)
  bool ingress = false;
  uint8_t slot = 0, tmm = 0;
  bool flows_set = false;             // a block carried the flow ids
  uint64_t flow_id = 0, peer_id = 0;  // medium noise (for proxy flow pairing)
  std::optional<FlowKey> peer;        // the peer flow's 4-tuple, from high noise
  bool want_text() const { return pkt.cols.enabled; }
};

// Legacy (BIG-IP < 14) blocks: `r` holds exactly one block (3-byte header included). Return
// the block length, or 0 when the type/version/length combination is not one tshark knows.
size_t f5_legacy_low(F5Dissection& d, const ByteReader& r, int block);
size_t f5_legacy_medium(F5Dissection& d, const ByteReader& r, int block);
size_t f5_legacy_high(F5Dissection& d, const ByteReader& r, int block);

// DPT (BIG-IP >= 14) TLVs: `r` holds the whole TLV, 8-byte header included. Return the TLV
// length when decoded, 0 to have it shown as an unknown trailer.
size_t f5_noise_tlv(F5Dissection& d, const ByteReader& r, uint16_t type, uint16_t version);
size_t f5_tls_tlv(F5Dissection& d, const ByteReader& r, uint16_t type, uint16_t version);
// Registers the TLS provider's per-capture state (the secrets seen per conversation).
void register_f5_tls_state();

// Adds the "F5 Trailer Header, Provider: P, Type: T" subtree of a DPT TLV under `parent`.
void f5_add_tlv_header(F5Dissection& d, const ByteReader& r, int parent);

// f5ethtrailer.perform_analysis: adds f5ethtrailer.analysis with its expert items when the
// frame's TCP flags disagree with the trailer's flow ids. `trailer`: the trailer's bytes.
void f5_add_analysis(F5Dissection& d, const ByteReader& trailer);

// Adds `f` as an expert item (f5ethtrailer.badlen and friends) under `parent`.
void f5_add_expert(F5Dissection& d, int parent, FieldId f, const ByteReader& r, size_t off,
                   size_t len);

}  // namespace netsift
