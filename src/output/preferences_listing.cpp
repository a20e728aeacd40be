#include "output/preferences_listing.h"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace netsift {
namespace {

// Each line of `text` behind "# ".
void append_comment_lines(std::string& out, std::string_view text) {
  size_t start = 0;
  while (true) {
    size_t nl = text.find('\n', start);
    out += "# ";
    out += text.substr(start, nl == std::string_view::npos ? nl : nl - start);
    out += '\n';
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
}

std::string type_description(const PrefReg& r) {
  switch (r.type) {
    case PrefType::kBool:
      return "TRUE or FALSE (case-insensitive)";
    case PrefType::kUint:
      return r.base == 16 ? "A hexadecimal number" : "A decimal number";
    case PrefType::kEnum: {
      std::string s = "One of: ";
      for (size_t i = 0; i < r.enum_values.size(); ++i) {
        if (i) s += ", ";
        s += r.enum_values[i].description;
      }
      return s + "\n(case-insensitive).";
    }
    case PrefType::kString:
      return "A string";
    case PrefType::kFilename:
      return "A path to a file";
    case PrefType::kDirectory:
      return "A path to a directory";
    case PrefType::kRange:
      return "A string denoting an positive integer range (e.g., \"1-20,30-40\")";
    case PrefType::kStringList:
    case PrefType::kObsolete:
      break;
  }
  return "";
}

void append_pref(std::string& out, const PrefStore& store, uint32_t id) {
  const PrefInfo& info = prefs_registry().info(id);
  const PrefReg& r = info.reg;
  if (r.type == PrefType::kObsolete || r.table) return;  // port ranges live in decode-as
  if (r.custom_type_name) {
    out += "\n# ";
    out += r.custom_type_name;
    out += '\n';
    append_comment_lines(out, r.custom_type_description ? r.custom_type_description : "");
  } else {
    out += '\n';
    append_comment_lines(out, *r.description ? r.description : "No description");
    append_comment_lines(out, type_description(r));
  }
  const char* prefix = store.is_default(id) ? "#" : "";
  std::string value = store.to_string(id);
  out += prefix;
  out += info.full_name;
  out += ": ";
  size_t start = 0;
  while (true) {
    size_t nl = value.find('\n', start);
    if (start) out += prefix;
    out.append(value, start, nl == std::string::npos ? std::string::npos : nl - start);
    out += '\n';
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
}

void append_module(std::string& out, const PrefStore& store, uint32_t module) {
  const PrefRegistry& reg = prefs_registry();
  for (uint32_t id = 1; id < reg.size(); ++id)
    if (reg.info(id).module == module) append_pref(out, store, id);
}

}  // namespace

void append_preferences(std::string& out, const PrefStore& store) {
  const PrefRegistry& reg = prefs_registry();
  out +=
      "# Configuration file for Wireshark 4.0.17.\n"
      "#\n"
      "# This file is regenerated each time preferences are saved within\n"
      "# Wireshark. Making manual changes should be safe, however.\n"
      "# Preferences that have been commented out have not been\n"
      "# changed from their default value.\n";
  std::vector<uint32_t> gui, top, protocols;
  for (uint32_t m = 0; m < reg.modules().size(); ++m) {
    switch (reg.modules()[m].section) {
      case PrefSection::kGui: gui.push_back(m); break;
      case PrefSection::kTopLevel: top.push_back(m); break;
      case PrefSection::kProtocol: protocols.push_back(m); break;
    }
  }
  auto by_name = [&](uint32_t a, uint32_t b) {
    return std::strcmp(reg.modules()[a].name, reg.modules()[b].name) < 0;
  };
  std::sort(top.begin(), top.end(), by_name);
  std::sort(protocols.begin(), protocols.end(), by_name);
  auto header = [&](const char* title) { out += "\n####### " + std::string(title) + " ########\n"; };
  for (uint32_t m : gui) {
    header(reg.modules()[m].header);
    append_module(out, store, m);
  }
  // Top-level modules in name order, "protocols" (which holds every protocol) among them.
  bool protocols_done = false;
  auto write_protocols = [&] {
    protocols_done = true;
    if (protocols.empty()) return;
    header("Protocols");
    for (uint32_t m : protocols) append_module(out, store, m);
  };
  for (uint32_t m : top) {
    if (!protocols_done && std::strcmp(reg.modules()[m].name, "protocols") > 0) write_protocols();
    header(reg.modules()[m].header);
    append_module(out, store, m);
  }
  if (!protocols_done) write_protocols();
}

}  // namespace netsift
