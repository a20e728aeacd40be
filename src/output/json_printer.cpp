#include "output/json_printer.h"
#include "core/append_format.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "core/field_registry.h"
#include "core/text_format.h"
#include "output/label_format.h"
#include "output/value_format.h"

namespace netsift {

namespace {

// Wireshark's ftenum numbers, the last element of a jsonraw "_raw" array.
int ftenum(FieldType t) {
  switch (t) {
    case FieldType::kNone:
      return 0;
    case FieldType::kProtocol:
      return 1;
    case FieldType::kBoolean:
      return 2;
    case FieldType::kChar:
      return 3;
    case FieldType::kUint8:
      return 4;
    case FieldType::kUint16:
      return 5;
    case FieldType::kUint24:
      return 6;
    case FieldType::kUint32:
      return 7;
    case FieldType::kUint40:
      return 8;
    case FieldType::kUint48:
      return 9;
    case FieldType::kUint64:
      return 11;
    case FieldType::kInt8:
      return 12;
    case FieldType::kInt16:
      return 13;
    case FieldType::kInt24:
      return 14;
    case FieldType::kInt32:
      return 15;
    case FieldType::kInt64:
      return 19;
    case FieldType::kFloat:
      return 22;
    case FieldType::kDouble:
      return 23;
    case FieldType::kAbsTime:
      return 24;
    case FieldType::kRelTime:
      return 25;
    case FieldType::kString:
      return 26;
    case FieldType::kStringz:
      return 27;
    case FieldType::kEther:
      return 29;
    case FieldType::kBytes:
      return 30;
    case FieldType::kIpv4:
      return 32;
    case FieldType::kIpv6:
      return 33;
    case FieldType::kFrameNum:
      return 35;
    case FieldType::kOid:
      return 37;
  }
  return 0;
}

void indent(std::string& out, int depth) {
  out.append(static_cast<size_t>(depth) * 2, ' ');
}

// Starts a member of a pretty-printed object: separator, newline, indentation, key.
void member(std::string& out, int depth, bool& first, std::string_view key) {
  out.append(first ? "\n" : ",\n");
  first = false;
  indent(out, depth);
  append_json_string(out, key);
  out.append(": ");
}

// Whether a node has a value (tshark: fvalue_to_string_repr gives one): protocols, text items
// and FT_NONE items never, except the option protocols tshark registers as FT_BYTES.
bool has_value(const FieldInfo& f) {
  if (f.def.type == FieldType::kProtocol) return f.protocol_bytes_value;
  return f.def.type != FieldType::kNone && !is_text_item(f);
}

// The bytes a node covers as jsonraw and -x show them ("_raw"), or the value of a bitmask
// field in hex, as tshark's json_write_field_hex_value and its bitmask case.
void append_raw_value(std::string& out, const Packet& pkt, const Node& n, const FieldInfo& f) {
  if (f.def.bitmask != 0 && f.def.type != FieldType::kProtocol) {
    out.push_back('"');
    append_bitmask_value_hex(out, n, f);
    out.push_back('"');
    return;
  }
  ByteReader r = source_reader(pkt, n.source);
  if (!r.has(n.offset, n.length)) {
    out.append("\"field length invalid!\"");
    return;
  }
  out.push_back('"');
  append_hex_bytes(out, r.data() + n.offset, n.length);
  out.push_back('"');
}

// "packets-2017-04-06", from the packet's local date as tshark uses it.
void append_index_name(std::string& out, const Packet& pkt) {
  time_t t = pkt.frame ? static_cast<time_t>(pkt.frame->ts.sec) : 0;
  struct tm tm {};
  localtime_r(&t, &tm);
  append_format(out, "packets-{:04}-{:02}-{:02}", tm.tm_year + 1900,
                 tm.tm_mon + 1, tm.tm_mday);
}

// ek shows absolute times in ISO 8601, UTC: "2017-04-06T22:06:23.915793000Z".
void append_ek_time(std::string& out, int64_t ns) {
  int64_t sec = ns / 1000000000, frac = ns % 1000000000;
  if (frac < 0) {
    frac += 1000000000;
    --sec;
  }
  time_t t = static_cast<time_t>(sec);
  struct tm tm {};
  gmtime_r(&t, &tm);
  append_format(out, "\"{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:09}Z\"",
                 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                 frac);
}

// An ek member name (dots become underscores when written): a protocol's abbreviation, a
// field's prefixed with its protocol's (tshark's hfinfo->parent), "text" for a text item.
std::string ek_name(const FieldInfo& f) {
  if (is_text_item(f)) return "text";
  if (f.protocol == f.id) return f.def.abbrev;
  return std::string(registry().info(f.protocol).def.abbrev) + "_" + f.def.abbrev;
}
}  // namespace

JsonPrinter::JsonPrinter(JsonStyle style, std::vector<std::string> fields, ColumnLayout columns)
    : style_(style), fields_(std::move(fields), std::move(columns)) {}

void JsonPrinter::begin(OutputSink& out) {
  if (style_ != JsonStyle::kEk) out.put('[');
}

void JsonPrinter::end(OutputSink& out) {
  if (style_ == JsonStyle::kEk) return;
  if (any_packet_) out.put('\n');
  out.write("]\n");
}

std::string JsonPrinter::json_key(const Packet& pkt, int index) {
  const Node& n = pkt.tree[index];
  const FieldInfo& f = registry().info(n.field);
  if (!is_text_item(f)) return f.def.abbrev;
  std::string key;
  append_representation(key, pkt, n);
  return key;
}

// tshark's check_protocolfilter (json) and ek_check_protocolfilter (ek, where "ip_flags" also
// lists ip.flags).
bool JsonPrinter::listed(std::string_view key, bool ek) const {
  for (const std::string& p : *filter_) {
    if (p == key) return true;
    if (ek && p.size() == key.size()) {
      bool same = true;
      for (size_t i = 0; i < p.size() && same; ++i) same = p[i] == (key[i] == '.' ? '_' : key[i]);
      if (same) return true;
    }
  }
  return false;
}

void JsonPrinter::write_raw(JsonWriter& w, const Packet& pkt, const Node& n) {
  const FieldInfo& f = registry().info(n.field);
  w.begin_array();
  scratch_.clear();
  append_raw_value(scratch_, pkt, n, f);
  w.raw(scratch_);
  w.raw(std::to_string(n.offset));
  w.raw(std::to_string(n.length));
  w.raw(std::to_string(f.def.type == FieldType::kProtocol ? 0 : f.def.bitmask));
  w.raw(std::to_string(f.protocol_bytes_value ? ftenum(FieldType::kBytes) : ftenum(f.def.type)));
  w.end_array();
}

void JsonPrinter::write_value(JsonWriter& w, const Packet& pkt, const Node& n) {
  scratch_.clear();
  append_display_value(scratch_, pkt, n);
  w.string(scratch_);
}

// A node without value or children: a protocol shows its text, anything else "".
void JsonPrinter::write_no_value(JsonWriter& w, const Packet& pkt, const Node& n) {
  scratch_.clear();
  if (registry().info(n.field).def.type == FieldType::kProtocol)
    append_representation(scratch_, pkt, n);
  w.string(scratch_);
}

// tshark's write_json_proto_node_list for one key: its nodes' raw bytes, values, children and
// empty values, each one member (an array when the key has several nodes).
void JsonPrinter::write_group(JsonWriter& w, const Packet& pkt, const std::vector<int>& group) {
  const Node& first = pkt.tree[group[0]];
  const FieldInfo& f = registry().info(first.field);
  std::string key = json_key(pkt, group[0]);
  bool text = is_text_item(f), value = has_value(f);
  bool children = false;
  for (int g : group) children |= children_.has_children(g);
  bool print_text = style_ != JsonStyle::kJsonRaw;
  bool print_hex = style_ == JsonStyle::kJsonRaw || tree_.hex;
  bool many = group.size() > 1;
  auto each = [&](auto&& write_one) {
    if (many) w.begin_array();
    for (int g : group) write_one(g);
    if (many) w.end_array();
  };
  if (print_hex && (!print_text || first.length > 0) && !text) {
    w.name(key, "_raw");
    each([&](int g) { write_raw(w, pkt, pkt.tree[g]); });
  }
  if (print_text && value) {
    w.name(key);
    each([&](int g) { write_value(w, pkt, pkt.tree[g]); });
  }
  if (children) {
    w.name(key, value ? "_tree" : "");
    if (filter_ && !listed(key, false)) {
      each([&](int) {
        w.begin_object();
        w.name("filtered");
        w.string(key);
        w.end_object();
      });
    } else {
      const std::vector<std::string>* saved = filter_;
      if (tree_.filter_includes_children) filter_ = nullptr;
      each([&](int g) {
        if (!children_.has_children(g))
          write_no_value(w, pkt, pkt.tree[g]);
        else
          write_children(w, pkt, g);
      });
      filter_ = saved;
    }
  }
  if (!value && !children && (print_text || (print_hex && text))) {
    w.name(key);
    each([&](int g) { write_no_value(w, pkt, pkt.tree[g]); });
  }
}

// The children of `parent` (-1: the top-level protocols) as an object, each child its own
// member as tshark writes by default, or grouped by key with --no-duplicate-keys.
void JsonPrinter::write_children(JsonWriter& w, const Packet& pkt, int parent) {
  std::vector<std::vector<int>> groups;
  std::vector<std::string> keys;
  for (int c = children_.first(parent); c != -1; c = children_.next(c)) {
    if (tree_.merge_duplicate_keys) {
      std::string key = json_key(pkt, c);
      auto it = std::find(keys.begin(), keys.end(), key);
      if (it != keys.end()) {
        groups[it - keys.begin()].push_back(c);
        continue;
      }
      keys.push_back(std::move(key));
    }
    groups.push_back({c});
  }
  w.begin_object();
  for (const auto& g : groups) write_group(w, pkt, g);
  w.end_object();
}

void JsonPrinter::append_selected_fields(std::string& out, const Packet& pkt, int depth) {
  out.push_back('{');
  bool first = true;
  for (size_t c = 0; c < fields_.size(); ++c) {
    bool open = false;
    fields_.for_each_value(pkt, c, scratch_, [&](const std::string& value) {
      if (!open) {
        member(out, depth + 1, first, fields_.name(c));
        out.push_back('[');
        open = true;
      } else {
        out.push_back(',');
      }
      out.push_back('\n');
      indent(out, depth + 2);
      append_json_string(out, value);
    });
    if (open) {
      out.push_back('\n');
      indent(out, depth + 1);
      out.push_back(']');
    }
  }
  if (!first) {
    out.push_back('\n');
    indent(out, depth);
  }
  out.push_back('}');
}

void JsonPrinter::packet(const Packet& pkt, OutputSink& out) {
  std::string& buf = out.buffer();
  if (style_ == JsonStyle::kEk) {
    append_ek(buf, pkt);
    return;
  }
  buf.append(any_packet_ ? ",\n" : "\n");
  any_packet_ = true;
  buf.append("  {\n    \"_index\": \"");
  append_index_name(buf, pkt);
  buf.append(
      "\",\n    \"_type\": \"doc\",\n    \"_score\": null,\n    \"_source\": {\n"
      "      \"layers\": ");
  if (!fields_.empty()) {
    append_selected_fields(buf, pkt, 3);
  } else {
    children_.build(pkt.tree);
    filter_ = tree_.protocol_filter.empty() ? nullptr : &tree_.protocol_filter;
    JsonWriter w(buf, true, false, 3);
    write_children(w, pkt, -1);
  }
  buf.append("\n    }\n  }");
}

// ek (tshark's proto_tree_write_node_ek): the descendants of `parent` down to the next
// protocols, grouped by their parent's and their own field in order of first appearance; each
// group is one member "<protocol>_<abbrev>" (an array when it has several nodes), a nested
// protocol an object of its own.
void JsonPrinter::collect_ek_attrs(const Packet& pkt, int parent) {
  FieldId parent_field = parent < 0 ? kNoField : pkt.tree[parent].field;
  for (int c = children_.first(parent); c != -1; c = children_.next(c)) {
    add_to_ek_group(pkt, c, parent_field, parent < 0);
    const FieldInfo& f = registry().info(pkt.tree[c].field);
    if (f.def.type == FieldType::kProtocol && !f.protocol_bytes_value) continue;
    if (!children_.has_children(c)) continue;
    if (!filter_) {
      collect_ek_attrs(pkt, c);
    } else if (!is_text_item(f) && listed(f.def.abbrev, true)) {
      const std::vector<std::string>* saved = filter_;
      if (tree_.filter_includes_children) filter_ = nullptr;
      collect_ek_attrs(pkt, c);
      filter_ = saved;
    }
  }
}

// Appends `node` to the group of its field under a parent of `parent_field` (a top-level node's
// parent is none: a text item's field is kNoField too, hence `root`), or starts that group.
void JsonPrinter::add_to_ek_group(const Packet& pkt, int node, FieldId parent_field, bool root) {
  uint64_t key = (uint64_t{pkt.tree[node].field} << 32) | (root ? 0xffffffffu : parent_field);
  size_t mask = ek_slots_.size() - 1;
  size_t i = (key * 0x9e3779b97f4a7c15ull) >> 20 & mask;
  while (ek_slots_[i].stamp == ek_stamp_ && ek_slots_[i].key != key) i = (i + 1) & mask;
  EkSlot& slot = ek_slots_[i];
  ek_next_[node] = -1;
  if (slot.stamp == ek_stamp_) {
    ek_next_[ek_groups_[slot.group].tail] = node;
    ek_groups_[slot.group].tail = node;
    return;
  }
  slot = EkSlot{key, ek_stamp_, static_cast<int>(ek_groups_.size())};
  ek_groups_.push_back({node, node});
}

void JsonPrinter::write_ek_value(JsonWriter& w, const Packet& pkt, const Node& n) {
  const FieldInfo& f = registry().info(n.field);
  scratch_.clear();
  if (is_text_item(f)) {
    append_representation(scratch_, pkt, n);
    w.string(scratch_);
  } else if (f.def.type == FieldType::kNone) {
    w.raw("null");
  } else if (f.def.type == FieldType::kBoolean) {
    w.raw(n.value.u ? "true" : "false");
  } else if (f.def.type == FieldType::kAbsTime) {
    append_ek_time(scratch_, n.value.i);
    w.raw(scratch_);
  } else {
    append_display_value(scratch_, pkt, n);
    w.string(scratch_);
  }
}

// ek member names, quoted with dots as underscores, made once per field.
const std::string& JsonPrinter::ek_quoted_name(const FieldInfo& f) {
  if (ek_names_.size() <= f.id) ek_names_.resize(registry().size());
  std::string& name = ek_names_[f.id];
  if (name.empty()) append_json_string(name, ek_name(f), true);
  return name;
}

void JsonPrinter::write_ek_attr(JsonWriter& w, const Packet& pkt, int head, int tail) {
  const Node& first = pkt.tree[head];
  const FieldInfo& f = registry().info(first.field);
  const std::string& name = ek_quoted_name(f);
  bool many = head != tail;
  if (tree_.hex && first.length > 0 && !is_text_item(f)) {
    w.quoted_name(name, "_raw");
    if (many) w.begin_array();
    for (int g = head; g != -1; g = ek_next_[g]) {
      scratch_.clear();
      append_raw_value(scratch_, pkt, pkt.tree[g], f);
      w.raw(scratch_);
    }
    if (many) w.end_array();
  }
  w.quoted_name(name);
  if (many) w.begin_array();
  bool protocol = f.def.type == FieldType::kProtocol && !f.protocol_bytes_value;
  bool shown = !filter_ || (!is_text_item(f) && listed(f.def.abbrev, true));
  for (int g = head; g != -1; g = ek_next_[g]) {
    if (!protocol) {
      if (shown) {
        write_ek_value(w, pkt, pkt.tree[g]);
      } else {
        w.begin_object();
        w.name("filtered");
        w.string(f.def.abbrev);
        w.end_object();
      }
      continue;
    }
    w.begin_object();
    if (shown) {
      const std::vector<std::string>* saved = filter_;
      if (filter_ && tree_.filter_includes_children) filter_ = nullptr;
      write_ek_node(w, pkt, g);
      filter_ = saved;
    } else {
      w.name("filtered");
      w.string(f.def.abbrev);
    }
    w.end_object();
  }
  if (many) w.end_array();
}

// Collects the level's groups on top of the stack, writes them (a nested protocol's level goes
// above them while it is written), then pops them.
void JsonPrinter::write_ek_node(JsonWriter& w, const Packet& pkt, int parent) {
  size_t base = ek_groups_.size();
  if (++ek_stamp_ == 0) {  // the stamp wrapped: every slot must read as empty again
    std::fill(ek_slots_.begin(), ek_slots_.end(), EkSlot{});
    ek_stamp_ = 1;
  }
  collect_ek_attrs(pkt, parent);
  for (size_t i = base; i < ek_groups_.size(); ++i)
    write_ek_attr(w, pkt, ek_groups_[i].head, ek_groups_[i].tail);
  ek_groups_.resize(base);
}

// Sizes the per-node lists and the hash table (at most half full) for a tree of `nodes`.
void JsonPrinter::prepare_ek_groups(size_t nodes) {
  if (ek_next_.size() < nodes) ek_next_.resize(nodes);
  size_t slots = 64;
  while (slots < 2 * nodes) slots *= 2;
  if (ek_slots_.size() < slots) {
    ek_slots_.assign(slots, EkSlot{});
    ek_stamp_ = 0;
  }
}

void JsonPrinter::append_ek(std::string& out, const Packet& pkt) {
  out.append("{\"index\":{\"_index\":\"");
  append_index_name(out, pkt);
  out.append("\",\"_type\":\"doc\"}}\n{\"timestamp\":\"");
  // tshark writes the seconds, then the milliseconds in three digits: "0000" at the epoch.
  int64_t ms = pkt.frame ? pkt.frame->ts.total_ns() / 1000000 : 0;
  append_format(out, "{}{:03}", ms / 1000, ms % 1000);
  out.append("\",\"layers\":{");
  if (!fields_.empty()) {
    bool first = true;
    for (size_t c = 0; c < fields_.size(); ++c) {
      bool open = false;
      fields_.for_each_value(pkt, c, scratch_, [&](const std::string& value) {
        if (!open) {
          if (!first) out.push_back(',');
          first = false;
          out.push_back('"');
          for (char ch : fields_.name(c)) out.push_back(ch == '.' ? '_' : ch);
          out.append("\":[");
          open = true;
        } else {
          out.push_back(',');
        }
        append_json_string(out, value);
      });
      if (open) out.push_back(']');
    }
  } else {
    children_.build(pkt.tree);
    prepare_ek_groups(pkt.tree.nodes().size());
    filter_ = tree_.protocol_filter.empty() ? nullptr : &tree_.protocol_filter;
    out.pop_back();  // the "layers" object's brace: the writer opens it
    JsonWriter w(out, false, true);
    w.begin_object();
    write_ek_node(w, pkt, -1);
    w.end_object();
    out.push_back('}');
    out.push_back('\n');
    return;
  }
  out.append("}}\n");
}

}  // namespace netsift
