// fmt::format_to and fmt::format_to_n instantiate fmt's whole formatting engine (some 80
// functions, about 3 s of compile time) in every file that calls them. These do the same
// through one compiled copy: the format string is still checked at compile time.
#pragma once

#include <cstddef>
#include <string>

#include <fmt/core.h>

namespace netsift {

void vappend_format(std::string& out, fmt::string_view format, fmt::format_args args);
// Writes at most `size` characters to `buf` (no terminating NUL); returns how many it wrote.
size_t vformat_into(char* buf, size_t size, fmt::string_view format, fmt::format_args args);

// fmt::format_to(std::back_inserter(out), ...).
template <typename... T>
void append_format(std::string& out, fmt::format_string<T...> format, T&&... args) {
  vappend_format(out, format, fmt::make_format_args(args...));
}

// fmt::format_to_n(buf, size, ...).size, capped at size.
template <typename... T>
size_t format_into(char* buf, size_t size, fmt::format_string<T...> format, T&&... args) {
  return vformat_into(buf, size, format, fmt::make_format_args(args...));
}

}  // namespace netsift
