// A table of per-flow state keyed by the symmetric FlowKey, with bounded memory: flows that
// ended (or went quiet) long ago are evicted in periodic sweeps, so a long capture with many
// short connections does not grow without limit; with a memory budget, each flow is charged
// kFlowCost and, when the budget's flow-table share is used up, the least recently seen eighth
// of the flows is evicted at once (one O(n) pass per n/8 new flows: O(1) amortised), so 200,000
// half-open connections cannot grow it past the budget either.
#pragma once

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/flow_key.h"
#include "core/memory_budget.h"

namespace netsift {

template <class State>
class FlowTable {
 public:
  struct Entry {
    State state;
    int64_t last_seen_ns = 0;
    uint64_t last_use = 0;  // lookup count when last seen: recency even under equal timestamps
  };

  // What one flow holds on average with its protocol states (measured: about 940 bytes of heap
  // for a TCP connection to an HTTP port, with allocator overhead).
  static constexpr size_t kFlowCost = 1024;

  FlowTable() = default;
  FlowTable(const FlowTable&) = delete;
  FlowTable& operator=(const FlowTable&) = delete;
  // A moved-from table is empty: its destructor gives nothing back twice.
  FlowTable(FlowTable&&) noexcept = default;
  ~FlowTable() {
    if (budget_) budget_->release(MemoryUse::kFlowTables, flows_.size() * kFlowCost);
  }

  // Charges the flows to `budget` (the Session's) from now on.
  void use_budget(MemoryBudget& budget) {
    budget_ = &budget;
    budget.charge(MemoryUse::kFlowTables, flows_.size() * kFlowCost);
  }

  // The state of `key`, value-initialised and flagged through `*created` when the flow is new.
  State& find_or_add(const FlowKey& key, int64_t now_ns, bool* created) {
    maybe_sweep(now_ns);
    auto it = flows_.find(key);
    bool inserted = it == flows_.end();
    if (inserted) {
      make_room();
      it = flows_.try_emplace(key).first;
      if (budget_) budget_->charge(MemoryUse::kFlowTables, kFlowCost);
    }
    *created = inserted;
    it->second.last_seen_ns = now_ns;
    it->second.last_use = lookups_;
    return it->second.state;
  }

  // Starts the flow afresh (a new connection reusing the same addresses and ports).
  State& replace(const FlowKey& key, int64_t now_ns) {
    if (!flows_.count(key)) {
      make_room();
      if (budget_) budget_->charge(MemoryUse::kFlowTables, kFlowCost);
    }
    Entry& e = flows_[key];
    e = Entry{};
    e.last_seen_ns = now_ns;
    e.last_use = lookups_;
    return e.state;
  }

  size_t size() const { return flows_.size(); }
  // How many times flows were evicted for the memory budget.
  uint64_t budget_evictions() const { return evictions_; }

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
      it = expired ? erase(it) : std::next(it);
    }
  }

  using Iterator = typename std::unordered_map<FlowKey, Entry, FlowKeyHash>::iterator;
  Iterator erase(Iterator it) {
    if (budget_) budget_->release(MemoryUse::kFlowTables, kFlowCost);
    return flows_.erase(it);
  }

  // Before a new flow: when the budget has no room for it, the least recently seen eighth of
  // the flows goes (their protocol states, pending PDUs included, release their bytes). The flow
  // of the packet being dissected (a tunnel's outer one) was just used: it is never among them.
  void make_room() {
    if (!budget_ || budget_->fits(MemoryUse::kFlowTables, kFlowCost) || flows_.size() < 8) return;
    std::vector<uint64_t> used;
    used.reserve(flows_.size());
    for (const auto& [key, e] : flows_) used.push_back(e.last_use);
    size_t evict = used.size() / 8;
    std::nth_element(used.begin(), used.begin() + (evict - 1), used.end());
    uint64_t cutoff = used[evict - 1];
    for (auto it = flows_.begin(); it != flows_.end() && evict > 0;) {
      if (it->second.last_use <= cutoff) {
        it = erase(it);
        --evict;
      } else {
        ++it;
      }
    }
    ++evictions_;
  }

  MemoryBudget* budget_ = nullptr;
  uint64_t evictions_ = 0;

  std::unordered_map<FlowKey, Entry, FlowKeyHash> flows_;
  uint64_t lookups_ = 0;
  int64_t finished_idle_ns_ = int64_t{600} * 1000000000;
  int64_t idle_ns_ = int64_t{3600} * 1000000000;
};

}  // namespace netsift
