// UDP conversations a protocol announces (Wireshark's conversation_new with NO_PORT_B and
// conversation_set_dissector): once a request on a well-known port names the client's endpoint,
// datagrams between that endpoint and any port of the server's address go to the announcing
// dissector, before the port tables are asked. TFTP's transfers move to new ports this way.
#pragma once

#include "core/dissector_table.h"
#include "core/packet.h"

namespace netsift {

// Registers the table's per-capture state (called by register_udp).
void register_udp_conversations();
struct ExpectedConversation {
  Dissector dissector = nullptr;
  uint32_t id = 0;  // numbers the announced conversations, for the protocol's own state
};

// From now on, datagrams between this packet's source endpoint and any port of its destination
// address go to `d`. Returns the conversation's id (the same when announced again).
uint32_t udp_expect_conversation(Packet& pkt, Dissector d);
// The conversation announced for this packet's addresses and ports; a null dissector if none.
ExpectedConversation udp_expected_conversation(const Packet& pkt);

}  // namespace netsift
