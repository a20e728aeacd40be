// Text forms of addresses as Wireshark prints them.
#pragma once

#include <cstdint>
#include <string>

#include "core/address.h"

namespace netsift {

class NameResolver;
struct NameResolutionFlags;

void append_ipv4(std::string& out, uint32_t host_order_addr);
void append_ipv6(std::string& out, const uint8_t* addr);  // RFC 5952, as ws_inet_ntop6
void append_mac_raw(std::string& out, const uint8_t* mac);
// An IPX address (4-byte network, 6-byte node) as Wireshark's AT_IPX, which is never resolved:
// both in hex, a dot between.
void append_ipx(std::string& out, const uint8_t* addr);
// An address in a summary column, with name resolution as -n/-N say.
void append_address(std::string& out, const Address& a, const NameResolver& names,
                    const NameResolutionFlags& resolve);
// An IPv4 (len 4) or IPv6 (len 16) address as a host: its name when network names are resolved
// and one is known, else the address (ip.src_host, the Source column).
void append_ip_host(std::string& out, const uint8_t* addr, size_t len, const NameResolver& names,
                    const NameResolutionFlags& resolve);
// The same address in a tree label: with network names resolved "name (address)", the address
// standing for the name when none is known ("10.0.0.1 (10.0.0.1)"), as Wireshark's resolver
// answers with the address.
void append_ip_with_name(std::string& out, const uint8_t* addr, size_t len,
                         const NameResolver& names, const NameResolutionFlags& resolve);

}  // namespace netsift
