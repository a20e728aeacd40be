// Preferences as Wireshark has them. Each protocol declares its preferences in a table beside its
// dissector (module "tcp", name, type, default, description as `tshark -G defaultprefs` prints
// them) and registers it once at start-up; the values of one run live in a PrefStore
// (Session::prefs). Dissectors read a value through a handle the registration filled in: an
// index into the store, no lookup by name per packet.
//
//   BoolPref relative_seq;                       // in the dissector's file
//   const PrefReg kTcpPrefs[] = {pref_bool(&relative_seq, "relative_sequence_numbers", "Make the TCP...", true)};
//   prefs_registry().add_module({"tcp", "Transmission Control Protocol"}, kTcpPrefs);
//   if (pkt.session->prefs.get(relative_seq)) ...
//
// UAT tables ("uat:ssl_keys:..." and the profile's ssl_keys file) are declared the same way with
// their field names (core/uat.h) and kept in the store by name.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/dissector_table.h"
#include "core/uat.h"

namespace netsift {

enum class PrefType : uint8_t {
  kBool,
  kUint,
  kEnum,
  kString,
  kFilename,
  kDirectory,
  kRange,       // "80,8080-8090"
  kStringList,  // a list of quoted strings (gui.column.format)
  kObsolete,    // a name tshark still knows but reports as unknown
};

// One choice of an enumerated preference: `name` and `description` are both accepted
// (case-insensitively), `description` is what tshark prints.
struct PrefEnumValue {
  const char* name;
  const char* description;
  int value;
};

// A set of unsigned integer spans in the order they were written (tshark's range_t).
struct PrefRange {
  std::vector<std::pair<uint32_t, uint32_t>> spans;

  bool contains(uint32_t v) const;
  std::string to_string() const;  // "80,8080-8090"
  // tshark's range syntax: "N", "N-M", "N-" (to max), "-M" (from 0), comma separated; nullopt
  // on anything else or a value above `max`.
  static std::optional<PrefRange> parse(std::string_view text, uint32_t max);
  bool operator==(const PrefRange&) const = default;
};

// Handles, filled in when the preference is registered; read through PrefStore::get.
struct BoolPref {
  uint32_t id = 0;
};
struct UintPref {
  uint32_t id = 0;
};
struct EnumPref {
  uint32_t id = 0;
};
struct StringPref {  // string, filename and directory preferences
  uint32_t id = 0;
};
struct RangePref {
  uint32_t id = 0;
};
struct StringListPref {
  uint32_t id = 0;
};

// One row of a module's preference table. Build rows with the pref_* functions below.
struct PrefReg {
  PrefType type = PrefType::kBool;
  const char* name = "";         // within the module: "relative_sequence_numbers"
  const char* description = "";  // what -G defaultprefs prints ("" prints "No description")
  uint32_t default_number = 0;   // bool (0/1), uint, enum
  const char* default_text = "";  // string, filename, directory, range, string list
  unsigned base = 10;             // uint: 10 or 16
  std::span<const PrefEnumValue> enum_values;
  uint32_t range_max = 65535;
  uint32_t* handle = nullptr;  // the handle's id, written at registration
  // A range that binds ports of a dissector table to a dissector (Wireshark's
  // dissector_add_uint_range_with_preference, e.g. http.tcp.port): not written by -G, and a new
  // value replaces the default ports in the table.
  DissectorTable& (*table)() = nullptr;
  Dissector dissector = nullptr;
  // A custom preference's type name and description lines (gui.column.format).
  const char* custom_type_name = nullptr;
  const char* custom_type_description = nullptr;
  // A custom preference's own test of being at its default (gui.column.hidden follows the
  // column list), used by -G currentprefs.
  bool (*custom_is_default)(const class PrefStore& store) = nullptr;
};

constexpr PrefReg pref_bool(BoolPref* h, const char* name, const char* desc,
                            bool def) {
  PrefReg r;
  r.type = PrefType::kBool;
  r.name = name;
  r.description = desc;
  r.default_number = def;
  r.handle = &h->id;
  return r;
}

constexpr PrefReg pref_uint(UintPref* h, const char* name, const char* desc,
                            uint32_t def, unsigned base = 10) {
  PrefReg r;
  r.type = PrefType::kUint;
  r.name = name;
  r.description = desc;
  r.default_number = def;
  r.base = base;
  r.handle = &h->id;
  return r;
}

constexpr PrefReg pref_enum(EnumPref* h, const char* name, const char* desc,
                            int def, std::span<const PrefEnumValue> values) {
  PrefReg r;
  r.type = PrefType::kEnum;
  r.name = name;
  r.description = desc;
  r.default_number = static_cast<uint32_t>(def);
  r.enum_values = values;
  r.handle = &h->id;
  return r;
}

constexpr PrefReg pref_string(StringPref* h, const char* name, const char* desc, const char* def = "",
                              PrefType type = PrefType::kString) {
  PrefReg r;
  r.type = type;
  r.name = name;
  r.description = desc;
  r.default_text = def;
  r.handle = &h->id;
  return r;
}

constexpr PrefReg pref_filename(StringPref* h, const char* name, const char* desc) {
  return pref_string(h, name, desc, "", PrefType::kFilename);
}

constexpr PrefReg pref_range(RangePref* h, const char* name, const char* desc,
                             const char* def, uint32_t max = 65535) {
  PrefReg r;
  r.type = PrefType::kRange;
  r.name = name;
  r.description = desc;
  r.default_text = def;
  r.range_max = max;
  r.handle = &h->id;
  return r;
}

// Wireshark's "<proto>.tcp.port"-style preference: the ports of `table` handed to `dissector`.
constexpr PrefReg pref_port_range(RangePref* h, const char* name, const char* desc,
                                  const char* def, DissectorTable& (*table)(), Dissector d) {
  PrefReg r = pref_range(h, name, desc, def);
  r.table = table;
  r.dissector = d;
  return r;
}

constexpr PrefReg pref_obsolete(const char* name) {
  PrefReg r;
  r.type = PrefType::kObsolete;
  r.name = name;
  return r;
}

// Where a module's preferences are printed by -G defaultprefs: the "gui" module's sections come
// first, then top-level modules and the protocols, sorted by module name.
enum class PrefSection : uint8_t { kGui, kTopLevel, kProtocol };

struct PrefModuleDef {
  const char* name;    // "tcp"; the prefix of its preferences' names
  const char* title;   // "Transmission Control Protocol"
  PrefSection section = PrefSection::kProtocol;
  const char* header = nullptr;  // section header of a gui or top-level module ("Name Resolution")
};

// A preference's value, whichever its type.
struct PrefValue {
  uint32_t number = 0;  // bool, uint, enum
  std::string text;     // string, filename, directory
  PrefRange range;
  std::vector<std::string> list;
};

struct PrefInfo {
  PrefReg reg;
  PrefValue default_value;
  std::string full_name;  // "tcp.relative_sequence_numbers"
  uint32_t module = 0;    // index into PrefRegistry::modules()
};

enum class PrefSetStatus { kOk, kSyntaxError, kNoSuchPref, kObsolete };

// Every preference and UAT table netsift knows. Written at start-up; read-only afterwards.
class PrefRegistry {
 public:
  PrefRegistry();
  void add_module(const PrefModuleDef& module, std::span<const PrefReg> prefs);
  // Adds preferences to a module already registered under `module_name` (e.g. HTTP's port range
  // next to its other preferences).
  void add_prefs(const char* module_name, std::span<const PrefReg> prefs);
  // An old module name still accepted in preference names, with tshark's warning ("ssl" ->
  // "tls").
  void add_module_alias(const char* old_name, const char* module_name);
  // An old preference name inside a module that tshark maps to a current one, silently
  // ("tcp.tcp_relative_sequence_numbers").
  void add_renamed(const char* old_full_name, const char* full_name);
  void add_uat(const UatDef& uat);

