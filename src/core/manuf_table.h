// Name-resolution data generated at build time from Wireshark's manuf, wka and services files
// (scripts/gen_manuf.py writes manuf_table.cpp). Every table is sorted by its key.
#pragma once

#include <cstdint>
#include <span>

namespace netsift::manuf {

struct OuiName {
  uint32_t oui;            // first three bytes of the address
  const char* short_name;  // "Giga-Byt", used in resolved addresses
  const char* long_name;   // "Giga-Byte Technology Co.,Ltd.", eth.src.oui_resolved
};

struct AddressName {
  uint64_t address;  // 48-bit address (ranges: masked, low bits zero)
  const char* name;
};

struct PortName {
  uint16_t port;
  const char* name;
};

extern const std::span<const OuiName> kOuis;
extern const std::span<const AddressName> kWellKnown;  // single addresses ("Broadcast")
// Address ranges (wka /N entries, IEEE MA-M /28 and MA-S /36 blocks). As in Wireshark, one
// table keyed by the masked address alone: a key matches whatever mask a lookup applies.
extern const std::span<const AddressName> kRanges;
extern const std::span<const PortName> kTcpPorts;
extern const std::span<const PortName> kUdpPorts;

}  // namespace netsift::manuf
