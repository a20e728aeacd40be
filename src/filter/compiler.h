// Semantic pass: resolves names against the field registry, types every sub-expression, parses
// literals as the type they are compared with, and emits a Program. Errors carry tshark's
// wording and point at the offending token.
#pragma once

#include <string_view>
#include <variant>
#include <vector>

#include "filter/display_filter.h"
#include "filter/filter_error.h"
#include "filter/parser.h"
#include "filter/program.h"

namespace netsift::dfilter {

struct Compiled {
  Program program;
  std::vector<FieldId> referenced;  // every field id the filter reads (same-name chains too)
};

std::variant<Compiled, FilterError> compile(const Ast& ast, std::string_view expr,
                                            UnknownNames unknown = UnknownNames::kError);

}  // namespace netsift::dfilter
