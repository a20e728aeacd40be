// IPv6 extension headers: hop-by-hop and destination options (RFC 8200 4.2), routing headers
// (type 0, 2 and segment routing), and the fragment header with reassembly. Each is its own
// protocol, reached through the IP protocol table like any upper layer, and nests in the IPv6
// tree as tshark shows it.
#include <fmt/format.h>

#include "analysis/ip_reassembly.h"
#include "core/append_format.h"
#include "core/field_registry.h"
#include "core/session.h"
#include "core/text_format.h"
#include "core/value_strings.h"
#include "dissectors/ip.h"
#include "dissectors/ip_prefs.h"

namespace netsift {

namespace ipv6_fields {
UintField frag_offset, frag_more;
LabelField fragments;
}  // namespace ipv6_fields

namespace {

using namespace ipv6_fields;
FieldId hopopts, hop_nxt, hop_len, hop_len_oct;
FieldId dstopts, dst_nxt, dst_len, dst_len_oct;
FieldId routing, rt_nxt, rt_len, rt_len_oct, rt_type, rt_segleft, rt_unknown, rt_src_reserved,
    rt_src_addr, rt_mipv6_reserved, rt_mipv6_home, rt_srh_last, rt_srh_flags, rt_srh_tag,
    rt_srh_addr, rt_deprecated;
FieldId fraghdr, frag_nxt, frag_reserved_octet, frag_reserved_bits, frag_ident;
// Option fields belong to the ipv6 protocol itself.
FieldId opt, opt_type, opt_action, opt_change, opt_rest, opt_length, opt_pad1, opt_padn,
    opt_router_alert, opt_tel, opt_jumbo, opt_home_address, opt_unknown, opt_unknown_expert,
    opt_invalid_len;
FieldId fragment, fragment_count, reassembled_in, reassembled_length, reassembled_data,
    fragment_overlap, fragment_overlap_conflict, fragment_error, fragment_too_long;

// Hop-by-hop and destination option types (RFC 8200 4.2, RFC 2473, RFC 2711, RFC 2675,
// RFC 6275) that get fields of their own.
enum OptionType : uint8_t {
  kOptPad1 = 0x00,
  kOptPadN = 0x01,
  kOptTunnelEncapLimit = 0x04,
  kOptRouterAlert = 0x05,
  kOptJumbo = 0xc2,
  kOptHomeAddress = 0xc9,
};

// Routing header types with decoded data.
enum RoutingType : uint8_t {
  kRoutingSource = 0,   // deprecated by RFC 5095
  kRoutingType2 = 2,    // Mobile IPv6 (RFC 6275)
  kRoutingSegment = 4,  // RFC 8754
};

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

const FieldReg kHopFields[] = {
    {&hop_nxt,
     {.name = "Next Header",
      .abbrev = "ipv6.hopopts.nxt",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .values = ip_proto_names()}},
    {&hop_len,
     {.name = "Length",
      .abbrev = "ipv6.hopopts.len",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .blurb = "Extension header length in 8-octet words (minus 1)"}},
    {&hop_len_oct,
     {.name = "Length",
      .abbrev = "ipv6.hopopts.len_oct",
      .type = FieldType::kUint16,
      .base = Base::kDec,
      .blurb = "Extension header length in octets"}},
};
const FieldReg kDstFields[] = {
    {&dst_nxt,
     {.name = "Next Header",
      .abbrev = "ipv6.dstopts.nxt",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .values = ip_proto_names()}},
    {&dst_len,
     {.name = "Length",
      .abbrev = "ipv6.dstopts.len",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .blurb = "Extension header length in 8-octet words (minus 1)"}},
    {&dst_len_oct,
     {.name = "Length",
      .abbrev = "ipv6.dstopts.len_oct",
      .type = FieldType::kUint16,
      .base = Base::kDec,
      .blurb = "Extension header length in octets"}},
};
const FieldReg kRoutingFields[] = {
    {&rt_nxt,
     {.name = "Next Header",
      .abbrev = "ipv6.routing.nxt",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .values = ip_proto_names()}},
    {&rt_len,
     {.name = "Length",
      .abbrev = "ipv6.routing.len",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .blurb = "Extension header length in 8-octet words (minus 1)"}},
    {&rt_len_oct,
     {.name = "Length",
      .abbrev = "ipv6.routing.len_oct",
      .type = FieldType::kUint16,
      .base = Base::kDec,
      .blurb = "Extension header length in octets"}},
    {&rt_type,
     {.name = "Type",
      .abbrev = "ipv6.routing.type",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .values = kRoutingTypes,
      .blurb = "Routing Header Type"}},
    {&rt_segleft,
     {.name = "Segments Left",
      .abbrev = "ipv6.routing.segleft",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .blurb = "Routing Header Segments Left"}},
    {&rt_unknown,
     {.name = "Type-Specific Data",
      .abbrev = "ipv6.routing.unknown_data",
      .type = FieldType::kBytes,
      .blurb = "Unknown routing header type-specific data"}},
    {&rt_src_reserved,
     {.name = "Reserved",
      .abbrev = "ipv6.routing.src.reserved",
      .type = FieldType::kBytes,
      .blurb = "Must be zero"}},
    {&rt_src_addr,
     {.name = "Address",
      .abbrev = "ipv6.routing.src.addr",
      .type = FieldType::kIpv6,
      .blurb = "Source Routing Header Address"}},
    {&rt_mipv6_reserved,
     {.name = "Reserved",
      .abbrev = "ipv6.routing.mipv6.reserved",
      .type = FieldType::kBytes,
      .blurb = "Must be zero"}},
    {&rt_mipv6_home,
     {.name = "Home Address",
      .abbrev = "ipv6.routing.mipv6.home_address",
      .type = FieldType::kIpv6}},
    {&rt_srh_last,
     {.name = "Last Entry",
      .abbrev = "ipv6.routing.srh.last_entry",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .blurb = "Index (zero based) of the last element of the Segment List"}},
    {&rt_srh_flags,
     {.name = "Flags",
      .abbrev = "ipv6.routing.srh.flags",
      .type = FieldType::kUint8,
      .base = Base::kHex,
      .blurb = "Unused, 8 bits of flags"}},
    {&rt_srh_tag,
     {.name = "Tag",
      .abbrev = "ipv6.routing.srh.tag",
      .type = FieldType::kBytes,
      .blurb = "Tag a packet as part of a class or group of packets"}},
    {&rt_srh_addr,
     {.name = "Address",
      .abbrev = "ipv6.routing.srh.addr",
      .type = FieldType::kIpv6,
      .blurb = "Segment address"}},
    {&rt_deprecated,
     {.name = "Routing header type is deprecated", .abbrev = "ipv6.routing.deprecated"}},
};
const FieldReg kFragFields[] = {
    {&frag_nxt,
     {.name = "Next header",
      .abbrev = "ipv6.fraghdr.nxt",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .values = ip_proto_names()}},
    {&frag_reserved_octet,
     {.name = "Reserved octet",
      .abbrev = "ipv6.fraghdr.reserved_octet",
      .type = FieldType::kUint8,
      .base = Base::kHex,
      .blurb = "Should always be 0"}},
    {&frag_offset,
     {.name = "Offset",
      .abbrev = "ipv6.fraghdr.offset",
      .type = FieldType::kUint16,
      .base = Base::kDec,
      .bitmask = 0xfff8,
      .blurb = "Fragment Offset"}},
    {&frag_reserved_bits,
     {.name = "Reserved bits",
      .abbrev = "ipv6.fraghdr.reserved_bits",
      .type = FieldType::kUint16,
      .base = Base::kDec,
      .bitmask = 0x0006}},
    {&frag_more,
     {.name = "More Fragments",
      .abbrev = "ipv6.fraghdr.more",
      .type = FieldType::kBoolean,
      .bitmask = 0x0001,
      .tf = &kYesNo,
      .bits = 16}},
    {&frag_ident,
     {.name = "Identification",
      .abbrev = "ipv6.fraghdr.ident",
      .type = FieldType::kUint32,
      .base = Base::kHex,
      .blurb = "Fragment Identification"}},
};
const FieldReg kIpv6Fields[] = {
    {&opt, {.name = "IPv6 Option", .abbrev = "ipv6.opt", .blurb = "Option"}},
    {&opt_type,
     {.name = "Type",
      .abbrev = "ipv6.opt.type",
      .type = FieldType::kUint8,
      .base = Base::kHex,
      .values = kOptionNames,
      .blurb = "Option type"}},
    {&opt_action,
     {.name = "Action",
      .abbrev = "ipv6.opt.type.action",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .values = kActions,
      .bitmask = 0xc0,
      .blurb = "Action for unrecognized option type"}},
    {&opt_change,
     {.name = "May Change",
      .abbrev = "ipv6.opt.type.change",
      .type = FieldType::kBoolean,
      .bitmask = 0x20,
      .blurb = "Whether the option data may change en-route",
      .tf = &kYesNo,
      .bits = 8}},
    {&opt_rest,
     {.name = "Low-Order Bits",
      .abbrev = "ipv6.opt.type.rest",
      .type = FieldType::kUint8,
      .base = Base::kHex,
      .bitmask = 0x1f,
      .blurb = "Remaining low-order bits"}},
    {&opt_length,
     {.name = "Length",
      .abbrev = "ipv6.opt.length",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .blurb = "Option length in octets"}},
    {&opt_pad1, {.name = "Pad1", .abbrev = "ipv6.opt.pad1", .blurb = "Pad1 Option"}},
    {&opt_padn,
     {.name = "PadN",
      .abbrev = "ipv6.opt.padn",
      .type = FieldType::kBytes,
      .base = Base::kAllowZero,
      .blurb = "PadN Option"}},
    {&opt_router_alert,
     {.name = "Router Alert",
      .abbrev = "ipv6.opt.router_alert",
      .type = FieldType::kUint16,
      .base = Base::kDec,
      .values = kRouterAlert,
      .blurb = "Router Alert Option"}},
    {&opt_tel,
     {.name = "Tunnel Encapsulation Limit",
      .abbrev = "ipv6.opt.tel",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .blurb = "How many further levels of encapsulation are permitted"}},
    {&opt_jumbo,
     {.name = "Payload Length",
      .abbrev = "ipv6.opt.jumbo",
      .type = FieldType::kUint32,
      .base = Base::kDec,
      .blurb = "IPv6 (Jumbo) Payload Length"}},
    {&opt_home_address,
     {.name = "MIPv6 Home Address",
      .abbrev = "ipv6.opt.mipv6.home_address",
      .type = FieldType::kIpv6}},
    {&opt_unknown,
     {.name = "Unknown Option Payload", .abbrev = "ipv6.opt.unknown", .type = FieldType::kBytes}},
    {&opt_invalid_len, {.name = "Invalid IPv6 option length", .abbrev = "ipv6.opt.invalid_len"}},
    {&opt_unknown_expert,
     {.name = "Unknown Data (not interpreted)", .abbrev = "ipv6.opt.unknown_data.expert"}},
    {&fragment_overlap,
     {.name = "Fragment overlap",
      .abbrev = "ipv6.fragment.overlap",
      .type = FieldType::kBoolean,
      .blurb = "Fragment overlaps with other fragments"}},
    {&fragment_overlap_conflict,
     {.name = "Conflicting data in fragment overlap",
      .abbrev = "ipv6.fragment.overlap.conflict",
      .type = FieldType::kBoolean,
      .blurb = "Overlapping fragments contained conflicting data"}},
    {&fragment, {.name = "IPv6 Fragment", .abbrev = "ipv6.fragment", .type = FieldType::kFrameNum}},
    {&fragment_too_long,
     {.name = "Fragment too long",
      .abbrev = "ipv6.fragment.toolongfragment",
      .type = FieldType::kBoolean,
      .blurb = "Fragment contained data past end of packet"}},
    {&fragment_error,
     {.name = "Defragmentation error",
      .abbrev = "ipv6.fragment.error",
      .type = FieldType::kFrameNum,
      .blurb = "Defragmentation error due to illegal fragments"}},
    {&fragment_count,
     {.name = "Fragment count",
      .abbrev = "ipv6.fragment.count",
      .type = FieldType::kUint32,
      .base = Base::kDec}},
    {&fragments, {.name = "IPv6 Fragments", .abbrev = "ipv6.fragments"}},
    {&reassembled_in,
     {.name = "Reassembled IPv6 in frame",
      .abbrev = "ipv6.reassembled.in",
      .type = FieldType::kFrameNum,
      .blurb = "This IPv6 packet is reassembled in this frame"}},
    {&reassembled_length,
     {.name = "Reassembled IPv6 length",
      .abbrev = "ipv6.reassembled.length",
      .type = FieldType::kUint32,
      .base = Base::kDec,
      .blurb = "The total length of the reassembled payload"}},
    {&reassembled_data,
     {.name = "Reassembled IPv6 data",
      .abbrev = "ipv6.reassembled.data",
      .type = FieldType::kBytes,
      .blurb = "The reassembled payload"}},
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
    if (type == kOptPad1) {
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
    size_t fixed = type == kOptTunnelEncapLimit ? 1
                   : type == kOptRouterAlert    ? 2
                   : type == kOptJumbo          ? 4
                   : type == kOptHomeAddress    ? 16
                                                : 0;
    switch (type) {
      case kOptPadN:
        pkt.add_item(n, opt_padn, r, data, len);
        break;
      case kOptTunnelEncapLimit:
        pkt.add_item(n, opt_tel, r, data, 1);
        break;
      case kOptRouterAlert:
        pkt.add_item(n, opt_router_alert, r, data, 2);
        break;
      case kOptJumbo:
        pkt.add_item(n, opt_jumbo, r, data, 4);
        break;
      case kOptHomeAddress:
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
    case kRoutingSource: {
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
    case kRoutingType2:
      pkt.add_item(tree, rt_mipv6_reserved, h, 4, 4);
      pkt.add_item(tree, rt_mipv6_home, h, 8, 16);
      break;
    case kRoutingSegment: {
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
  static const FragmentFields f{"IPv6 Fragments",
                                fragments,
                                fragment,
                                fragment_error,
                                fragment_overlap,
                                fragment_overlap_conflict,
                                fragment_too_long,
                                fragment_count,
                                reassembled_length,
                                reassembled_data,
                                reassembled_in};
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
    append_format(text, "Offset: {} ({} bytes)", offset / 8, offset);
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
  if (pkt.session->prefs.get(ipv6_prefs::defragment) && !in_error_packet && !payload.truncated() &&
      enclosing_addresses(pkt, s, d)) {
    FragmentKey key{s, d, ident, 0};
    IpReassembler& reassembler = pkt.session->state<IpReassembler>();
    reassembler.use_budget(pkt.session->memory());
    const ReassembledDatagram* dg = reassembler.add(
        key, pkt.number, pkt.frame->ts.total_ns(), offset, more, {payload.data(), payload.size()});
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
  add_reassembled_in(pkt, parent, fragment_fields(), false);
  pkt.call_data(payload, upper < 0 ? -1 : upper);
  return r.reported_size();
}
}  // namespace

bool is_ipv6_extension(uint8_t next_header) {
  return next_header == 0 || next_header == 43 || next_header == 44 || next_header == 51 ||
         next_header == 60;  // 51: the Authentication Header (dissectors/ah.cpp)
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
  tables::ip_proto().add(0, dissect_hopopts, "ipv6.hopopts");
  tables::ip_proto().add(43, dissect_routing, "ipv6.routing");
  tables::ip_proto().add(44, dissect_fraghdr, "ipv6.fraghdr");
  tables::ip_proto().add(60, dissect_dstopts, "ipv6.dstopts");
}

}  // namespace netsift
