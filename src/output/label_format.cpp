#include "output/label_format.h"
#include "core/append_format.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/address_format.h"
#include "core/field_registry.h"
#include "core/oid.h"
#include "core/names.h"
#include "core/protocols.h"
#include "core/session.h"
#include "core/text_format.h"
#include "output/time_format.h"
#include "output/value_format.h"

namespace netsift {

namespace {

// A boolean's text: the field's true/false strings, else True/False.
const char* boolean_text(const FieldDef& d, uint64_t u) {
  if (d.tf) return u ? d.tf->true_text : d.tf->false_text;
  return u ? "True" : "False";
}

int mask_bits(uint64_t mask) {
  return 64 - __builtin_clzll(mask) - __builtin_ctzll(mask);
}

// Width of the field a bitmask applies to: booleans carry it, integers use their type's.
int container_bits(const FieldDef& d) {
  if (d.type == FieldType::kBoolean) return d.bits ? d.bits : 64 - __builtin_clzll(d.bitmask);
  return integer_bits(d.type);
}

// Hex digits of an integer in a label: a bitfield's own width, otherwise its type's.
int label_hex_digits(const FieldDef& d) {
  if (d.bitmask) return (mask_bits(d.bitmask) + 3) / 4;
  return type_hex_digits(d.type);
}

void append_number(std::string& out, const FieldDef& d, uint64_t v, Base b) {
  if (is_signed(d.type) && b != Base::kHex && b != Base::kOct && b != Base::kHexDec) {
    append_format(out, "{}", static_cast<int64_t>(v));
    return;
  }
  append_uint_in_base(out, v, label_hex_digits(d), b);
}

// A unit after an integer: Wireshark's unit_name_string has a singular for the counted units
// ("1 octet", "2 octets").
void append_unit(std::string& out, std::string_view unit, uint64_t v) {
  static constexpr std::string_view kCounted[] = {" bytes", " octets", " bits", " seconds"};
  bool counted = std::find(std::begin(kCounted), std::end(kCounted), unit) != std::end(kCounted);
  out.append(v == 1 && counted ? unit.substr(0, unit.size() - 1) : unit);
}

// The value part of an integer label, as Wireshark's fill_label_number() builds it.
void append_integer_value(std::string& out, const Packet& pkt, const FieldDef& d, uint64_t v) {
  if (!d.values.empty() || !d.ranges.empty()) {
    const char* name = value_name(d, v);
    if (!name && d.base == Base::kDecSpecial) return append_number(out, d, v, Base::kDec);
    out.append(name ? name : "Unknown");
    if (d.base == Base::kNone) return;
    // With value names, the number is shown once, in the primary base.
    Base b = d.base == Base::kDecHex ? Base::kDec : d.base == Base::kHexDec ? Base::kHex : d.base;
    out.append(" (");
    append_number(out, d, v, b);
    out.push_back(')');
    return;
  }
  switch (d.base) {
    case Base::kDecHex:
      append_number(out, d, v, Base::kDec);
      out.append(" (");
      append_number(out, d, v, Base::kHex);
      out.push_back(')');
      break;
    case Base::kHexDec:
      append_number(out, d, v, Base::kHex);
      out.append(" (");
      append_number(out, d, v, Base::kDec);
      out.push_back(')');
      break;
    case Base::kPtTcp:
    case Base::kPtUdp: {
      const Session* s = pkt.session;
      const char* name = nullptr;
      if (s && s->resolve.transport)
        name = d.base == Base::kPtTcp ? s->names.tcp_port_name(static_cast<uint16_t>(v))
                                      : s->names.udp_port_name(static_cast<uint16_t>(v));
      // Resolved, a port without a name shows its number as the name: "39236 (39236)".
      if (name)
        append_format(out, "{} ({})", name, v);
      else if (s && s->resolve.transport)
        append_format(out, "{} ({})", v, v);
      else
        append_format(out, "{}", v);
      break;
    }
    case Base::kOui: {
      // BASE_OUI: the three octets, then the manufacturer's name when the OUI is known, cut to
      // the 31 characters of tshark 4.0's 32-byte number label buffer.
      std::string text = fmt::format("{:02x}:{:02x}:{:02x}", (v >> 16) & 0xff, (v >> 8) & 0xff,
                                     v & 0xff);
      const uint8_t oui[3] = {static_cast<uint8_t>(v >> 16), static_cast<uint8_t>(v >> 8),
                              static_cast<uint8_t>(v)};
      if (const char* name = pkt.session ? pkt.session->names.oui_long_name(oui) : nullptr)
        append_format(text, " ({})", name);
      constexpr size_t kNumberLabelMax = 31;
      out.append(text.substr(0, kNumberLabelMax));
      break;
    }
    default:
      append_number(out, d, v, d.base);
      break;
  }
  if (d.unit) append_unit(out, d.unit, v);
}

void append_ether_label(std::string& out, const Packet& pkt, const uint8_t* mac) {
  static constexpr char kHex[] = "0123456789abcdef";
  char raw_buf[17];
  for (int i = 0; i < 6; ++i) {
    raw_buf[i * 3] = kHex[mac[i] >> 4];
    raw_buf[i * 3 + 1] = kHex[mac[i] & 15];
    if (i < 5) raw_buf[i * 3 + 2] = ':';
  }
  std::string_view raw(raw_buf, sizeof raw_buf);
  size_t start = out.size();
  if (pkt.session && pkt.session->resolve.mac) pkt.session->names.append_mac(out, mac, true);
  // With MAC resolution on, the address follows the name even when no name was found and the
  // "name" is the address itself (tshark's "a6:83:e7:0c:90:64 (a6:83:e7:0c:90:64)").
  if (out.size() == start) {
    out.append(raw);
  } else {
    out.append(" (");
    out.append(raw);
    out.push_back(')');
  }
}

void append_ip_label(std::string& out, const Packet& pkt, const uint8_t* addr, size_t len) {
  if (pkt.session)
    append_ip_with_name(out, addr, len, pkt.session->names, pkt.session->resolve);
  else if (len == 4)
    append_ipv4(
        out, uint32_t{addr[0]} << 24 | uint32_t{addr[1]} << 16 | uint32_t{addr[2]} << 8 | addr[3]);
  else
    append_ipv6(out, addr);
}

}  // namespace

void append_label(std::string& out, const Packet& pkt, const Node& n) {
  if (n.label) {
    out.append(n.label);
    return;
  }
  const FieldDef& d = registry().info(n.field).def;
  const Value& v = n.value;
  if (d.type == FieldType::kProtocol || d.type == FieldType::kNone) {
    if (n.field == protocols::data)
      append_format(out, "Data ({} byte{})", n.length,
                     n.length == 1 ? "" : "s");
    else
      out.append(d.name);
    return;
  }
  if (d.bitmask && (is_integer(d.type))) {
    int width = container_bits(d);
    uint64_t raw = d.type == FieldType::kBoolean ? (v.u ? d.bitmask : 0)
                                                 : (v.u << __builtin_ctzll(d.bitmask)) & d.bitmask;
    append_bit_pattern(out, raw, d.bitmask, width);
  }
  out.append(d.name);
  out.append(": ");
  switch (d.type) {
    case FieldType::kBoolean:
      out.append(boolean_text(d, v.u));
      break;
    case FieldType::kChar:
    case FieldType::kUint8:
    case FieldType::kUint16:
    case FieldType::kUint24:
    case FieldType::kUint32:
    case FieldType::kUint40:
    case FieldType::kUint48:
    case FieldType::kUint64:
    case FieldType::kInt8:
    case FieldType::kInt16:
    case FieldType::kInt24:
    case FieldType::kInt32:
    case FieldType::kInt64:
      append_integer_value(out, pkt, d, v.u);
      break;
    case FieldType::kFrameNum:
      append_format(out, "{}", v.u);
      break;
    case FieldType::kFloat:
    case FieldType::kDouble:
      append_double(out, v.d, d.type);
      if (d.unit) out.append(d.unit);
      break;
    case FieldType::kEther:
      if (v.bytes.n >= 6) append_ether_label(out, pkt, v.bytes.p);
      break;
    case FieldType::kIpv4: {
      uint8_t a[4] = {static_cast<uint8_t>(v.u >> 24), static_cast<uint8_t>(v.u >> 16),
                      static_cast<uint8_t>(v.u >> 8), static_cast<uint8_t>(v.u)};
      append_ip_label(out, pkt, a, 4);
      break;
    }
    case FieldType::kIpv6:
      if (v.bytes.n >= 16) append_ip_label(out, pkt, v.bytes.p, 16);
      break;
    case FieldType::kBytes:
      append_bytes_label(out, d, v);
      break;
    case FieldType::kOid: {
      size_t from = out.size();
      append_oid_dotted(out, v.bytes.p, v.bytes.n);
      std::string name = oid_resolved_name(std::string_view(out).substr(from));
      if (!name.empty()) out.append(" (").append(name).push_back(')');
      break;
    }
    case FieldType::kString:
    case FieldType::kStringz:
      append_formatted_text(out, string_value(registry().info(n.field), v));
      break;
    case FieldType::kAbsTime:
      append_abs_time(out, v.i, d.base);
      break;
    case FieldType::kRelTime:
      append_relative_time(out, v.i, 9);
      out.append(" seconds");
      break;
    case FieldType::kNone:
    case FieldType::kProtocol:
      break;
  }
}

void append_custom_value(std::string& out, const Packet& pkt, const Node& n, bool resolved) {
  const FieldDef& d = registry().info(n.field).def;
  const uint64_t u = n.value.u;
  if (d.type == FieldType::kProtocol) {
    out.append("\u2713");
    return;
  }
  if (d.type == FieldType::kBoolean) {
    out.append(boolean_text(d, u));
    return;
  }
  if (!is_integer(d.type) || d.type == FieldType::kFrameNum) {
    append_field_value(out, pkt, n);
    return;
  }
  if (!d.values.empty() || !d.ranges.empty()) {
    const char* name = resolved ? value_name(d, u) : nullptr;
    if (name)
      out.append(name);
    else
      append_number(out, d, u,
                    d.base == Base::kHexDec   ? Base::kHex
                    : d.base == Base::kDecHex ? Base::kDec
                                              : d.base);
    return;
  }
  if (!resolved && (d.base == Base::kPtTcp || d.base == Base::kPtUdp)) {
    append_format(out, "{}", u);
    return;
  }
  FieldDef plain = d;
  plain.unit = nullptr;
  append_integer_value(out, pkt, plain, u);
}

void cut_long_label(std::string& label, size_t start, bool custom) {
  if (label.size() - start < kItemLabelLength) return;
  static constexpr std::string_view kMark = " [truncated]";
  size_t name_pos = start;
  if (!custom) {
    size_t colon = label.find(": ", start);
    if (colon != std::string::npos) name_pos = colon;
  }
  label.insert(name_pos, kMark);
  size_t cut = start + kItemLabelLength - 2;
  while (cut > start && (static_cast<unsigned char>(label[cut]) & 0xc0) == 0x80) --cut;
  label.resize(cut);
}

void append_representation(std::string& out, const Packet& pkt, const Node& n) {
  size_t start = out.size();
  append_label(out, pkt, n);
  if ((n.flags & kGenerated) && out.size() - start >= 2 && out[start] == '[' && out.back() == ']') {
    out.pop_back();
    out.erase(start, 1);
  }
  cut_long_label(out, start, n.label != nullptr);
}

}  // namespace netsift
