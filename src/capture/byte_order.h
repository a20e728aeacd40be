// Loading and storing integers in a capture file's byte order (which may differ from ours).
#pragma once

#include <cstdint>
#include <cstring>

namespace netsift {

inline uint16_t load_le16(const uint8_t* p) {
  return uint16_t(p[0] | (p[1] << 8));
}
inline uint32_t load_le32(const uint8_t* p) {
  return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}
inline uint16_t load_be16(const uint8_t* p) {
  return uint16_t((p[0] << 8) | p[1]);
}
inline uint32_t load_be32(const uint8_t* p) {
  return uint32_t(p[3]) | uint32_t(p[2]) << 8 | uint32_t(p[1]) << 16 | uint32_t(p[0]) << 24;
}

// Reads integers in a file's byte order, chosen once from the magic number.
struct Endian {
  bool big = false;
  uint16_t u16(const uint8_t* p) const { return big ? load_be16(p) : load_le16(p); }
  uint32_t u32(const uint8_t* p) const { return big ? load_be32(p) : load_le32(p); }
  uint64_t u64(const uint8_t* p) const {
    // pcapng 64-bit values are stored whole in the section's byte order.
    return big ? uint64_t(load_be32(p)) << 32 | load_be32(p + 4)
               : uint64_t(load_le32(p + 4)) << 32 | load_le32(p);
  }
};

inline void store_le16(uint8_t* p, uint16_t v) {
  p[0] = uint8_t(v);
  p[1] = uint8_t(v >> 8);
}
inline void store_le32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = uint8_t(v >> (8 * i));
}
inline void store_le64(uint8_t* p, uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = uint8_t(v >> (8 * i));
}

}  // namespace netsift
