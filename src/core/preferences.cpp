#include "core/preferences.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "core/ascii.h"

namespace netsift {

// ---- ranges ---------------------------------------------------------------------------------

bool PrefRange::contains(uint32_t v) const {
  for (auto [lo, hi] : spans)
    if (v >= lo && v <= hi) return true;
  return false;
}

std::string PrefRange::to_string() const {
  std::string out;
  for (auto [lo, hi] : spans) {
    if (!out.empty()) out += ',';
    out += std::to_string(lo);
    if (hi != lo) out += '-' + std::to_string(hi);
  }
  return out;
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<uint32_t> parse_number(std::string_view s, unsigned base) {
  if (base == 16 && s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) s.remove_prefix(2);
  if (s.empty()) return std::nullopt;
  uint32_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, static_cast<int>(base));
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<PrefRange> PrefRange::parse(std::string_view text, uint32_t max) {
  PrefRange r;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string_view part =
        trim(text.substr(start, comma == std::string_view::npos ? std::string_view::npos
                                                                : comma - start));
    if (!part.empty()) {
      size_t dash = part.find('-');
      std::optional<uint32_t> lo, hi;
      if (dash == std::string_view::npos) {
        lo = hi = parse_number(part, 10);
      } else {
        std::string_view a = trim(part.substr(0, dash)), b = trim(part.substr(dash + 1));
        lo = a.empty() ? std::optional<uint32_t>(0) : parse_number(a, 10);
        hi = b.empty() ? std::optional<uint32_t>(max) : parse_number(b, 10);
      }
      if (!lo || !hi || *lo > max || *hi > max || *lo > *hi) return std::nullopt;
      r.spans.emplace_back(*lo, *hi);
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return r;
}

// ---- registry -------------------------------------------------------------------------------

namespace {

// tshark's gui.column.format value, read as Wireshark's prefs_get_string_list does: items
// separated by commas outside quotes, each quoted or not (quotes may also cover part of an
// item), a backslash taking the next character as it is, white space before an item skipped,
// empty items dropped; an open quote or a trailing backslash makes it invalid.
std::optional<std::vector<std::string>> parse_string_list(std::string_view s) {
  enum class State { kBefore, kUnquoted, kQuoted } state = State::kBefore;
  std::vector<std::string> out;
  std::string item;
  bool escaped = false;
  auto finish = [&] {
    if (!item.empty()) out.push_back(std::move(item));
    item.clear();
  };
  for (char c : s) {
    if (c == '"' && !escaped) {
      state = state == State::kQuoted ? State::kUnquoted : State::kQuoted;
    } else if (c == '\\' && !escaped) {
      escaped = true;
      if (state == State::kBefore) state = State::kUnquoted;
    } else if (c == ',' && state != State::kQuoted && !escaped) {
      finish();
      state = State::kBefore;
    } else if (state != State::kBefore || !std::isspace(static_cast<unsigned char>(c))) {
      item += c;
      escaped = false;
      if (state == State::kBefore) state = State::kUnquoted;
    }
  }
  if (state == State::kQuoted || escaped) return std::nullopt;
  finish();
  return out;
}

}  // namespace

PrefRegistry::PrefRegistry() {
  prefs_.emplace_back();  // id 0: reads as false/0/empty
}

PrefRegistry& prefs_registry() {
  static PrefRegistry r;
  return r;
}

uint32_t PrefRegistry::module_index(const char* name) const {
  for (size_t i = 0; i < modules_.size(); ++i)
    if (std::string_view(modules_[i].name) == name) return static_cast<uint32_t>(i);
  return UINT32_MAX;
}

void PrefRegistry::add_module(const PrefModuleDef& module, std::span<const PrefReg> prefs) {
  modules_.push_back(module);
  add_prefs(module.name, prefs);
}

void PrefRegistry::add_prefs(const char* module_name, std::span<const PrefReg> prefs) {
  uint32_t m = module_index(module_name);
  for (const PrefReg& reg : prefs) {
    PrefInfo info{reg, {}, std::string(modules_[m].name) + "." + reg.name, m};
    info.default_value.number = reg.default_number;
    info.default_value.text = reg.default_text;
    if (reg.type == PrefType::kRange)
      info.default_value.range = PrefRange::parse(reg.default_text, reg.range_max).value_or(PrefRange{});
    if (reg.type == PrefType::kStringList)
      info.default_value.list = parse_string_list(reg.default_text).value_or(std::vector<std::string>{});
    auto id = static_cast<uint32_t>(prefs_.size());
    if (reg.handle) *reg.handle = id;
    by_name_[info.full_name] = id;
    prefs_.push_back(std::move(info));
  }
}

void PrefRegistry::add_module_alias(const char* old_name, const char* module_name) {
  module_aliases_[old_name] = module_name;
}

void PrefRegistry::add_renamed(const char* old_full_name, const char* full_name) {
  renamed_[old_full_name] = full_name;
}

void PrefRegistry::add_uat(const UatDef& uat) {
  uats_.push_back(uat);
}

const UatDef* PrefRegistry::find_uat(std::string_view name) const {
  for (const UatDef& u : uats_)
    if (name == u.name) return &u;
  return nullptr;
}

uint32_t PrefRegistry::find(std::string_view full_name, std::string* alias_from,
                            std::string* converted) const {
  std::string name(full_name);
  // As tshark's set_pref, the module is the longest dotted prefix naming a module or an alias.
  size_t dot = name.find('.');
  while (dot != std::string::npos) {
    std::string module = name.substr(0, dot);
    if (auto a = module_aliases_.find(module); a != module_aliases_.end()) {
      if (alias_from) *alias_from = name;
      name = a->second + name.substr(dot);
      if (converted) *converted = name;
      break;
    }
    if (module_index(module.c_str()) != UINT32_MAX) break;
    dot = name.find('.', dot + 1);
  }
  if (auto r = renamed_.find(name); r != renamed_.end()) name = r->second;
  auto it = by_name_.find(name);
  return it == by_name_.end() ? 0 : it->second;
}

// ---- store ----------------------------------------------------------------------------------

namespace {

std::string list_to_string(const std::vector<std::string>& list) {
  // One "title", "format" pair per line, as tshark writes the column list.
  std::string out;
  for (size_t i = 0; i < list.size(); ++i) {
    out += i % 2 == 0 ? "\n\t\"" : " \"";
    out += list[i];
    out += '"';
    if (i + 1 < list.size()) out += ',';
  }
  return out;
}

}  // namespace

PrefSetStatus PrefStore::set(std::string_view full_name, std::string_view value,
                             std::vector<std::string>* warnings) {
  std::string alias_from, converted;
  uint32_t id = prefs_registry().find(full_name, &alias_from, &converted);
  if (!alias_from.empty() && warnings)
    warnings->push_back("Preference \"" + alias_from + "\" has been converted to \"" + converted +
                        "\"\nSave your preferences to make this change permanent.");
  if (id == 0) return PrefSetStatus::kNoSuchPref;
  return set(id, value);
}

PrefSetStatus PrefStore::set(uint32_t id, std::string_view value) {
  const PrefRegistry& reg = prefs_registry();
  for (size_t i = values_.size(); i < reg.size(); ++i)
    values_.push_back(reg.info(static_cast<uint32_t>(i)).default_value);
  const PrefReg& r = reg.info(id).reg;
  PrefValue& v = values_[id];
  switch (r.type) {
    case PrefType::kObsolete:
      return PrefSetStatus::kObsolete;
    case PrefType::kBool:
      v.number = iequals(value, "true") ? 1 : 0;
      break;
    case PrefType::kUint: {
      auto n = parse_number(value, r.base);
      if (!n) return PrefSetStatus::kSyntaxError;
      v.number = *n;
      break;
    }
    case PrefType::kEnum:
      // A text naming no choice leaves the value as it was, silently (tshark 4.0).
      for (const PrefEnumValue& e : r.enum_values)
        if (iequals(value, e.name) || iequals(value, e.description)) {
          v.number = static_cast<uint32_t>(e.value);
          break;
        }
      break;
    case PrefType::kString:
    case PrefType::kFilename:
    case PrefType::kDirectory:
      v.text = value;
      break;
    case PrefType::kRange: {
      auto range = PrefRange::parse(value, r.range_max);
      if (!range) return PrefSetStatus::kSyntaxError;
      v.range = std::move(*range);
      break;
    }
    case PrefType::kStringList: {
      auto list = parse_string_list(value);
      // tshark's column list takes title/format pairs only.
      if (!list || list->size() % 2 != 0 || list->empty()) return PrefSetStatus::kSyntaxError;
      v.list = std::move(*list);
      break;
    }
  }
  return PrefSetStatus::kOk;
}

bool PrefStore::is_default(uint32_t id) const {
  if (auto custom = prefs_registry().info(id).reg.custom_is_default) return custom(*this);
  return to_string(id) == to_string(id, true);
}

std::string PrefStore::to_string(uint32_t id, bool default_value) const {
  const PrefInfo& info = prefs_registry().info(id);
  const PrefReg& r = info.reg;
  const PrefValue& v = default_value ? info.default_value : value(id);
  switch (r.type) {
    case PrefType::kBool:
      return v.number ? "TRUE" : "FALSE";
    case PrefType::kUint:
      if (r.base == 16) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%#x", v.number);
        return buf;
      }
      return std::to_string(v.number);
    case PrefType::kEnum:
      for (const PrefEnumValue& e : r.enum_values)
        if (static_cast<uint32_t>(e.value) == v.number) return e.description;
      return "";
    case PrefType::kString:
    case PrefType::kFilename:
    case PrefType::kDirectory:
      return v.text;
    case PrefType::kRange:
      return v.range.to_string();
    case PrefType::kStringList:
      return list_to_string(v.list);
    case PrefType::kObsolete:
      return "";
  }
  return "";
}

UatTable& PrefStore::uat(std::string_view name) {
  for (UatTable& t : uats_)
    if (t.name == name) return t;
  uats_.push_back(UatTable{std::string(name), {}});
  return uats_.back();
}

const UatTable* PrefStore::find_uat(std::string_view name) const {
  for (const UatTable& t : uats_)
    if (t.name == name) return &t;
  return nullptr;
}

void PrefStore::apply_port_ranges() const {
  const PrefRegistry& reg = prefs_registry();
  for (const PrefInfo& p : reg.prefs()) {
    if (!p.reg.table) continue;
    uint32_t id = *p.reg.handle;
    if (is_default(id)) continue;
    DissectorTable& table = p.reg.table();
    for (auto [lo, hi] : p.default_value.range.spans)
      for (uint32_t port = lo; port <= hi; ++port)
        if (table.find(port) == p.reg.dissector) table.remove(port);
    // The module is the protocol the ports go to ("http" for http.tcp.port).
    const char* protocol = reg.modules()[p.module].name;
    for (auto [lo, hi] : value(id).range.spans)
      for (uint32_t port = lo; port <= hi; ++port) table.add(port, p.reg.dissector, protocol);
  }
}

}  // namespace netsift
