// -G: the registry as tshark 4.0 lists it (-G fields, -G protocols, -G defaultprefs,
// -G currentprefs, and the reports of glossary_reports.cpp).
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "core/preferences.h"

namespace netsift {

// Writes the glossary `which` ("" means fields) to `out`. Returns the exit status: 1, after
// tshark's message on stderr, for an unknown glossary.
// `current` holds the preferences -G currentprefs shows.
int write_glossary(std::string_view which, std::FILE* out, const PrefStore& current);

// Appends the report `which` (help, ftypes, fieldcount, column-formats, values, folders,
// plugins); false for another name.
bool append_glossary_report(std::string_view which, std::string& out);

}  // namespace netsift
