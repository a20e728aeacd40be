#include "analysis/tcp_follow.h"

#include <fmt/format.h>

namespace netsift {

namespace {

// Sequence-space comparisons modulo 2^32.
bool seq_lt(uint32_t a, uint32_t b) {
  return static_cast<int32_t>(a - b) < 0;
}
bool seq_gt(uint32_t a, uint32_t b) {
  return static_cast<int32_t>(a - b) > 0;
}

}  // namespace

size_t TcpFollowAssembler::held_bytes() const {
  size_t n = 0;
  for (const auto& dir : held_)
    for (const FollowChunk& c : dir) n += c.data.size();
  return n;
}

bool TcpFollowAssembler::apply_held(int dir, uint32_t ack, uint32_t frame, bool use_ack) {
  std::vector<FollowChunk>& held = held_[dir];
  if (held.empty()) return false;
  uint32_t& next = next_seq_[dir];
  uint32_t lowest = held.front().seq;
  for (size_t i = 0; i < held.size(); ++i) {
    FollowChunk& h = held[i];
    if (seq_gt(lowest, h.seq)) lowest = h.seq;
    if (seq_lt(h.seq, next)) {
      // Starts before the stream's end: only the part beyond it is new.
      uint32_t end = h.seq + static_cast<uint32_t>(h.data.size());
      if (seq_gt(end, next)) {
        uint32_t skip = next - h.seq;
        size_t fresh = h.data.size() - skip;
        FollowChunk c{h.from_server, h.frame, h.ts, next + static_cast<uint32_t>(fresh),
                      h.data.substr(skip)};
        chunks_.push_back(std::move(c));
        next += static_cast<uint32_t>(fresh);
      }
      held.erase(held.begin() + static_cast<std::ptrdiff_t>(i));
      return true;
    }
    if (h.seq == next) {
      next += static_cast<uint32_t>(h.data.size());
      if (!h.data.empty()) chunks_.push_back(std::move(h));
      held.erase(held.begin() + static_cast<std::ptrdiff_t>(i));
      return true;
    }
  }
  if (use_ack && seq_gt(ack, lowest)) {
    // The receiver has bytes the capture lacks: tshark writes a marker, its NUL included.
    FollowChunk c;
    c.from_server = dir == 1;
    c.frame = frame;
    c.seq = lowest;
    c.data = fmt::format("[{} bytes missing in capture file]", static_cast<int32_t>(lowest - next));
    c.data.push_back('\0');
    chunks_.push_back(std::move(c));
    next = lowest;
    return true;
  }
  return false;
}

void TcpFollowAssembler::add(const FollowSegment& s) {
  int dir = s.from_server ? 1 : 0;
  uint32_t seq = s.seq + (s.syn ? 1 : 0);
  uint32_t length = s.seglen;
  size_t offset = 0;
  size_t data_len = s.payload.size();

  // An ACK for bytes of the other direction that are still held means the ones before them
  // were received, only not captured.
  if (!held_[dir ^ 1].empty())
    while (apply_held(dir ^ 1, s.ack, s.frame, true)) {
    }

  uint32_t& next = next_seq_[dir];
  if (bytes_[dir] == 0 && next == 0) next = seq;
  if (seq_lt(seq, next)) {
    // Starts in bytes already seen; a retransmission may still carry some new ones.
    uint32_t end = seq + length;
    if (seq_gt(end, next)) {
      offset = next - seq;
      data_len = data_len <= offset ? 0 : data_len - offset;
      seq = next;
      length = end - next;
    }
  }
  if (data_len == 0 || seq_lt(seq, next)) return;

  FollowChunk c{s.from_server, s.frame, s.ts, seq, std::string(s.payload.substr(offset, data_len))};
  if (seq == next) {
    next += length;
    bytes_[dir] += c.data.size();
    chunks_.push_back(std::move(c));
    while (apply_held(dir, 0, s.frame, false)) {
    }
  } else {
    held_[dir].push_back(std::move(c));
  }
}

}  // namespace netsift
