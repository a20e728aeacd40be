// Network and link addresses as carried by a packet (pinfo->src/dst in Wireshark terms), kept
// raw so that formatting and name resolution happen only when output needs them.
#pragma once

#include <cstdint>
#include <cstring>

namespace netsift {

enum class AddressType : uint8_t { kNone, kEther, kIpv4, kIpv6, kIpx };

struct Address {
  AddressType type = AddressType::kNone;
  uint8_t bytes[16] = {};

  static Address ether(const uint8_t* p) { return make(AddressType::kEther, p, 6); }
  static Address ipv4(const uint8_t* p) { return make(AddressType::kIpv4, p, 4); }
  static Address ipv6(const uint8_t* p) { return make(AddressType::kIpv6, p, 16); }
  // IPX: the 4-byte network, then the 6-byte node.
  static Address ipx(const uint8_t* p) { return make(AddressType::kIpx, p, 10); }
  size_t size() const {
    switch (type) {
      case AddressType::kEther:
        return 6;
      case AddressType::kIpv4:
        return 4;
      case AddressType::kIpv6:
        return 16;
      case AddressType::kIpx:
        return 10;
      default:
        return 0;
    }
  }
  bool operator==(const Address& o) const {
    return type == o.type && std::memcmp(bytes, o.bytes, size()) == 0;
  }

 private:
  static Address make(AddressType t, const uint8_t* p, size_t n) {
    Address a;
    a.type = t;
    std::memcpy(a.bytes, p, n);
    return a;
  }
};

}  // namespace netsift
