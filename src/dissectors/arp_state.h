// Cross-packet ARP state, a per-capture protocol state (core/protocol_state.h): which MAC last
// claimed each IPv4 address, for tshark's duplicate address detection (arp.detect_duplicate_ips,
// on by default), and the request rate for storm detection (arp.detect_request_storms). Bounded by the memory budget's per-capture tables pool: past it each new
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
  // arp.detect_request_storms: requests counted since the start of the current period.
  uint32_t storm_requests = 0;
  int64_t storm_start_sec = 0;
  int32_t storm_start_nsec = 0;
};

}  // namespace netsift
