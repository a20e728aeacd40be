#include "output/selected_fields.h"

#include <algorithm>
#include <cstdio>

#include "core/field_registry.h"

namespace netsift {

bool SelectedFields::resolve() {
  const FieldRegistry& reg = registry();
  ids_.assign(names_.size(), {});
  summary_columns_.assign(names_.size(), nullptr);
  std::vector<const std::string*> unknown;
  constexpr std::string_view kColumnPrefix = "_ws.col.";
  for (size_t c = 0; c < names_.size(); ++c) {
    if (names_[c].starts_with(kColumnPrefix)) {
      summary_columns_[c] =
          column_by_title(columns_, std::string_view(names_[c]).substr(kColumnPrefix.size()));
      continue;
    }
    FieldId id = reg.find(names_[c]);
    if (id == kNoField) unknown.push_back(&names_[c]);
    for (; id != kNoField; id = reg.info(id).same_name_next) ids_[c].push_back(id);
  }
  // A name given twice has values only in its last place, as in tshark (one index per name).
  for (size_t c = 0; c < names_.size(); ++c)
    if (std::find(names_.begin() + c + 1, names_.end(), names_[c]) != names_.end()) {
      ids_[c].clear();
      summary_columns_[c] = nullptr;
    }
  if (unknown.empty()) return true;
  std::fprintf(stderr, "netsift: Some fields aren't valid:\n");
  for (auto it = unknown.rbegin(); it != unknown.rend(); ++it)
    std::fprintf(stderr, "\t%s\n", (*it)->c_str());
  return false;
}

}  // namespace netsift
