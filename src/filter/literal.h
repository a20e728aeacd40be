// Unquoted words, quoted strings and character constants turned into values of the type they
// are compared with, with tshark's error messages.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/field.h"
#include "filter/program.h"

namespace netsift::dfilter {


// Each returns an error message, or nullopt with `out` set. `field` (may be null) supplies value
// names and the integer width; `store` receives the bytes `out` points to.
std::optional<std::string> value_from_word(VType t, const FieldInfo* field, std::string_view word,
                                           Val& out, std::string& store);
std::optional<std::string> value_from_string(VType t, const FieldInfo* field, std::string_view s,
                                             Val& out, std::string& store);
std::optional<std::string> value_from_char(VType t, const FieldInfo* field, uint8_t c,
                                           std::string_view spelled, Val& out, std::string& store);

// tshark's name of a field type: "Unsigned integer (4 bytes)".
const char* type_pretty_name(FieldType t);

}  // namespace netsift::dfilter
