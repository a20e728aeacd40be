// The generic conversation tables: one per transport (tcp.stream, udp.stream), keyed by the
// symmetric FlowKey. A conversation holds what every transport shares (its stream number, the
// time of its first and previous packet) and the states protocols register per conversation
// (core/protocol_state.h): TCP's sequence analysis, HTTP's request matching, ...
#pragma once

#include <cstdint>

#include "core/flow_key.h"
#include "core/flow_table.h"
#include "core/protocol_state.h"

namespace netsift {

struct Conversation {
  uint32_t stream = 0;
  int64_t first_ns = 0;  // tcp/udp.time_relative origin
  int64_t prev_ns = 0;   // tcp/udp.time_delta origin
  // Set by the transport when the conversation has ended (TCP FIN or RST), so the table
  // evicts it sooner once it goes quiet.
  bool ended = false;
  ProtocolStates<StateScope::kConversation> states;

  // The state `T` (registered with StateScope::kConversation) of this conversation.
  template <class T>
  T& state() {
    return states.get<T>();
  }
  bool finished() const { return ended; }
};

class ConversationTable {
 public:
  // The conversation of `key`, numbered in order of first appearance when new (`*created`).
  Conversation& find_or_add(const FlowKey& key, int64_t now_ns, bool* created) {
    Conversation& c = flows_.find_or_add(key, now_ns, created);
    if (*created) start(c, now_ns);
    return c;
  }
  // A new conversation on the addresses and ports of an earlier one (TCP port reuse): a new
  // stream number, no protocol state.
  Conversation& restart(const FlowKey& key, int64_t now_ns) {
    Conversation& c = flows_.replace(key, now_ns);
    start(c, now_ns);
    return c;
  }

  uint32_t streams() const { return next_stream_; }
  // Charges the conversations to the Session's memory budget (core/flow_table.h).
  void use_budget(MemoryBudget& budget) { flows_.use_budget(budget); }

 private:
  void start(Conversation& c, int64_t now_ns) {
    c.stream = next_stream_++;
    c.first_ns = c.prev_ns = now_ns;
  }

  FlowTable<Conversation> flows_;
  uint32_t next_stream_ = 0;
};

}  // namespace netsift
