#include "filter/literal.h"

#include "core/ascii.h"
#include "core/oid.h"

#include <arpa/inet.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>

namespace netsift::dfilter {

namespace {

std::string quoted(std::string_view w) {
  return "\"" + std::string(w) + "\"";
}

// C-style integer: 0x hex, 0b binary, leading 0 octal, else decimal.
bool parse_uint(std::string_view w, uint64_t& v) {
  int base = 10;
  if (w.size() > 2 && w[0] == '0' && (w[1] == 'x' || w[1] == 'X'))
    base = 16, w.remove_prefix(2);
  else if (w.size() > 2 && w[0] == '0' && (w[1] == 'b' || w[1] == 'B'))
    base = 2, w.remove_prefix(2);
  else if (w.size() > 1 && w[0] == '0')
    base = 8, w.remove_prefix(1);
  if (w.empty()) return false;
  v = 0;
  for (char c : w) {
    int d = hex_digit_value(c);
    if (d < 0 || d >= base) return false;
    if (v > (UINT64_MAX - d) / base) return false;
    v = v * base + d;
  }
  return true;
}

bool lookup_value_name(const FieldInfo* f, std::string_view w, uint64_t& v) {
  if (!f) return false;
  for (const ValueName& n : f->def.values)
    if (iequals(n.name, w)) return v = n.value, true;
  for (const RangeName& r : f->def.ranges)
    if (iequals(r.name, w)) return v = r.low, true;
  return false;
}

bool has_value_names(const FieldInfo* f) {
  return f && (!f->def.values.empty() || !f->def.ranges.empty());
}

std::optional<std::string> integer(VType t, const FieldInfo* f, std::string_view w, Val& out,
                                   bool from_string) {
  FieldType ft = f ? f->def.type : (t == VType::kInt ? FieldType::kInt64 : FieldType::kUint64);
  uint64_t v = 0;
  if (ft == FieldType::kBoolean) {
    // Unquoted, a number or True/False; quoted or not, the field's own true/false texts
    // ("Set", "Not set"; "True"/"False" when it has none), in any case.
    if (!from_string && parse_uint(w, v)) return out.u = v != 0, std::nullopt;
    if (!from_string && (w == "True" || w == "TRUE")) return out.u = 1, std::nullopt;
    if (!from_string && (w == "False" || w == "FALSE")) return out.u = 0, std::nullopt;
    const TrueFalse* tf = f->def.tf;
    if (iequals(w, tf ? tf->true_text : "True")) return out.u = 1, std::nullopt;
    if (iequals(w, tf ? tf->false_text : "False")) return out.u = 0, std::nullopt;
    return quoted(w) + " cannot be found among the possible values for " + f->def.abbrev + ".";
  }
  if (!from_string && parse_uint(w, v)) {
    int bits = integer_bits(ft);
    if (t == VType::kInt) {
      uint64_t max = bits >= 64 ? INT64_MAX : (uint64_t{1} << (bits - 1)) - 1;
      if (v > max)
        return quoted(w) + " too big for this field, maximum " + std::to_string(max) + ".";
      out.i = static_cast<int64_t>(v);
    } else {
      uint64_t max = bits >= 64 ? UINT64_MAX : (uint64_t{1} << bits) - 1;
      if (v > max)
        return quoted(w) + " too big for this field, maximum " + std::to_string(max) + ".";
      out.u = v;
    }
    return std::nullopt;
  }
  if (lookup_value_name(f, w, v)) return out.u = v, std::nullopt;
  if (from_string)
    return std::string(type_pretty_name(ft)) + " cannot be converted from a string (" + quoted(w) +
           ").";
  if (has_value_names(f))
    return quoted(w) + " cannot be found among the possible values for " + f->def.abbrev + ".";
  return quoted(w) + " is not a valid number.";
}

bool is_byte_separator(char c) {
  return c == ':' || c == '-' || c == '.';
}

// Hex byte string, read as tshark 4.0 reads one: runs of four or two hex digits, or one digit
// before a separator or at the end, separated by any of ':', '-', '.' ("aa:bb", "a.b-c",
// "aabbcc", "153" = 15 03); a four-character "0xff" or ten-character "0b11110000" is one byte.
bool parse_bytes(std::string_view w, std::string& out) {
  out.clear();
  if (w.size() == 4 && w[0] == '0' && (w[1] == 'x' || w[1] == 'X')) w.remove_prefix(2);
  if (w.size() == 10 && w[0] == '0' && (w[1] == 'b' || w[1] == 'B') &&
      (w[2] == '0' || w[2] == '1') &&
      w.substr(2).find_first_not_of("01") == std::string_view::npos) {
    int v = 0;
    for (char c : w.substr(2)) v = v * 2 + (c - '0');
    out += static_cast<char>(v);
    return true;
  }
  auto hex = [&](size_t k) { return k < w.size() ? hex_digit_value(w[k]) : -1; };
  size_t p = 0;
  while (p < w.size()) {
    size_t digits = hex(p) < 0                           ? 0
                    : hex(p + 1) < 0                     ? 1
                    : hex(p + 2) >= 0 && hex(p + 3) >= 0 ? 4
                                                         : 2;
    if (digits == 1 && p + 1 < w.size() && !is_byte_separator(w[p + 1])) return false;
    if (digits == 0) return false;
    if (digits == 1) {
      out += static_cast<char>(hex(p));
    } else {
      for (size_t k = 0; k < digits; k += 2)
        out += static_cast<char>(hex(p + k) * 16 + hex(p + k + 1));
    }
    p += digits;
    // After a run, a separator is skipped; anything else starts the next run.
    if (p < w.size() && is_byte_separator(w[p])) ++p;
  }
  return true;
}

void point_at(Val& out, const std::string& store, size_t from) {
  out.p = reinterpret_cast<const uint8_t*>(store.data()) + from;
  out.n = static_cast<uint32_t>(store.size() - from);
}

bool parse_prefix(std::string_view w, std::string_view& addr, int& bits) {
  size_t slash = w.find('/');
  addr = w.substr(0, slash);
  bits = -1;
  if (slash == std::string_view::npos) return true;
  std::string_view p = w.substr(slash + 1);
  if (p.empty() || p.size() > 4) return false;
  bits = 0;
  for (char c : p) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    bits = bits * 10 + (c - '0');
  }
  return true;
}

// Seconds with an optional fraction and sign: "1.5", "-0.25".
bool parse_rel_time(std::string_view w, int64_t& ns) {
  bool neg = !w.empty() && w[0] == '-';
  if (neg) w.remove_prefix(1);
  size_t dot = w.find('.');
  std::string_view whole = w.substr(0, dot),
                   frac = dot == std::string_view::npos ? "" : w.substr(dot + 1);
  if (whole.empty() && frac.empty()) return false;
  if (whole.size() > 11 || frac.size() > 9) return false;
  int64_t s = 0, f = 0;
  for (char c : whole) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    s = s * 10 + (c - '0');
  }
  for (size_t k = 0; k < 9; ++k) {
    char c = k < frac.size() ? frac[k] : '0';
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    f = f * 10 + (c - '0');
  }
  ns = s * 1000000000 + f;
  if (neg) ns = -ns;
  return true;
}

