// IGMP (ip.proto 2): version 0 (RFC 988), 1 (RFC 1112), 2 (RFC 2236) and 3 (RFC 3376) queries
// and reports, and multicast traceroute, with tshark 4.0's fields, tree and Info column. The
// version is told by the type, and for queries by the length and the Max Resp field, as tshark
// does. DVMRP, PIM v1, MRDISC, MSNIP, RGMP and IGAP messages (other IGMP types tshark hands to
// their own dissectors) are shown as unknown IGMP types.
#include <fmt/format.h>

#include "core/address_format.h"
#include "core/expert.h"
#include "core/field_registry.h"
#include "core/internet_checksum.h"
#include "core/value_strings.h"
#include "dissectors/checksum_items.h"

namespace netsift {

namespace {

constexpr uint8_t kProtoIgmp = 2;
enum Type : uint8_t {
  kV0CreateGroupRequest = 0x01,
  kV1Query = 0x11,
  kV1Report = 0x12,
  kV2Report = 0x16,
  kV2Leave = 0x17,
  kTracerouteResponse = 0x1e,
  kTracerouteQuery = 0x1f,
  kV3Report = 0x22,
};
enum RecordType : uint8_t {
  kModeIsInclude = 1,
  kModeIsExclude = 2,
  kChangeToInclude = 3,
  kChangeToExclude = 4,
  kAllowNewSources = 5,
  kBlockOldSources = 6,
};
constexpr size_t kTracerouteHeaderLen = 24, kTracerouteBlockLen = 32;

FieldId proto, type, reserved, version, group_type, reply_code, reply_pending, checksum,
    checksum_status, identifier, access_key, max_resp, suppress, qrv, qqic, num_src, saddr,
    num_grp_recs, record_type, aux_data_len, maddr, aux_data, data, max_resp_exp, max_resp_mant,
    mtrace_max_hops, mtrace_saddr, mtrace_raddr, mtrace_rspaddr, mtrace_resp_ttl, mtrace_q_id,
    mtrace_q_arrival, mtrace_q_inaddr, mtrace_q_outaddr, mtrace_q_prevrtr, mtrace_q_inpkt,
    mtrace_q_outpkt, mtrace_q_total, mtrace_q_rtg_proto, mtrace_q_fwd_ttl, mtrace_q_mbz, mtrace_q_s,
    mtrace_q_src_mask, mtrace_q_fwd_code, bad_checksum, group_record, response_block;

constexpr ValueName kTypes[] = {
    {0x01, "Create Group Request"},  {0x02, "Create Group Reply"},
    {0x03, "Join Group Request"},    {0x04, "Join Group Reply"},
    {0x05, "Leave Group Request"},   {0x06, "Leave Group Reply"},
    {0x07, "Confirm Group Request"}, {0x08, "Confirm Group Reply"},
    {0x11, "Membership Query"},      {0x12, "Membership Report"},
    {0x13, "DVMRP Protocol"},        {0x14, "PIM Routing Message"},
    {0x16, "Membership Report"},     {0x17, "Leave Group"},
    {0x1e, "Traceroute Response"},   {0x1f, "Traceroute Query or Request"},
    {0x22, "Membership Report"}};
constexpr ValueName kGroupTypes[] = {{0, "Public Group"}, {1, "Private Group"}};
constexpr ValueName kReplyCodes[] = {{0, "Request Granted"},
                                     {1, "Request Denied, No Resources"},
                                     {2, "Request Denied, Invalid Code"},
                                     {3, "Request Denied, Invalid Group"},
                                     {4, "Request Denied, Invalid Key"}};
constexpr ValueName kRecordTypes[] = {
    {kModeIsInclude, "Mode Is Include"},          {kModeIsExclude, "Mode Is Exclude"},
    {kChangeToInclude, "Change To Include Mode"}, {kChangeToExclude, "Change To Exclude Mode"},
    {kAllowNewSources, "Allow New Sources"},      {kBlockOldSources, "Block Old Sources"}};
constexpr ValueName kRoutingProtocols[] = {{1, "DVMRP"},
                                           {2, "MOSPF"},
                                           {3, "PIM"},
                                           {4, "CBT"},
                                           {5, "PIM using special routing table"},
                                           {6, "PIM using a static route"},
                                           {7, "DVMRP using a static route"},
                                           {8, "PIM using MBGP (aka BGP4+) route"},
                                           {9, "CBT using special routing table"},
                                           {10, "CBT using a static route"},
                                           {11, "PIM using state created by Assert processing"}};
constexpr ValueName kForwardingCodes[] = {
    {0x00, "NO_ERROR"},   {0x01, "WRONG_IF"},   {0x02, "PRUNE_SENT"},     {0x03, "PRUNE_RCVD"},
    {0x04, "SCOPED"},     {0x05, "NO_ROUTE"},   {0x06, "WRONG_LAST_HOP"}, {0x07, "NOT_FORWARDING"},
    {0x08, "REACHED_RP"}, {0x09, "RPF_IF"},     {0x0a, "NO_MULTICAST"},   {0x0b, "INFO_HIDDEN"},
    {0x81, "NO_SPACE"},   {0x82, "OLD_ROUTER"}, {0x83, "ADMIN_PROHIB"}};
constexpr TrueFalse kSuppress{"SUPPRESS router side processing",
                              "Do not suppress router side processing"};

using FT = FieldType;
const FieldReg kFields[] = {
    {&type,
     {.name = "Type",
      .abbrev = "igmp.type",
      .type = FT::kUint8,
      .base = Base::kHex,
      .values = kTypes}},
    {&reserved, {.name = "Reserved", .abbrev = "igmp.reserved", .type = FT::kBytes}},
    {&version,
     {.name = "IGMP Version", .abbrev = "igmp.version", .type = FT::kUint8, .base = Base::kDec}},
    {&group_type,
     {.name = "Type Of Group",
      .abbrev = "igmp.group_type",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kGroupTypes}},
    {&reply_code,
     {.name = "Reply",
      .abbrev = "igmp.reply",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kReplyCodes}},
    {&reply_pending,
     {.name = "Reply Pending",
      .abbrev = "igmp.reply.pending",
      .type = FT::kUint8,
      .base = Base::kDec}},
    {&checksum,
     {.name = "Checksum", .abbrev = "igmp.checksum", .type = FT::kUint16, .base = Base::kHex}},
    {&checksum_status,
     {.name = "Checksum Status",
      .abbrev = "igmp.checksum.status",
      .type = FT::kUint8,
      .values = kChecksumStatusNames}},
    {&identifier,
     {.name = "Identifier", .abbrev = "igmp.identifier", .type = FT::kUint32, .base = Base::kDec}},
    {&access_key, {.name = "Access Key", .abbrev = "igmp.access_key", .type = FT::kBytes}},
    {&max_resp,
     {.name = "Max Resp Time", .abbrev = "igmp.max_resp", .type = FT::kUint8, .base = Base::kDec}},
    {&suppress,
     {.name = "S",
      .abbrev = "igmp.s",
      .type = FT::kBoolean,
      .bitmask = 0x08,
      .tf = &kSuppress,
      .bits = 8}},
    {&qrv,
     {.name = "QRV",
      .abbrev = "igmp.qrv",
      .type = FT::kUint8,
      .base = Base::kDec,
      .bitmask = 0x07}},
    {&qqic, {.name = "QQIC", .abbrev = "igmp.qqic", .type = FT::kUint8, .base = Base::kDec}},
    {&num_src,
     {.name = "Num Src", .abbrev = "igmp.num_src", .type = FT::kUint16, .base = Base::kDec}},
    {&saddr, {.name = "Source Address", .abbrev = "igmp.saddr", .type = FT::kIpv4}},
    {&num_grp_recs,
     {.name = "Num Group Records",
      .abbrev = "igmp.num_grp_recs",
      .type = FT::kUint16,
      .base = Base::kDec}},
    {&record_type,
     {.name = "Record Type",
      .abbrev = "igmp.record_type",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kRecordTypes}},
    {&aux_data_len,
     {.name = "Aux Data Len",
      .abbrev = "igmp.aux_data_len",
      .type = FT::kUint8,
      .base = Base::kDec}},
    {&maddr, {.name = "Multicast Address", .abbrev = "igmp.maddr", .type = FT::kIpv4}},
    {&aux_data, {.name = "Aux Data", .abbrev = "igmp.aux_data", .type = FT::kBytes}},
    {&data, {.name = "Data", .abbrev = "igmp.data", .type = FT::kBytes}},
    {&max_resp_exp,
     {.name = "Exponent",
      .abbrev = "igmp.max_resp.exp",
      .type = FT::kUint8,
      .base = Base::kHex,
      .bitmask = 0x70}},
    {&max_resp_mant,
     {.name = "Mantissa",
      .abbrev = "igmp.max_resp.mant",
      .type = FT::kUint8,
      .base = Base::kHex,
      .bitmask = 0x0f}},
    {&mtrace_max_hops,
     {.name = "# hops", .abbrev = "igmp.mtrace.max_hops", .type = FT::kUint8, .base = Base::kDec}},
    {&mtrace_saddr, {.name = "Source Address", .abbrev = "igmp.mtrace.saddr", .type = FT::kIpv4}},
    {&mtrace_raddr, {.name = "Receiver Address", .abbrev = "igmp.mtrace.raddr", .type = FT::kIpv4}},
    {&mtrace_rspaddr,
     {.name = "Response Address", .abbrev = "igmp.mtrace.rspaddr", .type = FT::kIpv4}},
    {&mtrace_resp_ttl,
     {.name = "Response TTL",
      .abbrev = "igmp.mtrace.resp_ttl",
      .type = FT::kUint8,
      .base = Base::kDec}},
    {&mtrace_q_id,
     {.name = "Query ID", .abbrev = "igmp.mtrace.q_id", .type = FT::kUint24, .base = Base::kDec}},
    {&mtrace_q_arrival,
     {.name = "Query Arrival",
      .abbrev = "igmp.mtrace.q_arrival",
      .type = FT::kUint32,
      .base = Base::kDec}},
    {&mtrace_q_inaddr,
     {.name = "In itf addr", .abbrev = "igmp.mtrace.q_inaddr", .type = FT::kIpv4}},
    {&mtrace_q_outaddr,
     {.name = "Out itf addr", .abbrev = "igmp.mtrace.q_outaddr", .type = FT::kIpv4}},
    {&mtrace_q_prevrtr,
     {.name = "Previous rtr addr", .abbrev = "igmp.mtrace.q_prevrtr", .type = FT::kIpv4}},
    {&mtrace_q_inpkt,
     {.name = "In pkts", .abbrev = "igmp.mtrace.q_inpkt", .type = FT::kUint32, .base = Base::kDec}},
    {&mtrace_q_outpkt,
     {.name = "Out pkts",
      .abbrev = "igmp.mtrace.q_outpkt",
      .type = FT::kUint32,
      .base = Base::kDec}},
    {&mtrace_q_total,
     {.name = "S,G pkt count",
      .abbrev = "igmp.mtrace.q_total",
      .type = FT::kUint32,
      .base = Base::kDec}},
    {&mtrace_q_rtg_proto,
     {.name = "Rtg Protocol",
      .abbrev = "igmp.mtrace.q_rtg_proto",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kRoutingProtocols}},
    {&mtrace_q_fwd_ttl,
     {.name = "FwdTTL", .abbrev = "igmp.mtrace.q_fwd_ttl", .type = FT::kUint8, .base = Base::kDec}},
    {&mtrace_q_mbz,
     {.name = "MBZ",
      .abbrev = "igmp.mtrace.q_mbz",
      .type = FT::kUint8,
      .base = Base::kHex,
      .bitmask = 0x80}},
    {&mtrace_q_s,
     {.name = "S",
      .abbrev = "igmp.mtrace.q_s",
      .type = FT::kUint8,
      .base = Base::kHex,
      .bitmask = 0x40}},
    {&mtrace_q_src_mask,
     {.name = "Src Mask",
      .abbrev = "igmp.mtrace.q_src_mask",
      .type = FT::kUint8,
      .base = Base::kHex,
      .bitmask = 0x3f}},
    {&mtrace_q_fwd_code,
     {.name = "Forwarding Code",
      .abbrev = "igmp.mtrace.q_fwd_code",
      .type = FT::kUint8,
      .base = Base::kHex,
      .values = kForwardingCodes}},
    {&bad_checksum, {.name = "Bad checksum", .abbrev = "igmp.bad_checksum"}},
    // Not tshark fields: the group record and traceroute block subtrees.
    {&group_record, {.name = "Group Record", .abbrev = "igmp.group_record"}},
    {&response_block, {.name = "Response data block", .abbrev = "igmp.mtrace.block"}},
};

const char* name_of(std::span<const ValueName> names, uint64_t v, const char* unknown) {
  for (const ValueName& n : names)
    if (n.value == v) return n.name;
  return unknown;
}

std::string ipv4_text(const ByteReader& r, size_t off) {
  std::string out;
  append_ipv4(out, r.u32(off));
  return out;
}

// The checksum over the first `len` octets (0: the whole message), verified as tshark does
// unless the message is an IP fragment or not wholly captured.
void add_checksum(Packet& pkt, int tree, const ByteReader& r, size_t len) {
  const ChecksumItems items{checksum, checksum_status, bad_checksum, kExpertError};
  if (len == 0) len = r.reported_size();
  if (pkt.fragmented || r.size() < len) return add_unverified_checksum(pkt, tree, r, 2, items);
  add_verified_checksum(pkt, tree, r, 2, ones_sum(r.data(), len), items);
}

// The protocol item, the generated version and the type, with the Protocol and Info columns.
int add_common(Packet& pkt, const ByteReader& r, int parent, int igmp_version) {
  uint8_t t = r.u8(0);
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol(fmt::format("IGMPv{}", igmp_version));
    pkt.cols.set_info(name_of(kTypes, t, nullptr) ? name_of(kTypes, t, nullptr)
                                                  : fmt::format("Unknown Type:0x{:02x}", t));
  }
  int tree = pkt.add_protocol(parent, proto, r, 0, r.size());
  pkt.tree.add(tree, version, r, 0, 0, Value::of_uint(static_cast<uint64_t>(igmp_version)),
               kGenerated);
  pkt.add_item(tree, type, r, 0, 1);
  return tree;
}

void append_info(Packet& pkt, std::string_view s) {
  if (pkt.cols.enabled) pkt.cols.append_info(s);
}

void dissect_v0(const ByteReader& r, Packet& pkt, int parent) {
  int tree = add_common(pkt, r, parent, 0);
  uint8_t t = r.u8(0), code = r.u8(1);
  if (t == kV0CreateGroupRequest)
    pkt.add_item(tree, group_type, r, 1, 1);
  else if (!(t & 1))
    pkt.add_item(tree, code < 5 ? reply_code : reply_pending, r, 1, 1);
  add_checksum(pkt, tree, r, 20);
  pkt.add_item(tree, identifier, r, 4, 4);
  pkt.add_item(tree, maddr, r, 8, 4);
  pkt.add_item(tree, access_key, r, 12, 8);
}

void dissect_v1(const ByteReader& r, Packet& pkt, int parent) {
  int tree = add_common(pkt, r, parent, 1);
  pkt.add_item(tree, reserved, r, 1, 1);
  add_checksum(pkt, tree, r, 8);
  pkt.add_item(tree, maddr, r, 4, 4);
}

void dissect_v2(const ByteReader& r, Packet& pkt, int parent) {
  int tree = add_common(pkt, r, parent, 2);
  uint8_t t = r.u8(0), tsecs = r.u8(1);
  int n = pkt.add_item(tree, max_resp, r, 1, 1);
  if (pkt.labels)
    pkt.set_label(n, fmt::format("Max Resp Time: {:.1f} sec (0x{:02x})", tsecs * 0.1, tsecs));
  add_checksum(pkt, tree, r, 8);
  pkt.add_item(tree, maddr, r, 4, 4);
  if (r.u32(4) == 0) {
    append_info(pkt, ", general");
  } else if (t == kV2Leave) {
    append_info(pkt, " " + ipv4_text(r, 4));
  } else if (t == kV1Query) {
    append_info(pkt, ", specific for group " + ipv4_text(r, 4));
  } else {
    append_info(pkt, " group " + ipv4_text(r, 4));
  }
}

// Source addresses at `off`, listed in Info as "a, b}" after the caller's opening text.
size_t add_sources(Packet& pkt, int tree, const ByteReader& r, size_t off, uint16_t count) {
  for (uint16_t left = count; left > 0; --left, off += 4) {
    append_info(pkt, ipv4_text(r, off) + (left > 1 ? ", " : "}"));
    pkt.add_item(tree, saddr, r, off, 4);
  }
  return off;
}

void dissect_v3_query(const ByteReader& r, Packet& pkt, int parent) {
  int tree = add_common(pkt, r, parent, 3);
  uint16_t sources = r.u16(10);
  uint8_t bits = r.u8(1);
  uint32_t tsecs = bits & 0x80 ? ((bits & 0x0f) | 0x10) << (((bits & 0x70) >> 4) + 3) : bits;
  int n = pkt.add_uint(tree, max_resp, r, 1, 1, tsecs);
  if (pkt.labels)
    pkt.set_label(n, fmt::format("Max Resp Time: {:.1f} sec (0x{:02x})", tsecs * 0.1, bits));
  if (bits & 0x80) {
    pkt.add_uint(n, max_resp_exp, r, 1, 1, (bits & 0x70) >> 4);
    pkt.add_uint(n, max_resp_mant, r, 1, 1, bits & 0x0f);
  }
  add_checksum(pkt, tree, r, 0);
  pkt.add_item(tree, maddr, r, 4, 4);
  append_info(pkt,
              r.u32(4) == 0 ? std::string(", general") : ", specific for group " + ipv4_text(r, 4));
  pkt.add_item(tree, suppress, r, 8, 1);
  pkt.add_item(tree, qrv, r, 8, 1);
  pkt.add_item(tree, qqic, r, 9, 1);
  pkt.add_uint(tree, num_src, r, 10, 2, sources);
  if (sources) append_info(pkt, sources > 1 ? ", sources {" : ", source {");
  add_sources(pkt, tree, r, 12, sources);
}

// tshark's Info text for a group record: what the record asks for the group.
std::string record_info(uint8_t kind, uint16_t sources, const std::string& group) {
  bool many = sources > 1;
  if (sources == 0) {
    switch (kind) {
      case kModeIsInclude:
      case kChangeToInclude:
        return " / Leave group " + group;
      case kModeIsExclude:
      case kChangeToExclude:
        return " / Join group " + group + " for any sources";
      case kAllowNewSources:
        return " / Group " + group + ", ALLOW_NEW_SOURCES but no source specified (?)";
      case kBlockOldSources:
        return " / Group " + group + ", BLOCK_OLD_SOURCES but no source specified (?)";
      default:
        return " / Group " + group + ", unknown record type (?)";
    }
  }
  switch (kind) {
    case kModeIsInclude:
    case kChangeToInclude:
      return " / Join group " + group + " for source" + (many ? "s in" : "") + " {";
    case kModeIsExclude:
    case kChangeToExclude:
      return " / Join group " + group + ", for source" + (many ? "s not in" : " not") + " {";
    case kAllowNewSources:
      return " / Group " + group + ", new source" + (many ? "s" : "") + " {";
    case kBlockOldSources:
      return " / Group " + group + ", block source" + (many ? "s" : "") + " {";
    default:
      return " / Group " + group + ", unknown record type (?), sources {";
  }
}

size_t add_group_record(Packet& pkt, int parent, const ByteReader& r, size_t off) {
  uint8_t kind = r.u8(off), aux_words = r.u8(off + 1);
  uint16_t sources = r.u16(off + 2);
  std::string group = ipv4_text(r, off + 4);
  int tree = pkt.tree.add(parent, group_record, r, off, 8, Value{});
  if (pkt.labels)
    pkt.set_label(tree,
                  fmt::format("Group Record : {}  {}", group, name_of(kRecordTypes, kind, "")));
  pkt.add_item(tree, record_type, r, off, 1);
  pkt.add_uint(tree, aux_data_len, r, off + 1, 1, aux_words);
  pkt.add_uint(tree, num_src, r, off + 2, 2, sources);
  pkt.add_item(tree, maddr, r, off + 4, 4);
  append_info(pkt, record_info(kind, sources, group));
  size_t end = add_sources(pkt, tree, r, off + 8, sources);
  if (aux_words) {
    pkt.add_item(tree, aux_data, r, end, aux_words * 4u);
    end += aux_words * 4u;
  }
  pkt.tree[tree].length = static_cast<uint32_t>(end - off);
  return end;
}

void dissect_v3_report(const ByteReader& r, Packet& pkt, int parent) {
  int tree = add_common(pkt, r, parent, 3);
  pkt.add_item(tree, reserved, r, 1, 1);
  add_checksum(pkt, tree, r, 0);
  pkt.add_item(tree, reserved, r, 4, 2);
  uint16_t records = r.u16(6);
  if (records == 0) append_info(pkt, " - General query");
  pkt.add_uint(tree, num_grp_recs, r, 6, 2, records);
  size_t off = 8;
  for (uint16_t i = 0; i < records; ++i) off = add_group_record(pkt, tree, r, off);
}

void dissect_mtrace(const ByteReader& r, Packet& pkt, int parent) {
  uint8_t t = r.u8(0);
  std::string what;
  if (t == kTracerouteResponse) {
    size_t blocks = (r.reported_size() - std::min(r.reported_size(), kTracerouteHeaderLen)) /
                    kTracerouteBlockLen;
    what = fmt::format("Traceroute Response, {} block{}", blocks, blocks == 1 ? "" : "s");
  } else {
    what = r.reported_size() == kTracerouteHeaderLen ? "Traceroute Query" : "Traceroute Request";
  }
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("IGMP");
    pkt.cols.set_info(what);
  }
  int tree = pkt.add_protocol(parent, proto, r, 0, r.size());
  int n = pkt.add_item(tree, type, r, 0, 1);
  if (pkt.labels) {
    std::string name = t == kTracerouteResponse ? "Traceroute Response" : what;
    pkt.set_label(n, fmt::format("Type: {} (0x{:02x})", name, t));
  }
  pkt.add_item(tree, mtrace_max_hops, r, 1, 1);
  add_checksum(pkt, tree, r, 0);
  pkt.add_item(tree, maddr, r, 4, 4);
  pkt.add_item(tree, mtrace_saddr, r, 8, 4);
  pkt.add_item(tree, mtrace_raddr, r, 12, 4);
  pkt.add_item(tree, mtrace_rspaddr, r, 16, 4);
  pkt.add_item(tree, mtrace_resp_ttl, r, 20, 1);
  pkt.add_item(tree, mtrace_q_id, r, 21, 3);
  for (size_t off = kTracerouteHeaderLen; r.reported_size() - off >= kTracerouteBlockLen;
       off += kTracerouteBlockLen) {
    int b = pkt.tree.add(tree, response_block, r, off, kTracerouteBlockLen, Value{});
    if (pkt.labels)
      pkt.set_label(b,
                    fmt::format("Response data block: {} -> {},  Proto: {},  Forwarding Code: {}",
                                ipv4_text(r, off + 4), ipv4_text(r, off + 8),
                                name_of(kRoutingProtocols, r.u8(off + 28), "Unknown"),
                                name_of(kForwardingCodes, r.u8(off + 31), "Unknown")));
    pkt.add_item(b, mtrace_q_arrival, r, off, 4);
    pkt.add_item(b, mtrace_q_inaddr, r, off + 4, 4);
    pkt.add_item(b, mtrace_q_outaddr, r, off + 8, 4);
    pkt.add_item(b, mtrace_q_prevrtr, r, off + 12, 4);
    pkt.add_item(b, mtrace_q_inpkt, r, off + 16, 4);
    pkt.add_item(b, mtrace_q_outpkt, r, off + 20, 4);
    pkt.add_item(b, mtrace_q_total, r, off + 24, 4);
    pkt.add_item(b, mtrace_q_rtg_proto, r, off + 28, 1);
    pkt.add_item(b, mtrace_q_fwd_ttl, r, off + 29, 1);
    pkt.add_item(b, mtrace_q_mbz, r, off + 30, 1);
    pkt.add_item(b, mtrace_q_s, r, off + 30, 1);
    pkt.add_item(b, mtrace_q_src_mask, r, off + 30, 1);
    pkt.add_item(b, mtrace_q_fwd_code, r, off + 31, 1);
  }
}

