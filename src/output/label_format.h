// The tree text of a node as tshark -V shows it: "Source Port: 80", "Type: IPv4 (0x0800)",
// ".... ..1. = Syn: Set", "Destination: Giga-Byt_b2:de:6e (6c:f0:49:b2:de:6e)". Generated
// items get their [brackets] from the tree printer.
#pragma once

#include <string>

#include "core/packet.h"

namespace netsift {

void append_label(std::string& out, const Packet& pkt, const Node& n);

// The value of `n` as a custom column (%Cus) shows it: a value's name when `resolved` ("TCP"
// for ip.proto; its number with :U), numbers in the label's base ("0x002", "0xb7ab (47019)"),
// booleans as their texts ("Set"), "✓" for a protocol, other types as -T fields prints them.
void append_custom_value(std::string& out, const Packet& pkt, const Node& n, bool resolved);

}  // namespace netsift
