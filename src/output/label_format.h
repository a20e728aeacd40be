// The tree text of a node as tshark -V shows it: "Source Port: 80", "Type: IPv4 (0x0800)",
// ".... ..1. = Syn: Set", "Destination: Giga-Byt_b2:de:6e (6c:f0:49:b2:de:6e)". Generated
// items get their [brackets] from the tree printer.
#pragma once

#include <string>
#include <string_view>

#include "core/packet.h"

namespace netsift {

void append_label(std::string& out, const Packet& pkt, const Node& n);

// Wireshark's format_text(): printable ASCII and valid UTF-8 as is, control characters as
// C escapes (\n, \t, \001), invalid UTF-8 as U+FFFD.
void append_formatted_text(std::string& out, std::string_view s);

// Length of the valid UTF-8 sequence starting at s[i] (1 for ASCII), or 0 when invalid.
size_t utf8_sequence_length(std::string_view s, size_t i);

// Appends the bits of `value` under `mask` in a field `width` bits wide, dots elsewhere,
// in groups of four: "0100 .... ".
void append_bit_pattern(std::string& out, uint64_t value, uint64_t mask, int width);

}  // namespace netsift
