#include "l3_packets.h"

#include <cstddef>

namespace netsift::test {

namespace {
uint32_t sum16(const uint8_t* p, std::size_t n, uint32_t sum = 0) {
  for (std::size_t i = 0; i + 1 < n; i += 2) sum += (p[i] << 8) | p[i + 1];
  if (n & 1) sum += p[n - 1] << 8;
  return sum;
}
uint16_t finish(uint32_t sum) {
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(~sum);
}
void put16(Bytes& b, std::size_t off, uint16_t v) {
  b[off] = v >> 8;
  b[off + 1] = v & 0xff;
}
}  // namespace

Bytes operator+(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

Bytes ipv4(const Ipv4Spec& s, const Bytes& payload) {
  std::size_t hlen = 20 + s.options.size();
  Bytes h(20, 0);
  h[0] = static_cast<uint8_t>(0x40 | hlen / 4);
  h[1] = s.tos;
  put16(h, 2, s.total_length >= 0 ? s.total_length : hlen + payload.size());
  put16(h, 4, s.id);
  put16(h, 6, s.flags_offset);
  h[8] = s.ttl;
  h[9] = s.proto;
  for (int i = 0; i < 4; ++i) h[12 + i] = s.src[i], h[16 + i] = s.dst[i];
  h = h + s.options;
  put16(h, 10, finish(sum16(h.data(), h.size())));
  return h + payload;
}

Bytes ipv6(uint8_t next_header, const uint8_t src[16], const uint8_t dst[16], const Bytes& payload,
           uint8_t hop_limit) {
  Bytes h(40, 0);
  h[0] = 0x60;
  put16(h, 4, static_cast<uint16_t>(payload.size()));
  h[6] = next_header;
  h[7] = hop_limit;
  for (int i = 0; i < 16; ++i) h[8 + i] = src[i], h[24 + i] = dst[i];
  return h + payload;
}

Bytes ether(uint16_t ethertype, const Bytes& l3) {
  Bytes e = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0, 0};
  put16(e, 12, ethertype);
  return e + l3;
}

Bytes icmp(uint8_t type, uint8_t code, const Bytes& rest) {
  Bytes m = Bytes{type, code, 0, 0} + rest;
  put16(m, 2, finish(sum16(m.data(), m.size())));
  return m;
}

Bytes icmpv6(uint8_t type, uint8_t code, const Bytes& rest, const uint8_t src[16],
             const uint8_t dst[16]) {
  Bytes m = Bytes{type, code, 0, 0} + rest;
  uint32_t sum = sum16(src, 16);
  sum = sum16(dst, 16, sum);
  sum += static_cast<uint32_t>(m.size()) + 58;
  put16(m, 2, finish(sum16(m.data(), m.size(), sum)));
  return m;
}

}  // namespace netsift::test
