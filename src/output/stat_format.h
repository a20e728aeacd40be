// Number formats shared by the -z statistics.
#pragma once

#include <cstdint>
#include <string>

namespace netsift {

// Wireshark's format_size(n, FORMAT_SIZE_UNIT_BYTES, 0): "108 bytes", "10 kB", "42 MB" (SI
// prefixes, integer division, a prefix only from ten units up).
std::string format_byte_size(uint64_t n);

}  // namespace netsift
