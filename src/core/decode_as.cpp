#include "core/decode_as.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string_view>

#include "core/dissector_table.h"
#include "core/field_registry.h"

namespace netsift {

namespace {

constexpr const char* kTemplate = "<layer_type>==<selector>,<decode_as_protocol>";

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

void complain(const std::string& text) {
  std::fprintf(stderr, "netsift: %s\n", text.c_str());
}

void list_layer_types() {
  complain("Valid layer types are:");
  for (const DissectorTable* t : tables::all())
    std::fprintf(stderr, "\t%s (%s)\n", t->name(), t->ui_name());
}

// The protocol's full name ("Hypertext Transfer Protocol"), or nullptr when netsift has no
// protocol of that filter name.
const char* protocol_name(std::string_view abbrev) {
  FieldId id = registry().find(abbrev);
  if (id == kNoField || !registry().info(id).short_name) return nullptr;
  return registry().info(id).def.name;
}

void list_protocols(const DissectorTable& t) {
  complain(std::string("Valid protocols for layer type \"") + t.name() + "\" are:");
  for (const DecodeAsCandidate& c : t.decode_as_candidates()) {
    const char* name = protocol_name(c.protocol);
    std::fprintf(stderr, "\t%s (%s)\n", c.protocol, name ? name : c.protocol);
  }
}

const DecodeAsCandidate* candidate(const DissectorTable& t, std::string_view protocol) {
  for (const DecodeAsCandidate& c : t.decode_as_candidates())
    if (protocol == c.protocol) return &c;
  return nullptr;
}

// The selector: one number (C notation: 80, 0x50, 0120), a range "first-last" or "first:count".
// Numbers are unsigned 32-bit; strtoull's leading blanks and sign are accepted, as tshark does.
bool parse_selector(const std::string& text, uint32_t& first, uint32_t& last) {
  const char* str = text.c_str();
  char* end;
  unsigned long long v = std::strtoull(str, &end, 0);
  if (end == str || v > UINT32_MAX) {
    complain("Invalid selector number \"" + text + "\"");
    return false;
  }
  first = last = static_cast<uint32_t>(v);
  if (*end == '\0') return true;
  if (*end != ':' && *end != '-') {
    complain("Invalid selector number \"" + text + "\"");
    return false;
  }
  char op = *end;
  str = end + 1;
  unsigned long long v2 = std::strtoull(str, &end, 0);
  bool ok = end != str && v2 <= UINT32_MAX && *end == '\0';
  if (ok && op == ':') ok = v2 != 0 && uint64_t{first} + v2 - 1 <= UINT32_MAX;
  if (ok && op == '-') ok = v2 >= first;
  if (!ok) {
    complain("Invalid selector numeric range \"" + text + "\"");
    return false;
  }
  last = static_cast<uint32_t>(op == ':' ? first + v2 - 1 : v2);
  return true;
}

void change_range(DissectorTable& t, uint32_t first, uint32_t last, const DecodeAsCandidate& c) {
  for (uint64_t k = first; k <= last; ++k) t.change(static_cast<uint32_t>(k), c);
}

}  // namespace

// The checks run in tshark's order, and like tshark a malformed argument still names what it
// could check (the layer type, the selector) before listing the valid choices.
bool apply_decode_as_option(const std::string& arg) {
  const std::string template_error =
      "Parameter \"" + arg + "\" doesn't follow the template \"" + kTemplate + "\"";
  // The layer type ends at the first '=', or else at a ',' (the rest is then missing).
  size_t sep = arg.find('=');
  bool have_rest = sep != std::string::npos;
  if (!have_rest) {
    sep = arg.find(',');
    have_rest = sep != std::string::npos;
    if (!have_rest) complain(template_error);
  }
  std::string_view layer = trim_spaces(std::string_view(arg).substr(0, sep));
  DissectorTable* table = nullptr;
  if (layer.empty()) {
    complain("No layer type specified");
  } else if (!(table = tables::find(layer))) {
    complain("Unknown layer type -- " + std::string(layer));
  }
  if (!table) list_layer_types();
  if (!table || !have_rest) return false;

  size_t selector_start = sep + 1;
  if (arg[selector_start] != '=')
    complain("WARNING: -d requires \"==\" instead of \"=\". Option will be treated as \"" +
             std::string(layer) + "==" + arg.substr(selector_start) + "\"");
  else
    ++selector_start;
  size_t comma = arg.find(',', selector_start);
  if (comma == std::string::npos) complain(template_error);
  std::string selector = arg.substr(selector_start, comma - selector_start);
  uint32_t first, last;
  if (!parse_selector(selector, first, last)) return false;
  if (comma == std::string::npos) {
    list_protocols(*table);
    return false;
  }

  std::string protocol(trim_spaces(std::string_view(arg).substr(comma + 1)));
  const DecodeAsCandidate* c = nullptr;
  if (protocol.empty())
    complain("No protocol name specified");
  else if (!(c = candidate(*table, protocol)))
    complain(protocol_name(protocol) ? "Protocol \"" + protocol +
                                           "\" isn't valid for layer type \"" + table->name() +
                                           "\""
                                     : "Unknown protocol -- \"" + protocol + "\"");
  if (!c) {
    list_protocols(*table);
    return false;
  }
  change_range(*table, first, last, *c);
  return true;
}

// The file names protocols by their short names ("HTTP"), as Wireshark matches its handles.
void read_decode_as_entries(const std::string& path) {
  std::ifstream in(path);
  constexpr std::string_view kKey = "decode_as_entry:";
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with(kKey)) continue;
    std::string_view value = trim_spaces(std::string_view(line).substr(kKey.size()));
    // table,selector,default protocol,current protocol
    std::string_view parts[4];
    for (int i = 0; i < 4; ++i) {
      size_t comma = i < 3 ? value.find(',') : value.size();
      if (comma == std::string_view::npos) break;
      parts[i] = value.substr(0, comma);
      value = i < 3 ? value.substr(comma + 1) : std::string_view();
    }
    DissectorTable* table = tables::find(parts[0]);
    if (!table || parts[3].empty()) continue;
    std::string selector(parts[1]);
    char* end;
    long v = std::strtol(selector.c_str(), &end, 0);
    if (selector.empty() || *end != '\0' || v < 0 || v > long{UINT32_MAX}) continue;
    for (const DecodeAsCandidate& c : table->decode_as_candidates()) {
      FieldId id = registry().find(c.protocol);
      const char* short_name = id == kNoField ? nullptr : registry().info(id).short_name;
      if (short_name && parts[3] == short_name) {
        table->change(static_cast<uint32_t>(v), c);
        break;
      }
    }
  }
}

}  // namespace netsift
