// F5 BIG-IP Ethernet trailer: detection in the bytes after the L3 payload, the legacy block
// chain and the DPT header/TLV framing, the Info column prefix, and field registration. The
// block contents are decoded in f5ethtrailer_noise.cpp and f5ethtrailer_tls.cpp.
#include "dissectors/f5ethtrailer.h"

#include <fmt/format.h>

#include "analysis/f5_flow_pairing.h"
#include "core/field_registry.h"
#include "core/session.h"
#include "dissectors/eth.h"
#include "dissectors/f5ethtrailer_prefs.h"
#include "dissectors/ip.h"
#include "dissectors/tcp_fields.h"

namespace netsift {

namespace f5_fields {
FieldId proto, header, type, length, version, provider, trailer_magic, trailer_length,
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

namespace {
using namespace f5_fields;

FieldId noise_proto, tls_proto;  // tshark's enable/disable units; never in a tree

constexpr uint32_t kDptMagic = 0xF5DEB0F5;
constexpr size_t kDptHeaderLen = 8;
constexpr size_t kTlvHeaderLen = 8;
constexpr uint16_t kProviderNoise = 1;
constexpr uint16_t kProviderTls = 4;

constexpr TrueFalse kInOut{"True (IN)", "False (OUT)"};
constexpr ValueName kFlagIngress[] = {{0, "Out"}, {1, "In"}};
constexpr ValueName kHwAction[] = {{0, "Not set"}, {1, "Challenge"}, {2, "Drop"}, {3, "Forward"}};
constexpr ValueName kObjNameTypes[] = {
    {0, "Virtual Server"}, {1, "Port"}, {2, "Trunk"}, {255, "Unknown"}};

// Most trailer fields: name, "f5ethtrailer.<suffix>", type and base (and a description).
#define F5_FIELD(id, label, suffix, ft, base_)                                                    \
  {                                                                                               \
    &id, {                                                                                        \
      .name = label, .abbrev = "f5ethtrailer." suffix, .type = FieldType::ft, .base = Base::base_ \
    }                                                                                             \
  }
#define F5_FIELD_B(id, label, suffix, ft, base_, description)                                      \
  {                                                                                                \
    &id, {                                                                                         \
      .name = label, .abbrev = "f5ethtrailer." suffix, .type = FieldType::ft, .base = Base::base_, \
      .blurb = description                                                                         \
    }                                                                                              \
  }

const FieldReg kFields[] = {
    {&ei_flowlost,
     {.name = "Flow lost, incorrect VLAN, loose initiation, tunnel, or SYN cookie use",
      .abbrev = "f5ethtrailer.flowlost"}},
    {&ei_flowreuse, {.name = "Flow reuse or SYN retransmit", .abbrev = "f5ethtrailer.flowreuse"}},
    {&ei_badlen,
     {.name = "Length extends past remaining available bytes", .abbrev = "f5ethtrailer.badlen"}},
    {&ei_undecoded,
     {.name = "This version of Wireshark does not understand how to decode this value",
      .abbrev = "f5ethtrailer.undecoded"}},
    F5_FIELD(header, "F5 Trailer Header", "header", kNone, kNone),
    F5_FIELD(provider, "Provider", "provider", kUint16, kDec),
    F5_FIELD(type, "Type", "type", kUint16, kDec),
    F5_FIELD(length, "Trailer length", "length", kUint16, kDec),
    F5_FIELD(version, "Version", "version", kUint16, kDec),
    F5_FIELD(unknown_trailer, "Unknown trailer", "unknown_trailer", kNone, kNone),
    F5_FIELD(data, "Data", "data", kBytes, kSepSpace),
    F5_FIELD(data_string, "Data", "data.string", kString, kNone),
    F5_FIELD(orig_fcs, "Original FCS", "orig_fcs", kUint32, kHex),
    F5_FIELD(low, "Low Details", "low", kNone, kNone),
    F5_FIELD(flags, "Flags", "flags", kUint8, kHex),
    {&flags_ingress,
     {.name = "Ingress",
      .abbrev = "f5ethtrailer.flags.ingress",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .values = kFlagIngress,
      .bitmask = 0x01}},
    {&flags_hwaction,
     {.name = "Hardware Action",
      .abbrev = "f5ethtrailer.flags.hwaction",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .values = kHwAction,
      .bitmask = 0x06}},
    {&ingress,
     {.name = "Ingress",
      .abbrev = "f5ethtrailer.ingress",
      .type = FieldType::kBoolean,
      .tf = &kInOut}},
    F5_FIELD_B(slot, "Slot (0-based)", "slot", kUint8, kDec, "Slot captured on"),
    F5_FIELD_B(tmm, "TMM (0-based)", "tmm", kUint8, kDec, "TMM captured on"),
    {&objnametype,
     {.name = "Type",
      .abbrev = "f5ethtrailer.objnametype",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .values = kObjNameTypes}},
    F5_FIELD(objnamelen, "Object Name Data Length", "objnamelen", kUint8, kDec),
    F5_FIELD(vipnamelen, "Length", "vipnamelen", kUint8, kDec),
    F5_FIELD_B(vip, "Name", "vip", kString, kNone, "VIP flow associated with"),
    F5_FIELD(portnamelen, "Length", "portnamelen", kUint8, kDec),
    F5_FIELD_B(phys_port, "Name", "phys_port", kString, kNone, "Physical port"),
    F5_FIELD(trunknamelen, "Length", "trunknamelen", kUint8, kDec),
    F5_FIELD_B(trunk, "Name", "trunk", kString, kNone, "Trunk name"),
    F5_FIELD(medium, "Medium Details", "medium", kNone, kNone),
    F5_FIELD(anyflowid, "Flow ID or peer flow ID", "anyflowid", kUint64, kHex),
    F5_FIELD(flowid, "Flow ID", "flowid", kUint64, kHex),
    F5_FIELD(peerid, "Peer ID", "peerid", kUint64, kHex),
    F5_FIELD(cfflags, "Connflow Flags", "cfflags", kUint32, kHex),
    F5_FIELD(cfflags2, "Connflow Flags High Bits", "cfflags2", kUint32, kHex),
    F5_FIELD(flowtype, "Flow Type", "flowtype", kUint8, kHex),
    F5_FIELD(haunit, "HA Unit", "haunit", kUint8, kHex),
    F5_FIELD(reserved, "Reserved", "reserved", kUint32, kHex),
    F5_FIELD(priority, "Priority", "priority", kUint8, kDec),
    F5_FIELD(rstcause, "RST cause", "rstcause", kNone, kNone),
    F5_FIELD_B(rstcauselen, "Length", "rstcauselen", kUint8, kDec, "RST cause length"),
    {&rstcausever,
     {.name = "Version",
      .abbrev = "f5ethtrailer.rstcausever",
      .type = FieldType::kUint8,
      .base = Base::kDecHex,
      .bitmask = 0xfe,
      .blurb = "RST cause version"}},
    {&rstcausepeer,
     {.name = "Peer",
      .abbrev = "f5ethtrailer.rstcausepeer",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .bitmask = 0x01,
      .blurb = "RST cause peer"}},
    F5_FIELD_B(rstcauseval, "Value", "rstcauseval", kUint64, kHex, "RST cause value"),
    F5_FIELD_B(rstcauseline, "Line", "rstcauseline", kUint16, kDec, "RST cause line"),
    F5_FIELD_B(rstcausetxt, "Cause", "rstcausetxt", kString, kNone, "RST cause"),
    F5_FIELD(high, "High Details", "high", kNone, kNone),
    F5_FIELD(peeripproto, "Peer IP Protocol", "peeripproto", kUint8, kDec),
    F5_FIELD(peervlan, "Peer VLAN", "peervlan", kUint16, kDec),
    F5_FIELD_B(peerremoteaddr, "Peer remote address", "peerremoteaddr", kIpv4, kNone,
               "Peer remote IPv4 address"),
    F5_FIELD_B(peerremoteaddr6, "Peer remote address", "peerremoteaddr6", kIpv6, kNone,
               "Peer remote IPv6 address"),
    F5_FIELD_B(peerlocaladdr, "Peer local address", "peerlocaladdr", kIpv4, kNone,
               "Peer local IPv4 address"),
    F5_FIELD_B(peerlocaladdr6, "Peer local address", "peerlocaladdr6", kIpv6, kNone,
               "Peer local IPv6 address"),
    F5_FIELD_B(peeraddr, "Peer remote or local address", "peeraddr", kIpv4, kNone,
               "Peer IPv4 address"),
    F5_FIELD_B(peeraddr6, "Peer remote or local address", "peeraddr6", kIpv6, kNone,
               "Peer IPv6 address"),
    F5_FIELD(peerremotertdom, "Peer remote route domain", "peerremotertdom", kUint16, kDec),
    F5_FIELD(peerlocalrtdom, "Peer local route domain", "peerlocalrtdom", kUint16, kDec),
    F5_FIELD_B(peerrtdom, "Peer remote or local route domain", "peerrtdom", kUint16, kDec,
               "Peer route domain"),
    F5_FIELD(peerremoteport, "Peer remote port", "peerremoteport", kUint16, kDec),
    F5_FIELD(peerlocalport, "Peer local port", "peerlocalport", kUint16, kDec),
    // netsift only (tshark has no such field): see note_proxy_flow().
    F5_FIELD_B(peer_stream, "Peer side TCP stream", "peer_stream", kUint32, kDec,
               "tcp.stream of the connection on the other side of the BIG-IP proxy"),
    F5_FIELD_B(peerport, "Peer remote or local port", "peerport", kUint16, kDec, "Peer port"),
    F5_FIELD(nopeer, "No peer connection information", "nopeer", kNone, kNone),
    F5_FIELD_B(analysis, "Analysis", "analysis", kNone, kNone, "Analysis of details"),
    F5_FIELD(trailer_magic, "Magic", "trailer_magic", kUint32, kHex),
    F5_FIELD(trailer_version, "Version", "trailer_version", kUint16, kDec),
    F5_FIELD(trailer_length, "Length", "trailer_length", kUint16, kDec),
    F5_FIELD(tls_data, "F5 TLS", "tls.data", kNone, kNone),
    F5_FIELD(tls_secret_len, "Secret Length", "tls.secret_len", kUint8, kDec),
    F5_FIELD(tls_master_secret, "Master Secret", "tls.master_secret", kBytes, kNone),
    F5_FIELD(tls_client_random, "Client Random", "tls.client_random", kBytes, kNone),
    F5_FIELD(tls_server_random, "Server Random", "tls.server_random", kBytes, kNone),
    F5_FIELD(tls_early_secret, "Early Traffic Secret", "tls.early_traffic_secret", kBytes, kNone),
    F5_FIELD(tls_client_hs_secret, "Client Handshake Traffic Secret", "tls.client_hs_secret",
             kBytes, kNone),
    F5_FIELD(tls_server_hs_secret, "Server Handshake Traffic Secret", "tls.server_hs_secret",
             kBytes, kNone),
    F5_FIELD(tls_client_app_secret, "Client Application Traffic Secret", "tls.client_app_secret",
             kBytes, kNone),
    F5_FIELD(tls_server_app_secret, "Server Application Traffic Secret", "tls.server_app_secret",
             kBytes, kNone),
    F5_FIELD(tls_keylog, "Keylog entry", "tls.keylog", kStringz, kNone),
};

#undef F5_FIELD
#undef F5_FIELD_B

// Where the trailer starts in the region after the payload, and in which format.
struct Location {
  enum Kind { kNone, kLegacy, kDpt } kind = kNone;
  size_t start = 0;
  bool after_fcs = false;  // a 4-byte FCS precedes the DPT header
};

bool dpt_magic_at(const ByteReader& t, size_t off) {
  return t.has(off, 6) && t.u32(off) == kDptMagic;
}

// tshark 4.0's heuristic (spec §2.2); with f5ethtrailer.pref_walk_trailer it steps byte by
// byte past non-zero padding. Its arithmetic quirks are kept: the length left is counted once,
// from the zero-skipped start, and compared with the absolute offset in unsigned arithmetic.
Location locate(const ByteReader& t, bool walk) {
  size_t n = t.size();
  size_t zeros = 0;
  while (zeros < n && t.u8(zeros) == 0) ++zeros;
  size_t remaining = n - zeros;
  if (remaining < 7) return {};
  for (size_t p = zeros;; ++p) {
    if (p > remaining || remaining - p >= 12) {
      if (dpt_magic_at(t, p))
        return t.u16(p + 4) > remaining ? Location{} : Location{Location::kDpt, p};
      // A trailer appended after an FCS whose leading zero bytes were skipped as padding.
      for (size_t i = 0; i <= (p < 4 ? p : 4); ++i) {
        size_t q = p + 4 - i;
        if (dpt_magic_at(t, q))
          return t.u16(q + 4) > remaining ? Location{} : Location{Location::kDpt, q, true};
      }
    }
    if (t.has(p, 3)) {
      uint8_t block_type = t.u8(p);
      size_t total = t.u8(p + 1) + 2u;
      if (block_type >= 1 && block_type <= 3 && total >= 7 && total <= 140 &&
          total <= remaining && t.u8(p + 2) <= 3)
        return {Location::kLegacy, p};
    }
    if (!walk || n - p <= 7) return {};
  }
}

// A legacy block header is usable when its type, length and version are plausible and the
// block fits in what is left.
bool legacy_header_sane(const ByteReader& t, size_t off) {
  if (!t.has(off, 3)) return false;
  uint8_t block_type = t.u8(off);
  size_t total = t.u8(off + 1) + 2u;
  return block_type >= 1 && block_type <= 3 && total >= 7 && total <= 140 &&
         total <= t.size() - off && t.u8(off + 2) <= 3;
}

constexpr FieldId* kLegacyContainers[] = {nullptr, &low, &medium, &high};

// Returns the bytes the chain occupies. As tshark, an implausible header after a decoded block
// is skipped by the previous block's length rather than ending the chain.
size_t dissect_legacy(F5Dissection& d, const ByteReader& t) {
  size_t off = 0, end = 0, step = 0;
  while (off < t.size()) {
    if (!legacy_header_sane(t, off)) {
      if (step == 0) break;
      off += step;
      continue;
    }
    uint8_t block_type = t.u8(off);
    size_t total = t.u8(off + 1) + 2u;
    ByteReader block = t.sub(off, total);
    int node = d.pkt.tree.add(d.tree, *kLegacyContainers[block_type], block, 0, total, Value{});
    int hdr = d.pkt.tree.add(node, header, block, 0, 3, Value{});
    if (d.want_text()) d.pkt.set_label(hdr, fmt::format("F5 Trailer Header, Type: {}", block_type));
    d.pkt.add_uint(hdr, type, block, 0, 1, block_type);
    d.pkt.add_uint(hdr, length, block, 1, 1, block.u8(1));
    d.pkt.add_uint(hdr, version, block, 2, 1, block.u8(2));
    size_t used = block_type == 1   ? f5_legacy_low(d, block, node)
                  : block_type == 2 ? f5_legacy_medium(d, block, node)
                                    : f5_legacy_high(d, block, node);
    if (used == 0) {
      d.pkt.tree[node].length = 1;
      break;
    }
    step = used;
    off += used;
    end = off;
  }
  return end;
}

void add_unknown_tlv(F5Dissection& d, const ByteReader& tlv) {
  int node = d.pkt.tree.add(d.tree, unknown_trailer, tlv, 0, tlv.size(), Value{});
  f5_add_tlv_header(d, tlv, node);
  if (tlv.size() > kTlvHeaderLen) d.pkt.add_item(node, data, tlv, 8, tlv.size() - 8);
}

// A TLV whose length field cannot be right: shown field by field, and the chain ends.
void add_bad_tlv(F5Dissection& d, const ByteReader& rest) {
  int node = d.pkt.tree.add(d.tree, unknown_trailer, rest, 0, rest.size(), Value{});
  d.pkt.add_item(node, provider, rest, 0, 2);
  d.pkt.add_item(node, type, rest, 2, 2);
  int len_node = d.pkt.add_item(node, length, rest, 4, 2);
  f5_add_expert(d, len_node, ei_badlen, rest, 4, 2);
  if (rest.u16(4) >= kTlvHeaderLen) d.pkt.add_item(node, version, rest, 6, 2);
}

size_t dissect_tlv(F5Dissection& d, const ByteReader& tlv) {
  uint16_t prov = tlv.u16(0), tlv_type = tlv.u16(2), tlv_version = tlv.u16(6);
  if (prov == kProviderNoise) return f5_noise_tlv(d, tlv, tlv_type, tlv_version);
  if (prov == kProviderTls) return f5_tls_tlv(d, tlv, tlv_type, tlv_version);
  return 0;
}

// `t` starts at the DPT header and runs to the end of the frame; returns the header's length.
size_t dissect_dpt(F5Dissection& d, const ByteReader& t) {
  uint16_t total = t.u16(4), dpt_version = t.u16(6);
  int hdr = d.pkt.tree.add(d.tree, header, t, 0, kDptHeaderLen, Value{});
  if (d.want_text())
    d.pkt.set_label(hdr, fmt::format("F5 Trailer Header - Version: {}", dpt_version));
  d.pkt.add_item(hdr, trailer_magic, t, 0, 4);
  d.pkt.add_item(hdr, trailer_length, t, 4, 2);
  d.pkt.add_item(hdr, trailer_version, t, 6, 2);
  if (dpt_version != 1) {
    if (total > kDptHeaderLen) d.pkt.add_item(d.tree, data, t, 8, total - kDptHeaderLen);
    return total;
  }
  // As tshark, TLVs are read up to the end of the frame, not of the DPT length.
  for (size_t off = kDptHeaderLen; t.size() - off >= kTlvHeaderLen;) {
    ByteReader rest = t.sub(off);
    uint16_t tlv_len = rest.u16(4);
    if (tlv_len < kTlvHeaderLen || tlv_len > rest.size()) {
      add_bad_tlv(d, rest);
      break;
    }
    ByteReader tlv = rest.sub(0, tlv_len);
    if (dissect_tlv(d, tlv) == 0) {
      // A decoder may have added items before giving up; tshark keeps them too.
      add_unknown_tlv(d, tlv);
    }
    off += tlv_len;
  }
  return total;
}

// "IN  s1/tmm3 : " (or the form f5ethtrailer.info_type asks for) in front of whatever the
// payload wrote.
void prefix_info(F5Dissection& d) {
  Columns& cols = d.pkt.cols;
  std::string prefix = f5_prefs::info_prefix(d.pkt, d.ingress, d.slot, d.tmm);
  cols.info.insert(0, prefix);
  cols.info_fence += prefix.size();
}

// The tcp.stream of a TCP frame (the last one: the innermost TCP header), or nullopt.
std::optional<uint32_t> tcp_stream(const Packet& pkt) {
  if (pkt.port_type != PortType::kTcp) return std::nullopt;
  const auto& nodes = pkt.tree.nodes();
  for (size_t i = nodes.size(); i-- > 0;)
    if (auto stream = field_value(nodes[i], tcp_fields::stream))
      return static_cast<uint32_t>(*stream);
  return std::nullopt;
}

// Records this TCP frame's flow ids and peer tuple for pairing the proxy's client-side and
// server-side connections, and adds f5ethtrailer.peer_stream when the peer is known by now
// (single pass: frames before the peer's first frame have none; -2 fills them in).
void note_proxy_flow(F5Dissection& d) {
  Packet& pkt = d.pkt;
  std::optional<uint32_t> stream = tcp_stream(pkt);
  if (!stream || pkt.net_src.type == AddressType::kNone) return;
  F5FlowSighting s;
  s.stream = *stream;
  s.own = FlowKey::make(pkt.net_src, pkt.src_port, pkt.net_dst, pkt.dst_port, 6, nullptr);
  s.flow_id = d.flow_id;
  s.peer_id = d.peer_id;
  s.peer = d.peer;
  if (auto peer = pkt.session->state<F5FlowPairing>().observe(s))
    pkt.add_generated_uint(d.tree, peer_stream, *peer);
}

bool dissect_f5ethtrailer(const ByteReader& t, Packet& pkt, int parent) {
  if (t.truncated() || pkt.frame->caplen < pkt.frame->len) return false;
  Location loc = locate(t, pkt.session->prefs.get(f5_prefs::walk_trailer));
  if (loc.kind == Location::kNone) return false;
  ByteReader body = t.sub(loc.start);
  int node = pkt.add_protocol(parent, proto, body, 0, 0);
  F5Dissection d{pkt, node};
  if (loc.after_fcs) pkt.add_item(node, orig_fcs, t, loc.start - 4, 4);
  size_t used = loc.kind == Location::kDpt ? dissect_dpt(d, body) : dissect_legacy(d, body);
  pkt.tree[node].length = static_cast<uint32_t>(used);
  note_proxy_flow(d);
  if (pkt.session->prefs.get(f5_prefs::perform_analysis)) f5_add_analysis(d, body);
  if (d.low_seen && pkt.cols.enabled) prefix_info(d);
  return true;
}

}  // namespace

void f5_add_tlv_header(F5Dissection& d, const ByteReader& r, int parent) {
  int hdr = d.pkt.tree.add(parent, header, r, 0, kTlvHeaderLen, Value{});
  if (d.want_text())
    d.pkt.set_label(hdr,
                    fmt::format("F5 Trailer Header, Provider: {}, Type: {}", r.u16(0), r.u16(2)));
  d.pkt.add_item(hdr, provider, r, 0, 2);
  d.pkt.add_item(hdr, type, r, 2, 2);
  d.pkt.add_item(hdr, length, r, 4, 2);
  d.pkt.add_item(hdr, version, r, 6, 2);
}

void f5_add_expert(F5Dissection& d, int parent, FieldId f, const ByteReader& r, size_t off,
                   size_t len) {
  if (f == ei_badlen)
    add_expert(d.pkt, parent, f, r, off, len, "Length extends past remaining available bytes",
               kExpertError, kGroupMalformed);
  else
    add_expert(d.pkt, parent, f, r, off, len,
               "This version of Wireshark does not understand how to decode this value",
               kExpertNote, kGroupUndecoded);
}

bool f5_tap_info(const Packet& pkt, F5TapInfo& out) {
  const auto& nodes = pkt.tree.nodes();
  int trailer = -1;
  bool have_tmm = false;
  out = F5TapInfo{};
  for (size_t i = 0; i < nodes.size(); ++i) {
    const Node& n = nodes[i];
    if (n.field == proto) {
      trailer = static_cast<int>(i);
      out.trailer_len = n.length;
    } else if (trailer < 0) {
      continue;
    } else if (n.field == tmm) {
      out.tmm = static_cast<uint8_t>(n.value.u);
      have_tmm = true;
    } else if (n.field == slot) {
      out.slot = static_cast<uint8_t>(n.value.u);
    } else if (n.field == ingress) {
      out.ingress = n.value.u != 0;
    } else if (n.field == vip && n.value.bytes.n > 0) {
      out.vip = n.value.str();
    }
  }
  return have_tmm;
}

void register_f5ethtrailer() {
  f5_prefs::register_prefs();
  FieldRegistry& reg = registry();
  proto = reg.add_protocol({"F5 Ethernet Trailer Protocol", "F5 Ethernet trailer", "f5ethtrailer"});
  reg.add_fields(proto, kFields);
  register_protocol_state<F5FlowPairing>(StateScope::kCapture);
  register_f5_tls_state();
  noise_proto = reg.add_protocol(
      {"F5 Ethernet trailer provider - Noise", "F5 Noise", "f5ethtrailer.provider.noise"});
  tls_proto = reg.add_protocol(
      {"F5 Ethernet Trailer Protocol - TLS Provider", "F5 TLS", "f5ethtrailer.tls"});
  register_trailer_dissector(dissect_f5ethtrailer);
}

}  // namespace netsift
