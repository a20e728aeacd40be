// ARP's tables and address text other protocols reuse (DHCP's hardware types and client
// hardware addresses).
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "core/byte_reader.h"
#include "core/field.h"

namespace netsift {

// The ARP hardware types (IANA "Hardware Types"), as Wireshark's arp_hrd_vals names them.
std::span<const ValueName> arp_hardware_types();

// Wireshark's tvb_arphrdaddr_to_str: a hardware address of `type`, colon-separated when it is an
// Ethernet/IEEE 802 address, plain hex otherwise, "<No address>" when empty.
void append_hw_address(std::string& out, const ByteReader& r, size_t off, uint8_t len,
                       uint16_t type);

}  // namespace netsift
