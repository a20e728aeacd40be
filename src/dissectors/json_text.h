// JSON string text as tshark 4.0 derives it (packet-json.c json_string_unescape), with its
// quirks kept, since they show in every json.* string field:
//  - raw bytes are copied as they are, a UTF-8 lead byte taking its continuation bytes along;
//    a 0xfe/0xff byte ends the text;
//  - \uXXXX becomes UTF-8 unless GLib finds the code point unprintable (controls, format
//    characters, unassigned): then it is dropped, as is an escape ending the string;
//  - surrogates pair up; a lone one becomes U+FFFD and swallows the character after it; a
//    lead surrogate ending the string ends the text;
//  - a backslash followed by anything but " \ / b f n r t u (tshark's grammar lets whitespace
//    in between) is tshark's DISSECTOR_ASSERT_NOT_REACHED.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace netsift::json {

// Unescapes `s` (a string token without its quotes) into `out`. Returns false where tshark's
// assertion fails (out then holds the text before it).
bool unescape(std::string_view s, std::string& out);

// g_unichar_validate(c) && g_unichar_isprint(c) of GLib 2.74 (json_unichar.cpp, generated).
bool glib_printable(uint32_t c);

}  // namespace netsift::json
