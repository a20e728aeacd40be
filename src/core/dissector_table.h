// Dispatch tables: how one protocol finds the next (EtherType, IP protocol, ports, link type).
// Filled at start-up by the dissectors' registration functions; read-only afterwards.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/byte_reader.h"

namespace netsift {

struct Packet;

// A dissector decodes `r` (its protocol's bytes and everything after them) into `pkt`, under
// tree node `parent`, and returns how many bytes of `r` its protocol and payload occupy, so the
// caller can tell what is left over (for example an Ethernet trailer).
using Dissector = size_t (*)(const ByteReader& r, Packet& pkt, int parent);

// A protocol a table can hand data to, named by its filter name ("http"), as decode-as offers
// it (tshark -d layer==selector,protocol).
struct DecodeAsCandidate {
  const char* protocol;
  Dissector dissect;
};

class DissectorTable {
 public:
  DissectorTable(const char* name, const char* ui_name) : name_(name), ui_name_(ui_name) {}
  // Registers `d` for `key`; with a protocol name, `d` is also offered for decode-as.
  void add(uint32_t key, Dissector d, const char* protocol = nullptr) {
    map_[key] = d;
    if (protocol) add_decode_as(protocol, d);
  }
  // Offers `d` for decode-as without a key of its own.
  void add_decode_as(const char* protocol, Dissector d);
  // Decode-as: `key` goes to `d` from now on, whatever was registered (set before any packet).
  void change(uint32_t key, Dissector d) { map_[key] = d; }
  // For a port preference (http.tcp.port) that moves a protocol off its default ports.
  void remove(uint32_t key) { map_.erase(key); }
  Dissector find(uint32_t key) const {
    auto it = map_.find(key);
    return it == map_.end() ? nullptr : it->second;
  }
  const char* name() const { return name_; }        // "tcp.port"
  const char* ui_name() const { return ui_name_; }  // "TCP port"
  // Sorted by protocol name.
  const std::vector<DecodeAsCandidate>& decode_as_candidates() const { return candidates_; }

 private:
  const char* name_;
  const char* ui_name_;
  std::unordered_map<uint32_t, Dissector> map_;
  std::vector<DecodeAsCandidate> candidates_;
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
// Tried on a UDP payload no port claims, before the data dissector (each datagram on its own:
// `accepts` does not make a UDP conversation the heuristic's).
std::vector<HeuristicDissector>& udp_heuristics();
// The table of that name ("tcp.port"), or nullptr; all(), sorted by name.
DissectorTable* find(std::string_view name);
std::vector<DissectorTable*> all();
}  // namespace tables

}  // namespace netsift
