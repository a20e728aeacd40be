// IPv4/IPv6 fragment reassembly with bounded memory. Fragments are collected per datagram
// (addresses, identification, protocol); a datagram completes when its last fragment is known and
// every byte before it has arrived. Limits: bytes per datagram, bytes buffered in total, and a
// timeout measured in frame time, so hostile captures cannot grow memory without bound.
// Like tshark in one pass, only the frame that completes a datagram learns about it.
// Every operation is O(log n) in the pending datagrams: an index by age finds the ones to expire
// or evict without scanning the table (100,000 unfinished first fragments must stay linear).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <unordered_map>
#include <vector>

#include "core/address.h"
#include "core/memory_budget.h"

namespace netsift {

struct FragmentKey {
  Address src, dst;
  uint32_t id = 0;
  uint8_t proto = 0;  // IPv4 protocol; 0 for IPv6 (not part of the RFC 8200 key)
  bool operator==(const FragmentKey& o) const {
    return src == o.src && dst == o.dst && id == o.id && proto == o.proto;
  }
};

struct FragmentKeyHash {
  size_t operator()(const FragmentKey& k) const;
};

// One fragment of a completed datagram, as listed under ip.fragments / ipv6.fragments.
struct FragmentRecord {
  uint64_t frame;
  uint32_t offset;
  uint32_t length;
  bool overlap = false;
  bool overlap_conflict = false;
  bool too_long = false;  // data past the datagram's end (the last fragment says where it ends)
  bool multiple_tails = false;  // a last fragment that disagrees with an earlier one
};

struct ReassemblyLimits {
  uint32_t max_datagram_bytes = 65535;
  size_t max_total_bytes = 16 * 1024 * 1024;
  int64_t timeout_ns = 60LL * 1000000000;  // tshark keeps fragments indefinitely; we must not
};

// A datagram completed by the current frame. The data stays valid until a later frame adds a
// fragment (buffers are recycled then), which is after the completing frame has been output.
struct ReassembledDatagram {
  const uint8_t* data = nullptr;
  uint32_t length = 0;
  std::span<const FragmentRecord> fragments;
  bool any_overlap = false;
  bool any_conflict = false;
};

class IpReassembler {
 public:
  explicit IpReassembler(ReassemblyLimits limits = {}) : limits_(limits) {}
  IpReassembler(const IpReassembler&) = delete;
  IpReassembler& operator=(const IpReassembler&) = delete;
  ~IpReassembler() { shrink(total_bytes_); }

  // Charges the buffered bytes to `budget` (the Session's), whose IP-fragment share then
  // replaces limits.max_total_bytes.
  void use_budget(MemoryBudget& budget) {
    if (budget_) return;
    budget_ = &budget;
    budget.charge(MemoryUse::kIpFragments, total_bytes_);
  }

  // Adds the fragment bytes [offset, offset+data.size()) of datagram `key` seen in `frame` at
  // `time_ns`; `more` is the More Fragments flag. Returns the datagram when this fragment
  // completes it, nullptr otherwise (incomplete, or dropped for exceeding a limit).
  const ReassembledDatagram* add(const FragmentKey& key, uint64_t frame, int64_t time_ns,
                                 uint32_t offset, bool more, std::span<const uint8_t> data);

  size_t buffered_bytes() const { return total_bytes_; }
  size_t pending_datagrams() const { return pending_.size(); }

 private:
  // Pending datagrams by (first seen, arrival number): the oldest first.
  using AgeIndex = std::map<std::pair<int64_t, uint64_t>, FragmentKey>;
  struct Pending {
    std::vector<uint8_t> data;
    std::vector<uint8_t> have;  // one flag per byte: received
    std::vector<FragmentRecord> fragments;
    uint32_t total = 0;  // known once the last fragment arrived
    bool have_last = false;
    int64_t first_seen_ns = 0;
    AgeIndex::iterator age;
  };

  void expire(int64_t now_ns);
  void drop(std::unordered_map<FragmentKey, Pending, FragmentKeyHash>::iterator it);
  void recycle_completed(uint64_t frame);
  std::vector<uint8_t> take_buffer();
  void grow(size_t n);
  void shrink(size_t n);
  size_t max_total_bytes() const {
    return budget_ ? budget_->share(MemoryUse::kIpFragments) : limits_.max_total_bytes;
  }

  ReassemblyLimits limits_;
  MemoryBudget* budget_ = nullptr;
  std::unordered_map<FragmentKey, Pending, FragmentKeyHash> pending_;
  AgeIndex by_age_;
  uint64_t arrivals_ = 0;
  size_t total_bytes_ = 0;

  // Datagrams completed by frame `completed_frame_`, kept alive for its output.
  uint64_t completed_frame_ = 0;
  struct Completed {
    std::vector<uint8_t> data;
    std::vector<FragmentRecord> fragments;
    ReassembledDatagram view;
  };
  std::vector<std::unique_ptr<Completed>> completed_;
  std::vector<std::vector<uint8_t>> spare_buffers_;
};

}  // namespace netsift
