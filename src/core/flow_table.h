// A table of per-flow state keyed by the symmetric FlowKey, with bounded memory: flows that
// ended (or went quiet) long ago are evicted in periodic sweeps, so a long capture with many
// short connections does not grow without limit.
#pragma once

#include <cstdint>
#include <unordered_map>

#include "core/flow_key.h"

namespace netsift {

template <class State>
class FlowTable {
 public:
  struct Entry {
    State state;
    int64_t last_seen_ns = 0;
  };

  // The state of `key`, value-initialised and flagged through `*created` when the flow is new.
  State& find_or_add(const FlowKey& key, int64_t now_ns, bool* created) {
    maybe_sweep(now_ns);
    auto [it, inserted] = flows_.try_emplace(key);
    *created = inserted;
    it->second.last_seen_ns = now_ns;
    return it->second.state;
  }

  // Starts the flow afresh (a new connection reusing the same addresses and ports).
  State& replace(const FlowKey& key, int64_t now_ns) {
    Entry& e = flows_[key];
    e = Entry{};
    e.last_seen_ns = now_ns;
    return e.state;
  }

  size_t size() const { return flows_.size(); }

  // Eviction policy: a flow whose state says it is finished (State::finished()) is dropped
  // after `finished_idle_ns` without packets, any flow after `idle_ns`. A packet arriving after
  // its flow was dropped starts a new flow (and, for TCP/UDP, a new stream number), so the
  // limits are far longer than retransmission timers.
  void set_idle_limits(int64_t finished_idle_ns, int64_t idle_ns) {
    finished_idle_ns_ = finished_idle_ns;
    idle_ns_ = idle_ns;
  }

 private:
  static constexpr uint32_t kSweepEvery = 1u << 16;  // lookups between sweeps

  void maybe_sweep(int64_t now_ns) {
    if (++lookups_ % kSweepEvery != 0) return;
    for (auto it = flows_.begin(); it != flows_.end();) {
      int64_t idle = now_ns - it->second.last_seen_ns;
      bool expired = idle > idle_ns_ || (it->second.state.finished() && idle > finished_idle_ns_);
      it = expired ? flows_.erase(it) : std::next(it);
    }
  }

  std::unordered_map<FlowKey, Entry, FlowKeyHash> flows_;
  uint32_t lookups_ = 0;
  int64_t finished_idle_ns_ = int64_t{600} * 1000000000;
  int64_t idle_ns_ = int64_t{3600} * 1000000000;
};

}  // namespace netsift
