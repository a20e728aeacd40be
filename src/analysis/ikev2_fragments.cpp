#include "analysis/ikev2_fragments.h"

#include <algorithm>

namespace netsift {

void Ikev2Fragments::drop(std::list<Pending>::iterator it) {
  for (const Piece& p : it->pieces) pending_bytes_ -= p.content.size();
  pending_.erase(it);
}

std::optional<Ikev2ReassembledMessage> Ikev2Fragments::add(const Ikev2FragmentKey& key,
                                                           uint64_t frame, uint16_t number,
                                                           uint16_t total,
                                                           std::span<const uint8_t> content) {
  if (number == 0 || content.size() > kMaxPendingBytes) return std::nullopt;
  auto it = std::find_if(pending_.begin(), pending_.end(),
                         [&](const Pending& p) { return p.key == key; });
  if (it == pending_.end()) {
    it = pending_.insert(pending_.end(), Pending{key, {}, 0});
  } else {
    pending_.splice(pending_.end(), pending_, it);  // the most recently added to goes last
  }
  auto at = std::lower_bound(it->pieces.begin(), it->pieces.end(), number,
                             [](const Piece& p, uint16_t n) { return p.number < n; });
  if (at != it->pieces.end() && at->number == number) return std::nullopt;
  it->pieces.insert(at, Piece{number, frame, {content.begin(), content.end()}});
  pending_bytes_ += content.size();
  if (number >= total) it->last = number;

  // Complete when fragments 1..last are all held (the pieces are sorted and distinct).
  bool complete =
      it->last && it->pieces.size() >= it->last && it->pieces[it->last - 1].number == it->last;
  if (!complete) {
    // Over a limit, the oldest messages go (this one last: it is the newest).
    while (pending_bytes_ > kMaxPendingBytes || pending_.size() > kMaxPendingMessages)
      drop(pending_.begin());
    return std::nullopt;
  }
  Ikev2ReassembledMessage out;
  for (size_t i = 0; i < it->last; ++i) {
    const Piece& p = it->pieces[i];
    out.fragments.push_back(
        {p.frame, static_cast<uint32_t>(out.data.size()), static_cast<uint32_t>(p.content.size())});
    out.data.insert(out.data.end(), p.content.begin(), p.content.end());
  }
  drop(it);
  return out;
}

}  // namespace netsift
