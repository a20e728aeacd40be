#include "output/json_printer.h"

#include <fmt/format.h>

#include <cstdio>
#include <ctime>

#include "core/field_registry.h"
#include "core/text_format.h"
#include "output/label_format.h"
#include "output/value_format.h"

namespace netsift {

namespace {
constexpr char kHex[] = "0123456789abcdef";

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
void member(std::string& out, int depth, bool& first, std::string_view key,
            std::string_view suffix = {}) {
  out.append(first ? "\n" : ",\n");
  first = false;
  indent(out, depth);
  append_json_string(out, key);
  if (!suffix.empty()) {
    out.pop_back();  // the closing quote: the suffix belongs inside the name
    out.append(suffix);
    out.push_back('"');
  }
  out.append(": ");
}

// Whether a node has a value member: protocols, text items and FT_NONE items never (tshark
// shows an FT_NONE item as "" or as its subtree, whatever bytes it covers), every other field
// always.
bool has_value(const FieldInfo& f) {
  return f.def.type != FieldType::kProtocol && f.def.type != FieldType::kNone && f.id != kNoField;
}

// "packets-2017-04-06", from the packet's local date as tshark uses it.
void append_index_name(std::string& out, const Packet& pkt) {
  time_t t = pkt.frame ? static_cast<time_t>(pkt.frame->ts.sec) : 0;
  struct tm tm {};
  localtime_r(&t, &tm);
  fmt::format_to(std::back_inserter(out), "packets-{:04}-{:02}-{:02}", tm.tm_year + 1900,
                 tm.tm_mon + 1, tm.tm_mday);
}

// A node's value as the JSON outputs show it: the -T fields text, except that byte fields
// keep colons between the bytes.
void append_json_value(std::string& value, const Packet& pkt, const Node& n) {
  const FieldInfo& f = registry().info(n.field);
  if (f.def.type == FieldType::kNone) {
    ByteReader r = source_reader(pkt, n.source);
    if (r.has(n.offset, n.length)) append_hex_bytes(value, r.data() + n.offset, n.length, ':');
  } else if (f.def.type == FieldType::kBytes && f.def.base == Base::kNone)
    append_hex_bytes(value, n.value.bytes.p, n.value.bytes.n, ':');
  else
    append_field_value(value, pkt, n);
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
  fmt::format_to(std::back_inserter(out), "\"{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:09}Z\"",
                 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                 frac);
}

void append_ek_key(std::string& out, const FieldInfo& f) {
  if (f.id == kNoField) {
    out.append("text");
    return;
  }
  const char* proto = registry().info(f.protocol).def.abbrev;
  for (const char* p = proto; *p; ++p) out.push_back(*p == '.' ? '_' : *p);
  out.push_back('_');
  for (const char* p = f.def.abbrev; *p; ++p) out.push_back(*p == '.' ? '_' : *p);
}
}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<uint8_t>(s[i]);
    size_t n = utf8_sequence_length(s, i);
    if (n == 0) {
      out.append("\uFFFD");
      ++i;
      continue;
    }
    if (n > 1) {
      out.append(s.substr(i, n));
      i += n;
      continue;
    }
    ++i;
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\b':
        out.append("\\b");
        break;
      case '\f':
        out.append("\\f");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      default:
        if (c < 0x20) {
          out.append("\\u00");
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

JsonPrinter::JsonPrinter(JsonStyle style, std::vector<std::string> fields, ColumnLayout columns)
    : style_(style), names_(std::move(fields)), columns_(std::move(columns)) {}

bool JsonPrinter::resolve() {
  const FieldRegistry& reg = registry();
  ids_.assign(names_.size(), {});
  summary_columns_.assign(names_.size(), nullptr);
  std::vector<const std::string*> unknown;
  constexpr std::string_view kColumnPrefix = "_ws.col.";
  for (size_t c = 0; c < names_.size(); ++c) {
    // A column title no column has prints nothing, as in tshark.
    if (names_[c].starts_with(kColumnPrefix)) {
      summary_columns_[c] =
          column_by_title(columns_, std::string_view(names_[c]).substr(kColumnPrefix.size()));
      continue;
    }
    FieldId id = reg.find(names_[c]);
    if (id == kNoField) unknown.push_back(&names_[c]);
    for (; id != kNoField; id = reg.info(id).same_name_next) ids_[c].push_back(id);
  }
  if (unknown.empty()) return true;
  std::fprintf(stderr, "netsift: Some fields aren't valid:\n");
  for (auto it = unknown.rbegin(); it != unknown.rend(); ++it)
    std::fprintf(stderr, "\t%s\n", (*it)->c_str());
  return false;
}

void JsonPrinter::begin(OutputSink& out) {
  if (style_ != JsonStyle::kEk) out.put('[');
}

void JsonPrinter::end(OutputSink& out) {
  if (style_ == JsonStyle::kEk) return;
  if (any_packet_) out.put('\n');
  out.write("]\n");
}

void JsonPrinter::build_children(const Packet& pkt) {
  const auto& nodes = pkt.tree.nodes();
  size_t n = nodes.size();
  first_child_.assign(n, -1);
  next_sibling_.assign(n, -1);
  last_child_.assign(n, -1);
  first_root_ = -1;
  int last_root = -1;
  for (size_t i = 0; i < n; ++i) {
    int p = nodes[i].parent, idx = static_cast<int>(i);
    int& last = p >= 0 && static_cast<size_t>(p) < i ? last_child_[p] : last_root;
    int& head = p >= 0 && static_cast<size_t>(p) < i ? first_child_[p] : first_root_;
    if (last == -1)
      head = idx;
    else
      next_sibling_[last] = idx;
    last = idx;
  }
}

void JsonPrinter::append_node(std::string& out, const Packet& pkt, int index, int depth,
                              bool& first) {
  const Node& n = pkt.tree[index];
  const FieldInfo& f = registry().info(n.field);
  bool value = has_value(f);
  bool children = first_child_[index] != -1;
  // Text-only items (no field) are keyed by their text when they have children, as tshark does.
  std::string_view key = f.id != kNoField ? f.def.abbrev : children && n.label ? n.label : "text";
  if (style_ == JsonStyle::kJsonRaw) {
    member(out, depth, first, key, "_raw");
    ByteReader r = source_reader(pkt, n.source);
    out.append("[\n");
    indent(out, depth + 1);
    out.push_back('"');
    if (n.length && r.has(n.offset, n.length)) append_hex_bytes(out, r.data() + n.offset, n.length);
    out.append("\",\n");
    fmt::format_to(std::back_inserter(out), "{0:{1}}{2},\n{0:{1}}{3},\n{0:{1}}0,\n{0:{1}}{4}\n", "",
                   (depth + 1) * 2, n.offset, n.length, ftenum(f.def.type));
    indent(out, depth);
    out.push_back(']');
    if (children) {
      member(out, depth, first, key, value ? "_tree" : "");
      append_children(out, pkt, first_child_[index], depth);
    }
    return;
  }
  if (value) {
    member(out, depth, first, key);
    scratch_.clear();
    append_json_value(scratch_, pkt, n);
    append_json_string(out, scratch_);
  }
  if (children) {
    member(out, depth, first, key, value ? "_tree" : "");
    append_children(out, pkt, first_child_[index], depth);
  }
  if (!value && !children) {
    // A leaf without a value: protocols show their name, text items their text, others "".
    member(out, depth, first, key);
    if (f.def.type == FieldType::kProtocol)
      append_json_string(out, n.label ? n.label : f.def.name);
    else
      append_json_string(out, f.id == kNoField && n.label ? n.label : "");
  }
}

void JsonPrinter::append_children(std::string& out, const Packet& pkt, int first_index, int depth) {
  out.push_back('{');
  bool first = true;
  for (int c = first_index; c != -1; c = next_sibling_[c])
    append_node(out, pkt, c, depth + 1, first);
  if (!first) {
    out.push_back('\n');
    indent(out, depth);
  }
  out.push_back('}');
}

void JsonPrinter::append_selected_fields(std::string& out, const Packet& pkt, int depth) {
  out.push_back('{');
  bool first = true;
  for (size_t c = 0; c < names_.size(); ++c) {
    if (summary_columns_[c]) {
      member(out, depth + 1, first, names_[c]);
      out.append("[\n");
      indent(out, depth + 2);
      scratch_.clear();
      append_column(scratch_, pkt, *summary_columns_[c]);
      append_json_string(out, scratch_);
      out.push_back('\n');
      indent(out, depth + 1);
      out.push_back(']');
      continue;
    }
    bool open = false;
    for (const Node& n : pkt.tree.nodes()) {
      bool match = false;
      for (FieldId id : ids_[c]) match |= n.field == id;
      if (!match) continue;
      if (!open) {
        member(out, depth + 1, first, names_[c]);
        out.push_back('[');
        open = true;
      } else {
        out.push_back(',');
      }
      out.push_back('\n');
      indent(out, depth + 2);
      scratch_.clear();
      append_field_value(scratch_, pkt, n);
      append_json_string(out, scratch_);
    }
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
  if (!names_.empty()) {
    append_selected_fields(buf, pkt, 3);
  } else {
    build_children(pkt);
    append_children(buf, pkt, first_root_, 3);
  }
  buf.append("\n    }\n  }");
}

// ek: fields flattened under "<proto>_<abbrev>" keys. As tshark does, the children of the
// nodes in `parents` are grouped by key in order of first appearance: one member per key (an
// array when the key repeats), followed by the grouped children of that key's nodes; nested
// protocols become objects.
void JsonPrinter::append_ek_fields(std::string& out, const Packet& pkt,
                                   const std::vector<int>& parents, bool& first_member) {
  std::vector<int> siblings;
  for (int p : parents)
    for (int c = first_child_[p]; c != -1; c = next_sibling_[c]) siblings.push_back(c);
  std::vector<bool> done(siblings.size(), false);
  std::vector<int> group;
  for (size_t i = 0; i < siblings.size(); ++i) {
    if (done[i]) continue;
    FieldId field = pkt.tree[siblings[i]].field;
    group.clear();
    for (size_t k = i; k < siblings.size(); ++k)
      if (!done[k] && pkt.tree[siblings[k]].field == field) {
        done[k] = true;
        group.push_back(siblings[k]);
      }
    const FieldInfo& f = registry().info(field);
    if (!first_member) out.push_back(',');
    first_member = false;
    out.push_back('"');
    append_ek_key(out, f);
    out.append("\":");
    if (f.def.type == FieldType::kProtocol) {
      out.push_back('{');
      bool inner_first = true;
      append_ek_fields(out, pkt, group, inner_first);
      out.push_back('}');
      continue;
    }
    if (group.size() > 1) out.push_back('[');
    for (size_t g = 0; g < group.size(); ++g) {
      if (g) out.push_back(',');
      const Node& n = pkt.tree[group[g]];
      if (f.id == kNoField) {
        append_json_string(out, n.label ? n.label : "");
      } else if (f.def.type == FieldType::kNone && n.length == 0) {
        out.append("null");
      } else if (f.def.type == FieldType::kBoolean) {
        out.append(n.value.u ? "true" : "false");
      } else if (f.def.type == FieldType::kAbsTime) {
        append_ek_time(out, n.value.i);
      } else {
        scratch_.clear();
        append_json_value(scratch_, pkt, n);
        append_json_string(out, scratch_);
      }
    }
    if (group.size() > 1) out.push_back(']');
    append_ek_fields(out, pkt, group, first_member);
  }
}

void JsonPrinter::append_ek(std::string& out, const Packet& pkt) {
  out.append("{\"index\":{\"_index\":\"");
  append_index_name(out, pkt);
  out.append("\",\"_type\":\"doc\"}}\n{\"timestamp\":\"");
  int64_t ms = pkt.frame ? pkt.frame->ts.total_ns() / 1000000 : 0;
  fmt::format_to(std::back_inserter(out), "{}", ms);
  out.append("\",\"layers\":{");
  if (!names_.empty()) {
    bool first = true;
    auto key = [&](size_t c) {
      if (!first) out.push_back(',');
      first = false;
      out.push_back('"');
      for (char ch : names_[c]) out.push_back(ch == '.' ? '_' : ch);
      out.append("\":[");
    };
    for (size_t c = 0; c < names_.size(); ++c) {
      if (summary_columns_[c]) {
        key(c);
        scratch_.clear();
        append_column(scratch_, pkt, *summary_columns_[c]);
        append_json_string(out, scratch_);
        out.push_back(']');
        continue;
      }
      bool open = false;
      for (const Node& n : pkt.tree.nodes()) {
        bool match = false;
        for (FieldId id : ids_[c]) match |= n.field == id;
        if (!match) continue;
        if (!open) {
          key(c);
          open = true;
        } else {
          out.push_back(',');
        }
        scratch_.clear();
        append_field_value(scratch_, pkt, n);
        append_json_string(out, scratch_);
      }
      if (open) out.push_back(']');
    }
  } else {
    build_children(pkt);
    bool first = true;
    std::vector<int> root(1);
    for (int r = first_root_; r != -1; r = next_sibling_[r]) {
      const FieldInfo& f = registry().info(pkt.tree[r].field);
      if (!first) out.push_back(',');
      first = false;
      out.push_back('"');
      for (const char* p = f.def.abbrev ? f.def.abbrev : "text"; *p; ++p)
        out.push_back(*p == '.' ? '_' : *p);
      out.append("\":{");
      bool inner_first = true;
      root[0] = r;
      append_ek_fields(out, pkt, root, inner_first);
      out.push_back('}');
    }
  }
  out.append("}}\n");
}

}  // namespace netsift
