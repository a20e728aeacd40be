// Text forms of timestamps and time differences as tshark prints them.
#pragma once

#include <cstdint>
#include <string>

namespace netsift {

// Signed seconds with `digits` decimals, truncated toward zero as Wireshark does
// ("-0.000000766", "12.000100").
void append_relative_time(std::string& out, int64_t ns, int digits);

}  // namespace netsift
