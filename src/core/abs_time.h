// Absolute-time values a dissector could not read.
#pragma once

#include <cstdint>

namespace netsift {

// An absolute time that did not parse (Wireshark's "unset" nstime): a kAbsTime field's value
// shown as the epoch without a fraction of a second.
inline constexpr int64_t kUnsetAbsTime = INT64_MIN;

}  // namespace netsift
