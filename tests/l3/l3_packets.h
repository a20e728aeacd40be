// Builders for the frames the network-layer tests dissect: Ethernet + IPv4/IPv6 headers with
// correct lengths and checksums around a given payload.
#pragma once

#include <cstdint>
#include <vector>

namespace netsift::test {

using Bytes = std::vector<uint8_t>;

struct Ipv4Spec {
  uint8_t proto = 253;  // RFC 3692 experimental: no dissector, so the payload stays data
  uint8_t src[4] = {192, 168, 1, 1};
  uint8_t dst[4] = {10, 0, 0, 2};
  uint16_t id = 0x1234;
  uint16_t flags_offset = 0x4000;  // DF
  uint8_t ttl = 64;
  uint8_t tos = 0;
  Bytes options;          // appended to the 20-byte header (multiple of 4)
  int total_length = -1;  // ip.len override; -1: header + payload
};

Bytes ipv4(const Ipv4Spec& s, const Bytes& payload);
Bytes ipv6(uint8_t next_header, const uint8_t src[16], const uint8_t dst[16], const Bytes& payload,
           uint8_t hop_limit = 64);
// Ethernet II header with the given EtherType in front of `l3`.
Bytes ether(uint16_t ethertype, const Bytes& l3);
// ICMP message with its checksum filled in.
Bytes icmp(uint8_t type, uint8_t code, const Bytes& rest);
// ICMPv6 message with its checksum over the IPv6 pseudo-header.
Bytes icmpv6(uint8_t type, uint8_t code, const Bytes& rest, const uint8_t src[16],
             const uint8_t dst[16]);

Bytes operator+(Bytes a, const Bytes& b);

}  // namespace netsift::test
