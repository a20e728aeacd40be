#include "cli/number_args.h"

#include <charconv>
#include <climits>
#include <cstdint>
#include <cstdio>

namespace netsift {

std::optional<int> natural_int_arg(const std::string& text, const char* what) {
  // tshark reads an int64 with strtoll (leading spaces and a sign allowed), then narrows it.
  size_t start = text.find_first_not_of(" \t\n\v\f\r");
  if (start == std::string::npos) start = text.size();
  const char* first = text.data() + start;
  const char* last = text.data() + text.size();
  if (first != last && *first == '+') ++first;
  int64_t value = 0;
  auto [end, ec] = std::from_chars(first, last, value);
  if (first == last || end != last || ec == std::errc::invalid_argument) {
    std::fprintf(stderr, "netsift: The specified %s \"%s\" isn't a decimal number\n", what,
                 text.c_str());
    return std::nullopt;
  }
  // Out of range on the negative side counts as negative, as in tshark (INT32_MIN < 0).
  if (value < 0 || (ec == std::errc::result_out_of_range && *first == '-')) {
    std::fprintf(stderr, "netsift: The specified %s \"%s\" is a negative number\n", what,
                 text.c_str());
    return std::nullopt;
  }
  if (ec == std::errc::result_out_of_range || value > INT_MAX) {
    std::fprintf(stderr, "netsift: The specified %s \"%s\" is too large (greater than %d)\n", what,
                 text.c_str(), INT_MAX);
    return std::nullopt;
  }
  return static_cast<int>(value);
}

std::optional<int> positive_int_arg(const std::string& text, const char* what) {
  std::optional<int> n = natural_int_arg(text, what);
  if (n && *n == 0) {
    std::fprintf(stderr, "netsift: The specified %s is zero\n", what);
    return std::nullopt;
  }
  return n;
}

}  // namespace netsift
