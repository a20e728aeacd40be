// Lines and strings as the HTTP dissector reads and labels them.
#include <cctype>

#include "core/ascii.h"
#include "core/text_format.h"
#include "dissectors/http_internal.h"
#include "dissectors/media.h"

namespace netsift::http {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Line find_line(const ByteReader& r, size_t off) {
  Line l;
  size_t n = r.size();
  const uint8_t* p = r.data();
  for (size_t i = off; i < n; ++i) {
    if (p[i] == '\n') return {i - off, i + 1, true};
    if (p[i] == '\r') {
      if (i + 1 >= n) break;
      return {i - off, i + (p[i + 1] == '\n' ? 2 : 1), true};
    }
  }
  l.len = n > off ? n - off : 0;
  l.next = n;
  return l;
}

bool text_wanted(const Packet& pkt) {
  return pkt.cols.enabled;
}

std::string escaped(std::string_view line_with_eol) {
  std::string s;
  append_formatted_text(s, line_with_eol);
  return s;
}

void label_line(Packet& pkt, int node, std::string_view line_with_eol) {
  // Tree text only: summary lines (columns alone) never print it.
  if (pkt.labels) pkt.set_label(node, escaped(line_with_eol));
}

int add_string(Packet& pkt, int parent, FieldId f, const ByteReader& r, size_t off, size_t len,
               std::string_view value, uint8_t flags) {
  value = ascii_string(pkt, value);
  return pkt.tree.add(parent, f, r, off, len,
                      Value::of_bytes(reinterpret_cast<const uint8_t*>(value.data()), value.size()),
                      flags);
}

}  // namespace netsift::http
