// -G: the registry as tshark 4.0 lists it (-G fields, -G protocols, -G defaultprefs,
// -G currentprefs).
#pragma once

#include <cstdio>
#include <string_view>

#include "core/preferences.h"

namespace netsift {

// Writes the glossary `which` ("" means fields) to `out`. Returns the exit status: 1, after
// tshark's message on stderr, for an unknown glossary.
// `current` holds the preferences -G currentprefs shows.
int write_glossary(std::string_view which, std::FILE* out, const PrefStore& current);

}  // namespace netsift
