// The names of the protocols tshark 4.0 registers, for display filters: tshark resolves a name
// to a protocol before reading it as a literal, so "fc" in "frame[37] == fc" is Fibre Channel
// there, and "mac-lte" a valid test. netsift treats the ones it does not dissect as protocols
// no packet has.
#pragma once

#include <string_view>

namespace netsift {

// Whether `name` is the filter name of a protocol tshark 4.0 registers.
bool is_tshark_protocol(std::string_view name);

}  // namespace netsift
