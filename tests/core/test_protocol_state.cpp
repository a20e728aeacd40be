// Protocol-owned state (core/protocol_state.h): each scope's owner creates a registered state on
// first use and keeps it, owners do not share states, per-packet scratch starts afresh in every
// packet, and using a type without registering it (or in another scope) is refused.
#include "core/protocol_state.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "core/conversation.h"
#include "core/packet.h"
#include "core/session.h"

namespace netsift {
namespace {

struct Counter {
  int n = 0;
};
struct Notes {
  std::string text;
};
struct Scratch {
  int hits = 0;
};
struct Unregistered {
  int n = 0;
};

class ProtocolStateTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    register_protocol_state<Counter>(StateScope::kCapture);
    register_protocol_state<Notes>(StateScope::kConversation);
    register_protocol_state<Notes>(StateScope::kConversation);  // a second owner: same slot
    register_protocol_state<Scratch>(StateScope::kPacket);
  }
};

TEST_F(ProtocolStateTest, CaptureStateLivesInItsSession) {
  Session a, b;
  EXPECT_EQ(a.states.find<Counter>(), nullptr);
  a.state<Counter>().n = 3;
  ++a.state<Counter>().n;
  EXPECT_EQ(a.state<Counter>().n, 4);
  EXPECT_EQ(b.states.find<Counter>(), nullptr);
  EXPECT_EQ(b.state<Counter>().n, 0);
}

TEST_F(ProtocolStateTest, ConversationStateFollowsTheConversation) {
  ConversationTable table;
  bool created;
  uint8_t a[4] = {10, 0, 0, 1}, b[4] = {10, 0, 0, 2};
  FlowKey key = FlowKey::make(Address::ipv4(a), 1025, Address::ipv4(b), 21, 6, nullptr);
  Conversation& c = table.find_or_add(key, 0, &created);
  EXPECT_TRUE(created);
  c.state<Notes>().text = "CWD pub";
  Conversation& again = table.find_or_add(key, 1, &created);
  EXPECT_FALSE(created);
  EXPECT_EQ(again.state<Notes>().text, "CWD pub");
  // A restarted conversation (TCP port reuse) has a new stream number and no state.
  Conversation& fresh = table.restart(key, 2);
  EXPECT_EQ(fresh.stream, 1u);
  EXPECT_EQ(fresh.states.find<Notes>(), nullptr);
}

TEST_F(ProtocolStateTest, PacketScratchStartsAfreshEveryPacket) {
  Packet pkt;
  Session s;
  pkt.reset(1, nullptr, &s);
  pkt.scratch<Scratch>().hits = 5;
  EXPECT_EQ(pkt.scratch<Scratch>().hits, 5);
  pkt.reset(2, nullptr, &s);
  EXPECT_EQ(pkt.scratch<Scratch>().hits, 0);
}

TEST_F(ProtocolStateTest, UnregisteredOrWrongScopeIsRefused) {
  Session s;
  EXPECT_THROW(s.state<Unregistered>(), std::logic_error);
  EXPECT_THROW(s.state<Notes>(), std::logic_error);  // a conversation state
  EXPECT_THROW(register_protocol_state<Counter>(StateScope::kPacket), std::logic_error);
}

}  // namespace
}  // namespace netsift
