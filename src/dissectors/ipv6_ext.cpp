// IPv6 extension headers: hop-by-hop and destination options (RFC 8200 4.2), routing headers
// (type 0, 2 and segment routing), and the fragment header with reassembly. Each is its own
// protocol, reached through the IP protocol table like any upper layer, and nests in the IPv6
// tree as tshark shows it.
#include <fmt/format.h>

#include "analysis/ip_reassembly.h"
#include "core/address_format.h"
#include "core/expert.h"
#include "core/field_registry.h"
#include "core/session.h"
#include "core/text_format.h"
#include "dissectors/ip.h"
#include "dissectors/ip_fragment_tree.h"
#include "dissectors/ip_proto_names.h"
#include "dissectors/ipv6_ext.h"

namespace netsift {

namespace {
FieldId hopopts, hop_nxt, hop_len, hop_len_oct;
FieldId dstopts, dst_nxt, dst_len, dst_len_oct;
FieldId routing, rt_nxt, rt_len, rt_len_oct, rt_type, rt_segleft, rt_unknown, rt_src_reserved,
    rt_src_addr, rt_mipv6_reserved, rt_mipv6_home, rt_srh_last, rt_srh_flags, rt_srh_tag,
    rt_srh_addr, rt_deprecated;
FieldId fraghdr, frag_nxt, frag_reserved_octet, frag_offset, frag_reserved_bits, frag_more,
    frag_ident;
// Option fields belong to the ipv6 protocol itself.
FieldId opt, opt_type, opt_action, opt_change, opt_rest, opt_length, opt_pad1, opt_padn,
    opt_router_alert, opt_tel, opt_jumbo, opt_home_address, opt_unknown, opt_unknown_expert,
    opt_invalid_len;
FieldId fragment, fragments, fragment_count, reassembled_in, reassembled_length, reassembled_data,
    fragment_overlap, fragment_overlap_conflict, fragment_error, fragment_too_long;

const ValueName kOptionNames[] = {
    {0, "Pad1"},
    {1, "PadN"},
    {4, "Tunnel Encapsulation Limit"},
    {5, "Router Alert"},
    {7, "CALIPSO"},
    {8, "SMF_DPD"},
    {15, "Performance and Diagnostic Metrics"},
    {30, "Experimental (0x1E)"},
    {38, "Quick-Start"},
    {48, "Path MTU Option"},
    {49, "IOAM Option"},
    {62, "Experimental (0x3E)"},
    {65, "Tunnel Payload Forwarding (TPF) Information"},
    {94, "Experimental (0x5E)"},
    {99, "RPL Option"},
    {109, "MPL Option"},
    {126, "Experimental (0x7E)"},
    {138, "Endpoint Identification"},
    {139, "ILNP Nonce"},
    {140, "Line-Identification Option"},
    {158, "Experimental (0x9E)"},
    {190, "Experimental (0xBE)"},
    {194, "Jumbo Payload"},
    {201, "Home Address"},
    {222, "Experimental (0xDE)"},
    {238, "IP_DFF"},
    {254, "Experimental (0xFE)"},
};
const ValueName kActions[] = {{0, "Skip and continue"},
                              {1, "Discard"},
                              {2, "Discard and send ICMP Parameter Problem"},
                              {3, "Discard and send ICMP if not multicast"}};
const ValueName kRouterAlert[] = {{0, "MLD"}, {1, "RSVP"}, {2, "Active Network"}};
const ValueName kRoutingTypes[] = {{0, "Source Route"},
                                   {1, "Nimrod"},
                                   {2, "Type 2 Routing"},
                                   {3, "RPL Source Route"},
                                   {4, "Segment Routing"},
                                   {5, "Compact Routing Header 16"},
                                   {6, "Compact Routing Header 32"},
                                   {253, "Experiment 1"},
                                   {254, "Experiment 2"}};
const TrueFalse kYesNo{"Yes", "No"};

const FieldReg kHopFields[] = {
    {&hop_nxt,
     {"Next Header", "ipv6.hopopts.nxt", FieldType::kUint8, Base::kDec, ip_proto_names()}},
    {&hop_len,
     {"Length",
      "ipv6.hopopts.len",
      FieldType::kUint8,
      Base::kDec,
      {},
      0,
      "Extension header length in 8-octet words (minus 1)"}},
    {&hop_len_oct,
     {"Length",
      "ipv6.hopopts.len_oct",
      FieldType::kUint16,
      Base::kDec,
      {},
      0,
      "Extension header length in octets"}},
};
const FieldReg kDstFields[] = {
    {&dst_nxt,
     {"Next Header", "ipv6.dstopts.nxt", FieldType::kUint8, Base::kDec, ip_proto_names()}},
    {&dst_len,
     {"Length",
      "ipv6.dstopts.len",
      FieldType::kUint8,
      Base::kDec,
      {},
      0,
      "Extension header length in 8-octet words (minus 1)"}},
    {&dst_len_oct,
     {"Length",
      "ipv6.dstopts.len_oct",
      FieldType::kUint16,
      Base::kDec,
      {},
      0,
      "Extension header length in octets"}},
};
const FieldReg kRoutingFields[] = {
    {&rt_nxt, {"Next Header", "ipv6.routing.nxt", FieldType::kUint8, Base::kDec, ip_proto_names()}},
    {&rt_len,
     {"Length",
      "ipv6.routing.len",
      FieldType::kUint8,
      Base::kDec,
      {},
      0,
      "Extension header length in 8-octet words (minus 1)"}},
    {&rt_len_oct,
     {"Length",
      "ipv6.routing.len_oct",
      FieldType::kUint16,
      Base::kDec,
      {},
      0,
      "Extension header length in octets"}},
    {&rt_type,
     {"Type", "ipv6.routing.type", FieldType::kUint8, Base::kDec, kRoutingTypes, 0,
      "Routing Header Type"}},
    {&rt_segleft,
     {"Segments Left",
      "ipv6.routing.segleft",
      FieldType::kUint8,
      Base::kDec,
      {},
      0,
      "Routing Header Segments Left"}},
    {&rt_unknown,
     {"Type-Specific Data",
      "ipv6.routing.unknown_data",
      FieldType::kBytes,
      Base::kNone,
      {},
      0,
      "Unknown routing header type-specific data"}},
    {&rt_src_reserved,
     {"Reserved",
      "ipv6.routing.src.reserved",
      FieldType::kBytes,
      Base::kNone,
      {},
      0,
      "Must be zero"}},
    {&rt_src_addr,
     {"Address",
      "ipv6.routing.src.addr",
      FieldType::kIpv6,
      Base::kNone,
      {},
      0,
      "Source Routing Header Address"}},
    {&rt_mipv6_reserved,
     {"Reserved",
      "ipv6.routing.mipv6.reserved",
      FieldType::kBytes,
      Base::kNone,
      {},
      0,
      "Must be zero"}},
    {&rt_mipv6_home, {"Home Address", "ipv6.routing.mipv6.home_address", FieldType::kIpv6}},
    {&rt_srh_last,
     {"Last Entry",
      "ipv6.routing.srh.last_entry",
      FieldType::kUint8,
      Base::kDec,
      {},
      0,
      "Index (zero based) of the last element of the Segment List"}},
    {&rt_srh_flags,
     {"Flags",
      "ipv6.routing.srh.flags",
      FieldType::kUint8,
      Base::kHex,
      {},
      0,
      "Unused, 8 bits of flags"}},
    {&rt_srh_tag,
     {"Tag",
      "ipv6.routing.srh.tag",
      FieldType::kBytes,
      Base::kNone,
      {},
      0,
      "Tag a packet as part of a class or group of packets"}},
    {&rt_srh_addr,
     {"Address", "ipv6.routing.srh.addr", FieldType::kIpv6, Base::kNone, {}, 0, "Segment address"}},
    {&rt_deprecated,
     {"Routing header type is deprecated", "ipv6.routing.deprecated", FieldType::kNone}},
};
const FieldReg kFragFields[] = {
    {&frag_nxt,
     {"Next header", "ipv6.fraghdr.nxt", FieldType::kUint8, Base::kDec, ip_proto_names()}},
    {&frag_reserved_octet,
     {"Reserved octet",
      "ipv6.fraghdr.reserved_octet",
      FieldType::kUint8,
      Base::kHex,
      {},
      0,
      "Should always be 0"}},
    {&frag_offset,
     {"Offset",
      "ipv6.fraghdr.offset",
      FieldType::kUint16,
      Base::kDec,
      {},
      0xfff8,
      "Fragment Offset"}},
    {&frag_reserved_bits,
     {"Reserved bits", "ipv6.fraghdr.reserved_bits", FieldType::kUint16, Base::kDec, {}, 0x0006}},
    {&frag_more,
     {"More Fragments",
      "ipv6.fraghdr.more",
      FieldType::kBoolean,
      Base::kNone,
      {},
      0x0001,
      "",
      &kYesNo,
      16}},
    {&frag_ident,
     {"Identification",
      "ipv6.fraghdr.ident",
      FieldType::kUint32,
      Base::kHex,
      {},
      0,
      "Fragment Identification"}},
};
const FieldReg kIpv6Fields[] = {
    {&opt, {"IPv6 Option", "ipv6.opt", FieldType::kNone, Base::kNone, {}, 0, "Option"}},
    {&opt_type,
     {"Type", "ipv6.opt.type", FieldType::kUint8, Base::kHex, kOptionNames, 0, "Option type"}},
    {&opt_action,
     {"Action", "ipv6.opt.type.action", FieldType::kUint8, Base::kDec, kActions, 0xc0,
      "Action for unrecognized option type"}},
    {&opt_change,
     {"May Change",
      "ipv6.opt.type.change",
      FieldType::kBoolean,
      Base::kNone,
      {},
      0x20,
      "Whether the option data may change en-route",
      &kYesNo,
      8}},
    {&opt_rest,
     {"Low-Order Bits",
      "ipv6.opt.type.rest",
      FieldType::kUint8,
      Base::kHex,
      {},
      0x1f,
      "Remaining low-order bits"}},
    {&opt_length,
     {"Length",
      "ipv6.opt.length",
      FieldType::kUint8,
      Base::kDec,
      {},
      0,
      "Option length in octets"}},
    {&opt_pad1, {"Pad1", "ipv6.opt.pad1", FieldType::kNone, Base::kNone, {}, 0, "Pad1 Option"}},
    {&opt_padn,
     {"PadN", "ipv6.opt.padn", FieldType::kBytes, Base::kAllowZero, {}, 0, "PadN Option"}},
    {&opt_router_alert,
     {"Router Alert", "ipv6.opt.router_alert", FieldType::kUint16, Base::kDec, kRouterAlert, 0,
      "Router Alert Option"}},
    {&opt_tel,
     {"Tunnel Encapsulation Limit",
      "ipv6.opt.tel",
      FieldType::kUint8,
      Base::kDec,
      {},
      0,
      "How many further levels of encapsulation are permitted"}},
    {&opt_jumbo,
     {"Payload Length",
      "ipv6.opt.jumbo",
      FieldType::kUint32,
      Base::kDec,
      {},
      0,
      "IPv6 (Jumbo) Payload Length"}},
    {&opt_home_address, {"MIPv6 Home Address", "ipv6.opt.mipv6.home_address", FieldType::kIpv6}},
    {&opt_unknown, {"Unknown Option Payload", "ipv6.opt.unknown", FieldType::kBytes}},
    {&opt_invalid_len, {"Invalid IPv6 option length", "ipv6.opt.invalid_len", FieldType::kNone}},
    {&opt_unknown_expert,
     {"Unknown Data (not interpreted)", "ipv6.opt.unknown_data.expert", FieldType::kNone}},
    {&fragment_overlap,
     {"Fragment overlap",
      "ipv6.fragment.overlap",
      FieldType::kBoolean,
      Base::kNone,
      {},
      0,
      "Fragment overlaps with other fragments"}},
    {&fragment_overlap_conflict,
     {"Conflicting data in fragment overlap",
      "ipv6.fragment.overlap.conflict",
      FieldType::kBoolean,
      Base::kNone,
      {},
      0,
      "Overlapping fragments contained conflicting data"}},
    {&fragment, {"IPv6 Fragment", "ipv6.fragment", FieldType::kFrameNum}},
    {&fragment_too_long,
     {"Fragment too long",
      "ipv6.fragment.toolongfragment",
      FieldType::kBoolean,
      Base::kNone,
      {},
      0,
      "Fragment contained data past end of packet"}},
    {&fragment_error,
     {"Defragmentation error",
      "ipv6.fragment.error",
      FieldType::kFrameNum,
      Base::kNone,
      {},
      0,
      "Defragmentation error due to illegal fragments"}},
    {&fragment_count, {"Fragment count", "ipv6.fragment.count", FieldType::kUint32, Base::kDec}},
    {&fragments, {"IPv6 Fragments", "ipv6.fragments", FieldType::kNone}},
    {&reassembled_in,
     {"Reassembled IPv6 in frame",
      "ipv6.reassembled.in",
      FieldType::kFrameNum,
      Base::kNone,
      {},
      0,
      "This IPv6 packet is reassembled in this frame"}},
    {&reassembled_length,
     {"Reassembled IPv6 length",
      "ipv6.reassembled.length",
      FieldType::kUint32,
      Base::kDec,
      {},
      0,
      "The total length of the reassembled payload"}},
    {&reassembled_data,
     {"Reassembled IPv6 data",
      "ipv6.reassembled.data",
      FieldType::kBytes,
      Base::kNone,
      {},
      0,
      "The reassembled payload"}},
};

// Extension headers nest in the IPv6 tree; the upper layer goes beside IPv6 at its level.
int parent_for(const Packet& pkt, int ext_parent, uint8_t next) {
  if (is_ipv6_extension(next) || ext_parent < 0) return ext_parent;
  const Node& n = pkt.tree[ext_parent];
  return n.field == ipv6_fields::protocol ? n.parent : ext_parent;
}

// The generic part of an extension header: Next Header, Length, [Length: N bytes].
size_t add_ext_lengths(Packet& pkt, int tree, const ByteReader& r, FieldId nxt, FieldId len,
                       FieldId len_oct) {
  size_t octets = (size_t{r.u8(1)} + 1) * 8;
  pkt.add_item(tree, nxt, r, 0, 1);
  pkt.add_item(tree, len, r, 1, 1);
  int n = pkt.tree.add(tree, len_oct, r, 1, 1, Value::of_uint(octets), kGenerated);
  if (pkt.labels) pkt.set_label(n, fmt::format("Length: {} bytes", octets));
  return octets;
}

void add_option_type(Packet& pkt, int tree, const ByteReader& r, size_t off) {
  int t = pkt.add_item(tree, opt_type, r, off, 1);
  pkt.add_item(t, opt_action, r, off, 1);
  pkt.add_item(t, opt_change, r, off, 1);
  pkt.add_item(t, opt_rest, r, off, 1);
}

// The options of a hop-by-hop or destination options header; `r` holds exactly the header.
void dissect_options(Packet& pkt, int tree, const ByteReader& r) {
  for (size_t off = 2; off < r.reported_size();) {
    uint8_t type = r.u8(off);
    const char* name = nullptr;
    for (const ValueName& v : kOptionNames)
      if (v.value == type) name = v.name;
    if (type == 0) {
      int n = pkt.tree.add(tree, opt, r, off, 1, Value{});
      pkt.set_label(n, "Pad1");
      add_option_type(pkt, n, r, off);
      pkt.tree.add(n, opt_pad1, r, off, 1, Value{});
      ++off;
      continue;
    }
    size_t len = r.u8(off + 1);
    int n = pkt.tree.add(tree, opt, r, off, 2 + len, Value{});
    pkt.set_label(n, name ? std::string(name) : fmt::format("Unknown IPv6 Option ({})", type));
    add_option_type(pkt, n, r, off);
    pkt.add_item(n, opt_length, r, off + 1, 1);
    size_t data = off + 2;
    // Options with a fixed size: a wrong length ends option parsing, as in tshark.
    size_t fixed = type == 0x04 ? 1 : type == 0x05 ? 2 : type == 0xc2 ? 4 : type == 0xc9 ? 16 : 0;
    switch (type) {
      case 0x01:
        pkt.add_item(n, opt_padn, r, data, len);
        break;
      case 0x04:
        pkt.add_item(n, opt_tel, r, data, 1);
        break;
      case 0x05:
        pkt.add_item(n, opt_router_alert, r, data, 2);
        break;
      case 0xc2:
        pkt.add_item(n, opt_jumbo, r, data, 4);
        break;
      case 0xc9:
        // Mobile IPv6: the packet really comes from the home address (tshark's Source).
        pkt.add_item(n, opt_home_address, r, data, 16);
        pkt.net_src = pkt.src = Address::ipv6(r.ptr(data, 16));
        break;
      default: {
        int u = pkt.add_item(n, opt_unknown, r, data, len);
        add_expert(pkt, u, opt_unknown_expert, r, data, len, "Unknown Data (not interpreted)",
                   kExpertNote, kGroupUndecoded);
      }
    }
    if (fixed && len != fixed) {
      add_expert(pkt, n, opt_invalid_len, r, off + 1, 1,
                 fmt::format("Invalid IPv6 option length ({} bytes)", len), kExpertError,
                 kGroupMalformed);
      return;
    }
    off = data + len;
  }
}

size_t dissect_options_header(const ByteReader& r, Packet& pkt, int parent, FieldId proto,
                              FieldId nxt, FieldId len, FieldId len_oct, const char* info) {
  size_t octets = (size_t{r.u8(1)} + 1) * 8;
  int tree = pkt.add_protocol(parent, proto, r, 0, octets);
  if (pkt.cols.enabled) pkt.cols.set_info(info);
  add_ext_lengths(pkt, tree, r, nxt, len, len_oct);
  // A header longer than the packet is decoded as far as it goes, then flagged malformed.
  dissect_options(pkt, tree, r.sub(0, octets < r.reported_size() ? octets : r.reported_size()));
  uint8_t next = r.u8(0);
  return octets +
         pkt.call_next(tables::ip_proto(), next, r.sub(octets), parent_for(pkt, parent, next));
}

size_t dissect_hopopts(const ByteReader& r, Packet& pkt, int parent) {
  return dissect_options_header(r, pkt, parent, hopopts, hop_nxt, hop_len, hop_len_oct,
                                "IPv6 hop-by-hop options");
}

size_t dissect_dstopts(const ByteReader& r, Packet& pkt, int parent) {
  return dissect_options_header(r, pkt, parent, dstopts, dst_nxt, dst_len, dst_len_oct,
                                "IPv6 destination options");
}

void add_indexed_address(Packet& pkt, int tree, FieldId f, const ByteReader& r, size_t off,
                         size_t index) {
  int a = pkt.add_item(tree, f, r, off, 16);
  if (pkt.labels) {
    std::string text = fmt::format("Address[{}]: ", index);
    append_ipv6(text, r.ptr(off, 16));
    pkt.set_label(a, text);
  }
}

size_t dissect_routing(const ByteReader& r, Packet& pkt, int parent) {
  size_t octets = (size_t{r.u8(1)} + 1) * 8;
  uint8_t type = r.u8(2);
  uint8_t segleft = r.u8(3);
  int tree = pkt.add_protocol(parent, routing, r, 0, octets);
  if (pkt.cols.enabled) {
    pkt.cols.set_info("IPv6 routing");
    const char* tn = nullptr;
    for (const ValueName& v : kRoutingTypes)
      if (v.value == type) tn = v.name;
    pkt.set_label(tree, fmt::format("Routing Header for IPv6 ({})", tn ? tn : "Unknown"));
  }
  add_ext_lengths(pkt, tree, r, rt_nxt, rt_len, rt_len_oct);
  int t = pkt.add_item(tree, rt_type, r, 2, 1);
  pkt.add_item(tree, rt_segleft, r, 3, 1);
  ByteReader h = r.sub(0, octets);
  switch (type) {
    case 0: {
      pkt.add_item(tree, rt_src_reserved, h, 4, 4);
      // After the reserved word: a header cut short before it gets no note from tshark.
      add_expert(pkt, t, rt_deprecated, r, 2, 1, "Routing header type is deprecated", kExpertNote,
                 kGroupDeprecated);
      size_t count = (octets - 8) / 16;
      for (size_t i = 0; i < count; ++i)
        add_indexed_address(pkt, tree, rt_src_addr, h, 8 + 16 * i, i + 1);
      // The packet is on its way to the last address of the list (tshark's Destination).
      if (segleft && count) {
        Address final_dst = Address::ipv6(h.ptr(8 + 16 * (count - 1), 16));
        pkt.net_dst = pkt.dst = final_dst;
      }
      break;
    }
    case 2:
      pkt.add_item(tree, rt_mipv6_reserved, h, 4, 4);
      pkt.add_item(tree, rt_mipv6_home, h, 8, 16);
      break;
    case 4: {
      pkt.add_item(tree, rt_srh_last, h, 4, 1);
      pkt.add_item(tree, rt_srh_flags, h, 5, 1);
      pkt.add_item(tree, rt_srh_tag, h, 6, 2);
      size_t count = (octets - 8) / 16;
      for (size_t i = 0; i < count; ++i)
        add_indexed_address(pkt, tree, rt_srh_addr, h, 8 + 16 * i, i);
      break;
    }
    default:
      if (octets > 4) pkt.add_item(tree, rt_unknown, h, 4, octets - 4);
  }
  uint8_t next = r.u8(0);
  return octets +
         pkt.call_next(tables::ip_proto(), next, r.sub(octets), parent_for(pkt, parent, next));
}

// The addresses of the IPv6 header this fragment header follows.
bool enclosing_addresses(const Packet& pkt, Address& s, Address& d) {
  int got = 0;
  for (size_t i = pkt.tree.size(); i-- > 0 && got != 3;) {
    const Node& n = pkt.tree[i];
    if (n.field == ipv6_fields::dst && !(got & 2)) d = Address::ipv6(n.value.bytes.p), got |= 2;
    if (n.field == ipv6_fields::src && !(got & 1)) s = Address::ipv6(n.value.bytes.p), got |= 1;
  }
  return got == 3;
}

const FragmentFields& fragment_fields() {
  static const FragmentFields f{"IPv6",
                                fragments,
                                fragment,
                                fragment_error,
                                fragment_overlap,
                                fragment_overlap_conflict,
                                fragment_too_long,
                                fragment_count,
                                reassembled_length,
                                reassembled_data};
  return f;
}

size_t dissect_fraghdr(const ByteReader& r, Packet& pkt, int parent) {
  int tree = pkt.add_protocol(parent, fraghdr, r, 0, 8);
  uint8_t next = r.u8(0);
  uint16_t word = r.u16(2);
  uint32_t offset = word & 0xfff8;
  bool more = word & 1;
  uint32_t ident = r.u32(4);
  pkt.add_item(tree, frag_nxt, r, 0, 1);
  pkt.add_item(tree, frag_reserved_octet, r, 1, 1);
  int o = pkt.add_item(tree, frag_offset, r, 2, 2);
  if (pkt.labels) {
    std::string text;
    append_bit_pattern(text, word, 0xfff8, 16);
    fmt::format_to(std::back_inserter(text), "Offset: {} ({} bytes)", offset / 8, offset);
    pkt.set_label(o, text);
  }
  pkt.add_item(tree, frag_reserved_bits, r, 2, 2);
  pkt.add_item(tree, frag_more, r, 2, 2);
  pkt.add_item(tree, frag_ident, r, 4, 4);

  ByteReader payload = r.sub(8);
  int upper = parent_for(pkt, parent, next);
  bool in_error_packet = pkt.ip_depth > 1;
  Address s, d;
  if (offset == 0 && !more) {
    // An atomic fragment (RFC 6946): a whole datagram, never reassembled.
    return 8 + pkt.call_next(tables::ip_proto(), next, payload, upper);
  }
  if (pkt.session->prefs.ip_defragment && !in_error_packet && !payload.truncated() &&
      enclosing_addresses(pkt, s, d)) {
    auto& slot = pkt.session->ip_reassembly;
    if (!slot) slot = std::make_shared<IpReassembler>();
    FragmentKey key{s, d, ident, 0};
    const ReassembledDatagram* dg = slot->add(key, pkt.number, pkt.frame->ts.total_ns(), offset,
                                              more, {payload.data(), payload.size()});
    if (dg) {
      pkt.sources.push_back(DataSource{"Reassembled IPv6", dg->data, dg->length});
      ByteReader whole(dg->data, dg->length, dg->length, 0,
                       static_cast<uint16_t>(pkt.sources.size()));
      add_fragment_tree(pkt, parent, *dg, whole, fragment_fields());
      pkt.call_next(tables::ip_proto(), next, whole, upper);
      return r.reported_size();
    }
  } else if (offset == 0 && in_error_packet) {
    return 8 + pkt.call_next(tables::ip_proto(), next, payload, upper);
  }
  if (pkt.cols.enabled)
    pkt.cols.set_info(fmt::format("IPv6 fragment (off={} more={} ident=0x{:08x} nxt={})", offset,
                                  more ? 'y' : 'n', ident, next));
  pkt.call_data(payload, upper < 0 ? -1 : upper);
  return r.reported_size();
}
}  // namespace

bool is_ipv6_extension(uint8_t next_header) {
  return next_header == 0 || next_header == 43 || next_header == 44 || next_header == 60;
}

void register_ipv6_extensions() {
  FieldRegistry& reg = registry();
  reg.add_fields(ipv6_fields::protocol, kIpv6Fields);
  hopopts = reg.add_protocol({"IPv6 Hop-by-Hop Option", "IPv6 Hop-by-Hop", "ipv6.hopopts"});
  reg.add_fields(hopopts, kHopFields);
  routing = reg.add_protocol({"Routing Header for IPv6", "IPv6 Routing", "ipv6.routing"});
  reg.add_fields(routing, kRoutingFields);
  fraghdr = reg.add_protocol({"Fragment Header for IPv6", "IPv6 Fragment", "ipv6.fraghdr"});
  reg.add_fields(fraghdr, kFragFields);
  dstopts = reg.add_protocol({"Destination Options for IPv6", "IPv6 Destination", "ipv6.dstopts"});
  reg.add_fields(dstopts, kDstFields);
  tables::ip_proto().add(0, dissect_hopopts);
  tables::ip_proto().add(43, dissect_routing);
  tables::ip_proto().add(44, dissect_fraghdr);
  tables::ip_proto().add(60, dissect_dstopts);
}

}  // namespace netsift
