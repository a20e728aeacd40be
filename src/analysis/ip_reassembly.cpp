#include "analysis/ip_reassembly.h"

#include <algorithm>
#include <cstring>

namespace netsift {

size_t FragmentKeyHash::operator()(const FragmentKey& k) const {
  // FNV-1a over the fields that identify a datagram.
  uint64_t h = 1469598103934665603ULL;
  auto mix = [&h](const uint8_t* p, size_t n) {
    for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ULL;
  };
  mix(k.src.bytes, k.src.size());
  mix(k.dst.bytes, k.dst.size());
  mix(reinterpret_cast<const uint8_t*>(&k.id), sizeof k.id);
  mix(&k.proto, 1);
  return static_cast<size_t>(h);
}

std::vector<uint8_t> IpReassembler::take_buffer() {
  if (spare_buffers_.empty()) return {};
  std::vector<uint8_t> b = std::move(spare_buffers_.back());
  spare_buffers_.pop_back();
  b.clear();
  return b;
}

void IpReassembler::recycle_completed(uint64_t frame) {
  if (frame == completed_frame_) return;
  for (auto& c : completed_) spare_buffers_.push_back(std::move(c->data));
  completed_.clear();
  completed_frame_ = frame;
}

void IpReassembler::grow(size_t n) {
  total_bytes_ += n;
  if (budget_) budget_->charge(MemoryUse::kIpFragments, n);
}

void IpReassembler::shrink(size_t n) {
  total_bytes_ -= n;
  if (budget_) budget_->release(MemoryUse::kIpFragments, n);
}

void IpReassembler::drop(std::unordered_map<FragmentKey, Pending, FragmentKeyHash>::iterator it) {
  shrink(it->second.data.size());
  spare_buffers_.push_back(std::move(it->second.data));
  by_age_.erase(it->second.age);
  pending_.erase(it);
}

void IpReassembler::expire(int64_t now_ns) {
  // Timed-out datagrams, then (still over budget) the oldest ones: both from the front of the
  // age index, so each eviction costs O(log n).
  while (!by_age_.empty()) {
    auto oldest = by_age_.begin();
    if (now_ns - oldest->first.first <= limits_.timeout_ns && total_bytes_ <= max_total_bytes())
      break;
    drop(pending_.find(oldest->second));
  }
}

const ReassembledDatagram* IpReassembler::add(const FragmentKey& key, uint64_t frame,
                                              int64_t time_ns, uint32_t offset, bool more,
                                              std::span<const uint8_t> data) {
  recycle_completed(frame);
  expire(time_ns);
  uint64_t end = uint64_t{offset} + data.size();
  auto it = pending_.find(key);
  if (end > limits_.max_datagram_bytes) {
    if (it != pending_.end()) drop(it);
    return nullptr;
  }
  if (it == pending_.end()) {
    it = pending_.emplace(key, Pending{}).first;
    it->second.data = take_buffer();
    it->second.first_seen_ns = time_ns;
    it->second.age = by_age_.emplace(std::pair{time_ns, arrivals_++}, key).first;
  }
  Pending& p = it->second;
  if (p.data.size() < end) {
    grow(end - p.data.size());
    p.data.resize(end);
    p.have.resize(end);
  }
  FragmentRecord rec{frame, offset, static_cast<uint32_t>(data.size())};
  for (size_t i = 0; i < data.size(); ++i) {
    size_t pos = offset + i;
    if (p.have[pos]) {
      // Overlapping bytes keep their first value, as Wireshark's reassembly does.
      rec.overlap = true;
      if (p.data[pos] != data[i]) rec.overlap_conflict = true;
      continue;
    }
    p.data[pos] = data[i];
    p.have[pos] = 1;
  }
  p.fragments.push_back(rec);
  if (!more && !p.have_last) {
    p.have_last = true;
    p.total = static_cast<uint32_t>(end);
  }
  if (!p.have_last || p.data.size() < p.total) return nullptr;
  for (uint32_t i = 0; i < p.total; ++i)
    if (!p.have[i]) return nullptr;

  auto done = std::make_unique<Completed>();
  done->data = std::move(p.data);
  done->data.resize(p.total);
  done->fragments = std::move(p.fragments);
  std::stable_sort(
      done->fragments.begin(), done->fragments.end(),
      [](const FragmentRecord& a, const FragmentRecord& b) { return a.offset < b.offset; });
  done->view.data = done->data.data();
  done->view.length = p.total;
  done->view.fragments = done->fragments;
  for (FragmentRecord& f : done->fragments) {
    f.too_long = f.offset + f.length > p.total;
    done->view.any_overlap |= f.overlap;
    done->view.any_conflict |= f.overlap_conflict;
  }
  shrink(p.have.size());
  by_age_.erase(p.age);
  pending_.erase(it);
  completed_.push_back(std::move(done));
  return &completed_.back()->view;
}

}  // namespace netsift
