// Name resolution as Wireshark does it: MAC addresses through the manufacturer (OUI) table and
// well-known addresses, transport ports through the services table, IP addresses only from
// names found in the capture (pcapng NRB) unless network resolution is asked for.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace netsift {

class NameResolver {
 public:
  // Appends the display form of a MAC address: "VMware_21:ad:4d", "Broadcast", or the raw
  // "00:0c:29:21:ad:4d" when unresolved or `resolve` is false.
  void append_mac(std::string& out, const uint8_t* mac, bool resolve) const;
  // Long vendor name of the address's OUI when that exact OUI is listed ("Giga-Byte Technology
  // Co.,Ltd.", for eth.src.oui_resolved), or nullptr.
  const char* oui_long_name(const uint8_t* mac) const;
  // Resolved name of a transport port ("http"), or nullptr.
  const char* tcp_port_name(uint16_t port) const;
  const char* udp_port_name(uint16_t port) const;
  // Names learnt from the capture (pcapng NRB) for IPv4/IPv6 addresses.
  void add_ip_name(const uint8_t* addr, size_t len, std::string_view name);
  const std::string* ip_name(const uint8_t* addr, size_t len) const;

 private:
  std::unordered_map<std::string, std::string> ip_names_;
};

}  // namespace netsift
