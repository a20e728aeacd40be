// DHCP options (RFC 2132 and the RFCs that added options): the option loop with its Pad and End
// octets, the basic option kinds, and the options with a structure of their own, shown as
// tshark 4.0's packet-dhcp.c shows them.
#include <fmt/format.h>

#include <cstring>
#include <optional>

#include "core/address_format.h"
#include "core/expert.h"
#include "core/field_registry.h"
#include "core/text_format.h"
#include "dissectors/arp.h"
#include "dissectors/dhcp_internal.h"

namespace netsift::dhcp {

namespace {

FieldId option_length, option_padding, option_end, option_end_overload, option_overload,
    request_list_item, vendor_class_id, vendor_value, client_hardware_address, client_id_type,
    client_id_undef, client_id_iaid, client_id_duid_type, client_id_duid_llt_hw_type,
    client_id_duid_ll_hw_type, client_id_time, client_id_link_layer_address, policy_filter_ip,
    policy_filter_mask, static_route_ip, static_route_router, user_class, user_class_length,
    user_class_data, user_class_text, fqdn_flags, fqdn_mbz, fqdn_n, fqdn_e, fqdn_o, fqdn_s,
    fqdn_rcode1, fqdn_rcode2, fqdn_name, fqdn_asciiname, domain_search_fqdn, classless_route,
    ei_classless_route, ei_nonstd_data, ei_mal_duid, sname_overload_tree, file_overload_tree,
    ei_sname_end_missing, ei_file_end_missing;

constexpr ValueName kOverloadValues[] = {{1, "Boot file name holds options"},
                                         {2, "Server host name holds options"},
                                         {3, "Boot file and server host names hold options"}};
constexpr ValueName kDuidTypes[] = {{1, "link-layer address plus time"},
                                    {2, "assigned by vendor based on Enterprise number"},
                                    {3, "link-layer address"},
                                    {4, "universally unique identifier (UUID)"}};

constexpr TrueFalse kFqdnS{"Server", "Client"};
constexpr TrueFalse kFqdnO{"Override", "No override"};
constexpr TrueFalse kFqdnE{"Binary encoding", "ASCII encoding"};
constexpr TrueFalse kFqdnN{"No server updates", "Some server updates"};

using FT = FieldType;
const FieldReg kFields[] = {
    {&option_length,
     {.name = "Length", .abbrev = "dhcp.option.length", .type = FT::kUint8, .base = Base::kDec}},
    {&option_padding, {.name = "Padding", .abbrev = "dhcp.option.padding", .type = FT::kBytes}},
    {&option_end,
     {.name = "Option End", .abbrev = "dhcp.option.end", .type = FT::kUint8, .base = Base::kDec}},
    {&option_end_overload,
     {.name = "Option End (Overload)",
      .abbrev = "dhcp.option.end",
      .type = FT::kUint8,
      .base = Base::kDec}},
    {&option_overload,
     {.name = "Option Overload",
      .abbrev = "dhcp.option.option_overload",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kOverloadValues}},
    {&request_list_item,
     {.name = "Parameter Request List Item",
      .abbrev = "dhcp.option.request_list_item",
      .type = FT::kUint8,
      .base = Base::kDec}},
    {&vendor_class_id,
     {.name = "Vendor class identifier",
      .abbrev = "dhcp.option.vendor_class_id",
      .type = FT::kStringz}},
    {&vendor_value, {.name = "Value", .abbrev = "dhcp.option.vendor.value", .type = FT::kBytes}},
    {&client_hardware_address,
     {.name = "Client hardware address",
      .abbrev = "dhcp.client_hardware_address",
      .type = FT::kString}},
    {&client_id_type,
     {.name = "Type", .abbrev = "dhcp.client_id.type", .type = FT::kUint8, .base = Base::kDec}},
    {&client_id_undef,
     {.name = "Client Identifier", .abbrev = "dhcp.client_id.undef", .type = FT::kString}},
    {&client_id_iaid, {.name = "IAID", .abbrev = "dhcp.client_id.iaid", .type = FT::kString}},
    {&client_id_duid_type,
     {.name = "DUID Type",
      .abbrev = "dhcp.client_id.duid_type",
      .type = FT::kUint16,
      .base = Base::kDec,
      .values = kDuidTypes}},
    {&client_id_duid_llt_hw_type,
     {.name = "Hardware type",
      .abbrev = "dhcp.client_id.duid_llt_hw_type",
      .type = FT::kUint16,
      .base = Base::kDec,
      .values = arp_hardware_types()}},
    {&client_id_duid_ll_hw_type,
     {.name = "Hardware type",
      .abbrev = "dhcp.client_id.duid_ll_hw_type",
      .type = FT::kUint16,
      .base = Base::kDec,
      .values = arp_hardware_types()}},
    {&client_id_time,
     {.name = "Time", .abbrev = "dhcp.client_id.time", .type = FT::kUint32, .base = Base::kDec}},
    {&client_id_link_layer_address,
     {.name = "Link layer address",
      .abbrev = "dhcp.client_id.link_layer_address",
      .type = FT::kString}},
    {&policy_filter_ip,
     {.name = "IP Address", .abbrev = "dhcp.option.policy_filter.ip", .type = FT::kIpv4}},
    {&policy_filter_mask,
     {.name = "Subnet Mask", .abbrev = "dhcp.option.policy_filter.subnet_mask", .type = FT::kIpv4}},
    {&static_route_ip,
     {.name = "Destination IP Address",
      .abbrev = "dhcp.option.static_route.ip",
      .type = FT::kIpv4}},
    {&static_route_router,
     {.name = "Destination Router",
      .abbrev = "dhcp.option.static_route.router",
      .type = FT::kIpv4}},
    {&user_class,
     {.name = "Instance of User Class",
      .abbrev = "dhcp.option.user_class",
      .type = FT::kUint8,
      .base = Base::kDec}},
    {&user_class_length,
     {.name = "User Class Length",
      .abbrev = "dhcp.option.user_class.length",
      .type = FT::kUint8,
      .base = Base::kDec}},
    {&user_class_data,
     {.name = "User Class Data", .abbrev = "dhcp.option.user_class.data", .type = FT::kBytes}},
    {&user_class_text,
     {.name = "User Class Data (Text)",
      .abbrev = "dhcp.option.user_class.text",
      .type = FT::kString}},
    {&fqdn_flags,
     {.name = "Flags", .abbrev = "dhcp.fqdn.flags", .type = FT::kUint8, .base = Base::kHex}},
    {&fqdn_mbz,
     {.name = "Reserved flags",
      .abbrev = "dhcp.fqdn.mbz",
      .type = FT::kUint8,
      .base = Base::kHex,
      .bitmask = 0xf0}},
    {&fqdn_n,
     {.name = "Server DDNS",
      .abbrev = "dhcp.fqdn.n",
      .type = FT::kBoolean,
      .bitmask = 0x08,
      .tf = &kFqdnN,
      .bits = 8}},
    {&fqdn_e,
     {.name = "Encoding",
      .abbrev = "dhcp.fqdn.e",
      .type = FT::kBoolean,
      .bitmask = 0x04,
      .tf = &kFqdnE,
      .bits = 8}},
    {&fqdn_o,
     {.name = "Server overrides",
      .abbrev = "dhcp.fqdn.o",
      .type = FT::kBoolean,
      .bitmask = 0x02,
      .tf = &kFqdnO,
      .bits = 8}},
    {&fqdn_s,
     {.name = "Server",
      .abbrev = "dhcp.fqdn.s",
      .type = FT::kBoolean,
      .bitmask = 0x01,
      .tf = &kFqdnS,
      .bits = 8}},
    {&fqdn_rcode1,
     {.name = "A-RR result", .abbrev = "dhcp.fqdn.rcode1", .type = FT::kUint8, .base = Base::kDec}},
    {&fqdn_rcode2,
     {.name = "PTR-RR result",
      .abbrev = "dhcp.fqdn.rcode2",
      .type = FT::kUint8,
      .base = Base::kDec}},
    {&fqdn_name, {.name = "Client name", .abbrev = "dhcp.fqdn.name", .type = FT::kString}},
    {&fqdn_asciiname, {.name = "Client name", .abbrev = "dhcp.fqdn.name", .type = FT::kString}},
    {&domain_search_fqdn,
     {.name = "FQDN",
      .abbrev = "dhcp.option.dhcp_dns_domain_search_list_fqdn",
      .type = FT::kStringz}},
    {&classless_route,
     {.name = "Subnet/MaskWidth-Router",
      .abbrev = "dhcp.option.classless_static_route",
      .type = FT::kBytes}},
    {&ei_classless_route,
     {.name = "Mask width > 32", .abbrev = "dhcp.option.classless_static.route"}},
    {&ei_nonstd_data,
     {.name = "Non standard compliant option data", .abbrev = "dhcp.option.nonstd_data"}},
    {&ei_mal_duid, {.name = "DUID: malformed option", .abbrev = "dhcp.malformed.duid"}},
    // Not tshark fields: the subtrees of the overloaded sname and file fields.
    {&sname_overload_tree,
     {.name = "Server host name option overload",
      .abbrev = "dhcp.option.option_overload.sname_tree"}},
    {&file_overload_tree,
     {.name = "Boot file name option overload", .abbrev = "dhcp.option.option_overload.file_tree"}},
    {&ei_sname_end_missing,
     {.name = "sname overload end option missing",
      .abbrev = "dhcp.option.option_overload.sname_end_missing"}},
    {&ei_file_end_missing,
     {.name = "file overload end option missing",
      .abbrev = "dhcp.option.option_overload.file_end_missing"}},
};

// A text item: the bytes up to the first NUL, as Wireshark reads an ASCII string.
int add_text(Packet& pkt, int parent, FieldId f, const ByteReader& r, size_t off, size_t len) {
  const uint8_t* p = r.ptr(off, len);
  const void* nul = std::memchr(p, 0, len);
  size_t n = nul ? static_cast<size_t>(static_cast<const uint8_t*>(nul) - p) : len;
  return pkt.tree.add(parent, f, r, off, len, Value::of_bytes(p, n));
}

// A string item whose value the dissector composed.
int add_string(Packet& pkt, int parent, FieldId f, const ByteReader& r, size_t off, size_t len,
               std::string_view text) {
  r.need(off, len);
  std::string_view copy = pkt.arena.copy(text);
  return pkt.tree.add(parent, f, r, off, len,
                      Value::of_bytes(reinterpret_cast<const uint8_t*>(copy.data()), copy.size()));
}

std::string ipv4_text(const ByteReader& r, size_t off) {
  std::string out;
  append_ipv4(out, r.u32(off));
  return out;
}

// Items of `width` octets each over the option's value; a remainder is a length error.
size_t add_list(OptionContext& c, FieldId f, size_t width, const char* error) {
  size_t off = c.off, left = c.len;
  for (; left >= width; off += width, left -= width)
    c.pkt.add_item(c.option_node, f, c.r, off, width);
  if (left) add_bad_length(c, error);
  return c.len - left;
}

void add_time(OptionContext& c, FieldId f, bool is_signed) {
  uint32_t v = c.r.u32(c.off);
  int n = is_signed ? c.pkt.tree.add(c.option_node, f, c.r, c.off, 4,
                                     Value::of_int(static_cast<int32_t>(v)))
                    : c.pkt.add_uint(c.option_node, f, c.r, c.off, 4, v);
  if (!c.pkt.labels) return;
  std::string label = fmt::format("{}: (", registry().info(f).def.name);
  if (is_signed) {
    label += fmt::format("{}s) ", static_cast<int32_t>(v));
    append_signed_time_secs(label, static_cast<int32_t>(v));
  } else {
    label += fmt::format("{}s) ", v);
    if (v == 0xffffffff)
      label += "infinity";
    else
      append_time_secs(label, v);
  }
  c.pkt.set_label(n, label);
}

// Options 21 and 33: pairs of addresses.
void add_address_pairs(OptionContext& c, FieldId first, FieldId second) {
  size_t off = c.off, end = c.off + c.len;
  for (; end - off >= 8; off += 8) {
    c.pkt.add_item(c.option_node, first, c.r, off, 4);
    c.pkt.add_item(c.option_node, second, c.r, off + 4, 4);
  }
  if (off < end) add_bad_length(c, "Option length isn't a multiple of 8");
}

void dissect_message_type(OptionContext& c) {
  uint8_t type = c.r.u8(c.off);
  c.pkt.add_item(c.option_node, option_field(53), c.r, c.off, 1);
  if (!c.pkt.labels) return;
  std::string text = " (" + message_type_name(type) + ")";
  c.option_label += text;
  // The protocol item's label is set by the message dissector; it appends the type too.
  c.pkt.tree[c.proto_node].label =
      c.pkt.arena.copy(std::string(c.pkt.tree[c.proto_node].label) + text).data();
}

void dissect_request_list(OptionContext& c) {
  for (size_t off = c.off; off < c.off + c.len; ++off) {
    uint8_t code = c.r.u8(off);
    int n = c.pkt.add_item(c.option_node, request_list_item, c.r, off, 1);
    if (c.pkt.labels)
      c.pkt.set_label(
          n, fmt::format("Parameter Request List Item: ({}) {}", code, option_info(code).name));
  }
}

// Option 61 (RFC 2132 9.14, RFC 4361): a hardware type and address, a UUID, an RFC 3315 DUID,
// or an opaque identifier.
void dissect_client_identifier(OptionContext& c) {
  const SharedFields& s = shared_fields();
  uint8_t type = c.len > 0 ? c.r.u8(c.off) : 0;
  if (c.len == 7 && type > 0 && type < 48) {
    c.pkt.add_item(c.option_node, s.hw_type, c.r, c.off, 1);
    if (type == 1 || type == 6) {
      c.pkt.add_item(c.option_node, s.hw_mac_addr, c.r, c.off + 1, 6);
    } else {
      std::string text;
      append_hw_address(text, c.r, c.off + 1, 6, type);
      add_string(c.pkt, c.option_node, client_hardware_address, c.r, c.off + 1, 6, text);
    }
    return;
  }
  if (type == 255) {
    std::string iaid;
    append_hw_address(iaid, c.r, c.off + 1, 4, type);
    add_string(c.pkt, c.option_node, client_id_iaid, c.r, c.off + 1, 4, iaid);
    size_t off = c.off + 5;
    uint16_t duid_type = c.r.u16(off);
    c.pkt.add_item(c.option_node, client_id_duid_type, c.r, off, 2);
    auto malformed = [&] {
      add_expert(c.pkt, c.option_node, ei_mal_duid, c.r, c.off, c.len, "DUID: malformed option",
                 kExpertError, kGroupProtocol);
    };
    if (duid_type == 1) {  // link-layer address plus time
      if (c.len < 8) return malformed();
      uint16_t hw = c.r.u16(off + 2);
      c.pkt.add_item(c.option_node, client_id_duid_llt_hw_type, c.r, off + 2, 2);
      c.pkt.add_item(c.option_node, client_id_time, c.r, off + 4, 4);
      if (c.len > 13) {
        std::string text;
        append_hw_address(text, c.r, off + 8, static_cast<uint8_t>(c.len - 13), hw);
        add_string(c.pkt, c.option_node, client_id_link_layer_address, c.r, off + 8, c.len - 13,
                   text);
      }
    } else if (duid_type == 3) {  // link-layer address
      if (c.len < 4) return malformed();
      uint16_t hw = c.r.u16(off + 2);
      c.pkt.add_item(c.option_node, client_id_duid_ll_hw_type, c.r, off + 2, 2);
      if (c.len > 9) {
        std::string text;
        append_hw_address(text, c.r, off + 4, static_cast<uint8_t>(c.len - 9), hw);
        add_string(c.pkt, c.option_node, client_id_link_layer_address, c.r, off + 4, c.len - 9,
                   text);
      }
    }
    return;
  }
  if (type == 0 && c.len > 1) {
    c.pkt.add_item(c.option_node, client_id_type, c.r, c.off, 1);
    add_text(c.pkt, c.option_node, client_id_undef, c.r, c.off + 1, c.len - 1);
  }
}

// Option 77 (RFC 3004): length-prefixed user classes; data that does not fit that shape
// (Microsoft's plain-text user class) is shown as text.
size_t dissect_user_class(OptionContext& c) {
  if (c.len < 2) {
    add_bad_length(c, "length isn't >= 2");
    return 1;
  }
  size_t off = c.off, left = c.len;
  for (unsigned index = 0; off < c.off + c.len; ++index) {
    uint8_t n = c.r.u8(off);
    if (n >= left) {
      int t = add_text(c.pkt, c.option_node, user_class_text, c.r, off, left);
      add_expert(c.pkt, t, ei_nonstd_data, c.r, off, left, "Non standard compliant option data",
                 kExpertNote, kGroupProtocol);
      return c.len;
    }
    int inst = c.pkt.add_uint(c.option_node, user_class, c.r, off, n + 1u, index);
    if (c.pkt.labels) c.pkt.set_label(inst, fmt::format("Instance of User Class: [{}]", index));
    int len_item = c.pkt.add_item(inst, user_class_length, c.r, off, 1);
    ++off;
    if (n == 0) {
      add_expert(c.pkt, len_item, shared_fields().bad_length, c.r, off - 1, 1,
                 fmt::format("UC_Len_{} isn't >= 1 (UC_Len_{} = 0)", index, index), kExpertError,
                 kGroupProtocol);
      return c.len;
    }
    c.pkt.add_item(inst, user_class_data, c.r, off, n);
    off += n;
    left -= n + 1u;
  }
  return c.len;
}

// A DNS name (RFC 1035 labels, with compression pointers into `base`..) as Wireshark's
// get_dns_name reads it for DHCP: returns the octets it occupies at `off`.
size_t read_dns_name(const ByteReader& r, size_t base, size_t off, size_t end, std::string& out) {
  size_t consumed = 0, pos = off;
  bool jumped = false;
  for (int hops = 0; pos < end && hops < 256; ++hops) {
    uint8_t n = r.u8(pos);
    if (n == 0) {
      if (!jumped) consumed = pos + 1 - off;
      break;
    }
    if ((n & 0xc0) == 0xc0) {
      if (pos + 1 >= end) break;
      if (!jumped) consumed = pos + 2 - off;
      jumped = true;
      pos = base + ((n & 0x3f) << 8 | r.u8(pos + 1));
      continue;
    }
    if (!out.empty()) out.push_back('.');
    size_t take = std::min<size_t>(n, end > pos + 1 ? end - pos - 1 : 0);
    append_formatted_text(out, r.text(pos + 1, take));
    pos += 1 + n;
    if (!jumped) consumed = std::min(pos, end) - off;
  }
  if (out.empty()) out = "<Root>";
  return consumed ? consumed : end - off;
}

// Option 81 (RFC 4702): flags, two result codes and the client's name.
size_t dissect_client_fqdn(OptionContext& c) {
  if (c.len < 3) {
    add_bad_length(c, "length isn't >= 3");
    return 1;
  }
  uint8_t flags = c.r.u8(c.off);
  int f = c.pkt.add_item(c.option_node, fqdn_flags, c.r, c.off, 1);
  if (c.pkt.labels) {
    std::string label = fmt::format("Flags: 0x{:02x}", flags);
    append_bitmask_title(label, flags, {fqdn_mbz, fqdn_n, fqdn_e, fqdn_o, fqdn_s});
    c.pkt.set_label(f, label);
  }
  for (FieldId bit : {fqdn_mbz, fqdn_n, fqdn_e, fqdn_o, fqdn_s})
    c.pkt.add_item(f, bit, c.r, c.off, 1);
  c.pkt.add_item(c.option_node, fqdn_rcode1, c.r, c.off + 1, 1);
  c.pkt.add_item(c.option_node, fqdn_rcode2, c.r, c.off + 2, 1);
  if (c.len == 3) return c.len;
  if (flags & 0x04) {
    std::string name;
    read_dns_name(c.r, c.off + 3, c.off + 3, c.off + c.len, name);
    add_string(c.pkt, c.option_node, fqdn_name, c.r, c.off + 3, c.len - 3, name);
  } else {
    add_text(c.pkt, c.option_node, fqdn_asciiname, c.r, c.off + 3, c.len - 3);
  }
  return c.len;
}

// Option 119 (RFC 3397): a list of DNS names. Split over several options (RFC 3396) it is
// shown only under the last one; netsift decodes single-option lists and marks split ones.
void dissect_domain_search(OptionContext& c) {
  ++c.facts.domain_search_index;
  if (c.facts.domain_search_blocks != 1) return;
  size_t off = c.off, end = c.off + c.len;
  while (off < end) {
    std::string name;
    size_t used = read_dns_name(c.r, c.off, off, end, name);
    add_string(c.pkt, c.option_node, domain_search_fqdn, c.r, off, used, name);
    off += used;
  }
}

// Options 121 and 249 (RFC 3442): destination descriptors (width, significant octets) and routers.
size_t dissect_classless_routes(OptionContext& c) {
  if (c.len < 5) {
    add_bad_length(c, "length isn't >= 5");
    return 1;
  }
  size_t off = c.off, end = c.off + c.len;
  while (off < end) {
    uint8_t width = c.r.u8(off);
    if (width > 32) {
      add_expert(c.pkt, c.option_node, ei_classless_route, c.r, off, 1,
                 fmt::format("Mask width ({}) > 32", width), kExpertError, kGroupProtocol);
      return c.len;
    }
    size_t octets = (width + 7u) / 8;
    if (end - off - 1 < octets + 4) {
      int n = c.pkt.tree.add(c.option_node, classless_route, c.r, off, 1, Value{});
      add_expert(c.pkt, n, shared_fields().bad_length, c.r, off, 1,
                 fmt::format("Remaining length ({}) < {} bytes", end - off - 1, octets + 4),
                 kExpertError, kGroupProtocol);
      return c.len;
    }
    int n = c.pkt.add_item(c.option_node, classless_route, c.r, off, 1 + octets + 4);
    // tshark builds this label by appending to a single space.
    std::string label = " ";
    if (width == 0) {
      label += "default";
    } else {
      for (size_t i = 0; i < 4; ++i) {
        if (i) label += '.';
        label += std::to_string(i < octets ? c.r.u8(off + 1 + i) : 0);
      }
      label += fmt::format("/{}", width);
    }
    off += 1 + octets;
    label += "-" + ipv4_text(c.r, off);
    off += 4;
    if (c.pkt.labels) c.pkt.set_label(n, label);
  }
  return c.len;
}

// Option 52: the sname and/or file fields carry more options, dissected here in their own
// subtrees.
size_t dissect_overload(OptionContext& c) {
  if (c.len < 1) {
    add_bad_length(c, "length isn't >= 1");
    return 1;
  }
  uint8_t which = c.r.u8(c.off);
  c.pkt.add_item(c.option_node, option_overload, c.r, c.off, 1);
  if (c.facts.overload < 1 || c.facts.overload > 3) return c.len;
  struct Area {
    uint8_t bit;
    size_t off, len;
    FieldId tree, end_missing;
    const char* message;
  };
  const Area areas[] = {
      {2, 44, 64, sname_overload_tree, ei_sname_end_missing, "sname overload end option missing"},
      {1, 108, 128, file_overload_tree, ei_file_end_missing, "file overload end option missing"}};
  for (const Area& a : areas) {
    if (!(which & a.bit)) continue;
    int t = c.pkt.tree.add(c.option_node, a.tree, c.r, a.off, a.len, Value{});
    MessageFacts inner = c.facts;
    if (!dissect_options(c.pkt, c.r, c.proto_node, t, a.off, a.off + a.len, inner, false))
      add_expert(c.pkt, t, a.end_missing, c.r, a.off, a.len, a.message, kExpertError,
                 kGroupProtocol);
  }
  c.facts.overload = 0;  // the message's own End option is not in an overloaded field
  return c.len;
}

}  // namespace

std::string message_type_name(uint8_t type) {
  for (const ValueName& v : registry().info(option_field(53)).def.values)
    if (v.value == type) return v.name;
  return fmt::format("Unknown Message Type (0x{:02x})", type);
}

void add_bad_length(OptionContext& c, std::string_view msg) {
  add_expert(c.pkt, c.option_node, shared_fields().bad_length, c.r, c.off, c.len, msg, kExpertError,
             kGroupProtocol);
}

size_t dissect_basic_option(OptionContext& c, Kind kind) {
  FieldId f = option_field(c.code);
  if (!f) return 0;
  auto exact = [&](size_t n, const char* error) {
    if (c.len == n) return true;
    add_bad_length(c, error);
    return false;
  };
  switch (kind) {
    case Kind::kIpv4:
      if (!exact(4, "length isn't 4")) return 0;
      c.pkt.add_item(c.option_node, f, c.r, c.off, 4);
      c.option_label += " (" + ipv4_text(c.r, c.off) + ")";
      return 4;
    case Kind::kIpv4List:
      return add_list(c, f, 4, "Option length isn't a multiple of 4");
    case Kind::kString:
      add_text(c.pkt, c.option_node, f, c.r, c.off, c.len);
      return c.len;
    case Kind::kBool:
    case Kind::kUint8:
      if (!exact(1, "length isn't 1")) return 0;
      c.pkt.add_item(c.option_node, f, c.r, c.off, 1);
      return 1;
    case Kind::kUint16:
      if (!exact(2, "length isn't 2")) return 0;
      c.pkt.add_item(c.option_node, f, c.r, c.off, 2);
      return 2;
    case Kind::kUint16List:
      return add_list(c, f, 2, "Option length isn't a multiple of 2");
    case Kind::kUint32:
      if (!exact(4, "length isn't 4")) return 0;
      c.pkt.add_item(c.option_node, f, c.r, c.off, 4);
      return 4;
    case Kind::kTimeSigned:
    case Kind::kTimeUnsigned:
      if (!exact(4, "length isn't 4")) return 0;
      add_time(c, f, kind == Kind::kTimeSigned);
      return 4;
    default:
      return 0;
  }
}

std::optional<size_t> dissect_special_option(OptionContext& c) {
  switch (c.code) {
    case 21:
      add_address_pairs(c, policy_filter_ip, policy_filter_mask);
      break;
    case 33:
      add_address_pairs(c, static_route_ip, static_route_router);
      break;
    case 43:
      // Vendor heuristics (PXEClient, CableLabs, Aruba, ...) are not decoded: the value as bytes.
      c.pkt.add_item(c.option_node, vendor_value, c.r, c.off, c.len);
      break;
    case 52:
      return dissect_overload(c);
    case 53:
      dissect_message_type(c);
      break;
    case 55:
      dissect_request_list(c);
      break;
    case 60:
      add_text(c.pkt, c.option_node, vendor_class_id, c.r, c.off, c.len);
      break;
    case 61:
      dissect_client_identifier(c);
      break;
    case 77:
      return dissect_user_class(c);
    case 81:
      return dissect_client_fqdn(c);
    case 119:
      dissect_domain_search(c);
      break;
    case 121:
    case 249:
      return dissect_classless_routes(c);
    default:
      return std::nullopt;
  }
  return c.len;
}

bool dissect_options(Packet& pkt, const ByteReader& r, int proto_node, int tree, size_t off,
                     size_t end, MessageFacts& facts, bool message_level) {
  const SharedFields& s = shared_fields();
  while (off < end) {
    uint8_t code = r.u8(off);
    if (code == 0) {  // Pad: a run of zero octets shown as one item
      size_t n = 1;
      while (off + n < end && r.u8(off + n) == 0) ++n;
      int o = pkt.add_uint(tree, s.option_type, r, off, 1, 0);
      if (pkt.labels) pkt.set_label(o, "Option: (0) Padding");
      pkt.add_item(o, option_padding, r, off, n);
      off += n;
      continue;
    }
    if (code == 255) {
      int o = pkt.add_uint(tree, s.option_type, r, off, 1, 0);
      if (pkt.labels) pkt.set_label(o, "Option: (255) End");
      pkt.add_item(o, message_level && facts.overload ? option_end_overload : option_end, r, off,
                   1);
      if (message_level && off + 1 < end)
        pkt.add_item(tree, option_padding, r, off + 1, end - off - 1);
      return true;
    }
    size_t len = r.u8(off + 1);
    r.need(off, len + 2);
    int o = pkt.add_uint(tree, s.option_type, r, off, len + 2, code);
    std::string label = fmt::format("Option: ({}) {}", code, option_info(code).name);
    pkt.add_item(o, option_length, r, off + 1, 1);
    int value = pkt.add_item(o, s.option_value, r, off + 2, len);
    OptionContext c{pkt, r, proto_node, o, code, off + 2, len, label, facts};
    // As tshark: the value item stays hidden unless no dissector took any of the option's
    // octets (unknown options, wrong lengths, empty values).
    std::optional<size_t> used = dissect_special_option(c);
    if (!used) used = dissect_basic_option(c, option_info(code).kind);
    if (*used) pkt.tree[value].flags |= kHidden;
    if (pkt.labels) {
      cut_appended_label(label);
      pkt.set_label(o, label);
    }
    off += len + 2;
  }
  return false;
}

void register_option_fields(FieldId proto) {
  registry().add_fields(proto, kFields);
  register_option_table_fields(proto);
}

}  // namespace netsift::dhcp
