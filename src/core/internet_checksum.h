// The Internet checksum (RFC 1071): ones' complement sums of 16-bit words, for the checksums
// IPv4, ICMP, UDP and TCP carry.
#pragma once

#include <cstddef>
#include <cstdint>

namespace netsift {

// Adds the bytes to a ones' complement sum (an odd last byte as the high half of a word).
inline uint32_t ones_sum(const uint8_t* p, size_t n, uint32_t sum = 0) {
  for (size_t i = 0; i + 1 < n; i += 2) sum += (p[i] << 8) | p[i + 1];
  if (n & 1) sum += p[n - 1] << 8;
  return sum;
}

// Folds the carries back into 16 bits.
inline uint16_t fold(uint32_t sum) {
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(sum);
}

}  // namespace netsift