void dissect_unknown(const ByteReader& r, Packet& pkt, int parent) {
  uint8_t t = r.u8(0);
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("IGMP");
    const char* name = name_of(kTypes, t, nullptr);
    pkt.cols.set_info(name ? std::string(name) : fmt::format("Unknown Type:0x{:02x}", t));
  }
  int tree = pkt.add_protocol(parent, proto, r, 0, r.size());
  pkt.add_item(tree, type, r, 0, 1);
  pkt.add_item(tree, data, r, 1, r.size() - 1);
}

size_t dissect_igmp(const ByteReader& r, Packet& pkt, int parent) {
  uint8_t t = r.u8(0);
  // tshark hands known types to a second IGMP dissector through its "igmp.type" table, so
  // frame.protocols lists igmp twice for them ("ip:igmp:igmp"), once for unknown types.
  bool known = t <= 0x0f || t == kV1Query || t == kV1Report || t == kV2Report || t == kV2Leave ||
               t == kV3Report || t == kTracerouteResponse || t == kTracerouteQuery;
  if (known) pkt.add_layer(proto);
  if (t <= 0x0f) {
    dissect_v0(r, pkt, parent);
  } else if (t == kV1Query) {
    // A query's version: v3 by its length, else v2 when Max Resp is set (RFC 3376 7.1).
    if (r.reported_size() >= 12)
      dissect_v3_query(r, pkt, parent);
    else if (r.u8(1))
      dissect_v2(r, pkt, parent);
    else
      dissect_v1(r, pkt, parent);
  } else if (t == kV1Report) {
    dissect_v1(r, pkt, parent);
  } else if (t == kV2Report || t == kV2Leave) {
    dissect_v2(r, pkt, parent);
  } else if (t == kV3Report) {
    dissect_v3_report(r, pkt, parent);
  } else if (t == kTracerouteResponse || t == kTracerouteQuery) {
    dissect_mtrace(r, pkt, parent);
  } else {
    dissect_unknown(r, pkt, parent);
  }
  return r.reported_size();
}

}  // namespace

void register_igmp() {
  FieldRegistry& reg = registry();
  proto = reg.add_protocol({"Internet Group Management Protocol", "IGMP", "igmp"});
  reg.add_fields(proto, kFields);
  tables::ip_proto().add(kProtoIgmp, dissect_igmp, "igmp");
}

}  // namespace netsift
