#include "dissectors/json_compact.h"

#include <fmt/format.h>

#include "core/dissector_bug.h"
#include "core/field_registry.h"
#include "core/text_format.h"
#include "dissectors/json_text.h"

namespace netsift::json {

namespace {

FieldId f_array_compact, f_object_compact, f_member_compact, f_array_item_compact, f_text;

const FieldReg kFields[] = {
    {&f_array_compact,
     {.name = "Array compact", .abbrev = "json.array_compact", .blurb = "JSON array compact"}},
    {&f_object_compact,
     {.name = "Object compact", .abbrev = "json.object_compact", .blurb = "JSON object compact"}},
    {&f_member_compact,
     {.name = "Member compact", .abbrev = "json.member_compact", .blurb = "JSON member compact"}},
    {&f_array_item_compact,
     {.name = "Array item compact",
      .abbrev = "json.array_item_compact",
      .blurb = "JSON array item compact"}},
    // Not a tshark field: the "JSON compact form:" text item.
    {&f_text, {.name = "Text", .abbrev = "json.text"}},
};

constexpr int kTop = -3;
constexpr int kObjectWithKey = -2;
constexpr int kObjectWithoutKey = -1;

}  // namespace

void count_tree_item(size_t& items, FieldId f) {
  if (++items > kMaxTreeItems)
    throw DissectorBug{"JSON", fmt::format("Adding {} would put more than {} items in the tree "
                                           "-- possible infinite loop (max number of items can "
                                           "be increased in advanced preferences)",
                                           registry().info(f).def.abbrev, kMaxTreeItems)};
}

int CompactTree::add_root(Packet& pkt, const ByteReader& body, int json_top) {
  int root = pkt.tree.add(json_top, f_text, body, 0, body.size(), Value{});
  pkt.set_label(root, "JSON compact form:");
  return root;
}

CompactTree::CompactTree(Packet& pkt, const ByteReader& text, int root, size_t& items)
    : pkt_(pkt), body_(text), items_(items) {
  parents_.assign(1, root);
  indexes_.assign(1, kTop);
}

int CompactTree::add(int parent, FieldId f, const Event& e) {
  count_tree_item(items_, f);
  return pkt_.tree.add(parent, f, body_, e.off, e.len, Value{});
}

void CompactTree::set_label(int n, std::string text) {
  if (pkt_.labels) pkt_.set_label(n, text);
}

// proto_item_append_text: stops at Wireshark's label size.
void CompactTree::append_label(int n, std::string_view text) {
  if (!pkt_.labels || !pkt_.tree[n].label) return;
  std::string label = pkt_.tree[n].label;
  label.append(text);
  cut_appended_label(label);
  pkt_.set_label(n, label);
}

namespace {

// Bytes of the invalid sequence at s[i] that one U+FFFD replaces: the lead byte and the
// continuation bytes that could still have completed it (Unicode's maximal subpart, as GLib
// and Wireshark replace them).
size_t invalid_sequence_length(std::string_view s, size_t i) {
  auto c = static_cast<uint8_t>(s[i]);
  size_t n = c >= 0xf0 ? (c <= 0xf4 ? 4 : 1) : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 1;
  size_t k = 1;
  for (; k < n && i + k < s.size(); ++k) {
    auto b = static_cast<uint8_t>(s[i + k]);
    uint8_t lo = 0x80, hi = 0xbf;
    if (k == 1) {
      if (c == 0xe0) lo = 0xa0;
      if (c == 0xed) hi = 0x9f;
      if (c == 0xf0) lo = 0x90;
      if (c == 0xf4) hi = 0x8f;
    }
    if (b < lo || b > hi) break;
  }
  return k;
}

}  // namespace

std::string CompactTree::token_text(uint32_t off, uint32_t len) const {
  std::string_view raw(reinterpret_cast<const char*>(body_.data() + off), len);
  std::string out;
  for (size_t i = 0; i < raw.size() && raw[i] != '\0';) {
    size_t n = utf8_sequence_length(raw, i);
    if (n == 0) {
      out.append("\xef\xbf\xbd");
      i += invalid_sequence_length(raw, i);
    } else {
      out.append(raw.substr(i, n));
      i += n;
    }
  }
  return out;
}

void CompactTree::apply(const Event& e) {
  int tree = parents_.back();
  int& index = indexes_.back();
  switch (e.kind) {
    case EventKind::kBeginObject: {
      int sub = tree;
      if (index >= 0) {  // an element of an array: "N:"
        sub = add(tree, f_object_compact, e);
        set_label(sub, fmt::format("{}:", index));
        ++index;
      }
      parents_.push_back(sub);
      indexes_.push_back(kObjectWithoutKey);
      return;
    }
    case EventKind::kEndObject:
      append_label(tree, index == kObjectWithKey ? " {...}" : " {}");
      parents_.pop_back();
      indexes_.pop_back();
      return;
    case EventKind::kBeginArray:
      indexes_.push_back(0);  // no item of its own: its elements go under the current item
      return;
    case EventKind::kEndArray:
      append_label(tree, index == 0 ? " []" : " [...]");
      indexes_.pop_back();
      return;
    case EventKind::kBeginMember: {
      // The key with its quotes, unescaped as a C string (the full tree has checked it).
      std::string_view raw(reinterpret_cast<const char*>(body_.data() + e.key_off), e.key_len);
      json::unescape(raw, unescaped_);
      int n = add(tree, f_member_compact, e);
      set_label(n,
                std::string(std::string_view(unescaped_).substr(0, unescaped_.find('\0'))) + ":");
      parents_.push_back(n);
      return;
    }
    case EventKind::kEndMember:
      parents_.pop_back();
      indexes_.back() = kObjectWithKey;
      return;
    default:
      if (index >= 0) {
        int n = add(tree, f_array_item_compact, e);
        set_label(n, fmt::format("{}: {}", index, token_text(e.off, e.len)));
        ++index;
      } else {
        append_label(tree, " " + token_text(e.off, e.len));
      }
      return;
  }
}

void register_compact_fields(FieldId proto) {
  registry().add_fields(proto, kFields);
}

}  // namespace netsift::json
