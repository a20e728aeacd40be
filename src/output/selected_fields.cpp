#include "output/selected_fields.h"

#include <algorithm>
#include <cstdio>

#include "core/field_registry.h"

namespace netsift {

bool resolve_field_names(const std::vector<std::string>& names, const ColumnLayout& columns,
                         std::vector<std::vector<FieldId>>& ids,
                         std::vector<const ColumnSpec*>& summary_columns) {
  const FieldRegistry& reg = registry();
  ids.assign(names.size(), {});
  summary_columns.assign(names.size(), nullptr);
  std::vector<const std::string*> unknown;
  constexpr std::string_view kColumnPrefix = "_ws.col.";
  for (size_t c = 0; c < names.size(); ++c) {
    if (names[c].starts_with(kColumnPrefix)) {
      summary_columns[c] =
          column_by_title(columns, std::string_view(names[c]).substr(kColumnPrefix.size()));
      continue;
    }
    FieldId id = reg.find(names[c]);
    if (id == kNoField) unknown.push_back(&names[c]);
    for (; id != kNoField; id = reg.info(id).same_name_next) ids[c].push_back(id);
  }
  if (!unknown.empty()) {
    // tshark lists them last first.
    std::fprintf(stderr, "netsift: Some fields aren't valid:\n");
    for (auto it = unknown.rbegin(); it != unknown.rend(); ++it)
      std::fprintf(stderr, "\t%s\n", (*it)->c_str());
    return false;
  }
  // A name given twice has values only in its last place, as in tshark (one index per name).
  for (size_t c = 0; c < names.size(); ++c)
    if (std::find(names.begin() + c + 1, names.end(), names[c]) != names.end()) {
      ids[c].clear();
      summary_columns[c] = nullptr;
    }
  return true;
}

bool SelectedFields::resolve() {
  return resolve_field_names(names_, columns_, ids_, summary_columns_);
}

}  // namespace netsift
