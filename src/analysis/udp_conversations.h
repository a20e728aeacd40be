// UDP conversations as tshark numbers them: one udp.stream per address/port pair, in order of
// first appearance, with per-stream timestamps (udp.time_relative, udp.time_delta).
#pragma once

#include <cstdint>

#include "analysis/flow_key.h"
#include "analysis/flow_table.h"

namespace netsift {

struct UdpConversation {
  uint32_t stream = 0;
  int64_t first_ns = 0;
  int64_t prev_ns = 0;

  bool finished() const { return false; }  // UDP has no end: only idleness evicts
};

class UdpConversations {
 public:
  UdpConversation& lookup(const FlowKey& key, int64_t now_ns);
  uint32_t streams() const { return next_stream_; }
  FlowTable<UdpConversation>& table() { return flows_; }

 private:
  FlowTable<UdpConversation> flows_;
  uint32_t next_stream_ = 0;
};

}  // namespace netsift
