// Text helpers shared by dissectors (Info and label text) and printers.
#include "core/text_format.h"

#include "core/field_registry.h"

#include <cstdint>

namespace netsift {

namespace {
constexpr std::string_view kReplacement = "\uFFFD";
}  // namespace

size_t utf8_sequence_length(std::string_view s, size_t i) {
  auto c = static_cast<uint8_t>(s[i]);
  if (c < 0x80) return 1;
  size_t n = c >= 0xf0 ? (c <= 0xf4 ? 4 : 0) : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((static_cast<uint8_t>(s[i + k]) & 0xc0) != 0x80) return 0;
  auto c1 = static_cast<uint8_t>(s[i + 1]);
  if ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 >= 0xa0) || (c == 0xf0 && c1 < 0x90) ||
      (c == 0xf4 && c1 >= 0x90))
    return 0;  // overlong, surrogate or beyond U+10FFFF
  return n;
}

void append_formatted_text(std::string& out, std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<uint8_t>(s[i]);
    if (c < 0x80) {
      ++i;
      if (c >= 0x20 && c < 0x7f) {
        out.push_back(static_cast<char>(c));
        continue;
      }
      out.push_back('\\');
      switch (c) {
        case '\a':
          out.push_back('a');
          break;
        case '\b':
          out.push_back('b');
          break;
        case '\f':
          out.push_back('f');
          break;
        case '\n':
          out.push_back('n');
          break;
        case '\r':
          out.push_back('r');
          break;
        case '\t':
          out.push_back('t');
          break;
        case '\v':
          out.push_back('v');
          break;
        default:
          out.push_back(static_cast<char>('0' + ((c >> 6) & 3)));
          out.push_back(static_cast<char>('0' + ((c >> 3) & 7)));
          out.push_back(static_cast<char>('0' + (c & 7)));
      }
      continue;
    }
    size_t n = utf8_sequence_length(s, i);
    if (n == 0) {
      // One U+FFFD for a lead byte and the continuation bytes it announced, as many as follow
      // ("\xe2\x9c" is one replacement character, "\x80\x80" two).
      out.append(kReplacement);
      size_t announced = c >= 0xfc   ? 6
                         : c >= 0xf8 ? 5
                         : c >= 0xf0 ? 4
                         : c >= 0xe0 ? 3
                         : c >= 0xc0 ? 2
                                     : 1;
      ++i;
      for (size_t k = 1;
           k < announced && i < s.size() && (static_cast<uint8_t>(s[i]) & 0xc0) == 0x80; ++k)
        ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
}

void append_bit_pattern(std::string& out, uint64_t value, uint64_t mask, int width) {
  for (int i = 0; i < width; ++i) {
    if (i && i % 4 == 0) out.push_back(' ');
    uint64_t bit = uint64_t{1} << (width - 1 - i);
    out.push_back(mask & bit ? (value & bit ? '1' : '0') : '.');
  }
  out.append(" = ");
}

void append_hex_bytes(std::string& out, const uint8_t* p, size_t n, char sep) {
  static constexpr char kHexDigits[] = "0123456789abcdef";
  for (size_t i = 0; i < n; ++i) {
    if (sep && i) out.push_back(sep);
    out.push_back(kHexDigits[p[i] >> 4]);
    out.push_back(kHexDigits[p[i] & 15]);
  }
}

void append_bytes_label(std::string& out, const FieldDef& d, const Value& v) {
  // tshark shows at most this many bytes of a byte field, then an ellipsis.
  constexpr size_t kMaxBytesShown = 36;
  if (v.bytes.n == 0) {
    out.append(d.base == Base::kAllowZero ? "<none>" : "<MISSING>");
    return;
  }
  char sep = d.base == Base::kSepColon   ? ':'
             : d.base == Base::kSepSpace ? ' '
             : d.base == Base::kSepDash  ? '-'
             : d.base == Base::kSepDot   ? '.'
                                         : '\0';
  size_t shown = v.bytes.n > kMaxBytesShown ? kMaxBytesShown : v.bytes.n;
  append_hex_bytes(out, v.bytes.p, shown, sep);
  if (shown < v.bytes.n) out.append("\u2026");
}

void cut_appended_label(std::string& label) {
  constexpr size_t kMaxAppendedLabel = 239;
  if (label.size() <= kMaxAppendedLabel) return;
  size_t cut = kMaxAppendedLabel;
  while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xc0) == 0x80) --cut;
  label.resize(cut);
}

void append_bitmask_title(std::string& out, uint64_t value, std::initializer_list<FieldId> fields) {
  for (FieldId f : fields) {
    const FieldDef& d = registry().info(f).def;
    uint64_t bits = value & d.bitmask;
    if (d.type == FieldType::kBoolean) {
      if (bits) {
        out += ", ";
        out += d.name;
      }
      continue;
    }
    if (d.values.empty()) continue;
    bits >>= __builtin_ctzll(d.bitmask);
    const char* name = "Unknown";
    for (const ValueName& v : d.values)
      if (v.value == bits) name = v.name;
    out += ", ";
    out += d.name;
    out += ": ";
    out += name;
  }
}

void append_time_secs(std::string& out, uint32_t secs) {
  if (secs == 0) {
    out += "0 seconds";
    return;
  }
  const uint32_t parts[] = {secs / 86400, secs / 3600 % 24, secs / 60 % 60, secs % 60};
  static constexpr const char* kUnits[] = {"day", "hour", "minute", "second"};
  bool first = true;
  for (int i = 0; i < 4; ++i) {
    if (parts[i] == 0) continue;
    if (!first) out += ", ";
    out += std::to_string(parts[i]);
    out += ' ';
    out += kUnits[i];
    if (parts[i] != 1) out += 's';
    first = false;
  }
}

void append_signed_time_secs(std::string& out, int32_t secs) {
  if (secs >= 0) return append_time_secs(out, static_cast<uint32_t>(secs));
  out += '-';
  // The magnitude of INT32_MIN fits only in the unsigned type.
  append_time_secs(out, 0u - static_cast<uint32_t>(secs));
}

std::string ascii_string(std::string_view raw) {
  std::string out;
  for (char c : raw) {
    if (c == '\0') break;
    if (static_cast<unsigned char>(c) < 0x80)
      out.push_back(c);
    else
      out.append("\xEF\xBF\xBD");
  }
  return out;
}

}  // namespace netsift
