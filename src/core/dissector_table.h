// Dispatch tables: how one protocol finds the next (EtherType, IP protocol, ports, link type).
// Filled at start-up by the dissectors' registration functions; read-only afterwards.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/byte_reader.h"
#include "core/field.h"

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

// How -G dissector-tables describes a table: its selector's type and base, the protocol that
// owns it (short name, nullptr for none) and whether decode-as may re-point its keys.
struct DissectorTableKind {
  FieldType type = FieldType::kUint16;
  Base base = Base::kDec;
  const char* owner = nullptr;
  bool decode_as = true;
};

class DissectorTable {
 public:
  // Registers the table in tables::catalogue().
  DissectorTable(const char* name, const char* ui_name, DissectorTableKind kind);
  // Registers `d`, the dissector of `protocol` (its filter name: "http", as -G decodes lists
  // it), for `key`; where decode-as is supported, `d` is also offered for it.
  void add(uint32_t key, Dissector d, const char* protocol) {
    map_[key] = {d, protocol};
    if (kind_.decode_as) add_decode_as(protocol, d);
  }
  // Offers `d` for decode-as without a key of its own.
  void add_decode_as(const char* protocol, Dissector d);
  // Decode-as: `key` goes to `c` from now on, whatever was registered (set before any packet).
  void change(uint32_t key, const DecodeAsCandidate& c) { map_[key] = {c.dissect, c.protocol}; }
  // For a port preference (http.tcp.port) that moves a protocol off its default ports.
  void remove(uint32_t key) { map_.erase(key); }
  Dissector find(uint32_t key) const {
    auto it = map_.find(key);
    return it == map_.end() ? nullptr : it->second.dissect;
  }
  const char* name() const { return name_; }        // "tcp.port"
  const char* ui_name() const { return ui_name_; }  // "TCP port"
  const DissectorTableKind& kind() const { return kind_; }
  // Sorted by protocol name.
  const std::vector<DecodeAsCandidate>& decode_as_candidates() const { return candidates_; }
  // Every key with its protocol's filter name, sorted by key (-G decodes).
  std::vector<std::pair<uint32_t, const char*>> entries() const;

 private:
  struct Entry {
    Dissector dissect;
    const char* protocol;
  };
  const char* name_;
  const char* ui_name_;
  DissectorTableKind kind_;
  std::unordered_map<uint32_t, Entry> map_;
  std::vector<DecodeAsCandidate> candidates_;
};

// A heuristic dissector, tried on a TCP payload no port claims: `accepts` looks at the first
// bytes; once it accepts, `dissect` becomes the conversation's dissector (as tshark's
// conversation_set_dissector), so later segments go to it without asking again. `protocol` is
// its filter name, as -G heuristic-decodes lists it.
struct HeuristicDissector {
  // All three, so that no heuristic is listed without its name.
  HeuristicDissector(bool (*accepts_)(const ByteReader& r), Dissector dissect_, const char* protocol_)
      : accepts(accepts_), dissect(dissect_), protocol(protocol_) {}
  bool (*accepts)(const ByteReader& r);
  Dissector dissect;
  const char* protocol;
};

// A table keyed by strings (TLS's ALPN protocol ids), as -G dissector-tables lists it.
struct StringTableListing {
  const char* name;     // "tls.alpn"
  const char* ui_name;
  const char* owner;    // the owning protocol's short name
};

// A heuristic list of another shape (Ethernet's), as -G heuristic-decodes lists it.
struct HeuristicListing {
  const char* list;      // "eth"
  const char* protocol;  // "f5fileinfo"
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
// The table of that name ("tcp.port"), or nullptr; all(), sorted by name: the tables decode-as
// (-d) offers.
DissectorTable* find(std::string_view name);
std::vector<DissectorTable*> all();

// Every dissector table netsift has (decode-as or not), sorted by name, for -G reports; tables
// keyed by strings are registered by their owners and listed apart.
std::vector<const DissectorTable*> catalogue();
void register_string_table(StringTableListing table);
const std::vector<StringTableListing>& string_table_catalogue();
// The heuristic lists of HeuristicDissectors by list name, registered by their owners ("tls"
// registers its own), and lists of other shapes as (list, protocol) pairs.
void register_heuristic_list(const char* name, const std::vector<HeuristicDissector>* list);
void register_heuristic_listing(HeuristicListing entry);
// Every (list, protocol) pair, in list-name order, then registration order.
std::vector<HeuristicListing> heuristic_catalogue();
}  // namespace tables

}  // namespace netsift
