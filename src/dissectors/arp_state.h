// Cross-packet ARP state, a per-capture protocol state (core/protocol_state.h): which MAC last
// claimed each IPv4 address, for tshark's duplicate address detection (arp.detect_duplicate_ips,
// on by default). Bounded by the memory budget's per-capture tables pool: past it each new
// address forgets the oldest one (core/transaction_table.h).
#pragma once

#include <cstdint>
#include <functional>

#include "core/transaction_table.h"

namespace netsift {

struct ArpState {
  struct Binding {
    uint8_t mac[6];
    uint64_t frame;    // last frame seen with this binding
    int64_t seen_sec;  // its capture time, whole seconds
  };
  // IPv4 address (host order) -> binding
  TransactionTable<uint32_t, Binding, std::hash<uint32_t>> bindings{MemoryUse::kCaptureTables};
};

}  // namespace netsift
