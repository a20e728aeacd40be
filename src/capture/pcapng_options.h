// Walking the option list at the end of a pcapng block, with every length checked against the
// bytes actually in the block.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "capture/byte_order.h"
#include "capture/pcapng_types.h"

namespace netsift {

struct PcapngOption {
  uint16_t code;
  std::span<const uint8_t> value;
};

// Calls f(option) for each option in `bytes` until opt_endofopt or the end. Returns an empty
// string on success or a description of the damage (an option running past the block).
template <class F>
std::string walk_pcapng_options(std::span<const uint8_t> bytes, Endian endian, F&& f) {
  size_t pos = 0;
  while (bytes.size() - pos >= 4) {
    uint16_t code = endian.u16(bytes.data() + pos);
    uint16_t len = endian.u16(bytes.data() + pos + 2);
    pos += 4;
    if (code == kOptEndOfOpt) break;
    if (len > bytes.size() - pos) {
      return "pcapng: option length " + std::to_string(len) + " is too long";
    }
    f(PcapngOption{code, bytes.subspan(pos, len)});
    // Values are padded to 4 bytes; the padding of the last option may be missing.
    size_t padded = (size_t(len) + 3) & ~size_t(3);
    pos += padded <= bytes.size() - pos ? padded : bytes.size() - pos;
  }
  return {};
}

// An option value as text, stopping at an embedded NUL as wiretap does.
inline std::string option_string(std::span<const uint8_t> v) {
  size_t n = 0;
  while (n < v.size() && v[n] != 0) ++n;
  return std::string(reinterpret_cast<const char*>(v.data()), n);
}

}  // namespace netsift
