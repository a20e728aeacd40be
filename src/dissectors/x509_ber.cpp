#include "dissectors/x509_ber.h"
#include "core/append_format.h"

#include <fmt/format.h>

#include "core/expert.h"
#include "core/field_registry.h"
#include "core/text_format.h"
#include "dissectors/x509_fields.h"

namespace netsift {

namespace {

[[noreturn]] void malformed() {
  throw BoundsError{false};
}

const char* field_name(FieldId f) {
  return registry().info(f).def.name;
}

// UTF-8 for a BMPString (UCS-2) or UniversalString (UCS-4) content, big-endian code units.
std::string wide_to_utf8(const uint8_t* p, size_t n, size_t unit) {
  std::string out;
  for (size_t i = 0; i + unit <= n; i += unit) {
    uint32_t c = 0;
    for (size_t k = 0; k < unit; ++k) c = (c << 8) | p[i + k];
    if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) c = 0xfffd;
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xc0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3f)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xe0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3f)));
    } else {
      out.push_back(static_cast<char>(0xf0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3f)));
    }
  }
  return out;
}

size_t wide_unit(const BerHeader& h) {
  if (h.universal(ber_tag::kBmpString)) return 2;
  if (h.universal(ber_tag::kUniversalString)) return 4;
  return 0;
}

}  // namespace

std::string item_count_text(size_t n) {
  return fmt::format("{} item{}", n, n == 1 ? "" : "s");
}

BerTree::Depth::Depth(BerTree& t) : t_(t) {
  if (++t_.depth_ > kMaxBerDepth) {
    --t_.depth_;
    malformed();
  }
}

BerHeader BerTree::next(size_t off, size_t limit) const {
  BerHeader h = read_ber_header(r_, off, limit);
  if (h.error != BerError::kNone) malformed();
  return h;
}

BerHeader BerTree::expect(size_t off, size_t limit, BerClass cls, uint32_t tag) const {
  BerHeader h = next(off, limit);
  if (!h.is(cls, tag)) malformed();
  return h;
}

size_t BerTree::count_items(const BerHeader& h) const {
  size_t n = 0;
  for (size_t off = h.content(); off < h.end(); off = next(off, h.end()).end()) ++n;
  return n;
}

int BerTree::sequence(int parent, FieldId f, const BerHeader& h, std::string_view suffix) {
  if (!h.constructed) malformed();
  int n = pkt_.tree.add(parent, f, r_, h.offset, h.end() - h.offset, Value{});
  if (pkt_.labels && (h.length == 0 || !suffix.empty())) {
    std::string text = field_name(f);
    if (!suffix.empty()) text.append(" (").append(suffix).push_back(')');
    if (h.length == 0) text.append(" [0 length]");
    set_label(n, text);
  }
  return n;
}

int BerTree::sequence_of(int parent, FieldId f, const BerHeader& h, std::string_view suffix) {
  if (!h.constructed) malformed();
  size_t count = count_items(h);
  int n = pkt_.add_uint(parent, f, r_, h.content(), h.length, count);
  if (pkt_.labels) {
    std::string text = fmt::format("{}: {}", field_name(f), item_count_text(count));
    if (!suffix.empty()) text.append(" (").append(suffix).push_back(')');
    set_label(n, text);
  }
  return n;
}

int BerTree::choice(int parent, FieldId f, const BerHeader& h, uint32_t index, bool implicit) {
  if (implicit) return pkt_.add_uint(parent, f, r_, h.content(), h.length, index);
  return pkt_.add_uint(parent, f, r_, h.offset, h.end() - h.offset, index);
}

int BerTree::oid(int parent, FieldId f, const BerHeader& h) {
  if (h.constructed || h.length == 0) malformed();
  return pkt_.add_item(parent, f, r_, h.content(), h.length);
}

