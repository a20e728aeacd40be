#include "core/column_prefs.h"

namespace netsift::column_prefs {

StringListPref format;
StringPref hidden;

namespace {

// tshark writes the hidden-column list out whenever the column list is not its default.
bool hidden_is_default(const PrefStore& store) {
  return store.get(hidden).empty() && store.is_default(format);
}

constexpr PrefReg make_format() {
  PrefReg r;
  r.type = PrefType::kStringList;
  r.name = "column.format";
  r.description = "Packet list column format";
  r.default_text =
      "\"No.\", \"%m\", \"Time\", \"%t\", \"Source\", \"%s\", \"Destination\", \"%d\", "
      "\"Protocol\", \"%p\", \"Length\", \"%L\", \"Info\", \"%i\"";
  r.custom_type_name = "Packet list column format";
  r.custom_type_description = "Each pair of strings consists of a column title and its format";
  r.handle = &format.id;
  return r;
}

constexpr PrefReg make_hidden() {
  PrefReg r = pref_string(&hidden, "column.hidden", "Packet list hidden columns");
  r.custom_type_name = "Packet list hidden columns";
  r.custom_type_description = "List all columns to hide in the packet list.";
  r.custom_is_default = hidden_is_default;
  return r;
}

const PrefReg kColumnPrefs[] = {make_hidden(), make_format()};

}  // namespace

void register_prefs() {
  prefs_registry().add_module(
      {"gui", "Columns", PrefSection::kGui, "User Interface: Columns"}, kColumnPrefs);
}

}  // namespace netsift::column_prefs
