// BOOTP and DHCP (RFC 951, RFC 2131; udp.port 67 and 68): the fixed message, the magic cookie
// and the options (dhcp_options.cpp), with tshark 4.0's fields, tree and Info column. A message
// with a DHCP Message Type option is DHCP, otherwise BOOTP (dhcp.bootp). tshark's filter alias
// "bootp" for "dhcp" is registered too.
#include <fmt/format.h>

#include <cstring>

#include "core/expert.h"
#include "core/field_registry.h"
#include "core/session.h"
#include "core/text_format.h"
#include "dissectors/arp.h"
#include "dissectors/dhcp_internal.h"
#include "dissectors/eth.h"

namespace netsift {

namespace {

constexpr uint16_t kPortServer = 67, kPortClient = 68;
constexpr size_t kChaddrOffset = 28, kSnameOffset = 44, kSnameLen = 64, kFileOffset = 108,
                 kFileLen = 128, kVendorOffset = 236;
constexpr uint32_t kMagicCookie = 0x63825363;
constexpr uint8_t kBootRequest = 1, kBootReply = 2;
constexpr uint8_t kOverloadFile = 1, kOverloadSname = 2;

FieldId proto, bootp, op, hw_type, hw_len, hops, id, secs, flags, flags_bc, flags_reserved,
    ip_client, ip_your, ip_server, ip_relay, hw_addr, hw_addr_padding, hw_mac_addr, server, file,
    cookie, vendor_specific_options, option_type, option_value, ei_bad_length, ei_secs_le,
    ei_end_missing, ei_client_address_not_given, ei_sname_overloaded, ei_file_overloaded;

constexpr ValueName kOps[] = {{kBootRequest, "Boot Request"}, {kBootReply, "Boot Reply"}};
constexpr TrueFalse kBroadcastFlag{"Broadcast", "Unicast"};

using FT = FieldType;
const FieldReg kFields[] = {
    {&bootp, {.name = "Frame is BOOTP", .abbrev = "dhcp.bootp", .type = FT::kBoolean}},
    {&op,
     {.name = "Message type",
      .abbrev = "dhcp.type",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kOps}},
    {&hw_type,
     {.name = "Hardware type",
      .abbrev = "dhcp.hw.type",
      .type = FT::kUint8,
      .base = Base::kHex,
      .values = arp_hardware_types()}},
    {&hw_len,
     {.name = "Hardware address length",
      .abbrev = "dhcp.hw.len",
      .type = FT::kUint8,
      .base = Base::kDec}},
    {&hops, {.name = "Hops", .abbrev = "dhcp.hops", .type = FT::kUint8, .base = Base::kDec}},
    {&id, {.name = "Transaction ID", .abbrev = "dhcp.id", .type = FT::kUint32, .base = Base::kHex}},
    {&secs,
     {.name = "Seconds elapsed", .abbrev = "dhcp.secs", .type = FT::kUint16, .base = Base::kDec}},
    {&flags,
     {.name = "Bootp flags", .abbrev = "dhcp.flags", .type = FT::kUint16, .base = Base::kHex}},
    {&flags_bc,
     {.name = "Broadcast flag",
      .abbrev = "dhcp.flags.bc",
      .type = FT::kBoolean,
      .bitmask = 0x8000,
      .tf = &kBroadcastFlag,
      .bits = 16}},
    {&flags_reserved,
     {.name = "Reserved flags",
      .abbrev = "dhcp.flags.reserved",
      .type = FT::kUint16,
      .base = Base::kHex,
      .bitmask = 0x7fff}},
    {&ip_client, {.name = "Client IP address", .abbrev = "dhcp.ip.client", .type = FT::kIpv4}},
    {&ip_your, {.name = "Your (client) IP address", .abbrev = "dhcp.ip.your", .type = FT::kIpv4}},
    {&ip_server, {.name = "Next server IP address", .abbrev = "dhcp.ip.server", .type = FT::kIpv4}},
    {&ip_relay, {.name = "Relay agent IP address", .abbrev = "dhcp.ip.relay", .type = FT::kIpv4}},
    {&hw_addr, {.name = "Client hardware address", .abbrev = "dhcp.hw.addr", .type = FT::kBytes}},
    {&hw_addr_padding,
     {.name = "Client hardware address padding",
      .abbrev = "dhcp.hw.addr_padding",
      .type = FT::kBytes}},
    {&hw_mac_addr,
     {.name = "Client MAC address", .abbrev = "dhcp.hw.mac_addr", .type = FT::kEther}},
    {&server, {.name = "Server host name", .abbrev = "dhcp.server", .type = FT::kString}},
    {&file, {.name = "Boot file name", .abbrev = "dhcp.file", .type = FT::kString}},
    {&cookie, {.name = "Magic cookie", .abbrev = "dhcp.cookie", .type = FT::kIpv4}},
    {&vendor_specific_options,
     {.name = "Bootp vendor specific options",
      .abbrev = "dhcp.vendor_specific_options",
      .type = FT::kBytes}},
    {&option_type,
     {.name = "Option", .abbrev = "dhcp.option.type", .type = FT::kUint8, .base = Base::kDec}},
    {&option_value, {.name = "Value", .abbrev = "dhcp.option.value", .type = FT::kBytes}},
    {&ei_bad_length, {.name = "length isn't 0", .abbrev = "dhcp.bad_length"}},
    {&ei_secs_le,
     {.name = "Seconds elapsed appears to be encoded as little-endian", .abbrev = "dhcp.secs_le"}},
    {&ei_end_missing, {.name = "End option missing", .abbrev = "dhcp.end_option_missing"}},
    {&ei_client_address_not_given,
     {.name = "Client address not given", .abbrev = "dhcp.client_address_not_given"}},
    {&ei_sname_overloaded,
     {.name = "Server name option overloaded by DHCP",
      .abbrev = "dhcp.server_name_overloaded_by_dhcp"}},
    {&ei_file_overloaded,
     {.name = "Boot file name option overloaded by DHCP",
      .abbrev = "dhcp.boot_filename_overloaded_by_dhcp"}},
};

// The first pass over the options: the overload, message type and RFC 3396 facts the tree
// needs before it is built. It reads only what is captured and never throws.
dhcp::MessageFacts scan_options(const ByteReader& r, size_t off, size_t end) {
  dhcp::MessageFacts facts;
  while (off < end) {
    if (!r.has(off, 1)) break;
    uint8_t code = r.u8(off);
    if (code == 0) {
      ++off;
      continue;
    }
    if (code == 255) break;
    if (!r.has(off + 1, 1)) break;
    size_t len = r.u8(off + 1);
    if (r.has(off + 2, len)) {
      if (code == 52 && len > 0) facts.overload = r.u8(off + 2);
      // As tshark, the type octet is read even when the option claims no value.
      if (code == 53 && r.has(off + 2, 1)) {
        facts.is_dhcp = true;
        facts.message_type = dhcp::message_type_name(r.u8(off + 2));
      }
      if (code == 119) ++facts.domain_search_blocks;
    }
    off += len + 2;
  }
  return facts;
}

// "Boot Request from 00:0b:82:01:fc:42 (Grandstr_01:fc:42)", "DHCP Discover - Transaction ID
// 0x3d1d": tshark's Info column.
void set_columns(Packet& pkt, const ByteReader& r, const dhcp::MessageFacts& facts) {
  uint8_t opcode = r.u8(0), htype = r.u8(1), hlen = r.u8(2);
  pkt.cols.set_protocol(facts.is_dhcp ? "DHCP" : "BOOTP");
  if (facts.is_dhcp) {
    pkt.cols.set_info(
        fmt::format("DHCP {:<8} - Transaction ID 0x{:x}", facts.message_type, r.u32(4)));
    return;
  }
  if (opcode == kBootRequest) {
    std::string info = "Boot Request from ";
    append_hw_address(info, r, kChaddrOffset, hlen, htype);
    if ((htype == 1 || htype == 6) && hlen == 6) {
      info += " (";
      pkt.session->names.append_mac(info, r.ptr(kChaddrOffset, 6), pkt.session->resolve.mac);
      info += ')';
    }
    pkt.cols.set_info(info);
  } else if (opcode == kBootReply) {
    pkt.cols.set_info("Boot Reply");
  } else {
    pkt.cols.set_info(fmt::format("Unknown BOOTP message type ({})", opcode));
  }
}

// sname and file: a NUL-terminated name, "not given" when empty, or a note when option 52
// moved options into them.
void add_name_area(Packet& pkt, int tree, const ByteReader& r, size_t off, size_t len, FieldId f,
                   bool overloaded, FieldId overload_note, const char* note, const char* absent) {
  if (overloaded) {
    add_expert_text(pkt, tree, overload_note, r, off, len, note, kExpertNote, kGroupProtocol);
    return;
  }
  const uint8_t* p = r.ptr(off, len);
  const void* nul = std::memchr(p, 0, len);
  size_t n = nul ? static_cast<size_t>(static_cast<const uint8_t*>(nul) - p) : len;
  int node = pkt.tree.add(tree, f, r, off, len, Value::of_bytes(p, n));
  if (n == 0 && pkt.labels) pkt.set_label(node, absent);
}

void add_fixed_header(Packet& pkt, int tree, const ByteReader& r, uint8_t overload) {
  uint8_t htype = r.u8(1), hlen = r.u8(2);
  pkt.add_item(tree, op, r, 0, 1);
  pkt.add_item(tree, hw_type, r, 1, 1);
  pkt.add_item(tree, hw_len, r, 2, 1);
  pkt.add_item(tree, hops, r, 3, 1);
  pkt.add_item(tree, id, r, 4, 4);
  // Windows sends "secs" little-endian; tshark shows such a value as it was meant.
  uint16_t secs_le = r.u16le(8);
  if (secs_le > 0 && secs_le <= 0xff) {
    int s = pkt.add_uint(tree, secs, r, 8, 2, secs_le);
    add_expert(pkt, s, ei_secs_le, r, 8, 2,
               "Seconds elapsed appears to be encoded as little-endian", kExpertNote,
               kGroupProtocol);
  } else {
    pkt.add_item(tree, secs, r, 8, 2);
  }
  uint16_t flag_bits = r.u16(10);
  int f = pkt.add_item(tree, flags, r, 10, 2);
  if (pkt.labels) {
    std::string label = fmt::format("Bootp flags: 0x{:04x}", flag_bits);
    append_bitmask_title(label, flag_bits, {flags_bc, flags_reserved});
    label += flag_bits & 0x8000 ? " (Broadcast)" : " (Unicast)";
    pkt.set_label(f, label);
  }
  pkt.add_item(f, flags_bc, r, 10, 2);
  pkt.add_item(f, flags_reserved, r, 10, 2);
  pkt.add_item(tree, ip_client, r, 12, 4);
  pkt.add_item(tree, ip_your, r, 16, 4);
  pkt.add_item(tree, ip_server, r, 20, 4);
  pkt.add_item(tree, ip_relay, r, 24, 4);
  if (hlen > 0 && hlen <= 16) {
    if ((htype == 1 || htype == 6) && hlen == 6) {
      pkt.add_item(tree, hw_mac_addr, r, kChaddrOffset, 6);
    } else {
      int a = pkt.add_item(tree, hw_addr, r, kChaddrOffset, 16);
      if (pkt.labels) {
        std::string label = "Client hardware address: ";
        append_hw_address(label, r, kChaddrOffset, hlen, htype);
        pkt.set_label(a, label);
      }
    }
    if (hlen < 16) pkt.add_item(tree, hw_addr_padding, r, kChaddrOffset + hlen, 16u - hlen);
  } else {
    add_expert_text(pkt, tree, ei_client_address_not_given, r, kChaddrOffset, 16,
                    "Client address not given", kExpertNote, kGroupProtocol);
  }
  add_name_area(pkt, tree, r, kSnameOffset, kSnameLen, server, overload & kOverloadSname,
                ei_sname_overloaded, "Server name option overloaded by DHCP",
                "Server host name not given");
  add_name_area(pkt, tree, r, kFileOffset, kFileLen, file, overload & kOverloadFile,
                ei_file_overloaded, "Boot file name option overloaded by DHCP",
                "Boot file name not given");
}

size_t dissect_dhcp(const ByteReader& r, Packet& pkt, int parent) {
  size_t vendor = kVendorOffset;
  bool has_cookie = r.has(vendor, 4) && r.u32(vendor) == kMagicCookie;
  size_t options = vendor + (has_cookie ? 4 : 64), end = r.reported_size();
  dhcp::MessageFacts facts = scan_options(r, options, end);
  if (pkt.cols.enabled) set_columns(pkt, r, facts);

  int tree = pkt.add_protocol(parent, proto, r, 0, r.size());
  pkt.set_label(tree, "Dynamic Host Configuration Protocol");
  add_fixed_header(pkt, tree, r, facts.overload);
  if (!facts.is_dhcp) pkt.tree.add_generated(tree, bootp, Value::of_uint(1), kHidden);
  if (has_cookie) {
    int c = pkt.add_item(tree, cookie, r, vendor, 4);
    if (pkt.labels) pkt.set_label(c, "Magic cookie: DHCP");
  } else {
    pkt.add_item(tree, vendor_specific_options, r, vendor, 64);
  }
  bool at_end = dhcp::dissect_options(pkt, r, tree, tree, options, end, facts, true);
  if (facts.is_dhcp && !at_end)
    add_expert(pkt, tree, ei_end_missing, r, 0, 0, "End option missing", kExpertError,
               kGroupProtocol);
  return r.reported_size();
}

}  // namespace

namespace dhcp {

const SharedFields& shared_fields() {
  static const SharedFields fields{hw_type, hw_mac_addr, option_type, option_value, ei_bad_length};
  return fields;
}

}  // namespace dhcp

void register_dhcp() {
  FieldRegistry& reg = registry();
  proto = reg.add_protocol({"Dynamic Host Configuration Protocol", "DHCP/BOOTP", "dhcp"});
  reg.add_protocol_alias(proto, "bootp");
  reg.add_fields(proto, kFields);
  dhcp::register_option_fields(proto);
  tables::udp_port().add(kPortServer, dissect_dhcp, "dhcp");
  tables::udp_port().add(kPortClient, dissect_dhcp, "dhcp");
}

}  // namespace netsift