// Reads the digits of "SS[.fraction]" into seconds and nanoseconds.
bool parse_seconds(const char*& p, int& sec, int64_t& ns) {
  if (!std::isdigit(static_cast<unsigned char>(p[0])) ||
      !std::isdigit(static_cast<unsigned char>(p[1])))
    return false;
  sec = (p[0] - '0') * 10 + (p[1] - '0');
  p += 2;
  ns = 0;
  if (*p == '.') {
    ++p;
    int64_t scale = 100000000;
    if (!std::isdigit(static_cast<unsigned char>(*p))) return false;
    while (std::isdigit(static_cast<unsigned char>(*p))) {
      ns += (*p - '0') * scale;
      scale /= 10;
      ++p;
    }
  }
  return true;
}

// ISO 8601 ("2020-07-04T12:34:56.5Z", date alone, offsets; "UTC" after a space-separated
// time, as tshark 4.0 takes it) or the legacy
// "Sep 26, 2004 23:18:04.954975 [UTC]"; without a zone the time is local. Returns "" or the
// reason tshark gives for a text it refuses ("not valid" for most).
constexpr const char* kNotAbsTime = "not valid";
std::string_view parse_abs_time(const std::string& text, int64_t& out) {
  struct tm tm {};
  const char* s = text.c_str();
  const char* p;
  int sec = 0;
  int64_t ns = 0;
  bool utc = false;
  long offset = 0;
  if ((p = strptime(s, "%Y-%m-%d", &tm))) {
    const bool iso_t = *p == 'T';
    if (iso_t || (*p == ' ' && std::isdigit(static_cast<unsigned char>(p[1])))) {
      const char* q = strptime(p + 1, "%H:%M", &tm);
      if (!q) return kNotAbsTime;
      p = q;
      if (*p == '.') return "Subsecond precision requires a seconds field.";
      if (*p == ':') {
        ++p;
        if (!parse_seconds(p, sec, ns)) return kNotAbsTime;
      }
    }
    const char* zone = p;
    while (!iso_t && *zone == ' ') ++zone;
    if (*p == 'Z')
      utc = true, ++p;
    else if (!iso_t && std::strncmp(zone, "UTC", 3) == 0)
      utc = true, p = zone + 3;
    else if (*p == '+' || *p == '-') {
      int sign = *p == '-' ? -1 : 1;
      ++p;
      int hh, mm = 0;
      if (std::sscanf(p, "%2d", &hh) != 1) return kNotAbsTime;
      p += 2;
      if (*p == ':') ++p;
      if (std::isdigit(static_cast<unsigned char>(*p))) {
        if (std::sscanf(p, "%2d", &mm) != 1) return kNotAbsTime;
        p += 2;
      }
      utc = true;
      offset = sign * (hh * 3600 + mm * 60);
    }
  } else if ((p = strptime(s, "%b %d, %Y %H:%M", &tm))) {
    if (*p == ':') {
      ++p;
      if (!parse_seconds(p, sec, ns)) return kNotAbsTime;
    }
    while (*p == ' ') ++p;
    if (std::strncmp(p, "UTC", 3) == 0) utc = true, p += 3;
  } else {
    return kNotAbsTime;
  }
  while (*p == ' ') ++p;
  if (*p) return "Unexpected data after time value.";
  tm.tm_sec = sec;
  tm.tm_isdst = -1;
  time_t t = utc ? timegm(&tm) - offset : mktime(&tm);
  out = static_cast<int64_t>(t) * 1000000000 + ns;
  return "";
}

}  // namespace

