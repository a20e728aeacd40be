#include "analysis/udp_conversations.h"

namespace netsift {

UdpConversation& UdpConversations::lookup(const FlowKey& key, int64_t now_ns) {
  bool created;
  UdpConversation& c = flows_.find_or_add(key, now_ns, &created);
  if (created) {
    c.stream = next_stream_++;
    c.first_ns = c.prev_ns = now_ns;
  }
  return c;
}

}  // namespace netsift
