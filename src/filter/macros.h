// Display-filter macros, as Wireshark 4.0 expands them before parsing: `${name}` or
// `${name:arg1;arg2}` is replaced by the text of the macro `name` from the dfilter_macros table
// (the profile's file, else the global one, plus `-o uat:dfilter_macros:...`), its `$1`, `$2`
// ... replaced by the arguments; the result is expanded again. `${field}` and `${field#layer}`
// naming a registered field are field references, left for the parser.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "core/uat.h"
#include "filter/filter_error.h"

namespace netsift {

// Declares the dfilter_macros table to the preference registry (once; before profiles load).
void register_filter_macro_table();

// The macros DisplayFilter::compile expands from now on (the records of dfilter_macros).
void use_filter_macros(const UatTable* table);

namespace dfilter {

// `text` with every macro expanded, or tshark's message ("macro 'x' does not exist"), which
// refers to no particular token.
std::variant<std::string, FilterError> expand_macros(std::string_view text);

}  // namespace dfilter
}  // namespace netsift
