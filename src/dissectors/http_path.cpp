// "Path segment" and "Path sub segment" items under a request path, as tshark 4.0's
// http_add_path_components_to_tree splits it (RFC 3986 section 2.2 delimiters; only HTTP/2's
// :path uses it in 4.0). Its walk is reproduced as it is, quirks included: a path without a
// general delimiter (":?#[]@") gets no items, "/" splits nothing, every segment after the first
// is as long as the first, and the next general delimiter is always searched from just after
// the first one.
#include <string_view>

#include "core/field_registry.h"
#include "dissectors/http.h"

namespace netsift {

namespace {

FieldId f_path_segment, f_path_sub_segment;

const FieldReg kFields[] = {
    {&f_path_segment,
     {.name = "Path segment", .abbrev = "http.path_segment", .type = FieldType::kString}},
    {&f_path_sub_segment,
     {.name = "Path sub segment", .abbrev = "http.path_sub_segment", .type = FieldType::kString}},
};

constexpr std::string_view kGeneralDelimiters = ":?#[]@";
constexpr std::string_view kSubDelimiters = "!$&'()*+,;";

// The first byte of r[from, from+len) (clipped to `end`) in `set`, or npos.
size_t find_any(const ByteReader& r, size_t from, size_t len, size_t end, std::string_view set) {
  size_t stop = std::min(from + len, end);
  for (size_t i = from; i < stop; ++i)
    if (set.find(static_cast<char>(r.u8(i))) != std::string_view::npos) return i;
  return std::string_view::npos;
}

}  // namespace

void add_http_path_components(Packet& pkt, int item, const ByteReader& r, size_t off, size_t len) {
  constexpr size_t npos = std::string_view::npos;
  const size_t end = off + len;
  size_t gen = find_any(r, off, len, end, kGeneralDelimiters);
  if (gen == npos) return;
  const size_t first_len = gen - off;
  // tshark searches one byte past the value here (a length byte of the next header, never a
  // delimiter); the search stops at the value's end instead.
  const size_t next_gen = find_any(r, gen + 1, len - first_len, end, kGeneralDelimiters);
  const size_t sub_end = next_gen == npos ? end : next_gen - 1;
  while (end > off) {
    // A segment reaching past the value is cut at its end (tshark reads on into the next
    // header's bytes).
    pkt.add_item(item, f_path_segment, r, off, std::min(first_len, end - off));
    off += first_len + 1;
    while (sub_end > off) {
      size_t sub = find_any(r, off, sub_end - off, end, kSubDelimiters);
      if (sub == npos) {
        pkt.add_item(item, f_path_sub_segment, r, off, sub_end - off);
        off = sub_end;
      } else {
        pkt.add_item(item, f_path_sub_segment, r, off, sub - off);
        off = sub + 1;
      }
    }
  }
}

void register_http_path_fields(FieldId proto_http) {
  registry().add_fields(proto_http, kFields);
}

}  // namespace netsift
