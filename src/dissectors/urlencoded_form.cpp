// "HTML Form URL Encoded" (urlencoded-form): an application/x-www-form-urlencoded body as
// tshark 4.0 lists it, one "Form item" per key=value pair, both decoded ('+' is a space, %XX a
// byte).
#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "core/ascii.h"
#include "core/field_registry.h"
#include "core/text_format.h"
#include "dissectors/media.h"

namespace netsift {

namespace {

FieldId proto_form, f_item, f_key, f_value;

const FieldReg kFields[] = {
    {&f_item, {.name = "Text", .abbrev = "urlencoded-form.text"}},  // a "Form item" line
    {&f_key, {.name = "Key", .abbrev = "urlencoded-form.key", .type = FieldType::kString}},
    {&f_value, {.name = "Value", .abbrev = "urlencoded-form.value", .type = FieldType::kString}},
};

// The text from `off` up to `delim` (or the end), decoded into `out`; the offset of the
// delimiter (or the end), or npos for a bad %-escape, where tshark stops listing items.
size_t decoded_until(const ByteReader& r, size_t off, uint8_t delim, std::string& out) {
  out.clear();
  const uint8_t* p = r.data();
  size_t n = r.size();
  while (off < n && p[off] != delim) {
    uint8_t c = p[off];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%') {
      int hi = off + 1 < n ? hex_digit_value(p[off + 1]) : -1;
      int lo = off + 2 < n ? hex_digit_value(p[off + 2]) : -1;
      if (hi < 0 || lo < 0) return std::string::npos;
      out.push_back(static_cast<char>(hi << 4 | lo));
      off += 2;
    } else {
      out.push_back(static_cast<char>(c));
    }
    ++off;
  }
  return off;
}

// Decoded text as a string item holds it: valid UTF-8 kept, each invalid byte U+FFFD; cut at a
// NUL (a C string to tshark). In the packet arena.
std::string_view utf8_string(Packet& pkt, std::string_view s) {
  s = s.substr(0, s.find('\0'));
  std::string out;
  for (size_t i = 0; i < s.size();) {
    size_t n = utf8_sequence_length(s, i);
    if (n == 0) {
      out += "\xef\xbf\xbd";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return pkt.arena.copy(out);
}

// tshark builds the item's text by appending to it, which cuts it silently.
void set_item_label(Packet& pkt, int item, std::string& label) {
  cut_appended_label(label);
  pkt.set_label(item, label);
}

}  // namespace

void dissect_urlencoded_form(Packet& pkt, const ByteReader& body, std::string_view media_type,
                             int parent) {
  bool want_text = pkt.cols.enabled;
  int top = pkt.add_protocol(parent, proto_form, body, 0, body.size());
  if (want_text) {
    pkt.set_label(top, fmt::format("HTML Form URL Encoded: {}", media_type));
    pkt.cols.append_sep_info(" ", fmt::format("({})", media_type));
  }
  std::string key, value, label;
  size_t off = 0;
  while (off < body.size()) {
    size_t start = off;
    int item = pkt.tree.add(top, f_item, body, off, 0, Value{});
    label = "Form item";
    if (want_text) pkt.set_label(item, label);
    size_t end = decoded_until(body, off, '=', key);
    if (end == std::string::npos) break;
    std::string_view k = utf8_string(pkt, key);
    pkt.tree.add(item, f_key, body, off, end - off,
                 Value::of_bytes(reinterpret_cast<const uint8_t*>(k.data()), k.size()));
    if (want_text) {
      label += ": \"";
      append_formatted_text(label, k);
      label += '"';
      set_item_label(pkt, item, label);
    }
    off = std::min(end + 1, body.size());
    end = decoded_until(body, off, '&', value);
    if (end == std::string::npos) break;
    std::string_view v = utf8_string(pkt, value);
    pkt.tree.add(item, f_value, body, off, end - off,
                 Value::of_bytes(reinterpret_cast<const uint8_t*>(v.data()), v.size()));
    if (want_text) {
      label += " = \"";
      append_formatted_text(label, v);
      label += '"';
      set_item_label(pkt, item, label);
    }
    off = std::min(end + 1, body.size());
    pkt.tree[item].length = static_cast<uint32_t>(off - start);
  }
}

void register_urlencoded_form() {
  FieldRegistry& reg = registry();
  proto_form =
      reg.add_protocol({"HTML Form URL Encoded", "HTML Form URL Encoded", "urlencoded-form"});
  reg.add_fields(proto_form, kFields);
}

}  // namespace netsift