  std::span<const PrefModuleDef> modules() const { return modules_; }
  std::span<const PrefInfo> prefs() const { return {prefs_.data() + 1, prefs_.size() - 1}; }
  const PrefInfo& info(uint32_t id) const { return prefs_[id]; }
  size_t size() const { return prefs_.size(); }
  // The preference a "module.name" spelling denotes (through aliases and renames); 0 if none.
  // `alias_from` receives the module alias used, if any, for tshark's "converted" warning.
  uint32_t find(std::string_view full_name, std::string* alias_from = nullptr,
                std::string* converted = nullptr) const;
  const UatDef* find_uat(std::string_view name) const;
  std::span<const UatDef> uats() const { return uats_; }

 private:
  uint32_t module_index(const char* name) const;
  std::vector<PrefModuleDef> modules_;
  std::vector<PrefInfo> prefs_;  // [0] is a placeholder: id 0 is "no preference"
  std::unordered_map<std::string, uint32_t> by_name_;
  std::unordered_map<std::string, std::string> module_aliases_;
  std::unordered_map<std::string, std::string> renamed_;
  std::vector<UatDef> uats_;
};

// The process-wide registry, complete after register_all_dissectors().
PrefRegistry& prefs_registry();

// The values of one run: every registered preference, at its default until set.
// A store holds nothing until a value is set, so a Session made before the dissectors register
// (or one per test) costs nothing and reads the registered defaults.
class PrefStore {
 public:
  bool get(BoolPref h) const { return value(h.id).number != 0; }
  uint32_t get(UintPref h) const { return value(h.id).number; }
  int get(EnumPref h) const { return static_cast<int>(value(h.id).number); }
  const std::string& get(StringPref h) const { return value(h.id).text; }
  const PrefRange& get(RangePref h) const { return value(h.id).range; }
  const std::vector<std::string>& get(StringListPref h) const { return value(h.id).list; }

  // Sets "module.name" from its text as tshark's set_pref does (bools are TRUE only for
  // "true", any case; enums keep their value when the text names no choice). `warnings`
  // receives tshark's warnings (a converted module alias).
  PrefSetStatus set(std::string_view full_name, std::string_view value,
                    std::vector<std::string>* warnings = nullptr);
  // Sets one preference by id from text.
  PrefSetStatus set(uint32_t id, std::string_view value);
  bool is_default(uint32_t id) const;
  bool is_default(BoolPref h) const { return is_default(h.id); }
  bool is_default(StringListPref h) const { return is_default(h.id); }
  // The value as tshark prints it (enum description, "0x9100", ranges as written, one line per
  // string-list pair).
  std::string to_string(uint32_t id, bool default_value = false) const;

  // UAT tables by name, from `-o uat:NAME:...` and the profile's files.
  UatTable& uat(std::string_view name);
  const UatTable* find_uat(std::string_view name) const;

  // Points dissector tables at the port ranges set for them (http.tcp.port). Tables are
  // process-wide; a run applies its preferences once, before the first packet.
  void apply_port_ranges() const;

 private:
  const PrefValue& value(uint32_t id) const {
    return id < values_.size() ? values_[id] : prefs_registry().info(id).default_value;
  }
  std::vector<PrefValue> values_;  // empty until the first set()
  std::vector<UatTable> uats_;
};

}  // namespace netsift
