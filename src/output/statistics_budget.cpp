#include "output/statistics_budget.h"

#include <fmt/format.h>

#include "core/memory_budget.h"
#include "core/session.h"

namespace netsift {

bool StatisticRowBudget::admit(const Packet& pkt, size_t extra) {
  MemoryBudget& budget = pkt.session->memory();
  if (budget.fits(MemoryUse::kStatistics, cost_ + extra)) {
    budget.charge(MemoryUse::kStatistics, cost_ + extra);
    return true;
  }
  if (limit_.empty()) limit_ = budget.describe(MemoryUse::kStatistics);
  ++left_out_;
  return false;
}

std::string StatisticRowBudget::note(std::string_view updates) const {
  if (left_out_ == 0) return {};
  return fmt::format("Not counted: {} {} ({} used up)\n", left_out_, updates, limit_);
}

}  // namespace netsift
