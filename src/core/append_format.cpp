// The one instantiation of fmt's formatting engine for appends (see append_format.h).
#include "core/append_format.h"

#include <iterator>

#include <fmt/format.h>

namespace netsift {

void vappend_format(std::string& out, fmt::string_view format, fmt::format_args args) {
  fmt::vformat_to(std::back_inserter(out), format, args);
}

size_t vformat_into(char* buf, size_t size, fmt::string_view format, fmt::format_args args) {
  auto result = fmt::vformat_to_n(buf, size, format, args);
  return result.size < size ? result.size : size;
}

}  // namespace netsift