const char* type_pretty_name(FieldType t) {
  switch (t) {
    case FieldType::kNone:
      return "Label";
    case FieldType::kProtocol:
      return "Protocol";
    case FieldType::kBoolean:
      return "Boolean";
    case FieldType::kChar:
      return "Character (1 byte)";
    case FieldType::kUint8:
      return "Unsigned integer (1 byte)";
    case FieldType::kUint16:
      return "Unsigned integer (2 bytes)";
    case FieldType::kUint24:
      return "Unsigned integer (3 bytes)";
    case FieldType::kUint32:
      return "Unsigned integer (4 bytes)";
    case FieldType::kUint40:
      return "Unsigned integer (5 bytes)";
    case FieldType::kUint48:
      return "Unsigned integer (6 bytes)";
    case FieldType::kUint64:
      return "Unsigned integer (8 bytes)";
    case FieldType::kInt8:
      return "Signed integer (1 byte)";
    case FieldType::kInt16:
      return "Signed integer (2 bytes)";
    case FieldType::kInt24:
      return "Signed integer (3 bytes)";
    case FieldType::kInt32:
      return "Signed integer (4 bytes)";
    case FieldType::kInt64:
      return "Signed integer (8 bytes)";
    case FieldType::kFloat:
      return "Floating point (single-precision)";
    case FieldType::kDouble:
      return "Floating point (double-precision)";
    case FieldType::kEther:
      return "Ethernet or other MAC address";
    case FieldType::kIpv4:
      return "IPv4 address";
    case FieldType::kIpv6:
      return "IPv6 address";
    case FieldType::kBytes:
      return "Byte sequence";
    case FieldType::kString:
    case FieldType::kStringz:
      return "Character string";
    case FieldType::kAbsTime:
      return "Date and time";
    case FieldType::kRelTime:
      return "Time offset";
    case FieldType::kFrameNum:
      return "Frame number";
    case FieldType::kOid:
      return "ASN.1 object identifier";
  }
  return "Label";
}

