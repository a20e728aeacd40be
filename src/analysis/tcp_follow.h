// The byte stream of one TCP connection as tshark's "Follow TCP Stream" rebuilds it: each
// direction in sequence order, retransmitted bytes dropped, out-of-order segments held until the
// gap before them fills, and a "[N bytes missing in capture file]" marker (with its NUL) when
// the peer acknowledges data the capture never showed. The result is a list of chunks, one per
// segment that brought new bytes, in the order they joined the stream.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/captured_frame.h"

namespace netsift {

struct FollowChunk {
  bool from_server = false;  // sent by Node 1 (not the sender of the first packet followed)
  uint32_t frame = 0;
  Timestamp ts;  // zero for a missing-bytes marker, as tshark leaves it
  uint32_t seq = 0;
  std::string data;
};

// One segment as the follow tap sees it: sequence numbers as tshark's TCP shows them (tcp.seq,
// tcp.ack), the TCP segment length and the captured payload bytes.
struct FollowSegment {
  bool from_server = false;
  uint32_t seq = 0;
  uint32_t ack = 0;
  bool syn = false;
  uint32_t seglen = 0;
  std::string_view payload;
  uint32_t frame = 0;
  Timestamp ts;
};

class TcpFollowAssembler {
 public:
  void add(const FollowSegment& s);
  const std::vector<FollowChunk>& chunks() const { return chunks_; }
  // Bytes of out-of-order segments still waiting for a gap to fill.
  size_t held_bytes() const;

 private:
  // Moves one held segment of direction `dir` into the stream if it fits (or marks the gap
  // before it when `ack` shows the receiver got the missing bytes); false when none moved.
  bool apply_held(int dir, uint32_t ack, uint32_t frame, bool use_ack);

  std::vector<FollowChunk> chunks_;
  std::vector<FollowChunk> held_[2];  // out-of-order segments, in arrival order
  uint32_t next_seq_[2] = {0, 0};
  uint64_t bytes_[2] = {0, 0};
};

}  // namespace netsift
