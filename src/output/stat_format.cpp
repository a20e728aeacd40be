#include "output/stat_format.h"

#include <fmt/format.h>

namespace netsift {

std::string format_byte_size(uint64_t n) {
  int64_t size = static_cast<int64_t>(n);
  constexpr int64_t k = 1000;
  if (size / k / k / k / k >= 10) return fmt::format("{} TB", size / k / k / k / k);
  if (size / k / k / k >= 10) return fmt::format("{} GB", size / k / k / k);
  if (size / k / k >= 10) return fmt::format("{} MB", size / k / k);
  if (size / k >= 10) return fmt::format("{} kB", size / k);
  return fmt::format("{} bytes", size);
}

}  // namespace netsift
