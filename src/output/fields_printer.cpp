#include "output/fields_printer.h"

#include <algorithm>
#include <cstdio>

#include "core/field_registry.h"
#include "output/selected_fields.h"
#include "output/value_format.h"

namespace netsift {

namespace {
void print_fields_usage(std::string_view key) {
  std::fprintf(stderr,
               "netsift: \"%.*s\" is not a valid field output option=value pair.\n"
               "TShark: The available options for field output \"E\" are:\n"
               "bom=y|n    Prepend output with the UTF-8 BOM (def: N: no)\n"
               "header=y|n    Print field abbreviations as first line of output (def: N: no)\n"
               "separator=/t|/s|<character>   Set the separator to use;\n"
               "     \"/t\" = tab, \"/s\" = space (def: /t: tab)\n"
               "occurrence=f|l|a  Select the occurrence of a field to use;\n"
               "     \"f\" = first, \"l\" = last, \"a\" = all (def: a: all)\n"
               "aggregator=,|/s|<character>   Set the aggregator to use;\n"
               "     \",\" = comma, \"/s\" = space (def: ,: comma)\n"
               "quote=d|s|n   Print either d: double-quotes, s: single quotes or \n"
               "     n: no quotes around field values (def: n: none)\n",
               static_cast<int>(key.size()), key.data());
}

// "/t", "/s" or the first character of `v`.
bool parse_char(std::string_view v, char& c) {
  if (v == "/t")
    c = '\t';
  else if (v == "/s")
    c = ' ';
  else if (!v.empty())
    c = v[0];
  else
    return false;
  return true;
}

bool parse_yes_no(std::string_view v, bool& b) {
  if (v.empty()) return false;
  if (v[0] == 'y' || v[0] == 'Y')
    b = true;
  else if (v[0] == 'n' || v[0] == 'N')
    b = false;
  else
    return false;
  return true;
}

// tshark escapes the characters that would break its line and column structure, and
// backspace and form feed (print.c's CSV escaping); other control characters go out raw.
void append_escaped(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
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
        out.push_back(c);
    }
  }
}
}  // namespace

bool parse_fields_option(std::string_view option, FieldsFormat& format) {
  size_t eq = option.find('=');
  std::string_view key = option.substr(0, eq);
  std::string_view value = eq == std::string_view::npos ? "" : option.substr(eq + 1);
  bool ok = eq != std::string_view::npos;
  if (!ok) {
  } else if (key == "header") {
    ok = parse_yes_no(value, format.header);
  } else if (key == "bom") {
    ok = parse_yes_no(value, format.bom);
  } else if (key == "separator") {
    ok = parse_char(value, format.separator);
  } else if (key == "aggregator") {
    ok = parse_char(value, format.aggregator);
  } else if (key == "occurrence") {
    ok = value.size() == 1 && (value[0] == 'f' || value[0] == 'l' || value[0] == 'a');
    if (ok) format.occurrence = value[0];
  } else if (key == "quote") {
    ok = value.size() == 1 && (value[0] == 'd' || value[0] == 's' || value[0] == 'n');
    if (ok) format.quote = value[0] == 'd' ? '"' : value[0] == 's' ? '\'' : '\0';
  } else {
    ok = false;
  }
  if (!ok) print_fields_usage(key);
  return ok;
}

FieldsPrinter::FieldsPrinter(std::vector<std::string> names, FieldsFormat format,
                             ColumnLayout columns)
    : names_(std::move(names)), format_(format), columns_(std::move(columns)) {}

bool FieldsPrinter::resolve() {
  const FieldRegistry& reg = registry();
  if (names_.empty()) {
    std::fprintf(stderr,
                 "netsift: \"-Tfields\" was specified, but no fields were specified with "
                 "\"-e\".\n");
    return false;
  }
  first_column_.assign(reg.size(), -1);
  next_column_.assign(names_.size(), -1);
  occurrences_.assign(names_.size(), {});
  if (!resolve_field_names(names_, columns_, ids_, summary_columns_)) return false;
  // Link columns per field so that each tree node finds its columns in one look-up; later
  // columns of the same field go to the end of the chain.
  for (size_t c = 0; c < names_.size(); ++c) {
    for (FieldId id : ids_[c]) {
      int* link = &first_column_[id];
      while (*link != -1 && *link != static_cast<int>(c)) link = &next_column_[*link];
      *link = static_cast<int>(c);
    }
  }
  return true;
}

void FieldsPrinter::begin(OutputSink& out) {
  if (format_.bom) out.write("\xef\xbb\xbf");
  if (!format_.header) return;
  for (size_t c = 0; c < names_.size(); ++c) {
    if (c) out.put(format_.separator);
    out.write(names_[c]);
  }
  out.put('\n');
}

void FieldsPrinter::append_column(std::string& out, size_t column) const {
  const std::vector<Occurrence>& occ = occurrences_[column];
  if (occ.empty()) return;
  size_t first = 0, last = occ.size();
  if (format_.occurrence == 'f') last = 1;
  if (format_.occurrence == 'l') first = occ.size() - 1;
  if (format_.quote) out.push_back(format_.quote);
  for (size_t i = first; i < last; ++i) {
    if (i != first) out.push_back(format_.aggregator);
    append_escaped(out, std::string_view(values_).substr(occ[i].begin, occ[i].end - occ[i].begin));
  }
  if (format_.quote) out.push_back(format_.quote);
}

void FieldsPrinter::append_summary_column(std::string& out, const Packet& pkt,
                                          const ColumnSpec& column) const {
  if (format_.quote) out.push_back(format_.quote);
  size_t start = out.size();
  netsift::append_column(out, pkt, column);
  std::string text = out.substr(start);
  out.resize(start);
  append_escaped(out, text);
  if (format_.quote) out.push_back(format_.quote);
}

namespace {

// A value as -T fields prints it: as everywhere else, except that an empty byte string reads
// "<MISSING>" ("<none>" where the field allows empty values), as tshark's print.c writes it.
void append_fields_value(std::string& out, const Packet& pkt, const Node& n) {
  const FieldDef& d = registry().info(n.field).def;
  if (d.type == FieldType::kBytes && n.value.bytes.n == 0)
    out.append(d.base == Base::kAllowZero ? "<none>" : "<MISSING>");
  else
    append_field_value(out, pkt, n);
}

}  // namespace

void FieldsPrinter::packet(const Packet& pkt, OutputSink& out) {
  values_.clear();
  for (auto& o : occurrences_) o.clear();
  for (const Node& n : pkt.tree.nodes()) {
    if (n.field >= first_column_.size()) continue;
    for (int c = first_column_[n.field]; c != -1; c = next_column_[c]) {
      uint32_t begin = static_cast<uint32_t>(values_.size());
      append_fields_value(values_, pkt, n);
      occurrences_[c].push_back({begin, static_cast<uint32_t>(values_.size())});
    }
  }
  std::string& buf = out.buffer();
  for (size_t c = 0; c < names_.size(); ++c) {
    if (c) buf.push_back(format_.separator);
    if (summary_columns_[c])
      append_summary_column(buf, pkt, *summary_columns_[c]);
    else
      append_column(buf, c);
  }
  buf.push_back('\n');
}

}  // namespace netsift
