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
// An address in a summary column, with name resolution as -n/-N say.
void append_address(std::string& out, const Address& a, const NameResolver& names,
                    const NameResolutionFlags& resolve);

}  // namespace netsift