int BerTree::string(int parent, FieldId f, const BerHeader& h) {
  if (h.constructed) malformed();
  size_t unit = wide_unit(h);
  if (!unit) return pkt_.add_item(parent, f, r_, h.content(), h.length);
  std::string utf8 = wide_to_utf8(r_.ptr(h.content(), h.length), h.length, unit);
  std::string_view copy = pkt_.arena.copy(utf8);
  return pkt_.tree.add(parent, f, r_, h.content(), h.length,
                       Value::of_bytes(reinterpret_cast<const uint8_t*>(copy.data()), copy.size()));
}

void BerTree::set_label(int n, std::string_view text) {
  constexpr size_t kItemLabelLength = 240;  // Wireshark's ITEM_LABEL_LENGTH, with its NUL
  if (text.size() >= kItemLabelLength) {
    size_t cut = kItemLabelLength - 1;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;
    text = text.substr(0, cut);
  }
  pkt_.set_label(n, text);
}

void BerTree::oid_not_implemented(int parent, const BerHeader& h) {
  static constexpr const char* kMessage =
      "BER: Dissector for OID not implemented. Contact Wireshark developers if you want this "
      "supported";
  int text = pkt_.tree.add(parent, kNoField, r_, h.content(), h.length, Value{});
  set_label(text, kMessage);
  add_expert(pkt_, text, ber::error_oid_not_implemented, r_, h.content(), 0, kMessage, kExpertWarn,
             kGroupUndecoded);
}

std::string BerTree::text_of(const BerHeader& h) const {
  const uint8_t* p = r_.ptr(h.content(), h.length);
  std::string raw;
  if (size_t unit = wide_unit(h))
    raw = wide_to_utf8(p, h.length, unit);
  else
    raw.assign(reinterpret_cast<const char*>(p), h.length);
  std::string out;
  append_formatted_text(out, raw);
  return out;
}

int BerTree::bytes(int parent, FieldId f, const BerHeader& h) {
  if (h.constructed) malformed();
  return pkt_.add_item(parent, f, r_, h.content(), h.length);
}

int BerTree::integer(int parent, FieldId f, const BerHeader& h, int64_t* value) {
  if (h.constructed || h.length == 0) malformed();
  // tshark keeps the low 64 bits of a longer integer; its sign comes from the first octet.
  const uint8_t* p = r_.ptr(h.content(), h.length);
  uint64_t v = p[0] & 0x80 ? ~uint64_t{0} : 0;
  for (size_t i = 0; i < h.length; ++i) v = (v << 8) | p[i];
  if (value) *value = static_cast<int64_t>(v);
  if (is_signed(registry().info(f).def.type))
    return pkt_.tree.add(parent, f, r_, h.content(), h.length,
                         Value::of_int(static_cast<int64_t>(v)));
  return pkt_.add_uint(parent, f, r_, h.content(), h.length, v);
}

int BerTree::big_integer(int parent, FieldId f, const BerHeader& h) {
  if (h.constructed || h.length == 0) malformed();
  int n = pkt_.add_item(parent, f, r_, h.content(), h.length);
  if (pkt_.labels) {
    constexpr size_t kShown = 36;  // tshark's item texts show at most 36 bytes of a byte field
    const uint8_t* p = r_.ptr(h.content(), h.length);
    std::string text = fmt::format("{}: 0x", field_name(f));
    for (size_t i = 0; i < h.length && i < kShown; ++i)
      append_format(text, "{:02x}", p[i]);
    if (h.length > kShown) text.append("…");
    set_label(n, text);
  }
  return n;
}

int BerTree::boolean(int parent, FieldId f, const BerHeader& h) {
  if (h.constructed || h.length != 1) malformed();
  return pkt_.add_uint(parent, f, r_, h.content(), 1, r_.u8(h.content()) != 0);
}

int BerTree::bit_string(int parent, FieldId f, const BerHeader& h, bool show_padding) {
  if (h.constructed || h.length == 0) malformed();
  if (show_padding) pkt_.add_item(parent, ber::bitstring_padding, r_, h.content(), 1);
  return pkt_.add_item(parent, f, r_, h.content() + 1, h.length - 1);
}

}  // namespace netsift
