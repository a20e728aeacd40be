// Text forms Wireshark gives bytes and bits in tree labels and columns: format_text()'s escaping
// of strings and the "0100 .... = " bit patterns. Dissectors and printers both use them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "core/field.h"
#include "core/packet_tree.h"

namespace netsift {

// Wireshark's format_text(): printable ASCII and valid UTF-8 as is, control characters as
// C escapes (\n, \t, \001), invalid UTF-8 as U+FFFD.
void append_formatted_text(std::string& out, std::string_view s);

// A string as tshark reads it with ENC_ASCII: up to the first NUL, each byte above 0x7f as
// U+FFFD.
std::string ascii_string(std::string_view raw);

// Length of the valid UTF-8 sequence starting at s[i] (1 for ASCII), or 0 when invalid.
size_t utf8_sequence_length(std::string_view s, size_t i);

// Appends the bits of `value` under `mask` in a field `width` bits wide, dots elsewhere,
// in groups of four: "0100 .... ".
void append_bit_pattern(std::string& out, uint64_t value, uint64_t mask, int width);

// Hex digits of bytes p[0, n), separated by `sep` unless it is '\0'.
void append_hex_bytes(std::string& out, const uint8_t* p, size_t n, char sep = '\0');

// A bytes field's value as a tree label shows it: at most 36 bytes in hex (separated as the
// field's base says), then an ellipsis; "<MISSING>" or "<none>" (BASE_ALLOW_ZERO) when empty.
void append_bytes_label(std::string& out, const FieldDef& d, const Value& v);

// Wireshark's unsigned_time_secs_to_str(): "1 day, 2 hours, 3 minutes, 4 seconds", zero units
// left out, "0 seconds" for zero.
void append_time_secs(std::string& out, uint32_t secs);
// Wireshark's signed_time_secs_to_str(): as above, with a leading "-" for negative times.
void append_signed_time_secs(std::string& out, int32_t secs);

// What Wireshark's proto_tree_add_bitmask appends to the header item's label for `value`:
// ", Name" for each set boolean flag, ", Name: text" for each integer field with value names
// (integers without names and unset flags add nothing).
void append_bitmask_title(std::string& out, uint64_t value, std::initializer_list<FieldId> fields);

// Wireshark keeps an item's text in ITEM_LABEL_LENGTH (240) bytes. Text appended to an item's
// label (proto_item_append_text) stops silently at 239 bytes, cut here on a character boundary,
// without the " [truncated]" mark the printer gives a label set whole.
void cut_appended_label(std::string& label);

}  // namespace netsift
