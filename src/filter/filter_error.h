// A display or capture filter that could not be compiled: tshark's message and the part of the
// expression it is about (byte offset and length; length 0 means no particular token).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace netsift {

struct FilterError {
  std::string message;
  size_t offset = 0;
  size_t length = 0;
  // The text offset and length refer to when it is not what the user typed (macros expanded:
  // tshark shows the expanded filter under the message).
  std::string expression;
};

// tshark's report: the message, then the expression and a ^~~~ marker under the token, each
// indented by four spaces. `program` is "netsift".
std::string format_filter_error(std::string_view program, std::string_view expr,
                                const FilterError& e);

}  // namespace netsift