std::optional<std::string> value_from_word(VType t, const FieldInfo* f, std::string_view w,
                                           Val& out, std::string& store) {
  size_t from = store.size();
  // A leading colon marks a byte string (":00:01:6c", ":fc"): never a field name or number.
  if (w.size() > 1 && w[0] == ':' && w[1] != ':' &&
      (t == VType::kBytes || t == VType::kEther || t == VType::kProtocol))
    w.remove_prefix(1);
  switch (t) {
    case VType::kUint:
    case VType::kInt:
      return integer(t, f, w, out, false);
    case VType::kDouble: {
      std::string s(w);
      char* end = nullptr;
      errno = 0;
      out.d = std::strtod(s.c_str(), &end);
      if (s.empty() || *end || errno) return quoted(w) + " is not a valid floating point number.";
      return std::nullopt;
    }
    case VType::kRelTime:
      if (!parse_rel_time(w, out.i)) return quoted(w) + " is not a valid time.";
      return std::nullopt;
    case VType::kAbsTime: {
      std::string_view e = parse_abs_time(std::string(w), out.i);
      if (e == kNotAbsTime)
        return quoted(w) +
               " is not a valid absolute time. Example: \"Nov 12, 1999 "
               "08:55:44.123\" or \"2011-07-04 12:34:56\"";
      if (!e.empty()) return std::string(e);
      return std::nullopt;
    }
    case VType::kIpv4: {
      std::string_view addr;
      int bits;
      in_addr a;
      if (!parse_prefix(w, addr, bits) || inet_pton(AF_INET, std::string(addr).c_str(), &a) != 1)
        return quoted(w) + " is not a valid hostname or IPv4 address.";
      if (bits > 32)
        return "Netmask bits in a CIDR IPv4 address should be <= 32, not " + std::to_string(bits);
      out.u = ntohl(a.s_addr);
      out.prefix = bits < 0 ? 0 : static_cast<uint8_t>(bits + 1);
      return std::nullopt;
    }
    case VType::kIpv6: {
      std::string_view addr;
      int bits;
      uint8_t a[16];
      if (!parse_prefix(w, addr, bits) || inet_pton(AF_INET6, std::string(addr).c_str(), a) != 1)
        return quoted(w) + " is not a valid hostname or IPv6 address.";
      if (bits > 128)
        return "Prefix in a IPv6 address should be <= 128, not " + std::to_string(bits);
      store.append(reinterpret_cast<const char*>(a), 16);
      point_at(out, store, from);
      out.prefix = bits < 0 ? 0 : static_cast<uint8_t>(bits + 1);
      return std::nullopt;
    }
    case VType::kEther: {
      std::string bytes;
      // Cisco style "0001.0203.0405" groups four digits; parse_bytes splits them in pairs.
      if (!parse_bytes(w, bytes)) return quoted(w) + " is not a valid Ethernet address.";
      if (bytes.size() < 6)
        return quoted(w) + " contains too few bytes to be a valid Ethernet address.";
      if (bytes.size() > 6)
        return quoted(w) + " contains too many bytes to be a valid Ethernet address.";
      store += bytes;
      point_at(out, store, from);
      return std::nullopt;
    }
    case VType::kBytes:
    case VType::kProtocol: {
      std::string bytes;
      if (f && f->def.type == FieldType::kOid) {
        if (!encode_oid(w, bytes)) return quoted(w) + " is not a valid OID.";
      } else if (!parse_bytes(w, bytes))
        return quoted(w) + " is not a valid byte string.";
      store += bytes;
      point_at(out, store, from);
      return std::nullopt;
    }
    case VType::kString:
      store += w;
      point_at(out, store, from);
      return std::nullopt;
    case VType::kNone:
      break;
  }
  return quoted(w) + " is not a valid value.";
}

std::optional<std::string> value_from_string(VType t, const FieldInfo* f, std::string_view s,
                                             Val& out, std::string& store) {
  size_t from = store.size();
  switch (t) {
    case VType::kUint:
    case VType::kInt:
      return integer(t, f, s, out, true);
    case VType::kAbsTime:
      return value_from_word(t, f, s, out, store);
    case VType::kBytes:
    case VType::kString:
    case VType::kProtocol:
      store += s;
      point_at(out, store, from);
      return std::nullopt;
    default: {
      FieldType ft = f ? f->def.type : FieldType::kBytes;
      return std::string(type_pretty_name(ft)) + " cannot be converted from a string (" +
             quoted(s) + ").";
    }
  }
}

std::optional<std::string> value_from_char(VType t, const FieldInfo* f, uint8_t c,
                                           std::string_view spelled, Val& out, std::string& store) {
  size_t from = store.size();
  switch (t) {
    case VType::kUint:
    case VType::kInt:
      out.u = c;
      return std::nullopt;
    case VType::kBytes:
    case VType::kString:
    case VType::kProtocol:
      store += static_cast<char>(c);
      point_at(out, store, from);
      return std::nullopt;
    default: {
      FieldType ft = f ? f->def.type : FieldType::kBytes;
      return std::string(type_pretty_name(ft)) +
             " cannot be converted from a character constant (" + std::string(spelled) + ").";
    }
  }
}

}  // namespace netsift::dfilter
