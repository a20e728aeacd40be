// A per-capture table of protocol transactions (DNS queries, ICMP echo requests, ARP bindings)
// bounded by the memory budget (issue 22): each entry is charged kEntryCost to the table's share
// and, when the share is used up, the table's own oldest entry (by insertion) goes to make room
// for a new one; the caller learns which, to say so with an expert info. Tables that share one
// pool (MemoryUse::kCaptureTables) each keep at least one entry, so together they overshoot the
// pool by at most one entry each. Lookups and insertions are O(1): the insertion
// order is a queue of pointers to the keys inside the hash table's nodes (stable while the
// entry lives), so an eviction pops the front instead of scanning.
#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/memory_budget.h"

namespace netsift {

template <class Key, class Value, class Hash>
class TransactionTable {
 public:
  // A hash node (key, value, next pointer, cached hash) with the allocator's overhead, its
  // bucket and its queue slot.
  static constexpr size_t kEntryCost = sizeof(Key) + sizeof(Value) + 56;

  explicit TransactionTable(MemoryUse use) : use_(use) {}
  TransactionTable(const TransactionTable&) = delete;
  TransactionTable& operator=(const TransactionTable&) = delete;
  ~TransactionTable() {
    if (budget_) budget_->release(use_, map_.size() * kEntryCost);
  }

  // Charges the entries to `budget` (the Session's) from now on; later calls do nothing.
  void use_budget(MemoryBudget& budget) {
    if (budget_) return;
    budget_ = &budget;
    budget.charge(use_, map_.size() * kEntryCost);
  }

  Value* find(const Key& k) {
    auto it = map_.find(k);
    return it == map_.end() ? nullptr : &it->second;
  }

  // The entry of `k`, value-initialised when new. When the share had no room for it, the oldest
  // entry was evicted first and `*evicted` holds it (otherwise it is left empty).
  Value& insert(const Key& k, std::optional<std::pair<Key, Value>>* evicted) {
    if (auto it = map_.find(k); it != map_.end()) return it->second;
    if (!order_.empty() && !fits()) {
      auto oldest = map_.find(*order_.front());
      if (evicted) evicted->emplace(oldest->first, oldest->second);
      map_.erase(oldest);
      order_.pop_front();
      ++evictions_;
    } else {
      charge();
    }
    auto it = map_.try_emplace(k).first;
    order_.push_back(&it->first);
    return it->second;
  }

  size_t size() const { return map_.size(); }
  uint64_t evictions() const { return evictions_; }
  // "the DNS transactions budget of 8 MiB of --max-memory 96 MiB", or without a budget the
  // default's share.
  std::string describe() const {
    return budget_ ? budget_->describe(use_) : MemoryBudget{}.describe(use_);
  }

 private:
  bool fits() const {
    if (budget_) return budget_->fits(use_, kEntryCost);
    return (map_.size() + 1) * kEntryCost <= MemoryBudget{}.share(use_);
  }
  void charge() {
    if (budget_) budget_->charge(use_, kEntryCost);
  }

  MemoryUse use_;
  MemoryBudget* budget_ = nullptr;
  uint64_t evictions_ = 0;
  std::unordered_map<Key, Value, Hash> map_;
  std::deque<const Key*> order_;
};

}  // namespace netsift
