// Numbers given on the command line, checked as tshark checks them (its get_natural_int and
// get_positive_int), with its messages: `The specified packet count "1x" isn't a decimal number`.
#pragma once

#include <optional>
#include <string>

namespace netsift {

// A decimal int32 >= 0; otherwise prints tshark's complaint naming `what` and returns nullopt.
std::optional<int> natural_int_arg(const std::string& text, const char* what);
// The same, and not zero.
std::optional<int> positive_int_arg(const std::string& text, const char* what);

}  // namespace netsift
