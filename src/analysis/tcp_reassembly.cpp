#include "analysis/tcp_reassembly.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <iterator>

namespace netsift {

namespace {
std::atomic<size_t> total_pending{0};
}  // namespace

TcpPendingPdu::~TcpPendingPdu() {
  total_pending -= bytes.size();
  if (budget) budget->release(MemoryUse::kTcpReassembly, bytes.size());
}

void TcpPendingPdu::append(const uint8_t* p, size_t n) {
  bytes.insert(bytes.end(), p, p + n);
  total_pending += n;
  if (budget) budget->charge(MemoryUse::kTcpReassembly, n);
}

bool TcpPendingPdu::within_limits(size_t more) const {
  if (budget)
    return bytes.size() + more <= budget->item_limit() &&
           budget->fits(MemoryUse::kTcpReassembly, more);
  return bytes.size() + more <= kTcpMaxPendingPerFlow &&
         total_pending.load() + more <= kTcpMaxPendingTotal;
}

std::string TcpPendingPdu::limit_hit(size_t more) const {
  size_t per_pdu = budget ? budget->item_limit() : kTcpMaxPendingPerFlow;
  if (bytes.size() + more > per_pdu) return "over " + byte_size_text(per_pdu) + " per PDU";
  if (budget) return budget->describe(MemoryUse::kTcpReassembly) + " used up";
  return byte_size_text(kTcpMaxPendingTotal) + " for all flows used up";
}

TcpMsp::~TcpMsp() {
  release(held_);
}

void TcpMsp::charge(size_t n) {
  held_ += n;
  total_pending += n;
  if (budget) budget->charge(MemoryUse::kTcpReassembly, n);
}

void TcpMsp::release(size_t n) {
  held_ -= n;
  total_pending -= n;
  if (budget) budget->release(MemoryUse::kTcpReassembly, n);
}

bool TcpMsp::within_limits(size_t more) const {
  if (budget)
    return held_ + more <= budget->item_limit() && budget->fits(MemoryUse::kTcpReassembly, more);
  return held_ + more <= kTcpMaxPendingPerFlow &&
         total_pending.load() + more <= kTcpMaxPendingTotal;
}

std::string TcpMsp::limit_hit(size_t more) const {
  size_t per_pdu = budget ? budget->item_limit() : kTcpMaxPendingPerFlow;
  if (held_ + more > per_pdu) return "over " + byte_size_text(per_pdu) + " per PDU";
  if (budget) return budget->describe(MemoryUse::kTcpReassembly) + " used up";
  return byte_size_text(kTcpMaxPendingTotal) + " for all flows used up";
}

void TcpMsp::drop_bytes() {
  fragments.clear();
  fragments.shrink_to_fit();
  whole.clear();
  whole.shrink_to_fit();
  release(held_);
}

bool TcpMsp::add(uint64_t frame, uint32_t offset, const uint8_t* p, uint32_t n, bool more) {
  // A frame adding the same offset twice (fragment_add's check_already_added).
  if (frame <= max_frame)
    for (const Fragment& f : fragments)
      if (f.frame == frame && f.offset == offset) {
        if (defragmented) throw TcpReassemblyError{"Frame already added in first pass"};
        return false;
      }
  if (defragmented) {
    const uint64_t end = uint64_t{offset} + n;
    if (end >= datalen && partial) {
      defragmented = partial = datalen_set = false;  // fragment_reset_defragmentation
      release(whole.size());
      whole.clear();
    } else if (end >= datalen && offset >= datalen) {
      throw TcpReassemblyError{"New fragment past old data limits"};
    } else {
      throw TcpReassemblyError{"New fragment overlaps old data (retransmission?)"};
    }
  }
  max_frame = std::max(max_frame, frame);
  if (!more && !datalen_set) {
    datalen = offset + n;
    datalen_set = true;
  }
  // Kept sorted by offset, after those with the same offset (LINK_FRAG).
  auto at = std::upper_bound(fragments.begin(), fragments.end(), offset,
                             [](uint32_t o, const Fragment& f) { return o < f.offset; });
  fragments.insert(at, Fragment{frame, offset, std::vector<uint8_t>(p, p + n)});
  charge(n);
  if (!datalen_set) return false;
  uint64_t covered = 0;
  for (const Fragment& f : fragments)
    if (f.offset <= covered && f.offset + uint64_t{f.bytes.size()} > covered)
      covered = f.offset + f.bytes.size();
  if (covered < datalen) return false;
  // Whole: each fragment's bytes beyond those already placed (the earlier one wins an overlap).
  whole.assign(datalen, 0);
  charge(datalen);
  uint32_t placed = 0;
  for (const Fragment& f : fragments) {
    if (f.offset >= datalen) continue;
    uint32_t len = std::min<uint32_t>(static_cast<uint32_t>(f.bytes.size()), datalen - f.offset);
    if (f.offset + len > placed) {
      uint32_t skip = placed - f.offset;
      std::memcpy(whole.data() + placed, f.bytes.data() + skip, len - skip);
      placed = f.offset + len;
    }
  }
  defragmented = true;
  reassembled_in = frame;
  return true;
}

std::shared_ptr<TcpMsp> TcpMsp::split(uint32_t at, uint64_t frame) {
  auto rest = std::make_shared<TcpMsp>();
  rest->budget = budget;
  rest->seq = seq + at;
  rest->nxtpdu = nxtpdu;
  rest->last_frame = frame;
  rest->frames_pdus = frames_pdus;
  uint64_t first = 0;
  for (const Fragment& f : fragments) {
    uint32_t end = f.offset + static_cast<uint32_t>(f.bytes.size());
    if (end <= at || f.offset >= datalen) continue;
    uint32_t from = std::max(f.offset, at);
    uint32_t stop = std::min(end, datalen);
    if (stop <= from) continue;
    if (!first || f.frame < first) first = f.frame;
    const uint8_t* p = f.bytes.data() + (from - f.offset);
    rest->fragments.push_back(
        Fragment{f.frame, from - at, std::vector<uint8_t>(p, p + (stop - from))});
    rest->charge(stop - from);
    rest->max_frame = std::max(rest->max_frame, f.frame);
  }
  rest->first_frame = first ? first : frame;
  // This PDU ends at the split: what it keeps is its range and frames, not its bytes.
  nxtpdu = seq + at;
  datalen = at;
  drop_bytes();
  return rest;
}

TcpMsp* TcpStreamReassembly::find(uint32_t seq) const {
  auto it = msps.find(seq);
  return it == msps.end() ? nullptr : it->second.get();
}

TcpMsp* TcpStreamReassembly::find_le(uint32_t seq) const {
  auto it = msps.upper_bound(seq);
  if (it == msps.begin()) return nullptr;
  return std::prev(it)->second.get();
}

TcpMsp& TcpStreamReassembly::insert(std::shared_ptr<TcpMsp> msp) {
  uint32_t key = msp->seq;
  TcpMsp& added = *msp;
  msps[key] = std::move(msp);
  // Beyond the bound the PDU least recently added to goes (the new one stays).
  while (msps.size() > kMaxPdus) {
    auto oldest = msps.end();
    for (auto it = msps.begin(); it != msps.end(); ++it)
      if (it->first != key &&
          (oldest == msps.end() || it->second->last_frame < oldest->second->last_frame))
        oldest = it;
    msps.erase(oldest);
  }
  return added;
}

void tcp_reassembly_release(TcpStreamReassembly& st) {
  st.msps.clear();
}

size_t tcp_reassembly_buffered_bytes() {
  return total_pending.load();
}

}  // namespace netsift
