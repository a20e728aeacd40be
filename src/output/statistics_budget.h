// Rows of -z tables keyed by what a capture brings (conversations, endpoints, expert messages)
// charged to the memory budget's statistics share (core/memory_budget.h: --max-memory again,
// besides the protocol state's shares, since these tables exist only when asked for; at the
// default about half a million conversations). All such tables of a run share it. Past it a
// table adds no new rows, keeps counting the rows it has, and says under them how many packets
// it left out, so a capture within the budget prints exactly as tshark does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/packet.h"

namespace netsift {

class StatisticRowBudget {
 public:
  // `row_cost`: what one row holds (its entry, its index node, its place in the print order).
  explicit StatisticRowBudget(size_t row_cost) : cost_(row_cost) {}

  // Whether a new row for `pkt` fits (it is charged then); false counts the update left out
  // (a row refused once is refused again for its later packets: rows are never released).
  // `extra`: what this row holds besides the fixed cost (its texts).
  bool admit(const Packet& pkt, size_t extra = 0);

  // "" when nothing was left out, else the line printed under the rows, `updates` naming what
  // was left out: "Not counted: 12 packets in further conversations (the statistics budget of
  // 96 MiB of --max-memory 96 MiB used up)".
  std::string note(std::string_view updates) const;

 private:
  size_t cost_;
  uint64_t left_out_ = 0;
  std::string limit_;  // the budget's description, when first refused
};

}  // namespace netsift
