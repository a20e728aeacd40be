// The F5 trailer's "noise" blocks (tcpdump -i 0.0:n, :nn, :nnn): low (ingress, slot, TMM,
// virtual server), medium (flow ids, connflow flags, RST cause), high (the peer flow's
// addresses and ports), in the legacy block format and as DPT provider-1 TLVs (spec §3-§5).
#include <cstring>

#include <fmt/format.h>

#include "core/field_registry.h"
#include "core/session.h"
#include "dissectors/f5ethtrailer.h"
#include "dissectors/f5ethtrailer_prefs.h"
#include "dissectors/tcp_fields.h"

namespace netsift {

namespace {
using namespace f5_fields;

constexpr uint16_t kLowType = 1, kMediumType = 2, kHighType = 3;
// IP protocol numbers of the high block; 0 (before BIG-IP 11) means the frame's own.
constexpr uint8_t kTcp = 6, kUdp = 17;

void hide(Packet& pkt, int node) {
  pkt.tree[node].flags |= kHidden;
}

// A fixed-size, NUL-padded name (legacy v0 low blocks): the value stops at the first NUL.
int add_padded_name(Packet& pkt, int parent, const ByteReader& r, size_t off, size_t len) {
  std::string_view s = r.text(off, len);
  size_t nul = s.find('\0');
  if (nul != std::string_view::npos) s = s.substr(0, nul);
  return pkt.tree.add(parent, vip, r, off, len, Value::of_bytes(r.ptr(off, len), s.size()));
}

void record_low(F5Dissection& d, bool in, uint8_t slot_shown, uint8_t tmm_num) {
  d.low_seen = true;
  d.ingress = in;
  d.slot = slot_shown;
  d.tmm = tmm_num;
}

// Slot on the wire is 0-based; every current format shows it 1-based under its own label.
void add_one_based_slot(F5Dissection& d, int parent, const ByteReader& r, size_t off) {
  int n = d.pkt.add_uint(parent, slot, r, off, 1, r.u8(off) + 1u);
  if (d.want_text()) d.pkt.set_label(n, fmt::format("Slot (1-based): {}", r.u8(off) + 1u));
}

void add_flow_ids(F5Dissection& d, int parent, const ByteReader& r, size_t off, size_t width) {
  uint64_t flow = r.uint(off, width), peer = r.uint(off + width, width);
  d.pkt.add_uint(parent, flowid, r, off, width, flow);
  hide(d.pkt, d.pkt.add_uint(parent, anyflowid, r, off, width, flow));
  d.pkt.add_uint(parent, peerid, r, off + width, width, peer);
  hide(d.pkt, d.pkt.add_uint(parent, anyflowid, r, off + width, width, peer));
  if (peer != 0) d.peer_id_seen = true;
  d.flows_set = true;
  d.flow_id = flow;
  d.peer_id = peer;
}

// The RST cause preceded by its length byte at `off` (spec §3.5).
void add_rst_cause(F5Dissection& d, int parent, const ByteReader& r, size_t off) {
  size_t cause_len = r.u8(off);
  if (cause_len == 0) return;
  Packet& pkt = d.pkt;
  if (cause_len > r.size() - off - 1) {
    int node = pkt.tree.add(parent, rstcause, r, off, r.size() - off, Value{});
    int len_node = pkt.add_item(node, rstcauselen, r, off, 1);
    f5_add_expert(d, len_node, ei_badlen, r, off, 1);
    return;
  }
  int node = pkt.tree.add(parent, rstcause, r, off, cause_len + 1, Value{});
  pkt.add_item(node, rstcauselen, r, off, 1);
  uint8_t ver_peer = r.u8(off + 1);
  if ((ver_peer & 0xfe) != 0 || cause_len < 9) return;  // only cause version 0 is known
  bool peer = ver_peer & 0x01;
  pkt.add_item(node, rstcausever, r, off + 1, 1);
  pkt.add_item(node, rstcausepeer, r, off + 1, 1);
  uint64_t value = r.uint(off + 2, 6);
  uint16_t line = r.u16(off + 8);
  int val_node = pkt.add_uint(node, rstcauseval, r, off + 2, 6, value);
  pkt.add_item(node, rstcauseline, r, off + 8, 2);
  pkt.add_item(node, rstcausetxt, r, off + 10, cause_len - 9);
  if (!d.want_text()) return;
  std::string_view text = r.text(off + 10, cause_len - 9);
  pkt.set_label(val_node, fmt::format("Value: 0x{:012x}", value));
  pkt.set_label(node,
                fmt::format("RST cause: [{:x}:{}]{} {}", value, line, peer ? " {peer}" : "", text));
  if (!pkt.session->prefs.get(f5_prefs::rstcause_in_info)) return;
  std::string& info = pkt.cols.info;
  if (!info.empty()) info.push_back(' ');
  info.append(fmt::format("[F5RST{}: {}]", peer ? "(peer)" : "", text));
}

// The address a 16-byte peer address field stands for: IPv4 when IPv4-mapped or in F5's
// route-domain encoding, else IPv6 (spec §5).
Address peer_address(const uint8_t* a) {
  static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  static constexpr uint8_t kRouteDomain[10] = {0x26, 0x20, 0, 0, 0x0c, 0x10, 0xf5, 0x01, 0, 0};
  if (std::memcmp(a, kMapped, sizeof kMapped) == 0 ||
      std::memcmp(a, kRouteDomain, sizeof kRouteDomain) == 0)
    return Address::ipv4(a + 12);
  return Address::ipv6(a);
}

// With f5ethtrailer.pref_pop_other_fields, the peer's addresses and ports are also added as
// hidden ip.addr / ipv6.addr / tcp.port / udp.port, so those filters find the other side.
struct OtherFields {
  FieldId ip_addr, ipv6_addr, udp_port;
};
const OtherFields& other_fields() {
  static const OtherFields f{registry().find("ip.addr"), registry().find("ipv6.addr"),
                             registry().find("udp.port")};
  return f;
}

// One 16-byte peer address (spec §5): the IPv4 form when it is IPv4-mapped or in F5's
// route-domain encoding (each followed by its route domain), then always the IPv6 form; each
// also as the hidden "either" field.
void add_peer_address(F5Dissection& d, int parent, const ByteReader& r, size_t off, bool remote) {
  static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  static constexpr uint8_t kRouteDomain[10] = {0x26, 0x20, 0, 0, 0x0c, 0x10, 0xf5, 0x01, 0, 0};
  Packet& pkt = d.pkt;
  const uint8_t* a = r.ptr(off, 16);
  bool mapped = std::memcmp(a, kMapped, sizeof kMapped) == 0;
  bool routed = !mapped && std::memcmp(a, kRouteDomain, sizeof kRouteDomain) == 0;
  if (pkt.session->prefs.get(f5_prefs::pop_other_fields)) {
    if (mapped || routed) hide(pkt, pkt.add_item(parent, other_fields().ip_addr, r, off + 12, 4));
    hide(pkt, pkt.add_item(parent, other_fields().ipv6_addr, r, off, 16));
  }
  if (mapped || routed) {
    pkt.add_item(parent, remote ? peerremoteaddr : peerlocaladdr, r, off + 12, 4);
    if (routed) pkt.add_item(parent, remote ? peerremotertdom : peerlocalrtdom, r, off + 10, 2);
    hide(pkt, pkt.add_item(parent, peeraddr, r, off + 12, 4));
    if (routed) hide(pkt, pkt.add_item(parent, peerrtdom, r, off + 10, 2));
  }
  pkt.add_item(parent, remote ? peerremoteaddr6 : peerlocaladdr6, r, off, 16);
  hide(pkt, pkt.add_item(parent, peeraddr6, r, off, 16));
}

// A peer port, preceded by its hidden tcp.port / udp.port with pref_pop_other_fields.
void add_peer_port(F5Dissection& d, int parent, const ByteReader& r, size_t off, bool remote,
                   uint8_t ip_proto) {
  Packet& pkt = d.pkt;
  if (pkt.session->prefs.get(f5_prefs::pop_other_fields)) {
    if (ip_proto == kTcp) hide(pkt, pkt.add_item(parent, tcp_fields::port, r, off, 2));
    if (ip_proto == kUdp) hide(pkt, pkt.add_item(parent, other_fields().udp_port, r, off, 2));
  }
  pkt.add_item(parent, remote ? peerremoteport : peerlocalport, r, off, 2);
  hide(pkt, pkt.add_item(parent, peerport, r, off, 2));
}

// High noise content from `off` (legacy offset 3, TLV offset 8); gated on a peer flow id.
// `legacy`: a legacy block without the IP protocol (0) takes the frame's own for its
// pref_pop_other_fields ports, as tshark's legacy decoder does (its DPT decoder does not).
void add_high_content(F5Dissection& d, int parent, const ByteReader& r, size_t off, bool legacy) {
  Packet& pkt = d.pkt;
  if (!d.peer_id_seen) {
    pkt.tree.add(parent, nopeer, r, off, r.size() - off, Value{});
    return;
  }
  pkt.add_item(parent, peeripproto, r, off, 1);
  pkt.add_item(parent, peervlan, r, off + 1, 2);
  add_peer_address(d, parent, r, off + 3, true);
  add_peer_address(d, parent, r, off + 19, false);
  uint8_t proto = r.u8(off);
  uint8_t port_proto = proto;
  if (legacy && proto == 0)
    port_proto = pkt.port_type == PortType::kTcp   ? kTcp
                 : pkt.port_type == PortType::kUdp ? kUdp
                                                   : 0;
  add_peer_port(d, parent, r, off + 35, true, port_proto);
  add_peer_port(d, parent, r, off + 37, false, port_proto);
  if (proto == 0 || proto == kTcp)
    d.peer = FlowKey::make(peer_address(r.ptr(off + 3, 16)), r.u16(off + 35),
                           peer_address(r.ptr(off + 19, 16)), r.u16(off + 37), kTcp, nullptr);
}

// The "Virtual Server: name" text subtree of DPT low v2/v3 (name length at `off`).
bool add_vip_subtree(F5Dissection& d, int parent, const ByteReader& r, size_t off) {
  Packet& pkt = d.pkt;
  size_t name_len = r.u8(off);
  // tshark's check is one byte lenient: a name overrunning by one byte raises instead.
  if (name_len > r.size() - off) {
    int n = pkt.tree.add(parent, vip, r, off, 0, Value::of_bytes(r.ptr(off, 0), 0));
    f5_add_expert(d, n, ei_badlen, r, off, 1);
    return false;
  }
  int sub = pkt.tree.add(parent, kNoField, r, off, name_len + 1, Value{});
  pkt.add_item(sub, vipnamelen, r, off, 1);
  int name = pkt.add_item(sub, vip, r, off + 1, name_len);
  if (d.want_text())
    pkt.set_label(sub, fmt::format("Virtual Server: {}", pkt.tree[name].value.str()));
  return true;
}

// Low v4 object names (spec §4.3): a length-prefixed block of typed, length-prefixed names.
void add_object_names(F5Dissection& d, int parent, const ByteReader& r, size_t off) {
  static constexpr const char* kTitles[] = {"Virtual Server", "Port", "Trunk"};
  Packet& pkt = d.pkt;
  size_t block_len = r.u8(off);
  int container = pkt.add_item(parent, data, r, off, 1);
  pkt.add_item(container, objnamelen, r, off, 1);
  if (d.want_text()) pkt.set_label(container, "Associated config object names");
  if (block_len > r.size() - off - 1) {
    f5_add_expert(d, container, ei_badlen, r, off, 1);
    return;
  }
  pkt.tree[container].length = static_cast<uint32_t>(block_len + 1);
  size_t pos = off + 1, end = off + 1 + block_len;
  while (pos + 2 <= end) {
    uint8_t obj_type = r.u8(pos);
    size_t name_len = r.u8(pos + 1);
    bool known = obj_type <= 2;
    FieldId len_field = obj_type == 0   ? vipnamelen
                        : obj_type == 1 ? portnamelen
                        : obj_type == 2 ? trunknamelen
                                        : objnamelen;
    FieldId name_field = obj_type == 0   ? vip
                         : obj_type == 1 ? phys_port
                         : obj_type == 2 ? trunk
                                         : data_string;
    bool fits = name_len <= end - pos - 2;
    int sub = pkt.tree.add(parent, kNoField, r, pos, fits ? name_len + 2 : end - pos, Value{});
    int type_node = pkt.add_item(sub, objnametype, r, pos, 1);
    if (!known) f5_add_expert(d, type_node, ei_undecoded, r, pos, 1);
    int len_node = pkt.add_item(sub, len_field, r, pos + 1, 1);
    if (!fits) {
      f5_add_expert(d, len_node, ei_badlen, r, pos + 1, 1);
      if (d.want_text()) pkt.set_label(sub, known ? kTitles[obj_type] : "Unknown");
      return;
    }
    int name = pkt.add_item(sub, name_field, r, pos + 2, name_len);
    if (d.want_text())
      pkt.set_label(sub, fmt::format("{}: {}", known ? kTitles[obj_type] : "Unknown",
                                     pkt.tree[name].value.str()));
    pos += 2 + name_len;
  }
}

size_t dpt_low(F5Dissection& d, const ByteReader& r, uint16_t ver) {
  if (r.size() < 12) return 0;
  Packet& pkt = d.pkt;
  int node = pkt.tree.add(d.tree, low, r, 0, r.size(), Value{});
  f5_add_tlv_header(d, r, node);
  bool in;
  if (ver == 2) {
    in = r.u8(8) != 0;
    pkt.add_item(node, ingress, r, 8, 1);
  } else {
    uint8_t flag_byte = r.u8(8);
    in = flag_byte & 0x01;
    pkt.tree.add(node, ingress, r, 8, 1, Value::of_uint(in), kGenerated);
    int flags_node = pkt.add_item(node, flags, r, 8, 1);
    pkt.add_item(flags_node, flags_ingress, r, 8, 1);
    int hw_node = pkt.add_item(flags_node, flags_hwaction, r, 8, 1);
    if (d.want_text()) {
      static constexpr const char* kHw[] = {"Not set", "Challenge", "Drop", "Forward"};
      pkt.set_label(flags_node,
                    fmt::format("Flags: 0x{:02x}, Ingress: {}, Hardware Action: {}", flag_byte,
                                in ? "In" : "Out", kHw[pkt.tree[hw_node].value.u & 3]));
    }
  }
  add_one_based_slot(d, node, r, 9);
  pkt.add_item(node, tmm, r, 10, 1);
  record_low(d, in, r.u8(9) + 1, r.u8(10));
  if (ver == 4)
    add_object_names(d, node, r, 11);
  else
    add_vip_subtree(d, node, r, 11);
  return r.size();
}

size_t dpt_medium(F5Dissection& d, const ByteReader& r) {
  if (r.size() < 40) return 0;
  Packet& pkt = d.pkt;
  int node = pkt.tree.add(d.tree, medium, r, 0, r.size(), Value{});
  f5_add_tlv_header(d, r, node);
  add_flow_ids(d, node, r, 8, 8);
  pkt.add_item(node, cfflags2, r, 24, 4);
  pkt.add_item(node, cfflags, r, 28, 4);
  pkt.add_item(node, flowtype, r, 32, 1);
  pkt.add_item(node, haunit, r, 33, 1);
  pkt.add_item(node, reserved, r, 34, 4);
  pkt.add_item(node, priority, r, 38, 1);
  add_rst_cause(d, node, r, 39);
  return r.size();
}

size_t dpt_high(F5Dissection& d, const ByteReader& r) {
  if (r.size() < 47) return 0;
  int node = d.pkt.tree.add(d.tree, high, r, 0, r.size(), Value{});
  f5_add_tlv_header(d, r, node);
  add_high_content(d, node, r, 8, false);
  return r.size();
}

}  // namespace

size_t f5_legacy_low(F5Dissection& d, const ByteReader& r, int block) {
  Packet& pkt = d.pkt;
  uint8_t ver = r.u8(2);
  size_t total = r.size();
  if (ver == 1) {
    size_t name_len = r.u8(6);
    if (total != 7 + name_len) return 0;
    pkt.add_item(block, ingress, r, 3, 1);
    add_one_based_slot(d, block, r, 4);
    pkt.add_item(block, tmm, r, 5, 1);
    hide(pkt, pkt.add_item(block, vipnamelen, r, 6, 1));
    int name = pkt.add_item(block, vip, r, 7, name_len);
    if (d.want_text()) pkt.set_label(name, fmt::format("VIP Name: {}", r.text(7, name_len)));
    record_low(d, r.u8(3) != 0, r.u8(4) + 1, r.u8(5));
    return total;
  }
  if (ver != 0 || (total != 22 && total != 35)) return 0;
  pkt.add_item(block, ingress, r, 3, 1);
  if (total == 22) {
    add_one_based_slot(d, block, r, 4);
    pkt.add_item(block, tmm, r, 5, 1);
    add_padded_name(pkt, block, r, 6, 16);
    record_low(d, r.u8(3) != 0, r.u8(4) + 1, r.u8(5));
    return total;
  }
  // BIG-IP 9.4: the slot is shown as captured, and the flow ids ride in the low block.
  pkt.add_item(block, slot, r, 4, 1);
  pkt.add_item(block, tmm, r, 5, 1);
  add_flow_ids(d, block, r, 6, 4);
  pkt.add_item(block, cfflags, r, 14, 4);
  pkt.add_item(block, flowtype, r, 18, 1);
  add_padded_name(pkt, block, r, 19, 16);
  record_low(d, r.u8(3) != 0, r.u8(4), r.u8(5));
  return total;
}

size_t f5_legacy_medium(F5Dissection& d, const ByteReader& r, int block) {
  Packet& pkt = d.pkt;
  uint8_t ver = r.u8(2);
  size_t total = r.size();
  if (ver == 0 && total == 8) {
    pkt.add_item(block, haunit, r, 3, 1);
    pkt.add_item(block, reserved, r, 4, 4);
    return total;
  }
  if (ver == 0 && total == 21) {
    add_flow_ids(d, block, r, 3, 4);
    pkt.add_item(block, cfflags, r, 11, 4);
    pkt.add_item(block, flowtype, r, 15, 1);
    pkt.add_item(block, haunit, r, 16, 1);
    pkt.add_item(block, reserved, r, 17, 4);
    return total;
  }
  bool v0_64 = ver == 0 && total == 29;
  bool v1 = ver == 1 && total >= 30 && total == 30u + r.u8(29);
  bool v2 = ver == 2 && total >= 31 && total == 31u + r.u8(30);
  if (v0_64 || v1 || v2) {
    add_flow_ids(d, block, r, 3, 8);
    pkt.add_item(block, cfflags, r, 19, 4);
    pkt.add_item(block, flowtype, r, 23, 1);
    pkt.add_item(block, haunit, r, 24, 1);
    pkt.add_item(block, reserved, r, 25, 4);
    if (v1) add_rst_cause(d, block, r, 29);
    if (v2) {
      pkt.add_item(block, priority, r, 29, 1);
      add_rst_cause(d, block, r, 30);
    }
    return total;
  }
  if (ver == 3 && total >= 35 && total == 35u + r.u8(34)) {
    add_flow_ids(d, block, r, 3, 8);
    pkt.add_item(block, cfflags2, r, 19, 4);
    pkt.add_item(block, cfflags, r, 23, 4);
    pkt.add_item(block, flowtype, r, 27, 1);
    pkt.add_item(block, haunit, r, 28, 1);
    pkt.add_item(block, reserved, r, 29, 4);
    pkt.add_item(block, priority, r, 33, 1);
    add_rst_cause(d, block, r, 34);
    return total;
  }
  return 0;
}

size_t f5_legacy_high(F5Dissection& d, const ByteReader& r, int block) {
  if (r.u8(2) != 0 || r.size() != 42) return 0;
  add_high_content(d, block, r, 3, true);
  return r.size();
}

size_t f5_noise_tlv(F5Dissection& d, const ByteReader& r, uint16_t type, uint16_t version) {
  if (type == kLowType && version >= 2 && version <= 4) return dpt_low(d, r, version);
  if (type == kMediumType && version == 4) return dpt_medium(d, r);
  if (type == kHighType && version == 1) return dpt_high(d, r);
  return 0;
}

}  // namespace netsift
