// "JavaScript Object Notation" (json): a JSON body as tshark 4.0 shows it. The grammar
// (json_grammar.cpp) finds the texts tshark would and lists its callbacks; replaying them here
// builds tshark's tree: Object / Array / Member items, each scalar value preceded by its
// generated [Path with value] and [Member with value], each member closed by its Key and [Path].
// Bytes after the last text that matched go to data-text-lines, as tshark hands them on.
// Not reproduced: the 5G-core keys packet-json_3gpp.c registers (suppFeat, pgwNodeName, ...),
// which tshark shows as json.3gpp.* items instead of json.value.string.
#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "core/dissector_bug.h"
#include "core/field_registry.h"
#include "core/preferences.h"
#include "core/session.h"
#include "dissectors/json_compact.h"
#include "dissectors/json_grammar.h"
#include "dissectors/json_text.h"
#include "dissectors/media.h"

namespace netsift {

namespace {

FieldId proto_json, f_array, f_object, f_member, f_key, f_path, f_path_with_value,
    f_member_with_value, f_string, f_number, f_false, f_null, f_true, f_nan,
    f_ignored_leading_bytes;

// tshark's "json" preferences (-o json.NAME:VALUE, -G defaultprefs), registered at the end.
BoolPref pref_compact_form;
BoolPref pref_ignore_leading_bytes;
BoolPref pref_hide_extended_path_based_filtering;

const FieldReg kFields[] = {
    {&f_array, {.name = "Array", .abbrev = "json.array", .blurb = "JSON array"}},
    {&f_object, {.name = "Object", .abbrev = "json.object", .blurb = "JSON object"}},
    {&f_member,
     {.name = "Member",
      .abbrev = "json.member",
      .type = FieldType::kString,
      .blurb = "JSON object member"}},
    {&f_key, {.name = "Key", .abbrev = "json.key", .type = FieldType::kString}},
    {&f_path, {.name = "Path", .abbrev = "json.path", .type = FieldType::kString}},
    {&f_path_with_value,
     {.name = "Path with value", .abbrev = "json.path_with_value", .type = FieldType::kString}},
    {&f_member_with_value,
     {.name = "Member with value", .abbrev = "json.member_with_value", .type = FieldType::kString}},
    {&f_string,
     {.name = "String value",
      .abbrev = "json.value.string",
      .type = FieldType::kString,
      .blurb = "JSON string value"}},
    {&f_number,
     {.name = "Number value",
      .abbrev = "json.value.number",
      .type = FieldType::kString,
      .blurb = "JSON number value"}},
    {&f_false, {.name = "False value", .abbrev = "json.value.false", .blurb = "JSON false value"}},
    {&f_null, {.name = "Null value", .abbrev = "json.value.null", .blurb = "JSON null value"}},
    {&f_true, {.name = "True value", .abbrev = "json.value.true", .blurb = "JSON true value"}},
    {&f_nan, {.name = "NaN value", .abbrev = "json.value.nan", .blurb = "JSON NaN value"}},
};

// After the compact form's fields, as tshark registers them.
const FieldReg kLaterFields[] = {
    {&f_ignored_leading_bytes,
     {.name = "Ignored leading bytes",
      .abbrev = "json.ignored_leading_bytes",
      .type = FieldType::kString}},
};

// The media types tshark 4.0 registers the json dissector for (packet-json.c handoff).
constexpr std::string_view kJsonTypes[] = {
    "application/json",
    "application/senml+json",
    "application/sensml+json",
    "application/json-rpc",
    "application/jsonrequest",
    "application/dds-web+json",
    "application/vnd.oma.lwm2m+json",
    "application/problem+json",
    "application/merge-patch+json",
    "application/json-patch+json",
    "application/x-ndjson",
};

Value text_value(std::string_view s) {
  return Value::of_bytes(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

// Replays the grammar's events as tshark's callbacks (before/after_object, _member, _array,
// after_value), keeping its path stack: each level's path and the key its values are listed
// under ("[]" inside arrays). Strings are C strings to tshark: they end at a NUL.
class TreeBuilder {
 public:
  // `compact_root`: json.compact_form's subtree (-1: none). The generated path items are
  // hidden with json.hide_extended_path_based_filtering.
  TreeBuilder(Packet& pkt, const ByteReader& body, int top, int compact_root, bool hide_paths)
      : pkt_(pkt),
        body_(body),
        want_paths_(pkt.tree.wants(f_path) || pkt.tree.wants(f_path_with_value)),
        path_flags_(static_cast<uint8_t>(kGenerated | (hide_paths ? kHidden : 0))),
        items_(pkt.tree.size()) {
    parents_.assign(1, top);
    path_.clear();
    path_ends_.assign(1, 0);
    keys_.assign(1, std::string_view());
    if (compact_root >= 0) compact_.emplace(pkt, body, compact_root, items_);
  }

  // Throws DissectorBug where tshark's does: at a backslash followed by whitespace in a
  // string (its failed assertion), and at the item that would make the tree hold more than
  // gui.max_tree_items.
  void replay(const std::vector<json::Event>& events) {
    for (const json::Event& e : events) {
      if (!apply(e))
        throw DissectorBug{"JSON",
                           "./epan/dissectors/packet-json.c:533: failed assertion "
                           "\"DISSECTOR_ASSERT_NOT_REACHED\""};
      if (compact_) compact_->apply(e);
    }
  }

 private:
  // tshark counts every item added to a packet's tree and stops the dissection past
  // 1 000 000 (the gui.max_tree_items default); netsift counts the nodes before the body and
  // every item added here. That also bounds the memory one body's tree can take.
  int add(int parent, FieldId f, uint32_t off, uint32_t len, Value v, uint8_t flags = 0) {
    json::count_tree_item(items_, f);
    return pkt_.tree.add(parent, f, body_, off, len, v, flags);
  }

  bool apply(const json::Event& e) {
    using json::EventKind;
    switch (e.kind) {
      case EventKind::kBeginObject:
        parents_.push_back(add(parents_.back(), f_object, e.off, e.len, Value{}));
        return true;
      case EventKind::kEndObject:
        parents_.pop_back();
        return true;
      case EventKind::kBeginArray:
        parents_.push_back(add(parents_.back(), f_array, e.off, e.len, Value{}));
        push_level("[]");
        return true;
      case EventKind::kEndArray:
        parents_.pop_back();
        pop_level();
        return true;
      case EventKind::kBeginMember: {
        std::string_view key;
        if (!string_text(e.key_off, e.key_len, key)) return false;
        parents_.push_back(add(parents_.back(), f_member, e.off, e.len, text_value(key)));
        push_level(key);
        return true;
      }
      case EventKind::kEndMember: {
        int member = parents_.back();
        parents_.pop_back();
        add(member, f_key, e.key_off, e.key_len, text_value(keys_.back()));
        add_string(member, f_path, e, path_, path_flags_);
        pop_level();
        return true;
      }
      default:
        return scalar(e);
    }
  }

  bool scalar(const json::Event& e) {
    using json::EventKind;
    std::string_view value;
    if (e.kind == EventKind::kString) {
      if (!string_text(e.off, e.len, value)) return false;
    } else {
      value = {reinterpret_cast<const char*>(body_.data() + e.off), e.len};
    }
    int parent = parents_.back();
    scratch_.clear();
    if (want_paths_) {
      scratch_.assign(path_);
      scratch_ += ':';
      scratch_ += value;
    }
    add_string(parent, f_path_with_value, e, scratch_, path_flags_);
    scratch_.clear();
    if (pkt_.tree.wants(f_member_with_value)) {
      scratch_.assign(keys_.back());
      scratch_ += ':';
      scratch_ += value;
    }
    add_string(parent, f_member_with_value, e, scratch_, path_flags_);
    FieldId f = e.kind == EventKind::kString   ? f_string
                : e.kind == EventKind::kNumber ? f_number
                : e.kind == EventKind::kFalse  ? f_false
                : e.kind == EventKind::kNull   ? f_null
                : e.kind == EventKind::kTrue   ? f_true
                                               : f_nan;
    bool valued = f == f_string || f == f_number;
    add(parent, f, e.off, e.len, valued ? text_value(value) : Value{});
    return true;
  }

  // The text of the string token at [off, off+len) (quotes included), in the packet arena.
  bool string_text(uint32_t off, uint32_t len, std::string_view& out) {
    std::string_view raw(reinterpret_cast<const char*>(body_.data() + off + 1), len - 2);
    if (!json::unescape(raw, unescaped_)) return false;
    out = pkt_.arena.copy(std::string_view(unescaped_).substr(0, unescaped_.find('\0')));
    return true;
  }

  void add_string(int parent, FieldId f, const json::Event& e, std::string_view s, uint8_t flags) {
    std::string_view copy = pkt_.tree.wants(f) ? pkt_.arena.copy(s) : std::string_view();
    add(parent, f, e.off, e.len, text_value(copy), flags);
  }

  void push_level(std::string_view key) {
    if (want_paths_) {
      path_ += '/';
      path_ += key;
    }
    path_ends_.push_back(path_.size());
    keys_.push_back(key);
  }
  void pop_level() {
    path_ends_.pop_back();
    keys_.pop_back();
    path_.resize(path_ends_.back());
  }

  Packet& pkt_;
  const ByteReader& body_;
  bool want_paths_;
  uint8_t path_flags_;
  size_t items_;  // tree items so far, as tshark counts them
  std::optional<json::CompactTree> compact_;
  // Reused from body to body: no allocation once grown.
  static inline std::vector<int> parents_;
  static inline std::string path_, scratch_, unescaped_;
  static inline std::vector<size_t> path_ends_;
  static inline std::vector<std::string_view> keys_;
};

// Whether the run keeps any JSON item (the fake tree may keep none: summary lines, -T fields
// and filters on other protocols).
bool wants_json_items(const Packet& pkt) {
  for (FieldId f : {f_array, f_object, f_member, f_key, f_path, f_path_with_value,
                    f_member_with_value, f_string, f_number, f_false, f_null, f_true, f_nan})
    if (pkt.tree.wants(f)) return true;
  return false;
}

// When no JSON item is kept, what replaying the events would still decide: the dissector bugs
// TreeBuilder raises. A string can fail to unescape only where it has a backslash, and each
// event adds a fixed number of items (Begin*: 1; EndMember: Key and Path; a scalar: its two
// generated items and the value).
void check_events(Packet& pkt, const ByteReader& body, int top,
                  const std::vector<json::Event>& events) {
  using json::EventKind;
  static std::string unescaped;
  auto check_string = [&](uint32_t off, uint32_t len) {
    std::string_view raw(reinterpret_cast<const char*>(body.data() + off + 1), len - 2);
    if (raw.find('\\') != std::string_view::npos && !json::unescape(raw, unescaped))
      throw DissectorBug{"JSON",
                         "./epan/dissectors/packet-json.c:533: failed assertion "
                         "\"DISSECTOR_ASSERT_NOT_REACHED\""};
  };
  size_t items = pkt.tree.size();
  for (const json::Event& e : events) {
    size_t added = 1;
    switch (e.kind) {
      case EventKind::kEndObject:
      case EventKind::kEndArray:
        added = 0;
        break;
      case EventKind::kBeginObject:
      case EventKind::kBeginArray:
        break;
      case EventKind::kBeginMember:
        check_string(e.key_off, e.key_len);
        break;
      case EventKind::kEndMember:
        added = 2;
        break;
      default:
        if (e.kind == EventKind::kString) check_string(e.off, e.len);
        added = 3;
    }
    // Past the limit, the replay raises the bug naming the item that crosses it.
    if (items + added > json::kMaxTreeItems) {
      TreeBuilder(pkt, body, top, -1, false).replay(events);
      return;
    }
    items += added;
  }
}

}  // namespace

bool is_json_type(std::string_view media_type) {
  for (std::string_view t : kJsonTypes)
    if (t == media_type) return true;
  return false;
}

void dissect_json(Packet& pkt, const ByteReader& body, std::string_view media_type, int parent) {
  bool want_text = pkt.cols.enabled;
  if (want_text) {
    pkt.cols.protocol += pkt.cols.protocol.empty() ? "JSON" : "/JSON";
    pkt.cols.append_sep_info(", ", "JavaScript Object Notation");
  }
  const PrefStore& prefs = pkt.session->prefs;
  int top = pkt.add_protocol(parent, proto_json, body, 0, 0);
  if (want_text) pkt.set_label(top, fmt::format("JavaScript Object Notation: {}", media_type));
  // json.ignore_leading_bytes: the text starts at the first '[' or '{' (the rest is shown as
  // one string item).
  size_t start = 0;
  if (prefs.get(pref_ignore_leading_bytes)) {
    while (start < body.size() && body.data()[start] != '[' && body.data()[start] != '{') ++start;
    if (start > 0) pkt.add_ascii(top, f_ignored_leading_bytes, body, 0, start);
  }
  bool compact = prefs.get(pref_compact_form);
  int compact_root = compact ? json::CompactTree::add_root(pkt, body, top) : -1;
  ByteReader text = body.sub(start, body.size() - start);
  static std::vector<json::Event> events;  // reused: no allocation per body once grown
  events.clear();
  size_t used = start + json::recognise(text.data(), text.size(), events);
  pkt.tree[top].length = static_cast<uint32_t>(used);
  if (wants_json_items(pkt) || compact)
    TreeBuilder(pkt, text, top, compact_root, prefs.get(pref_hide_extended_path_based_filtering))
        .replay(events);
  else
    check_events(pkt, text, top, events);
  if (used < body.size())
    dissect_text_lines(pkt, body.sub(used, body.size() - used), media_type);
  else if (want_text)
    pkt.cols.append_sep_info(" ", fmt::format("({})", media_type));
}

namespace {

const PrefReg kJsonPrefs[] = {
    pref_bool(&pref_compact_form, "compact_form",
              "Display JSON like in browsers devtool",
              false),
    pref_bool(&pref_ignore_leading_bytes, "ignore_leading_bytes",
              "Leading bytes will be ignored until first '[' or '{' is found.",
              false),
    pref_bool(&pref_hide_extended_path_based_filtering, "hide_extended_path_based_filtering",
              "Hide extended path based filtering",
              false),
};

}  // namespace

void register_json() {
  prefs_registry().add_module({"json", "JavaScript Object Notation"}, kJsonPrefs);
  FieldRegistry& reg = registry();
  proto_json = reg.add_protocol({"JavaScript Object Notation", "JSON", "json"});
  reg.add_fields(proto_json, kFields);
  json::register_compact_fields(proto_json);
  reg.add_fields(proto_json, kLaterFields);
}

}  // namespace netsift
