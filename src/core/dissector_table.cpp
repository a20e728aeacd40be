#include "core/dissector_table.h"

#include <algorithm>
#include <cstring>

namespace netsift {

namespace {

std::vector<const DissectorTable*>& table_catalogue() {
  static std::vector<const DissectorTable*> tables;
  return tables;
}

struct HeuristicList {
  const char* name;
  const std::vector<HeuristicDissector>* list;
};

std::vector<HeuristicList>& heuristic_lists() {
  static std::vector<HeuristicList> lists;
  return lists;
}

std::vector<HeuristicListing>& other_heuristics() {
  static std::vector<HeuristicListing> entries;
  return entries;
}

bool name_less(const char* a, const char* b) { return std::strcmp(a, b) < 0; }

}  // namespace

DissectorTable::DissectorTable(const char* name, const char* ui_name, DissectorTableKind kind)
    : name_(name), ui_name_(ui_name), kind_(kind) {
  table_catalogue().push_back(this);
}

void DissectorTable::add_decode_as(const char* protocol, Dissector d) {
  auto it = std::lower_bound(
      candidates_.begin(), candidates_.end(), protocol,
      [](const DecodeAsCandidate& c, const char* p) { return std::strcmp(c.protocol, p) < 0; });
  // One entry per protocol, the first registered (tshark takes the first matching handle).
  if (it != candidates_.end() && std::strcmp(it->protocol, protocol) == 0) return;
  candidates_.insert(it, {protocol, d});
}

std::vector<std::pair<uint32_t, const char*>> DissectorTable::entries() const {
  std::vector<std::pair<uint32_t, const char*>> out;
  out.reserve(map_.size());
  for (const auto& [key, entry] : map_) out.emplace_back(key, entry.protocol);
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

}  // namespace netsift

namespace netsift::tables {

DissectorTable& linktype() {
  // Keyed by pcap LINKTYPE_* values (tshark's wtap_encap by its own WTAP_ENCAP_* numbers).
  static DissectorTable t("wtap_encap", "Wiretap encapsulation type",
                          {FieldType::kUint32, Base::kDec, "Frame", false});
  return t;
}
DissectorTable& ethertype() {
  static DissectorTable t("ethertype", "Ethertype",
                          {FieldType::kUint16, Base::kHex, "Ethertype", true});
  return t;
}
DissectorTable& ip_proto() {
  static DissectorTable t("ip.proto", "IP protocol", {FieldType::kUint8, Base::kDec, "IPv4", true});
  return t;
}
DissectorTable& tcp_port() {
  static DissectorTable t("tcp.port", "TCP port", {FieldType::kUint16, Base::kDec, "TCP", true});
  return t;
}
DissectorTable& udp_port() {
  static DissectorTable t("udp.port", "UDP port", {FieldType::kUint16, Base::kDec, "UDP", true});
  return t;
}

std::vector<HeuristicDissector>& tcp_heuristics() {
  static std::vector<HeuristicDissector> v;
  return v;
}

std::vector<HeuristicDissector>& udp_heuristics() {
  static std::vector<HeuristicDissector> v;
  return v;
}

std::vector<DissectorTable*> all() {
  // Sorted by name, as tshark lists layer types.
  return {&ethertype(), &ip_proto(), &tcp_port(), &udp_port(), &linktype()};
}

DissectorTable* find(std::string_view name) {
  for (DissectorTable* t : all())
    if (name == t->name()) return t;
  return nullptr;
}

std::vector<const DissectorTable*> catalogue() {
  all();  // the core tables exist even before a dissector adds to them
  std::vector<const DissectorTable*> out = table_catalogue();
  std::sort(out.begin(), out.end(), [](const DissectorTable* a, const DissectorTable* b) {
    return name_less(a->name(), b->name());
  });
  return out;
}

std::vector<StringTableListing>& string_tables() {
  static std::vector<StringTableListing> v;
  return v;
}

void register_string_table(StringTableListing table) { string_tables().push_back(table); }

const std::vector<StringTableListing>& string_table_catalogue() { return string_tables(); }

void register_heuristic_list(const char* name, const std::vector<HeuristicDissector>* list) {
  heuristic_lists().push_back({name, list});
}

void register_heuristic_listing(HeuristicListing entry) { other_heuristics().push_back(entry); }

std::vector<HeuristicListing> heuristic_catalogue() {
  std::vector<HeuristicListing> out;
  std::vector<HeuristicList> lists = {{"tcp", &tcp_heuristics()}, {"udp", &udp_heuristics()}};
  lists.insert(lists.end(), heuristic_lists().begin(), heuristic_lists().end());
  for (const HeuristicList& l : lists)
    for (const HeuristicDissector& h : *l.list) out.push_back({l.name, h.protocol});
  for (const HeuristicListing& e : other_heuristics()) out.push_back(e);
  std::stable_sort(out.begin(), out.end(), [](const HeuristicListing& a, const HeuristicListing& b) {
    return name_less(a.list, b.list);
  });
  return out;
}

}  // namespace netsift::tables
