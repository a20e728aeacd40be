// Dispatch tables: how one protocol finds the next (EtherType, IP protocol, ports, link type).
// Filled at start-up by the dissectors' registration functions; read-only afterwards.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/byte_reader.h"

namespace netsift {

struct Packet;

// A dissector decodes `r` (its protocol's bytes and everything after them) into `pkt`, under
// tree node `parent`, and returns how many bytes of `r` its protocol and payload occupy, so the
// caller can tell what is left over (for example an Ethernet trailer).
using Dissector = size_t (*)(const ByteReader& r, Packet& pkt, int parent);

class DissectorTable {
 public:
  explicit DissectorTable(const char* name) : name_(name) {}
  void add(uint32_t key, Dissector d) { map_[key] = d; }
  // For a port preference (http.tcp.port) that moves a protocol off its default ports.
  void remove(uint32_t key) { map_.erase(key); }
  Dissector find(uint32_t key) const {
    auto it = map_.find(key);
    return it == map_.end() ? nullptr : it->second;
  }
  const char* name() const { return name_; }

 private:
  const char* name_;
  std::unordered_map<uint32_t, Dissector> map_;
};

// A heuristic dissector, tried on a TCP payload no port claims: `accepts` looks at the first
// bytes; once it accepts, `dissect` becomes the conversation's dissector (as tshark's
// conversation_set_dissector), so later segments go to it without asking again.
struct HeuristicDissector {
  bool (*accepts)(const ByteReader& r);
  Dissector dissect;
};

namespace tables {
DissectorTable& linktype();  // "wtap_encap": LINKTYPE_* values
DissectorTable& ethertype();
DissectorTable& ip_proto();
DissectorTable& tcp_port();
DissectorTable& udp_port();
std::vector<HeuristicDissector>& tcp_heuristics();  // in registration order
}  // namespace tables

}  // namespace netsift
