// Symmetric 5-tuple key of a transport flow: both directions of a conversation map to the same
// key, so per-flow state can live in one table entry and a parallel engine can shard packets by
// `hash()` without splitting a conversation across workers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "core/address.h"

namespace netsift {

struct FlowKey {
  // Endpoint `lo` sorts before `hi` (address bytes, then port), whatever the packet direction.
  Address lo_addr, hi_addr;
  uint16_t lo_port = 0, hi_port = 0;
  uint8_t ip_proto = 0;

  // The key of a packet from (src, sport) to (dst, dport). `*reversed` tells whether the packet
  // travels from the `hi` endpoint to the `lo` one: the direction index of per-flow state.
  static FlowKey make(const Address& src, uint16_t sport, const Address& dst, uint16_t dport,
                      uint8_t ip_proto, bool* reversed) {
    FlowKey k;
    k.ip_proto = ip_proto;
    bool swap = endpoint_less(dst, dport, src, sport);
    if (reversed) *reversed = swap;
    k.lo_addr = swap ? dst : src;
    k.hi_addr = swap ? src : dst;
    k.lo_port = swap ? dport : sport;
    k.hi_port = swap ? sport : dport;
    return k;
  }

  bool operator==(const FlowKey& o) const {
    return ip_proto == o.ip_proto && lo_port == o.lo_port && hi_port == o.hi_port &&
           lo_addr == o.lo_addr && hi_addr == o.hi_addr;
  }

  // FNV-1a over the key fields; the same for both directions because the key is ordered.
  uint64_t hash() const {
    uint64_t h = 1469598103934665603ull;
    auto mix = [&h](const uint8_t* p, size_t n) {
      for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ull;
    };
    uint8_t head[6] = {static_cast<uint8_t>(lo_addr.type), ip_proto,
                       static_cast<uint8_t>(lo_port >> 8), static_cast<uint8_t>(lo_port),
                       static_cast<uint8_t>(hi_port >> 8), static_cast<uint8_t>(hi_port)};
    mix(head, sizeof head);
    mix(lo_addr.bytes, lo_addr.size());
    mix(hi_addr.bytes, hi_addr.size());
    return h;
  }

 private:
  static bool endpoint_less(const Address& a, uint16_t ap, const Address& b, uint16_t bp) {
    if (a.type != b.type) return a.type < b.type;
    int c = std::memcmp(a.bytes, b.bytes, a.size());
    return c != 0 ? c < 0 : ap < bp;
  }
};

struct FlowKeyHash {
  size_t operator()(const FlowKey& k) const { return static_cast<size_t>(k.hash()); }
};

}  // namespace netsift
