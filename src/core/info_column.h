// Formatted text for the Info column, written only when the packet's columns are wanted:
// summary-less runs pay for no formatting.
#pragma once

#include <fmt/format.h>

#include <iterator>
#include <utility>

#include "core/packet.h"

namespace netsift {

template <class... Args>
void append_info(Packet& pkt, fmt::format_string<Args...> f, Args&&... args) {
  if (pkt.cols.enabled)
    fmt::format_to(std::back_inserter(pkt.cols.info), f, std::forward<Args>(args)...);
}

}  // namespace netsift
