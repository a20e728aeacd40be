#include "dissectors/ip_options.h"
#include "core/append_format.h"

#include <fmt/format.h>

#include "core/field_registry.h"
#include "core/value_strings.h"
#include "dissectors/ip.h"

namespace netsift {

namespace {
FieldId opt_type, opt_copy, opt_class, opt_number, opt_len, opt_ptr, opt_ra, opt_overflow, opt_flag,
    opt_time_stamp, opt_time_stamp_addr, opt_sid, opt_mtu, rec_rt, rec_rt_host, cur_rt, cur_rt_host,
    src_rt, src_rt_host, empty_rt, empty_rt_host, opt_len_invalid;

const ValueName kClassNames[] = {{0, "Control"},
                                 {1, "Reserved for future use"},
                                 {2, "Debugging and measurement"},
                                 {3, "Reserved for future use"}};
const ValueName kNumberNames[] = {{0, "End of Option List (EOL)"},
                                  {1, "No-Operation (NOP)"},
                                  {2, "Security"},
                                  {3, "Loose source route"},
                                  {4, "Time stamp"},
                                  {5, "Extended security"},
                                  {6, "Commercial IP security option"},
                                  {7, "Record route"},
                                  {8, "Stream identifier"},
                                  {9, "Strict source route"},
                                  {10, "Experimental Measurement"},
                                  {11, "MTU probe"},
                                  {12, "MTU Reply"},
                                  {13, "Experimental Flow Control"},
                                  {14, "Experimental Access Control"},
                                  {15, "Ask Estrin"},
                                  {16, "IMI Traffic Descriptor"},
                                  {17, "Extended Internet Protocol"},
                                  {18, "Traceroute"},
                                  {19, "Address Extension"},
                                  {20, "Router Alert"},
                                  {21, "Selective Directed Broadcast"},
                                  {22, "Unassigned"},
                                  {23, "Dynamic Packet State"},
                                  {24, "Upstream Multicast Packet"},
                                  {25, "Quick-Start"},
                                  {30, "RFC 3692-style experiment"}};
const ValueName kRouterAlert[] = {{0, "Router shall examine packet"}};
const ValueName kTimestampFlags[] = {{0, "Time stamps only"},
                                     {1, "Time stamp and address"},
                                     {3, "Time stamps for prespecified addresses"}};

const FieldReg kFields[] = {
    {&opt_type,
     {.name = "Type", .abbrev = "ip.opt.type", .type = FieldType::kUint8, .base = Base::kDec}},
    {&opt_copy,
     {.name = "Copy on fragmentation",
      .abbrev = "ip.opt.type.copy",
      .type = FieldType::kBoolean,
      .bitmask = 0x80,
      .tf = &kYesNo,
      .bits = 8}},
    {&opt_class,
     {.name = "Class",
      .abbrev = "ip.opt.type.class",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .values = kClassNames,
      .bitmask = 0x60}},
    {&opt_number,
     {.name = "Number",
      .abbrev = "ip.opt.type.number",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .values = kNumberNames,
      .bitmask = 0x1f}},
    {&opt_len,
     {.name = "Length", .abbrev = "ip.opt.len", .type = FieldType::kUint8, .base = Base::kDec}},
    {&opt_ptr,
     {.name = "Pointer", .abbrev = "ip.opt.ptr", .type = FieldType::kUint8, .base = Base::kDec}},
    {&opt_sid,
     {.name = "Stream Identifier",
      .abbrev = "ip.opt.sid",
      .type = FieldType::kUint16,
      .base = Base::kDec,
      .blurb = "SATNET stream identifier"}},
    {&opt_mtu,
     {.name = "MTU", .abbrev = "ip.opt.mtu", .type = FieldType::kUint16, .base = Base::kDec}},
    {&opt_ra,
     {.name = "Router Alert",
      .abbrev = "ip.opt.ra",
      .type = FieldType::kUint16,
      .base = Base::kDec,
      .values = kRouterAlert}},
    {&rec_rt, {.name = "Recorded Route", .abbrev = "ip.rec_rt", .type = FieldType::kIpv4}},
    {&rec_rt_host,
     {.name = "Recorded Route Host", .abbrev = "ip.rec_rt_host", .type = FieldType::kString}},
    {&cur_rt, {.name = "Current Route", .abbrev = "ip.cur_rt", .type = FieldType::kIpv4}},
    {&cur_rt_host,
     {.name = "Current Route Host", .abbrev = "ip.cur_rt_host", .type = FieldType::kString}},
    {&src_rt, {.name = "Source Route", .abbrev = "ip.src_rt", .type = FieldType::kIpv4}},
    {&src_rt_host,
     {.name = "Source Route Host", .abbrev = "ip.src_rt_host", .type = FieldType::kString}},
    {&empty_rt, {.name = "Empty Route", .abbrev = "ip.empty_rt", .type = FieldType::kIpv4}},
    {&empty_rt_host,
     {.name = "Empty Route Host", .abbrev = "ip.empty_rt_host", .type = FieldType::kString}},
    {&opt_overflow,
     {.name = "Overflow",
      .abbrev = "ip.opt.overflow",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .bitmask = 0xf0}},
    {&opt_flag,
     {.name = "Flag",
      .abbrev = "ip.opt.flag",
      .type = FieldType::kUint8,
      .base = Base::kHex,
      .values = kTimestampFlags,
      .bitmask = 0x0f}},
    {&opt_time_stamp,
     {.name = "Time stamp",
      .abbrev = "ip.opt.time_stamp",
      .type = FieldType::kUint32,
      .base = Base::kDec}},
    {&opt_time_stamp_addr,
     {.name = "Address", .abbrev = "ip.opt.time_stamp_addr", .type = FieldType::kIpv4}},
    {&opt_len_invalid, {.name = "Invalid length for option", .abbrev = "ip.opt.len.invalid"}},
};

// IPv4 option types (copy flag, class and number, as on the wire) with fields of their own.
enum OptionType : uint8_t {
  kOptEol = 0,
  kOptNop = 1,
  kOptRecordRoute = 7,
  kOptMtuProbe = 11,  // RFC 1063
  kOptMtuReply = 12,
  kOptTimestamp = 68,
  kOptLooseSourceRoute = 131,
  kOptStreamId = 136,
  kOptStrictSourceRoute = 137,
  kOptRouterAlert = 148,
};

// The options tshark knows by name; each is a protocol of its own ("ip.options.routeralert").
struct OptionKind {
  uint8_t type;
  const char* name;  // after "IP Option - "
  const char* abbrev;
  FieldId proto = kNoField;
};
OptionKind kKinds[] = {
    {0, "End of Options List (EOL)", "ip.options.eol"},
    {1, "No-Operation (NOP)", "ip.options.nop"},
    {130, "Security", "ip.options.security"},
    {131, "Loose Source Route", "ip.options.route"},
    {68, "Time Stamp", "ip.options.timestamp"},
    {133, "Extended Security", "ip.options.ext_security"},
    {134, "Commercial Security", "ip.options.cipso"},
    {7, "Record Route", "ip.options.record_route"},
    {136, "Stream ID", "ip.options.sid"},
    {137, "Strict Source Route", "ip.options.source_route"},
    {11, "MTU Probe", "ip.options.mtu_probe"},
    {12, "MTU Reply", "ip.options.mtu_reply"},
    {82, "Traceroute", "ip.options.traceroute"},
    {148, "Router Alert", "ip.options.routeralert"},
    {149, "Selective Directed Broadcast", "ip.options.sdb"},
    {25, "Quick-Start", "ip.options.qs"},
};
char g_proto_names[std::size(kKinds)][64];

const OptionKind* find_kind(uint8_t type) {
  for (const OptionKind& k : kKinds)
    if (k.type == type) return &k;
  return nullptr;
}

void add_type(Packet& pkt, int tree, const ByteReader& r, size_t off) {
  int t = pkt.add_item(tree, opt_type, r, off, 1);
  pkt.add_item(t, opt_copy, r, off, 1);
  pkt.add_item(t, opt_class, r, off, 1);
  pkt.add_item(t, opt_number, r, off, 1);
}

// `mark` (" <- (next)") follows the address in the label: the slot the pointer designates.
void add_route_entry(Packet& pkt, int tree, const ByteReader& r, size_t off, FieldId f,
                     FieldId host_field, const char* mark = nullptr) {
  int n = pkt.add_item(tree, f, r, off, 4);
  if (mark && pkt.cols.enabled) {
    std::string label = registry().info(f).def.name;
    label.append(": ");
    append_ipv4(label, r.u32(off));
    pkt.set_label(n, label.append(mark));
  }
  std::string text;
  append_ipv4(text, r.u32(off));
  std::string_view s = pkt.arena.copy(text);
  pkt.tree.add(tree, host_field, r, off, 4,
               Value::of_bytes(reinterpret_cast<const uint8_t*>(s.data()), s.size()), kHidden);
}

// Record route and source routes: addresses before the pointer have been visited.
void dissect_route(Packet& pkt, int tree, const ByteReader& r, size_t off, size_t len,
                   bool source_route) {
  uint8_t ptr = r.u8(off + 2);
  pkt.add_item(tree, opt_ptr, r, off + 2, 1);
  for (size_t pos = 3; pos + 4 <= len; pos += 4) {
    size_t one_based = pos + 1;
    if (one_based < ptr)
      add_route_entry(pkt, tree, r, off + pos, rec_rt, rec_rt_host);
    else if (source_route && one_based == ptr)
      add_route_entry(pkt, tree, r, off + pos, cur_rt, cur_rt_host);
    else if (source_route)
      add_route_entry(pkt, tree, r, off + pos, src_rt, src_rt_host);
    else
      add_route_entry(pkt, tree, r, off + pos, empty_rt, empty_rt_host,
                      one_based == ptr ? " <- (next)" : nullptr);
  }
}

void dissect_timestamp(Packet& pkt, int tree, const ByteReader& r, size_t off, size_t len) {
  pkt.add_item(tree, opt_ptr, r, off + 2, 1);
  pkt.add_item(tree, opt_overflow, r, off + 3, 1);
  pkt.add_item(tree, opt_flag, r, off + 3, 1);
  bool with_address = (r.u8(off + 3) & 0x0f) != 0;
  size_t step = with_address ? 8 : 4;
  for (size_t pos = 4; pos + step <= len; pos += step) {
    if (with_address) pkt.add_item(tree, opt_time_stamp_addr, r, off + pos, 4);
    pkt.add_item(tree, opt_time_stamp, r, off + pos + (with_address ? 4 : 0), 4);
  }
}

// One option at r[off]; returns its length, 0 to stop (EOL or a bad length).
size_t dissect_option(Packet& pkt, int tree, const ByteReader& r, size_t off,
                      std::string& summary) {
  uint8_t type = r.u8(off);
  const OptionKind* kind = find_kind(type);
  const char* name = kind ? kind->name : "Unknown";
  FieldId proto = kind ? kind->proto : kNoField;
  bool single_byte = type == kOptEol || type == kOptNop;
  size_t len = single_byte ? 1 : 0;
  if (!single_byte) {
    len = r.has(off + 1, 1) ? r.u8(off + 1) : 0;
    if (len < 2 || off + len > r.size()) {
      int n = pkt.tree.add(tree, proto, r, off, r.size() - off, Value{});
      pkt.set_label(n, fmt::format("IP Option - {}", name));
      add_type(pkt, n, r, off);
      if (r.has(off + 1, 1)) {
        int l = pkt.add_item(n, opt_len, r, off + 1, 1);
        add_expert(pkt, l, opt_len_invalid, r, off + 1, 1, fmt::format("Invalid length for option"),
                   kExpertError, kGroupProtocol);
      }
      return 0;
    }
  }
  int n = pkt.tree.add(tree, proto, r, off, len, Value{});
  std::string label = single_byte ? fmt::format("IP Option - {}", name)
                                  : fmt::format("IP Option - {} ({} bytes)", name, len);
  // The one-byte options (EOL, NOP) are padding: tshark leaves them out of the summary.
  if (!single_byte) summary.append(", ").append(name);
  add_type(pkt, n, r, off);
  if (!single_byte) pkt.add_item(n, opt_len, r, off + 1, 1);
  switch (type) {
    case kOptRouterAlert:
      if (len >= 4) {
        uint16_t v = r.u16(off + 2);
        pkt.add_item(n, opt_ra, r, off + 2, 2);
        const char* vn = v == 0 ? "Router shall examine packet" : "Unknown";
        label += fmt::format(": {} ({})", vn, v);
      }
      break;
    case kOptRecordRoute:
      dissect_route(pkt, n, r, off, len, false);
      break;
    case kOptLooseSourceRoute:
    case kOptStrictSourceRoute:
      dissect_route(pkt, n, r, off, len, true);
      break;
    case kOptTimestamp:
      if (len >= 4) dissect_timestamp(pkt, n, r, off, len);
      break;
    case kOptStreamId:
      if (len >= 4) pkt.add_item(n, opt_sid, r, off + 2, 2);
      break;
    case kOptMtuProbe:
    case kOptMtuReply:
      if (len >= 4) pkt.add_item(n, opt_mtu, r, off + 2, 2);
      break;
    default:
      break;
  }
  if (pkt.cols.enabled || proto == kNoField) pkt.set_label(n, label);
  // Bytes after an EOL are padding; tshark shows no item for them (its EOL sees one byte only).
  if (type == kOptEol) return 0;
  return len;
}
}  // namespace

void register_ipv4_options(FieldId ip_protocol) {
  FieldRegistry& reg = registry();
  reg.add_fields(ip_protocol, kFields);
  for (size_t i = 0; i < std::size(kKinds); ++i) {
    format_into(g_proto_names[i], sizeof g_proto_names[i] - 1, "IP Option - {}",
                kKinds[i].name);
    kKinds[i].proto = reg.add_protocol({g_proto_names[i], g_proto_names[i], kKinds[i].abbrev, true});
  }
}

void dissect_ipv4_options(Packet& pkt, int ip_tree, const ByteReader& opts) {
  // "Options: (N bytes), Router Alert" is a text item: no field of its own in tshark.
  int tree = pkt.tree.add(ip_tree, kNoField, opts, 0, opts.size(), Value{});
  std::string summary = fmt::format("Options: ({} bytes)", opts.reported_size());
  for (size_t off = 0; off < opts.size();) {
    size_t used = dissect_option(pkt, tree, opts, off, summary);
    if (!used) break;
    off += used;
  }
  pkt.set_label(tree, summary);
}

}  // namespace netsift
