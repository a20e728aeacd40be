// Helpers shared by the IPv4, IPv6, ICMP and ICMPv6 dissectors.
#include <fmt/format.h>

#include "core/field_registry.h"
#include "core/protocols.h"
#include "core/session.h"
#include "core/text_format.h"
#include "dissectors/ip.h"

namespace netsift {

namespace {
const ValueName kDscpNames[] = {
    {0, "Default"},
    {1, "Lower Effort"},
    {8, "Class Selector 1"},
    {10, "Assured Forwarding 11"},
    {12, "Assured Forwarding 12"},
    {14, "Assured Forwarding 13"},
    {16, "Class Selector 2"},
    {18, "Assured Forwarding 21"},
    {20, "Assured Forwarding 22"},
    {22, "Assured Forwarding 23"},
    {24, "Class Selector 3"},
    {26, "Assured Forwarding 31"},
    {28, "Assured Forwarding 32"},
    {30, "Assured Forwarding 33"},
    {32, "Class Selector 4"},
    {34, "Assured Forwarding 41"},
    {36, "Assured Forwarding 42"},
    {38, "Assured Forwarding 43"},
    {40, "Class Selector 5"},
    {44, "Voice Admit"},
    {46, "Expedited Forwarding"},
    {48, "Class Selector 6"},
    {56, "Class Selector 7"},
};
const ValueName kEcnNames[] = {{0, "Not ECN-Capable Transport"},
                               {1, "ECN-Capable Transport codepoint '01'"},
                               {2, "ECN-Capable Transport codepoint '10'"},
                               {3, "Congestion Experienced"}};
}  // namespace

std::span<const ValueName> dscp_names() {
  return kDscpNames;
}
std::span<const ValueName> ecn_names() {
  return kEcnNames;
}

// Short DSCP names for the dsfield summary ("CS0", "AF11", "EF PHB").
const char* dscp_short_name(unsigned v) {
  switch (v) {
    case 0:
      return "CS0";
    case 1:
      return "LE";
    case 8:
      return "CS1";
    case 10:
      return "AF11";
    case 12:
      return "AF12";
    case 14:
      return "AF13";
    case 16:
      return "CS2";
    case 18:
      return "AF21";
    case 20:
      return "AF22";
    case 22:
      return "AF23";
    case 24:
      return "CS3";
    case 26:
      return "AF31";
    case 28:
      return "AF32";
    case 30:
      return "AF33";
    case 32:
      return "CS4";
    case 34:
      return "AF41";
    case 36:
      return "AF42";
    case 38:
      return "AF43";
    case 40:
      return "CS5";
    case 44:
      return "VOICE-ADMIT";
    case 46:
      return "EF PHB";
    case 48:
      return "CS6";
    case 56:
      return "CS7";
    default:
      return "Unknown";
  }
}
const char* ecn_short_name(unsigned v) {
  static const char* const kNames[] = {"Not-ECT", "ECT(1)", "ECT(0)", "CE"};
  return kNames[v & 3];
}

const char* ip_proto_name(uint8_t proto) {
  for (const ValueName& v : ip_proto_names())
    if (v.value == proto) return v.name;
  return "Unknown";
}

void add_reassembled_in(Packet& pkt, int tree, const FragmentFields& ff, bool in_info) {
  auto frame = pkt.session->later.find(ff.reassembled_in, pkt.number);
  if (!frame) return;
  pkt.add_generated_uint(tree, ff.reassembled_in, *frame);
  if (in_info && pkt.cols.enabled)
    pkt.cols.append_info(fmt::format(" [Reassembled in #{}]", *frame));
}

void add_fragment_tree(Packet& pkt, int tree, const ReassembledDatagram& dg,
                       const ByteReader& whole, const FragmentFields& ff) {
  if (ff.reassembled_in != kNoField)  // protocols without the field (EAP-TLS) note nothing
    for (const FragmentRecord& f : dg.fragments)
      if (f.frame != pkt.number) pkt.session->later.note(ff.reassembled_in, f.frame, 0, pkt.number);
  // ip.fragments holds the datagram's bytes (FT_BYTES); ipv6.fragments is a plain subtree.
  Value all = registry().info(ff.fragments).def.type == FieldType::kBytes
                  ? Value::of_bytes(dg.data, dg.length)
                  : Value{};
  int n = pkt.tree.add(tree, ff.fragments, whole, 0, dg.length, all, kGenerated);
  std::string label;
  // A single fragment is named in the singular (the fragment field's name).
  if (pkt.labels)
    label = fmt::format("{} {} ({} byte{}): ", dg.fragments.size(),
                        dg.fragments.size() == 1 ? registry().info(ff.fragment).def.name : ff.tag,
                        dg.length, dg.length == 1 ? "" : "s");
  for (size_t i = 0; i < dg.fragments.size(); ++i) {
    const FragmentRecord& f = dg.fragments[i];
    FieldId item = f.overlap_conflict || f.too_long || f.multiple_tails ? ff.error : ff.fragment;
    int c = pkt.tree.add(n, item, whole, f.offset, f.length, Value::of_uint(f.frame), kGenerated);
    if (f.overlap) pkt.tree.add_generated(c, ff.overlap, Value::of_uint(1));
    if (f.overlap_conflict) pkt.tree.add_generated(c, ff.overlap_conflict, Value::of_uint(1));
    if (f.multiple_tails) pkt.tree.add_generated(c, ff.multiple_tails, Value::of_uint(1));
    if (f.too_long) pkt.tree.add_generated(c, ff.too_long, Value::of_uint(1));
    if (pkt.labels) {
      pkt.set_label(c, f.length ? fmt::format("Frame: {}, payload: {}-{} ({} byte{})", f.frame,
                                              f.offset, f.offset + f.length - 1, f.length,
                                              f.length == 1 ? "" : "s")
                                : fmt::format("Frame: {} (no data)", f.frame));
      label += fmt::format("{}#{}({})", i ? ", " : "", f.frame, f.length);
    }
  }
  // tshark appends each fragment to the label (cut silently when too long).
  cut_appended_label(label);
  if (pkt.labels) pkt.set_label(n, label);
  pkt.tree.add_generated(n, ff.count, Value::of_uint(dg.fragments.size()));
  pkt.tree.add_generated(n, ff.reassembled_length, Value::of_uint(dg.length));
  if (ff.reassembled_data != kNoField)
    pkt.tree.add(n, ff.reassembled_data, whole, 0, dg.length, Value::of_bytes(dg.data, dg.length),
                 kGenerated);
}

void dissect_quoted_packet(Packet& pkt, Dissector d, const ByteReader& r, int parent) {
  Address net_src = pkt.net_src, net_dst = pkt.net_dst, src = pkt.src, dst = pkt.dst;
  PortType port_type = pkt.port_type;
  uint16_t src_port = pkt.src_port, dst_port = pkt.dst_port;
  int ip_depth = pkt.ip_depth;
  // The quoted packet's protocols must not change the summary columns; they still build their
  // tree labels, so columns stay enabled and their text is put back afterwards.
  std::string protocol, info;
  size_t fence = pkt.cols.info_fence;
  if (pkt.cols.enabled) {
    protocol = pkt.cols.protocol;
    info = pkt.cols.info;
  }
  bool in_error_pkt = pkt.in_error_pkt;
  pkt.in_error_pkt = true;
  try {
    d(r, pkt, parent);
  } catch (const BoundsError&) {
    // tshark stops decoding a quoted packet where its bytes end, without flagging the packet:
    // error messages quote only the start of the offending datagram.
  }
  pkt.in_error_pkt = in_error_pkt;
  pkt.net_src = net_src;
  pkt.net_dst = net_dst;
  pkt.src = src;
  pkt.dst = dst;
  pkt.port_type = port_type;
  pkt.src_port = src_port;
  pkt.dst_port = dst_port;
  pkt.ip_depth = ip_depth;
  if (pkt.cols.enabled) {
    pkt.cols.protocol = std::move(protocol);
    pkt.cols.info = std::move(info);
    pkt.cols.info_fence = fence;
  }
}

uint64_t last_uint(const Packet& pkt, UintField f, uint64_t fallback) {
  for (size_t i = pkt.tree.size(); i-- > 0;)
    if (pkt.tree[i].field == f) return pkt.tree[i].value.u;
  return fallback;
}

}  // namespace netsift
