// Name resolution as Wireshark does it: MAC addresses through the manufacturer (OUI) table and
// well-known addresses, transport ports through the services table, IP addresses only from
// names from hosts files (the profile's, -H) and the capture (pcapng NRB, DNS answers with -N d).
// Nothing is ever looked up on the network.
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
  // A port as the Info column shows it: "domain(53)" when resolving and the port has a name,
  // else the number.
  void append_port_info(std::string& out, bool tcp, uint16_t port, bool resolve) const;
  // A port name from a services file; replaces the built-in name (later files win, as in
  // Wireshark, whose personal services file is read after the global one).
  void add_port_name(bool tcp, uint16_t port, std::string_view name);
  // Names for IPv4/IPv6 addresses: the latest name given wins, wherever it comes from (hosts
  // files at start-up, then the capture's NRB and DNS answers, as tshark 4.0 behaves).
  void add_ip_name(const uint8_t* addr, size_t len, std::string_view name);
  const std::string* ip_name(const uint8_t* addr, size_t len) const;
  // Names of whole MAC addresses (ethers files), shown before any manufacturer name.
  void add_mac_name(const uint8_t* mac, std::string_view name);
  // IPv4 subnet names (the subnets file). An address without a host name shows as the longest
  // matching subnet's name followed by its octets past the prefix ("lan.1" in lan 192.168.0.0/24).
  void add_ipv4_subnet(uint32_t network, unsigned prefix_len, std::string_view name);
  bool append_ipv4_subnet_name(std::string& out, const uint8_t* addr) const;
  // VLAN names (the vlans file), shown with -N v.
  void add_vlan_name(uint16_t id, std::string_view name);
  const std::string* vlan_name(uint16_t id) const;

 private:
  std::unordered_map<std::string, std::string> ip_names_;
  std::unordered_map<uint64_t, std::string> mac_names_;
  std::unordered_map<uint32_t, std::string> subnets_[33];  // by prefix length, network as key
  std::unordered_map<uint16_t, std::string> vlan_names_;
  std::unordered_map<uint16_t, std::string> tcp_ports_, udp_ports_;
};

}  // namespace netsift
