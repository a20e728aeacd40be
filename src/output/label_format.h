// The tree text of a node as tshark -V shows it: "Source Port: 80", "Type: IPv4 (0x0800)",
// ".... ..1. = Syn: Set", "Destination: Giga-Byt_b2:de:6e (6c:f0:49:b2:de:6e)". Generated
// items get their [brackets] from the tree printer.
#pragma once

#include <string>

#include "core/packet.h"

namespace netsift {

void append_label(std::string& out, const Packet& pkt, const Node& n);

// Wireshark keeps an item's text in ITEM_LABEL_LENGTH (240) bytes: a longer one is cut at a
// character boundary and marked " [truncated]" after the field name (at the start of a custom
// text). Applies that to the label in label[start...].
inline constexpr size_t kItemLabelLength = 240;
void cut_long_label(std::string& label, size_t start, bool custom);

// A node's text as tshark keeps it (the item's representation, which -T json keys text items
// by and PDML shows): its label, cut as above, without the brackets the tree shows around a
// generated item.
void append_representation(std::string& out, const Packet& pkt, const Node& n);

// The value of `n` as a custom column (%Cus) shows it: a value's name when `resolved` ("TCP"
// for ip.proto; its number with :U), numbers in the label's base ("0x002", "0xb7ab (47019)"),
// booleans as their texts ("Set"), "✓" for a protocol, other types as -T fields prints them.
void append_custom_value(std::string& out, const Packet& pkt, const Node& n, bool resolved);

}  // namespace netsift
