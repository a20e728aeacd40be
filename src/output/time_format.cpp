#include "output/time_format.h"

#include <fmt/format.h>

namespace netsift {

void append_relative_time(std::string& out, int64_t ns, int digits) {
  if (ns < 0) out.push_back('-');
  uint64_t mag = ns < 0 ? 0 - static_cast<uint64_t>(ns) : static_cast<uint64_t>(ns);
  uint64_t sec = mag / 1000000000, frac = mag % 1000000000;
  // Every summary line has one: digits are appended directly, no format string is parsed.
  fmt::format_int whole(sec);
  out.append(whole.data(), whole.size());
  if (digits <= 0) return;
  if (digits > 9) digits = 9;
  for (int i = digits; i < 9; ++i) frac /= 10;
  fmt::format_int part(frac);
  out.push_back('.');
  out.append(static_cast<size_t>(digits) - part.size(), '0');
  out.append(part.data(), part.size());
}

}  // namespace netsift
