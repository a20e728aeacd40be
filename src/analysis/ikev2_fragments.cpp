#include "analysis/ikev2_fragments.h"

#include <algorithm>

namespace netsift {

void Ikev2Fragments::drop(std::list<Pending>::iterator it) {
  for (const Piece& p : it->pieces) pending_bytes_ -= p.content.size();
  pending_.erase(it);
}

Ikev2ReassembledMessage Ikev2Fragments::defragment(const Pending& p) {
  Ikev2ReassembledMessage out;
  const Piece* previous = nullptr;
  uint32_t at = 0;  // where the current block's content starts in the message
  for (const Piece& piece : p.pieces) {
    FragmentRecord rec{piece.frame, at, static_cast<uint32_t>(piece.content.size())};
    bool repeated = previous && previous->block == piece.block;
    if (!repeated) {
      rec.offset = at = static_cast<uint32_t>(out.data.size());
      out.data.insert(out.data.end(), piece.content.begin(), piece.content.end());
    } else if (!piece.content.empty()) {  // tshark compares a repeat with the one before it
      rec.overlap = true;
      rec.overlap_conflict = piece.content != previous->content;
    }
    rec.multiple_tails = piece.multiple_tails;
    rec.too_long = piece.too_long;
    out.illegal |= rec.overlap_conflict || rec.multiple_tails || rec.too_long;
    out.fragments.push_back(rec);
    previous = &piece;
  }
  return out;
}

std::optional<Ikev2ReassembledMessage> Ikev2Fragments::add(const Ikev2FragmentKey& key,
                                                           uint64_t frame, uint16_t number,
                                                           uint16_t total,
                                                           std::span<const uint8_t> content) {
  if (content.size() > kMaxPendingBytes) return std::nullopt;
  auto it = std::find_if(pending_.begin(), pending_.end(),
                         [&](const Pending& p) { return p.key == key; });
  if (it == pending_.end()) {
    it = pending_.insert(pending_.end(), Pending{key, {}, std::nullopt});
  } else {
    pending_.splice(pending_.end(), pending_, it);  // the most recently added to goes last
  }
  Piece piece{static_cast<uint32_t>(number) - 1u, frame, {content.begin(), content.end()}};
  if (number >= total) {  // a last fragment
    if (!it->last)
      it->last = piece.block;
    else if (*it->last != piece.block)
      piece.multiple_tails = true;
  }
  auto at = std::upper_bound(it->pieces.begin(), it->pieces.end(), piece.block,
                             [](uint32_t b, const Piece& p) { return b < p.block; });
  at = it->pieces.insert(at, std::move(piece));
  pending_bytes_ += at->content.size();

  // Complete when every block from 0 up to the last one is held.
  uint64_t held = 0;
  for (const Piece& p : it->pieces)
    if (p.block == held) ++held;
  if (!it->last || held <= *it->last) {
    // Over a limit, the oldest messages go (this one last: it is the newest).
    while (pending_bytes_ > kMaxPendingBytes || pending_.size() > kMaxPendingMessages)
      drop(pending_.begin());
    return std::nullopt;
  }
  if (held > uint64_t{*it->last} + 1) at->too_long = true;
  Ikev2ReassembledMessage out = defragment(*it);
  drop(it);
  return out;
}

}  // namespace netsift
