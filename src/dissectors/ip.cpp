// IPv4 (RFC 791): header, options, fragment reassembly and dispatch by protocol number, with
// tshark 4.0's fields, labels and columns.
#include "dissectors/ip.h"
#include "core/append_format.h"

#include <fmt/format.h>

#include "analysis/ip_reassembly.h"
#include "core/field_registry.h"
#include "core/session.h"
#include "core/text_format.h"
#include "core/value_strings.h"
#include "dissectors/checksum_items.h"
#include "dissectors/eth.h"
#include "dissectors/ip_options.h"
#include "dissectors/ip_prefs.h"
#include "dissectors/llc.h"

namespace netsift {

namespace ip_fields {
ProtocolField protocol;
UintField ttl, version;
Ipv4Field src, dst;
}  // namespace ip_fields

namespace {
using namespace ip_fields;

FieldId hdr_len, dsfield, dscp, ecn, len, id, flags, flag_rb, flag_df, flag_mf, frag_offset,
    ip_proto, checksum, checksum_calculated, checksum_status, addr, src_host, dst_host, host;
FieldId fragment, fragments, fragment_count, reassembled_in, reassembled_length, reassembled_data,
    fragment_overlap, fragment_overlap_conflict, fragment_error, fragment_too_long;
FieldId bogus_ip_length, bogus_header_length, bogus_ip_version, checksum_bad_expert, ttl_lncb,
    ttl_too_small;
// ip.decode_tos_as_diffserv off: the RFC 791 Type of Service byte; ip.security_flag: RFC 3514.
FieldId tos, tos_precedence, tos_delay, tos_throughput, tos_reliability, tos_cost, flag_sf,
    evil_packet;

constexpr TrueFalse kLowNormal{"Low", "Normal"}, kHighNormal{"High", "Normal"},
    kEvil{"Evil", "Not evil"};
constexpr ValueName kPrecedences[] = {
    {0, "routine"},    {1, "priority"},       {2, "immediate"},
    {3, "flash"},      {4, "flash override"}, {5, "CRITIC/ECP"},
    {6, "internetwork control"}, {7, "network control"}};
constexpr ValueName kTosValues[] = {{0x00, "None"},
                                    {0x02, "Minimize cost"},
                                    {0x04, "Maximize reliability"},
                                    {0x08, "Maximize throughput"},
                                    {0x10, "Minimize delay"},
                                    {0x1e, "Maximize security"}};

const FieldReg kFields[] = {
    {&version,
     {.name = "Version", .abbrev = "ip.version", .type = FieldType::kUint8, .base = Base::kDec}},
    {&hdr_len,
     {.name = "Header Length",
      .abbrev = "ip.hdr_len",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .blurb = "Header length in 32-bit words"}},
    {&dsfield,
     {.name = "Differentiated Services Field",
      .abbrev = "ip.dsfield",
      .type = FieldType::kUint8,
      .base = Base::kHex}},
    {&dscp,
     {.name = "Differentiated Services Codepoint",
      .abbrev = "ip.dsfield.dscp",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .values = dscp_names(),
      .bitmask = 0xfc}},
    {&ecn,
     {.name = "Explicit Congestion Notification",
      .abbrev = "ip.dsfield.ecn",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .values = ecn_names(),
      .bitmask = 0x03}},
    {&len,
     {.name = "Total Length", .abbrev = "ip.len", .type = FieldType::kUint16, .base = Base::kDec}},
    {&id,
     {.name = "Identification",
      .abbrev = "ip.id",
      .type = FieldType::kUint16,
      .base = Base::kHexDec}},
    {&flags,
     {.name = "Flags",
      .abbrev = "ip.flags",
      .type = FieldType::kUint8,
      .base = Base::kHex,
      .bitmask = 0xe0,
      .blurb = "Flags (3 bits)"}},
    {&tos, {.name = "Type of Service", .abbrev = "ip.tos", .type = FieldType::kUint8, .base = Base::kDec}},
    {&tos_precedence,
     {.name = "Precedence",
      .abbrev = "ip.tos.precedence",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .values = kPrecedences,
      .bitmask = 0xe0}},
    {&tos_delay,
     {.name = "Delay", .abbrev = "ip.tos.delay", .type = FieldType::kBoolean, .bitmask = 0x10,
      .tf = &kLowNormal, .bits = 8}},
    {&tos_throughput,
     {.name = "Throughput", .abbrev = "ip.tos.throughput", .type = FieldType::kBoolean,
      .bitmask = 0x08, .tf = &kHighNormal, .bits = 8}},
    {&tos_reliability,
     {.name = "Reliability", .abbrev = "ip.tos.reliability", .type = FieldType::kBoolean,
      .bitmask = 0x04, .tf = &kHighNormal, .bits = 8}},
    {&tos_cost,
     {.name = "Cost", .abbrev = "ip.tos.cost", .type = FieldType::kBoolean, .bitmask = 0x02,
      .tf = &kLowNormal, .bits = 8}},
    {&flag_sf,
     {.name = "Security flag",
      .abbrev = "ip.flags.sf",
      .type = FieldType::kBoolean,
      .bitmask = 0x80,
      .blurb = "Security flag (RFC 3514)",
      .tf = &kEvil,
      .bits = 8}},
    {&evil_packet, {.name = "Packet has evil intent", .abbrev = "ip.evil_packet"}},
    {&flag_rb,
     {.name = "Reserved bit",
      .abbrev = "ip.flags.rb",
      .type = FieldType::kBoolean,
      .bitmask = 0x80,
      .tf = &kSetNotSet,
      .bits = 8}},
    {&flag_df,
     {.name = "Don't fragment",
      .abbrev = "ip.flags.df",
      .type = FieldType::kBoolean,
      .bitmask = 0x40,
      .tf = &kSetNotSet,
      .bits = 8}},
    {&flag_mf,
     {.name = "More fragments",
      .abbrev = "ip.flags.mf",
      .type = FieldType::kBoolean,
      .bitmask = 0x20,
      .tf = &kSetNotSet,
      .bits = 8}},
    {&frag_offset,
     {.name = "Fragment Offset",
      .abbrev = "ip.frag_offset",
      .type = FieldType::kUint16,
      .base = Base::kDec,
      .bitmask = 0x1fff,
      .blurb = "Fragment offset (13 bits)"}},
    {&ttl,
     {.name = "Time to Live", .abbrev = "ip.ttl", .type = FieldType::kUint8, .base = Base::kDec}},
    {&ip_proto,
     {.name = "Protocol",
      .abbrev = "ip.proto",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .values = ip_proto_names()}},
    {&checksum,
     {.name = "Header Checksum",
      .abbrev = "ip.checksum",
      .type = FieldType::kUint16,
      .base = Base::kHex}},
    {&checksum_calculated,
     {.name = "Calculated Checksum",
      .abbrev = "ip.checksum_calculated",
      .type = FieldType::kUint16,
      .base = Base::kHex,
      .blurb = "The expected IP checksum field as calculated from the IP datagram"}},
    {&checksum_status,
     {.name = "Header checksum status",
      .abbrev = "ip.checksum.status",
      .type = FieldType::kUint8,
      .values = kChecksumStatusNames}},
    {&src, {.name = "Source Address", .abbrev = "ip.src", .type = FieldType::kIpv4}},
    {&addr,
     {.name = "Source or Destination Address", .abbrev = "ip.addr", .type = FieldType::kIpv4}},
    {&src_host, {.name = "Source Host", .abbrev = "ip.src_host", .type = FieldType::kString}},
    {&host,
     {.name = "Source or Destination Host", .abbrev = "ip.host", .type = FieldType::kString}},
    {&dst, {.name = "Destination Address", .abbrev = "ip.dst", .type = FieldType::kIpv4}},
    {&dst_host, {.name = "Destination Host", .abbrev = "ip.dst_host", .type = FieldType::kString}},
    {&fragment_overlap,
     {.name = "Fragment overlap",
      .abbrev = "ip.fragment.overlap",
      .type = FieldType::kBoolean,
      .blurb = "Fragment overlaps with other fragments"}},
    {&fragment_overlap_conflict,
     {.name = "Conflicting data in fragment overlap",
      .abbrev = "ip.fragment.overlap.conflict",
      .type = FieldType::kBoolean,
      .blurb = "Overlapping fragments contained conflicting data"}},
    {&fragment_too_long,
     {.name = "Fragment too long",
      .abbrev = "ip.fragment.toolongfragment",
      .type = FieldType::kBoolean,
      .blurb = "Fragment contained data past end of packet"}},
    {&fragment_error,
     {.name = "Defragmentation error",
      .abbrev = "ip.fragment.error",
      .type = FieldType::kFrameNum,
      .blurb = "Defragmentation error due to illegal fragments"}},
    {&fragment_count,
     {.name = "Fragment count",
      .abbrev = "ip.fragment.count",
      .type = FieldType::kUint32,
      .base = Base::kDec}},
    {&fragment, {.name = "IPv4 Fragment", .abbrev = "ip.fragment", .type = FieldType::kFrameNum}},
    {&fragments, {.name = "IPv4 Fragments", .abbrev = "ip.fragments", .type = FieldType::kBytes}},
    {&reassembled_in,
     {.name = "Reassembled IPv4 in frame",
      .abbrev = "ip.reassembled_in",
      .type = FieldType::kFrameNum,
      .blurb = "This IPv4 packet is reassembled in this frame"}},
    {&reassembled_length,
     {.name = "Reassembled IPv4 length",
      .abbrev = "ip.reassembled.length",
      .type = FieldType::kUint32,
      .base = Base::kDec,
      .blurb = "The total length of the reassembled payload"}},
    {&reassembled_data,
     {.name = "Reassembled IPv4 data",
      .abbrev = "ip.reassembled.data",
      .type = FieldType::kBytes,
      .blurb = "The reassembled payload"}},
    {&bogus_ip_length, {.name = "Bogus IP length", .abbrev = "ip.bogus_ip_length"}},
    {&checksum_bad_expert, {.name = "Bad checksum", .abbrev = "ip.checksum_bad.expert"}},
    {&bogus_ip_version, {.name = "Bogus IP version", .abbrev = "ip.bogus_ip_version"}},
    {&bogus_header_length, {.name = "Bogus IP header length", .abbrev = "ip.bogus_header_length"}},
    {&ttl_lncb, {.name = "Time To Live", .abbrev = "ip.ttl.lncb"}},
    {&ttl_too_small, {.name = "Time To Live", .abbrev = "ip.ttl.too_small"}},
};

// The checksum the header should carry: the ones' complement of its ones' complement sum,
// computed with the checksum field (bytes 10-11) taken as zero.
uint16_t expected_checksum(const uint8_t* p, size_t n) {
  uint32_t sum = 0;
  for (size_t i = 0; i + 1 < n; i += 2)
    if (i != 10) sum += (p[i] << 8) | p[i + 1];
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(~sum);
}

int add_version(Packet& pkt, int tree, const ByteReader& r, unsigned v) {
  int n = pkt.add_uint(tree, version, r, 0, 1, v);
  if (pkt.labels) {
    std::string text;
    append_bit_pattern(text, v << 4, 0xf0, 8);
    append_format(text, "Version: {}", v);
    pkt.set_label(n, text);
  }
  return n;
}

int add_header_length(Packet& pkt, int tree, const ByteReader& r, unsigned hlen) {
  int n = pkt.add_uint(tree, hdr_len, r, 0, 1, hlen);
  if (pkt.labels) {
    std::string text;
    append_bit_pattern(text, hlen / 4, 0x0f, 8);
    append_format(text, "Header Length: {} bytes ({})", hlen, hlen / 4);
    pkt.set_label(n, text);
  }
  return n;
}

// The Type of Service byte as RFC 791 defined it (ip.decode_tos_as_diffserv off).
void add_tos(Packet& pkt, int tree, const ByteReader& r) {
  uint8_t b = r.u8(1);
  int n = pkt.add_item(tree, tos, r, 1, 1);
  if (pkt.labels) {
    const char* name = "Unknown";
    for (const ValueName& v : kTosValues)
      if (v.value == (b & 0x1eu)) name = v.name;
    pkt.set_label(n, fmt::format("Type of Service: 0x{:02x} ({})", b, name));
  }
  for (FieldId f : {tos_precedence, tos_delay, tos_throughput, tos_reliability, tos_cost})
    pkt.add_item(n, f, r, 1, 1);
}

void add_dsfield(Packet& pkt, int tree, const ByteReader& r) {
  if (!pkt.session->prefs.get(ip_prefs::decode_tos_as_diffserv)) return add_tos(pkt, tree, r);
  uint8_t ds = r.u8(1);
  int n = pkt.add_item(tree, dsfield, r, 1, 1);
  if (pkt.labels)
    pkt.set_label(n, fmt::format("Differentiated Services Field: 0x{:02x} (DSCP: {}, ECN: {})", ds,
                                 dscp_short_name(ds >> 2), ecn_short_name(ds & 3)));
  pkt.add_item(n, dscp, r, 1, 1);
  pkt.add_item(n, ecn, r, 1, 1);
}

void add_flags_and_offset(Packet& pkt, int tree, const ByteReader& r) {
  uint16_t word = r.u16(6);
  // ip.security_flag: the reserved bit read as RFC 3514's "evil" bit.
  bool evil_bit = pkt.session->prefs.get(ip_prefs::security_flag);
  int n = pkt.add_item(tree, flags, r, 6, 1);
  if (pkt.labels) {
    unsigned f = word >> 13;
    std::string text;
    append_bit_pattern(text, word >> 8, 0xe0, 8);
    append_format(text, "Flags: 0x{:x}", f);
    if (f & 4) text.append(evil_bit ? ", Security flag" : ", Reserved bit");
    if (f & 2) text.append(", Don't fragment");
    if (f & 1) text.append(", More fragments");
    pkt.set_label(n, text);
  }
  pkt.add_item(n, evil_bit ? flag_sf : flag_rb, r, 6, 1);
  pkt.add_item(n, flag_df, r, 6, 1);
  pkt.add_item(n, flag_mf, r, 6, 1);
  if (evil_bit && (word & 0x8000))
    add_expert(pkt, n, evil_packet, r, 6, 1, "Packet has evil intent", kExpertWarn,
               kGroupProtocol);
  int o = pkt.add_item(tree, frag_offset, r, 6, 2);
  if (pkt.labels) {
    std::string text;
    append_bit_pattern(text, word, 0x1fff, 16);
    append_format(text, "Fragment Offset: {}", (word & 0x1fff) * 8);
    pkt.set_label(o, text);
  }
}

void add_checksum(Packet& pkt, int tree, const ByteReader& r, size_t hlen) {
  uint16_t value = r.u16(10);
  int n = pkt.add_item(tree, checksum, r, 10, 2);
  if (!pkt.session->prefs.get(ip_prefs::check_checksum) || !r.has(0, hlen)) {
    if (pkt.labels)
      pkt.set_label(n, fmt::format("Header Checksum: 0x{:04x} [validation disabled]", value));
    add_checksum_item(pkt, tree, checksum_status, r, 10, 0, kChecksumUnverified);
    return;
  }
  uint16_t expected = expected_checksum(r.ptr(0, hlen), hlen);
  if (expected == value) {
    if (pkt.labels) pkt.set_label(n, fmt::format("Header Checksum: 0x{:04x} [correct]", value));
    add_checksum_item(pkt, tree, checksum_status, r, 10, 0, kChecksumGood);
    return;
  }
  if (pkt.labels)
    pkt.set_label(n, fmt::format("Header Checksum: 0x{:04x} incorrect, should be 0x{:04x}"
                                 "(may be caused by \"IP checksum offload\"?)",
                                 value, expected));
  add_checksum_item(pkt, tree, checksum_calculated, r, 10, 2, expected);
  add_checksum_item(pkt, tree, checksum_status, r, 10, 0, kChecksumBad);
  add_expert(pkt, tree, checksum_bad_expert, r, 10, 2, "Bad checksum", kExpertError,
             kGroupChecksum);
}

// Source or destination with its hidden ip.addr / *_host / ip.host companions.
void add_address(Packet& pkt, int tree, const ByteReader& r, size_t off, FieldId field,
                 FieldId host_field) {
  pkt.add_item(tree, field, r, off, 4);
  pkt.tree.add(tree, addr, r, off, 4, Value::of_uint(r.u32(off)), kHidden);
  if (!pkt.tree.wants(host_field) && !pkt.tree.wants(host)) return;  // text costs time
  std::string text;
  append_ip_host(text, r.ptr(off, 4), 4, pkt.session->names, pkt.session->resolve);
  std::string_view s = pkt.arena.copy(text);
  Value v = Value::of_bytes(reinterpret_cast<const uint8_t*>(s.data()), s.size());
  pkt.tree.add(tree, host_field, r, off, 4, v, kHidden);
  pkt.tree.add(tree, host, r, off, 4, v, kHidden);
}

const FragmentFields& fragment_fields() {
  static const FragmentFields f{"IPv4 Fragments",
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

// Adds the fragment to its datagram; when that completes it, adds the fragment tree, sets
// `whole` to the reassembled payload and returns true.
bool reassemble(Packet& pkt, int tree, const ByteReader& header, const ByteReader& payload,
                ByteReader& whole) {
  FragmentKey key{Address::ipv4(header.ptr(12, 4)), Address::ipv4(header.ptr(16, 4)), header.u16(4),
                  header.u8(9)};
  uint16_t word = header.u16(6);
  IpReassembler& reassembler = pkt.session->state<IpReassembler>();
  reassembler.use_budget(pkt.session->memory());
  const ReassembledDatagram* dg = reassembler.add(
      key, pkt.number, pkt.frame->ts.total_ns(), (word & 0x1fff) * 8u, word & 0x2000,
      {payload.data(), payload.size()});
  if (!dg) return false;
  pkt.sources.push_back(DataSource{"Reassembled IPv4", dg->data, dg->length});
  whole =
      ByteReader(dg->data, dg->length, dg->length, 0, static_cast<uint16_t>(pkt.sources.size()));
  add_fragment_tree(pkt, tree, *dg, whole, fragment_fields());
  return true;
}

// The TTL a packet to the Local Network Control Block (224.0.0.0/24) is sent with: 1, except
// for the protocols that use 255 (VRRP, GLBP, mDNS) or any TTL (LLMNR, -1).
int local_network_control_ttl(uint32_t dst) {
  switch (dst) {
    case 0xe0000012:  // 224.0.0.18 VRRP
    case 0xe0000066:  // 224.0.0.102 GLBP
    case 0xe00000fb:  // 224.0.0.251 mDNS
      return 255;
    case 0xe00000fc:  // 224.0.0.252 LLMNR
      return -1;
    default:
      return 1;
  }
}

// tshark's notes on a TTL that cannot be right for the destination: link-local multicast with
// another TTL than its protocol's, or a unicast TTL below 5 (except PIM and OSPF, which use 1).
void check_ttl(Packet& pkt, int item, const ByteReader& r) {
  constexpr uint8_t kIgmp = 2, kOspf = 89, kPim = 103;
  uint8_t value = r.u8(8), next = r.u8(9);
  uint32_t dst = r.u32(16);
  if ((dst & 0xffffff00) == 0xe0000000) {
    int expected = next == kIgmp ? 1 : local_network_control_ttl(dst);
    if (expected >= 0 && expected != value)
      add_expert(pkt, item, ttl_lncb, r, 8, 1,
                 fmt::format("\"Time To Live\" != {} for a packet sent to the Local Network "
                             "Control Block (see RFC 3171)",
                             expected),
                 kExpertNote, kGroupSequence);
  } else if ((dst & 0xf0000000) != 0xe0000000 && value < 5 && next != kPim && next != kOspf) {
    add_expert(pkt, item, ttl_too_small, r, 8, 1, fmt::format("\"Time To Live\" only {}", value),
               kExpertNote, kGroupSequence);
  }
}

void set_summary(Packet& pkt, int tree, const ByteReader& r) {
  std::string text = "Internet Protocol Version 4, Src: ";
  append_ip_with_name(text, r.ptr(12, 4), 4, pkt.session->names, pkt.session->resolve);
  text.append(", Dst: ");
  append_ip_with_name(text, r.ptr(16, 4), 4, pkt.session->names, pkt.session->resolve);
  pkt.set_label(tree, text);
}

// Header fields up to (not including) the addresses' companions; returns false when the
// header is bogus and dissection stops (tshark's checks, in its order).
bool add_fixed_header(Packet& pkt, int tree, const ByteReader& r, unsigned hlen, uint16_t& total) {
  unsigned ver = r.u8(0) >> 4;
  int v = add_version(pkt, tree, r, ver);
  if (ver != 4) {
    if (pkt.cols.enabled) pkt.cols.set_info(fmt::format("Bogus IPv4 version ({}, must be 4)", ver));
    add_expert(pkt, v, bogus_ip_version, r, 0, 1, "Bogus IPv4 version", kExpertError,
               kGroupProtocol);
    return false;
  }
  int h = add_header_length(pkt, tree, r, hlen);
  if (hlen < 20) {
    std::string msg = fmt::format("Bogus IP header length ({}, must be at least 20)", hlen);
    if (pkt.cols.enabled) pkt.cols.set_info(msg);
    add_expert(pkt, h, bogus_header_length, r, 0, 1, msg, kExpertError, kGroupProtocol);
    return false;
  }
  add_dsfield(pkt, tree, r);
  int l;
  if (total == 0) {
    // Captured before TCP segmentation offload filled it in: tshark presumes the frame's length.
    total = static_cast<uint16_t>(r.reported_size() > 0xffff ? 0xffff : r.reported_size());
    l = pkt.add_uint(tree, len, r, 2, 2, total);
    pkt.tree[l].flags |= kGenerated;
    if (pkt.labels)
      pkt.set_label(l, fmt::format("Total Length: {} bytes (reported as 0, presumed to be "
                                   "because of \"TCP segmentation offload\" (TSO))",
                                   total));
  } else {
    l = pkt.add_item(tree, len, r, 2, 2);
    // A datagram longer than the frame is noted and dissected as far as the frame goes.
    if (total > r.reported_size() && !pkt.in_error_pkt)
      add_expert(
          pkt, l, bogus_ip_length, r, 2, 2,
          fmt::format("IPv4 total length exceeds packet length ({} bytes)", r.reported_size()),
          kExpertError, kGroupProtocol);
  }
  if (total < hlen) {
    if (pkt.cols.enabled) {
      pkt.cols.set_info(
          fmt::format("Bogus IP length ({}, less than header length {})", total, hlen));
      pkt.set_label(l, fmt::format("Total Length: {} bytes (bogus, less than header length {})",
                                   total, hlen));
    }
    add_expert(pkt, l, bogus_ip_length, r, 2, 2, "Bogus IP length", kExpertError, kGroupProtocol);
    return false;
  }
  pkt.add_item(tree, id, r, 4, 2);
  add_flags_and_offset(pkt, tree, r);
  check_ttl(pkt, pkt.add_item(tree, ttl, r, 8, 1), r);
  pkt.add_item(tree, ip_proto, r, 9, 1);
  add_checksum(pkt, tree, r, hlen);
  add_address(pkt, tree, r, 12, src, src_host);
  add_address(pkt, tree, r, 16, dst, dst_host);
  return true;
}
}  // namespace

size_t dissect_ipv4(const ByteReader& r, Packet& pkt, int parent) {
  unsigned hlen = (r.u8(0) & 0x0f) * 4;
  ++pkt.ip_depth;
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("IPv4");
    pkt.cols.set_info("");
  }
  int tree = pkt.add_protocol(parent, protocol, r, 0, hlen < 20 ? 1 : hlen);
  uint16_t total = r.u16(2);
  if (!add_fixed_header(pkt, tree, r, hlen, total)) {
    --pkt.ip_depth;
    return r.size();
  }
  // tshark trims its tvbuff to the total length when that fits (so an Ethernet trailer follows
  // even when the payload turns out malformed).
  if (total <= r.reported_size()) note_ethertype_payload_length(pkt, r, total);
  if (pkt.labels && pkt.session->prefs.get(ip_prefs::summary_in_tree)) set_summary(pkt, tree, r);
  pkt.set_net_addresses(Address::ipv4(r.ptr(12, 4)), Address::ipv4(r.ptr(16, 4)));
  if (hlen > 20) dissect_ipv4_options(pkt, tree, r.sub(20, hlen - 20));

  // The datagram ends at ip.len; what follows in the frame is link-layer padding.
  ByteReader datagram = total <= r.reported_size() ? r.sub(0, total) : r;
  ByteReader payload = datagram.sub(hlen);
  uint8_t next = r.u8(9);
  uint16_t word = r.u16(6);
  uint32_t offset = (word & 0x1fff) * 8u;
  bool fragmented = (word & 0x2000) || offset;
  bool in_error_packet = pkt.ip_depth > 1;  // quoted by ICMP: never reassembled
  ByteReader whole;
  bool dissect_payload = !fragmented;
  if (fragmented && pkt.session->prefs.get(ip_prefs::defragment) && !in_error_packet && !payload.truncated()) {
    dissect_payload = reassemble(pkt, tree, r, payload, whole);
    if (dissect_payload) payload = whole;
  } else if (fragmented && offset == 0) {
    dissect_payload = true;  // without reassembly, the first fragment is still decodable
    pkt.fragmented = true;
  }
  if (dissect_payload) {
    pkt.call_next(tables::ip_proto(), next, payload, parent);
  } else {
    if (pkt.cols.enabled)
      pkt.cols.set_info(fmt::format("Fragmented IP protocol (proto={} {}, off={}, ID={:04x})",
                                    ip_proto_name(next), next, offset, r.u16(4)));
    if (fragmented) add_reassembled_in(pkt, tree, fragment_fields(), true);
    pkt.call_data(payload, parent);
  }
  --pkt.ip_depth;
  return datagram.reported_size();
}

void register_ip() {
  register_ip_prefs();
  FieldRegistry& reg = registry();
  protocol.id = reg.add_protocol({"Internet Protocol Version 4", "IPv4", "ip"});
  reg.add_fields(protocol, kFields);
  register_protocol_state<IpReassembler>(StateScope::kCapture);  // shared with IPv6
  reg.mark_read_back(ttl);  // ICMP quotes compare it (last_uint)
  register_ipv4_options(protocol);
  tables::ethertype().add(0x0800, dissect_ipv4, "ip");
  tables::ip_proto().add(4, dissect_ipv4, "ip");
  constexpr uint8_t kSapIp = 0x06;  // IPv4 straight over 802.2 LLC (no SNAP)
  llc::dsap_table().add(kSapIp, dissect_ipv4, "ip");
}

}  // namespace netsift
