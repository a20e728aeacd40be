#include "core/address_format.h"

#include <arpa/inet.h>

#include "core/names.h"
#include "core/session.h"

namespace netsift {

namespace {
constexpr char kHex[] = "0123456789abcdef";

void append_u8(std::string& out, unsigned v) {
  if (v >= 100) out.push_back(static_cast<char>('0' + v / 100));
  if (v >= 10) out.push_back(static_cast<char>('0' + v / 10 % 10));
  out.push_back(static_cast<char>('0' + v % 10));
}
void append_hex_digits(std::string& out, const uint8_t* p, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    out.push_back(kHex[p[i] >> 4]);
    out.push_back(kHex[p[i] & 15]);
  }
}
}  // namespace

void append_ipv4(std::string& out, uint32_t a) {
  append_u8(out, a >> 24);
  out.push_back('.');
  append_u8(out, (a >> 16) & 0xff);
  out.push_back('.');
  append_u8(out, (a >> 8) & 0xff);
  out.push_back('.');
  append_u8(out, a & 0xff);
}

void append_ipv6(std::string& out, const uint8_t* addr) {
  char buf[INET6_ADDRSTRLEN];
  if (inet_ntop(AF_INET6, addr, buf, sizeof buf)) out.append(buf);
}

void append_ipx(std::string& out, const uint8_t* addr) {
  append_hex_digits(out, addr, 4);
  out.push_back('.');
  append_hex_digits(out, addr + 4, 6);
}

void append_mac_raw(std::string& out, const uint8_t* mac) {
  for (int i = 0; i < 6; ++i) {
    if (i) out.push_back(':');
    out.push_back(kHex[mac[i] >> 4]);
    out.push_back(kHex[mac[i] & 15]);
  }
}

namespace {

void append_ip(std::string& out, const uint8_t* addr, size_t len) {
  if (len == 4)
    append_ipv4(
        out, uint32_t{addr[0]} << 24 | uint32_t{addr[1]} << 16 | uint32_t{addr[2]} << 8 | addr[3]);
  else
    append_ipv6(out, addr);
}

}  // namespace

void append_ip_host(std::string& out, const uint8_t* addr, size_t len, const NameResolver& names,
                    const NameResolutionFlags& resolve) {
  if (resolve.network) {
    if (const std::string* n = names.ip_name(addr, len)) return out.append(*n), void();
    if (len == 4 && names.append_ipv4_subnet_name(out, addr)) return;
  }
  append_ip(out, addr, len);
}

void append_ip_with_name(std::string& out, const uint8_t* addr, size_t len,
                         const NameResolver& names, const NameResolutionFlags& resolve) {
  if (!resolve.network) return append_ip(out, addr, len);
  append_ip_host(out, addr, len, names, resolve);
  out.append(" (");
  append_ip(out, addr, len);
  out.push_back(')');
}

void append_address(std::string& out, const Address& a, const NameResolver& names,
                    const NameResolutionFlags& resolve) {
  switch (a.type) {
    case AddressType::kEther:
      names.append_mac(out, a.bytes, resolve.mac);
      break;
    case AddressType::kIpv4:
      append_ip_host(out, a.bytes, 4, names, resolve);
      break;
    case AddressType::kIpv6:
      append_ip_host(out, a.bytes, 16, names, resolve);
      break;
    case AddressType::kIpx:
      append_ipx(out, a.bytes);
      break;
    case AddressType::kNone:
      break;
  }
}

}  // namespace netsift
