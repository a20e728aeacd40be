// -G defaultprefs and -G currentprefs: the preferences netsift has, written as tshark 4.0 writes
// its preferences file (module sections, description and type comments, defaults commented out).
#pragma once

#include <string>

#include "core/preferences.h"

namespace netsift {

void append_preferences(std::string& out, const PrefStore& store);

}  // namespace netsift
