// The packet-list column preferences (tshark's gui.column.format and gui.column.hidden), in the
// "User Interface: Columns" section of -G defaultprefs.
#pragma once

#include "core/preferences.h"

namespace netsift::column_prefs {

extern StringListPref format;  // title/format pairs: "No.", "%m", ...
extern StringPref hidden;      // formats of hidden columns, comma separated

void register_prefs();

}  // namespace netsift::column_prefs
