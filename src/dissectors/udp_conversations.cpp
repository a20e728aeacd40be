#include "dissectors/udp_conversations.h"

#include <string>
#include <unordered_map>

#include "core/protocol_state.h"
#include "core/session.h"

namespace netsift {

namespace {

struct UdpExpectedConversations {
  std::unordered_map<std::string, ExpectedConversation> conversations;
};

// One side's endpoint (address and port) and the other side's address, its port left open.
std::string key_of(const Address& endpoint, uint16_t port, const Address& other) {
  std::string k;
  k.push_back(static_cast<char>(endpoint.type));
  k.append(reinterpret_cast<const char*>(endpoint.bytes), endpoint.size());
  k.push_back(static_cast<char>(port >> 8));
  k.push_back(static_cast<char>(port & 0xff));
  k.push_back(static_cast<char>(other.type));
  k.append(reinterpret_cast<const char*>(other.bytes), other.size());
  return k;
}

}  // namespace

void register_udp_conversations() {
  register_protocol_state<UdpExpectedConversations>(StateScope::kCapture);
}

uint32_t udp_expect_conversation(Packet& pkt, Dissector d) {
  if (!pkt.session) return 0;
  auto& known = pkt.session->state<UdpExpectedConversations>().conversations;
  auto [it, added] = known.try_emplace(key_of(pkt.net_src, pkt.src_port, pkt.net_dst));
  if (added) it->second.id = static_cast<uint32_t>(known.size() - 1);
  it->second.dissector = d;
  return it->second.id;
}

ExpectedConversation udp_expected_conversation(const Packet& pkt) {
  if (!pkt.session) return {};
  const auto& known = pkt.session->state<UdpExpectedConversations>().conversations;
  if (known.empty()) return {};
  for (const std::string& k : {key_of(pkt.net_src, pkt.src_port, pkt.net_dst),
                               key_of(pkt.net_dst, pkt.dst_port, pkt.net_src)}) {
    auto it = known.find(k);
    if (it != known.end()) return it->second;
  }
  return {};
}

}  // namespace netsift
