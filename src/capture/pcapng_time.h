// Converting pcapng timestamps (64-bit counts of 1/units seconds) to seconds + nanoseconds,
// bit-for-bit as Wireshark 4.0's wiretap does, so that frame.time_epoch agrees with tshark.
#pragma once

#include <cstdint>

#include "core/captured_frame.h"

namespace netsift {

// if_tsresol: bit 7 set = negative power of 2, else of 10. Exponents too big for 64 bits give
// UINT64_MAX, as in wiretap.
inline uint64_t pcapng_units_per_second(uint8_t tsresol) {
  bool base2 = tsresol & 0x80;
  unsigned exponent = tsresol & 0x7f;
  if ((base2 && exponent >= 64) || (!base2 && exponent >= 20)) return UINT64_MAX;
  uint64_t units = 1;
  for (unsigned i = 0; i < exponent; ++i) units *= base2 ? 2 : 10;
  return units;
}

// Unsigned 64-bit arithmetic throughout: the multiplication may wrap for resolutions finer
// than ~10^-10 s, and wiretap 4.0 (whose output we must match) lets it wrap too.
inline Timestamp pcapng_timestamp(uint64_t ticks, uint64_t units, int64_t tsoffset) {
  Timestamp ts;
  uint64_t secs = ticks / units;
  uint64_t frac_ns = (ticks % units) * 1000000000ull / units;
  // Two's-complement wrap when adding the offset, without signed overflow UB.
  ts.sec = static_cast<int64_t>(secs + static_cast<uint64_t>(tsoffset));
  ts.nsec = static_cast<uint32_t>(frac_ns);
  return ts;
}

}  // namespace netsift
