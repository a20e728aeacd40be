#include "output/time_format.h"

#include <fmt/format.h>

namespace netsift {

void append_relative_time(std::string& out, int64_t ns, int digits) {
  if (ns < 0) out.push_back('-');
  uint64_t mag = ns < 0 ? 0 - static_cast<uint64_t>(ns) : static_cast<uint64_t>(ns);
  uint64_t sec = mag / 1000000000, frac = mag % 1000000000;
  if (digits <= 0) {
    fmt::format_to(std::back_inserter(out), "{}", sec);
    return;
  }
  if (digits > 9) digits = 9;
  for (int i = digits; i < 9; ++i) frac /= 10;
  fmt::format_to(std::back_inserter(out), "{}.{:0{}}", sec, frac, digits);
}

}  // namespace netsift
