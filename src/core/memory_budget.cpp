#include "core/memory_budget.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>

namespace netsift {

std::string byte_size_text(size_t bytes) {
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) return fmt::format("{} bytes", bytes);
  double v = static_cast<double>(bytes) / 1024;
  int unit = 0;
  while (v >= 1024 && unit < 3) {
    v /= 1024;
    ++unit;
  }
  if (v == static_cast<double>(static_cast<uint64_t>(v)))
    return fmt::format("{} {}", static_cast<uint64_t>(v), kUnits[unit]);
  return fmt::format("{:.1f} {}", v, kUnits[unit]);
}

size_t parse_byte_size(const std::string& text) {
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || v <= 0) return 0;
  std::string unit;
  for (; *end; ++end)
    if (!std::isspace(static_cast<unsigned char>(*end)))
      unit += static_cast<char>(std::toupper(static_cast<unsigned char>(*end)));
  double scale = 1;
  if (unit.empty() || unit == "B")
    scale = 1;
  else if (unit == "K" || unit == "KB" || unit == "KIB")
    scale = 1024.0;
  else if (unit == "M" || unit == "MB" || unit == "MIB")
    scale = 1024.0 * 1024;
  else if (unit == "G" || unit == "GB" || unit == "GIB")
    scale = 1024.0 * 1024 * 1024;
  else
    return 0;
  return static_cast<size_t>(v * scale);
}

std::string MemoryBudget::describe(MemoryUse use) const {
  static constexpr const char* kNames[] = {
      "TCP reassembly",   "IP fragments",      "HTTP/2 streams",     "flow tables",
      "DNS transactions", "ICMP transactions", "per-capture tables", "statistics"};
  return fmt::format("the {} budget of {} of --max-memory {}", kNames[index(use)],
                     byte_size_text(share(use)), byte_size_text(limit_));
}

bool BudgetedBytes::append(MemoryBudget& budget, MemoryUse use, const uint8_t* p, size_t n) {
  if (!budget.fits(use, n)) return false;
  budget_ = &budget;
  use_ = use;
  bytes_.insert(bytes_.end(), p, p + n);
  budget.charge(use, n);
  return true;
}

void BudgetedBytes::clear() {
  if (budget_) budget_->release(use_, bytes_.size());
  std::vector<uint8_t>().swap(bytes_);
}

}  // namespace netsift
