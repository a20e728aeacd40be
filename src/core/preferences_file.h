// Reading preferences as Wireshark stores them: the profile's "preferences" file (tshark's
// read_prefs_file, with its warnings) and the profile's UAT files (ssl_keys, esp_sa, ...).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/config_files.h"
#include "core/preferences.h"

namespace netsift {

// A warning tshark prints through GLib ("read_prefs_file(): No such preference ..."): where it
// comes from in tshark, for the same line, and the message.
struct PrefWarning {
  const char* origin;  // "./epan/prefs.c:4555 -- read_prefs_file()"
  std::string message;
};

// Applies the "name: value" lines of a preferences file to `store`. Continuation lines (starting
// with white space) extend the value; '#' lines are comments. Problems become warnings, as
// tshark's, and the line is skipped.
std::vector<PrefWarning> read_preferences_text(std::string_view text, const std::string& path,
                                               PrefStore& store);

// Applies `-o uat:NAME:RECORD` text (NAME:RECORD). Returns "" or tshark's message for it.
std::string set_uat_from_option(std::string_view name_and_record, PrefStore& store);

// Reads the profile's preferences file and every registered UAT table's file into `store`.
// Warnings go to `warnings`; a UAT file tshark refuses adds a line to `errors` ("Error loading
// table 'Custom HTTP Header Fields': custom_http_header_fields:2: expecting field header_desc")
// and, as in tshark, none of its records is kept.
void load_profile(const ConfigLocation& loc, PrefStore& store, std::vector<PrefWarning>& warnings,
                  std::vector<std::string>& errors);

// Prints a warning in GLib's format, as tshark's stderr shows it:
//  ** (netsift:PID) HH:MM:SS.uuuuuu [Epan WARNING] ./epan/prefs.c:4555 -- read_prefs_file(): ...
void print_pref_warning(const PrefWarning& w);

}  // namespace netsift
