// The fields -e lists for -T json, ek and pdml: each name stands for every field registered
// under it, or for the summary column it names (_ws.col.<title>). Values are the -T fields
// texts, in tree order.
#pragma once

#include <string>
#include <vector>

#include "core/field.h"
#include "core/packet.h"
#include "output/columns.h"
#include "output/value_format.h"

namespace netsift {

// Resolves -e names: each to the fields registered under it, or to the summary column it names
// (_ws.col.<title>); a name given twice resolves only in its last place, as in tshark. Prints
// tshark's message and returns false when some names are unknown.
bool resolve_field_names(const std::vector<std::string>& names, const ColumnLayout& columns,
                         std::vector<std::vector<FieldId>>& ids,
                         std::vector<const ColumnSpec*>& summary_columns);

class SelectedFields {
 public:
  SelectedFields(std::vector<std::string> names, ColumnLayout columns)
      : names_(std::move(names)), columns_(std::move(columns)) {}
  // Resolves the names; prints tshark's message and returns false when some are unknown.
  bool resolve();
  // -E occurrence: 'f' the first value of each name, 'l' the last, 'a' all (tshark applies it
  // to -T json, ek and pdml too; the aggregator only joins -T fields values).
  void set_occurrence(char occurrence) { occurrence_ = occurrence; }

  bool empty() const { return names_.empty(); }
  size_t size() const { return names_.size(); }
  const std::string& name(size_t c) const { return names_[c]; }

  // Calls `each(text)` with every value of name `c` in `pkt` the occurrence selects (a column's
  // text once; nothing for a column title no column has, as in tshark), formatted into `scratch`.
  template <class Each>
  void for_each_value(const Packet& pkt, size_t c, std::string& scratch, Each&& each) const {
    if (summary_columns_[c]) {
      scratch.clear();
      append_column(scratch, pkt, *summary_columns_[c]);
      each(scratch);
      return;
    }
    const Node* last = nullptr;
    for (const Node& n : pkt.tree.nodes()) {
      bool match = false;
      for (FieldId id : ids_[c]) match |= n.field == id;
      if (!match) continue;
      if (occurrence_ == 'l') {
        last = &n;
        continue;
      }
      scratch.clear();
      append_field_value(scratch, pkt, n);
      each(scratch);
      if (occurrence_ == 'f') return;
    }
    if (last) {
      scratch.clear();
      append_field_value(scratch, pkt, *last);
      each(scratch);
    }
  }

 private:
  std::vector<std::string> names_;
  ColumnLayout columns_;
  std::vector<std::vector<FieldId>> ids_;           // by name
  std::vector<const ColumnSpec*> summary_columns_;  // by name: the column it names, if any
  char occurrence_ = 'a';
};

}  // namespace netsift
