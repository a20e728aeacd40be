// -C PROFILE and -o NAME:VALUE, applied as tshark applies them: the profile's preferences and
// UAT files first, then each -o in order; then the port ranges they set.
#pragma once

#include "cli/options.h"
#include "core/preferences.h"

namespace netsift {

// Returns 0, or 1 after tshark's message (missing profile, unknown preference, bad value).
int apply_preferences(const Options& opts, PrefStore& store);

// Loads the profile only (-G currentprefs shows the profile, not -o). Returns 0 or 1.
int load_profile_preferences(const Options& opts, PrefStore& store);

}  // namespace netsift
