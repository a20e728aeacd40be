#include "output/value_format.h"
#include "core/append_format.h"

#include <fmt/format.h>

#include <ctime>
#include <string_view>

#include "core/abs_time.h"
#include "core/address_format.h"
#include "core/field_registry.h"
#include "core/oid.h"
#include "core/protocols.h"
#include "output/time_format.h"

namespace netsift {

namespace {
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

uint64_t width_mask(FieldType t) {
  int bits = integer_bits(t);
  return bits >= 64 || bits == 0 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
}

// Signed fields in hex or octal show their two's complement within the type's width.
void append_int_in_base(std::string& out, int64_t v, FieldType t, Base b) {
  if (b == Base::kHex || b == Base::kHexDec || b == Base::kOct)
    append_uint_in_base(out, static_cast<uint64_t>(v) & width_mask(t), type_hex_digits(t), b);
  else {
    fmt::format_int digits(v);
    out.append(digits.data(), digits.size());
  }
}

char bytes_separator(Base b) {
  switch (b) {
    case Base::kSepColon:
      return ':';
    case Base::kSepSpace:
      return ' ';
    case Base::kSepDash:
      return '-';
    case Base::kSepDot:
      return '.';
    default:
      return '\0';
  }
}
}  // namespace

ByteReader source_reader(const Packet& pkt, uint16_t source) {
  if (source == 0) {
    if (!pkt.frame) return {};
    return ByteReader(pkt.frame->data, pkt.frame->caplen, pkt.frame->caplen);
  }
  if (source > pkt.sources.size()) return {};
  const DataSource& s = pkt.sources[source - 1];
  return ByteReader(s.data, s.length, s.length, 0, source);
}

int type_hex_digits(FieldType t) {
  int bits = integer_bits(t);
  return bits ? bits / 4 : 8;
}

void append_uint_in_base(std::string& out, uint64_t v, int hex_digits, Base b) {
  switch (b) {
    case Base::kHex:
    case Base::kHexDec:
      append_format(out, "0x{:0{}x}", v, hex_digits);
      break;
    case Base::kOct:
      append_format(out, "0{:o}", v);
      break;
    default: {
      // The common case (ports, lengths, numbers in -T fields): no format string to parse.
      fmt::format_int digits(v);
      out.append(digits.data(), digits.size());
      break;
    }
  }
}

void append_abs_time(std::string& out, int64_t ns, Base base) {
  if (base == Base::kAbsNtpUtc) {
    if (ns == 0) {
      out.append("NULL");
      return;
    }
    base = Base::kAbsUtc;
  }
  bool unset = ns == kUnsetAbsTime;
  if (unset) ns = 0;
  // Floor division so that times before 1970 keep a positive fraction, as struct tm needs.
  int64_t sec = ns / 1000000000, frac = ns % 1000000000;
  if (frac < 0) {
    frac += 1000000000;
    --sec;
  }
  time_t t = static_cast<time_t>(sec);
  struct tm tm;
  bool ok = base == Base::kAbsUtc ? gmtime_r(&t, &tm) != nullptr : localtime_r(&t, &tm) != nullptr;
  if (!ok) {
    out.append("Not representable");
    return;
  }
  const char* zone = base == Base::kAbsUtc ? "UTC" : tm.tm_zone;
  append_format(out, "{} {:2}, {} {:02}:{:02}:{:02}", kMonths[tm.tm_mon],
                 tm.tm_mday, tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  if (!unset) append_format(out, ".{:09}", frac);
  append_format(out, " {}", zone ? zone : "");
}

void append_double(std::string& out, double d, FieldType t) {
  // Wireshark prints FLT_DIG / DBL_DIG significant digits.
  if (t == FieldType::kFloat)
    append_format(out, "{:.6g}", d);
  else
    append_format(out, "{:.15g}", d);
}

std::string_view string_value(const FieldInfo& f, const Value& v) {
  std::string_view s = v.str();
  if (f.def.type == FieldType::kStringz) {
    size_t nul = s.find('\0');
    if (nul != std::string_view::npos) s = s.substr(0, nul);
  }
  return s;
}

void append_field_value(std::string& out, const Packet& pkt, const Node& n) {
  const FieldInfo& f = registry().info(n.field);
  const Value& v = n.value;
  switch (f.def.type) {
    case FieldType::kNone:
      out.push_back('1');  // tshark prints "1" so that presence can be tested
      break;
    case FieldType::kProtocol:
      if (n.field == protocols::data || f.protocol_bytes_value) {
        // The data "protocol" and the FT_BYTES option protocols are printed as their bytes.
        ByteReader r = source_reader(pkt, n.source);
        size_t off = n.offset, len = n.length;
        if (r.has(off, len)) append_hex_bytes(out, r.data() + off, len);
      } else {
        out.append(n.label ? n.label : f.def.name);
      }
      break;
    case FieldType::kBoolean:
      out.push_back(v.u ? '1' : '0');
      break;
    case FieldType::kChar:
    case FieldType::kUint8:
    case FieldType::kUint16:
    case FieldType::kUint24:
    case FieldType::kUint32:
    case FieldType::kUint40:
    case FieldType::kUint48:
    case FieldType::kUint64:
    case FieldType::kFrameNum:
      // tshark's field values show BASE_OCT integers in decimal (only labels use octal).
      append_uint_in_base(out, v.u, type_hex_digits(f.def.type),
                          f.def.base == Base::kOct ? Base::kDec : f.def.base);
      break;
    case FieldType::kInt8:
    case FieldType::kInt16:
    case FieldType::kInt24:
    case FieldType::kInt32:
    case FieldType::kInt64:
      append_int_in_base(out, v.i, f.def.type, f.def.base);
      break;
    case FieldType::kFloat:
    case FieldType::kDouble:
      append_double(out, v.d, f.def.type);
      break;
    case FieldType::kEther:
      if (v.bytes.n >= 6) append_mac_raw(out, v.bytes.p);
      break;
    case FieldType::kIpv4:
      append_ipv4(out, static_cast<uint32_t>(v.u));
      break;
    case FieldType::kIpv6:
      if (v.bytes.n >= 16) append_ipv6(out, v.bytes.p);
      break;
    case FieldType::kBytes:
      append_hex_bytes(out, v.bytes.p, v.bytes.n, bytes_separator(f.def.base));
      break;
    case FieldType::kOid:
      append_oid_dotted(out, v.bytes.p, v.bytes.n);
      break;
    case FieldType::kString:
    case FieldType::kStringz:
      out.append(string_value(f, v));
      break;
    case FieldType::kAbsTime:
      append_abs_time(out, v.i, f.def.base);
      break;
    case FieldType::kRelTime:
      append_relative_time(out, v.i, 9);
      break;
  }
}

void append_display_value(std::string& out, const Packet& pkt, const Node& n) {
  const FieldInfo& f = registry().info(n.field);
  if (f.def.type == FieldType::kProtocol) {
    ByteReader r = source_reader(pkt, n.source);
    if (r.has(n.offset, n.length)) append_hex_bytes(out, r.data() + n.offset, n.length, ':');
  } else if (f.def.type == FieldType::kBytes &&
             (f.def.base == Base::kNone || f.def.base == Base::kAllowZero)) {
    append_hex_bytes(out, n.value.bytes.p, n.value.bytes.n, ':');
  } else {
    append_field_value(out, pkt, n);
  }
}

bool is_text_item(const FieldInfo& f) {
  if (f.id == kNoField) return true;
  if (f.def.type != FieldType::kNone || f.protocol == kNoField) return false;
  std::string_view abbrev = f.def.abbrev, proto = registry().info(f.protocol).def.abbrev;
  return abbrev.size() == proto.size() + 5 && abbrev.starts_with(proto) &&
         abbrev.ends_with(".text");
}

void append_bitmask_value_hex(std::string& out, const Node& n, const FieldInfo& f) {
  uint64_t v = n.value.u;
  if (is_signed(f.def.type) && integer_bits(f.def.type) <= 32) v &= 0xffffffffu;
  append_format(out, "{:X}", v);
}

}  // namespace netsift
