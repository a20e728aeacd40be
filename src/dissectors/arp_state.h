// Cross-packet ARP state, a per-capture protocol state (core/protocol_state.h): which MAC last claimed each IPv4 address, for
// tshark's duplicate address detection (arp.detect_duplicate_ips, on by default).
#pragma once

#include <cstdint>
#include <unordered_map>

namespace netsift {

struct ArpState {
  struct Binding {
    uint8_t mac[6];
    uint64_t frame;    // last frame seen with this binding
    int64_t seen_sec;  // its capture time, whole seconds
  };
  std::unordered_map<uint32_t, Binding> bindings;  // IPv4 address (host order) -> binding
};

}  // namespace netsift
