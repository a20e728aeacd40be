#include "dissectors/json_text.h"

#include "core/ascii.h"

namespace netsift::json {

namespace {

// Wireshark's ws_utf8_char_len(): the sequence length a lead byte announces, -1 for 0xfe/0xff.
int utf8_char_len(uint8_t c) {
  if (c >= 0xfe) return -1;
  if (c >= 0xfc) return 6;
  if (c >= 0xf8) return 5;
  if (c >= 0xf0) return 4;
  if (c >= 0xe0) return 3;
  if (c >= 0xc0) return 2;
  return 1;
}

bool is_lead_surrogate(uint32_t c) {
  return c >= 0xd800 && c <= 0xdbff;
}
bool is_trail_surrogate(uint32_t c) {
  return c >= 0xdc00 && c <= 0xdfff;
}

void append_utf8(std::string& out, uint32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xc0 | c >> 6));
    out.push_back(static_cast<char>(0x80 | (c & 0x3f)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | c >> 12));
    out.push_back(static_cast<char>(0x80 | (c >> 6 & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xf0 | c >> 18));
    out.push_back(static_cast<char>(0x80 | (c >> 12 & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (c >> 6 & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3f)));
  }
}

// Four hex digits from s[i]; a digit that is not hex is consumed and makes the escape invalid,
// as is running out of text.
bool read_hex4(std::string_view s, size_t& i, uint32_t& v) {
  v = 0;
  for (int k = 0; k < 4; ++k) {
    if (i >= s.size()) return false;
    int x = hex_digit_value(static_cast<uint8_t>(s[i++]));
    if (x < 0) return false;
    v = v << 4 | static_cast<uint32_t>(x);
  }
  return true;
}

}  // namespace

bool unescape(std::string_view s, std::string& out) {
  out.clear();
  size_t i = 0, n = s.size();
  while (i < n) {
    uint8_t c = static_cast<uint8_t>(s[i]);
    if (c != '\\') {
      int len = utf8_char_len(c);
      if (len <= 0) break;
      for (int k = 0; k < len && i < n; ++k) out.push_back(s[i++]);
      continue;
    }
    if (++i >= n) break;
    c = static_cast<uint8_t>(s[i]);
    static constexpr std::string_view kFrom = "\"\\/bfnrt", kTo = "\"\\/\b\f\n\r\t";
    if (size_t at = kFrom.find(static_cast<char>(c)); at != std::string_view::npos) {
      out.push_back(kTo[at]);
      ++i;
      continue;
    }
    if (c != 'u') return false;
    ++i;
    uint32_t cp;
    bool valid = read_hex4(s, i, cp);
    if (is_lead_surrogate(cp)) {
      if (i >= n) break;
      if (s[i] == '\\') {
        if (++i >= n) break;
        if (s[i] == 'u') {
          ++i;
          uint32_t trail;
          if (read_hex4(s, i, trail) && is_trail_surrogate(trail))
            cp = 0x10000 + ((cp - 0xd800) << 10) + (trail - 0xdc00);
          else
            valid = false;
        } else {
          ++i;
          valid = false;
        }
      } else {
        ++i;
        valid = false;
      }
    } else if (is_trail_surrogate(cp)) {
      valid = false;
    }
    if (!valid)
      out += "\xef\xbf\xbd";
    else if (glib_printable(cp) && i < n)  // an escape ending the string adds nothing
      append_utf8(out, cp);
  }
  return true;
}

}  // namespace netsift::json
