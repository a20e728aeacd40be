// The registry of every protocol and field netsift knows. Filled once at start-up by the
// dissector registration functions; read-only afterwards, so any thread may use it.
#pragma once

#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/field.h"

namespace netsift {

class FieldRegistry {
 public:
  // Registers a protocol and returns its field id.
  FieldId add_protocol(const ProtocolDef& p);
  // Registers the fields of `protocol`, storing each assigned id through FieldReg::id.
  void add_fields(FieldId protocol, std::span<const FieldReg> fields);

  const FieldInfo& info(FieldId id) const { return fields_[id]; }
  // Marks a field a dissector reads back from the packet tree (see PacketTree::set_interest).
  void mark_read_back(FieldId id) { fields_[id].read_back = true; }
  FieldId find(std::string_view abbrev) const;  // kNoField when unknown
  // An old name of a protocol ("ssl" for "tls", "bootp" for "dhcp"): display filters accept
  // the alias and its fields ("ssl.record.version"), as tshark's proto_register_alias.
  void add_protocol_alias(FieldId protocol, std::string_view alias);
  // The field an aliased name stands for, kNoField when `name` does not start with an alias.
  FieldId find_by_alias(std::string_view name) const;
  std::span<const FieldInfo> all() const { return {fields_.data() + 1, fields_.size() - 1}; }
  size_t size() const { return fields_.size(); }

  FieldRegistry();

 private:
  FieldId add(const FieldInfo& f);
  std::vector<FieldInfo> fields_;
  std::unordered_map<std::string_view, FieldId> by_abbrev_;
  std::unordered_map<std::string_view, std::string_view> aliases_;  // alias -> protocol abbrev
};

// The process-wide registry, complete after register_all_dissectors() (dissectors/all.h).
// A plain global rather than a function-local static: it is read for every field added, and
// a local static's guard check shows up in profiles.
extern FieldRegistry g_registry;
inline FieldRegistry& registry() {
  return g_registry;
}

}  // namespace netsift
