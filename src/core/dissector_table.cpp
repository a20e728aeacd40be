#include "core/dissector_table.h"

#include <algorithm>
#include <cstring>

namespace netsift {

void DissectorTable::add_decode_as(const char* protocol, Dissector d) {
  auto it = std::lower_bound(
      candidates_.begin(), candidates_.end(), protocol,
      [](const DecodeAsCandidate& c, const char* p) { return std::strcmp(c.protocol, p) < 0; });
  // One entry per protocol, the first registered (tshark takes the first matching handle).
  if (it != candidates_.end() && std::strcmp(it->protocol, protocol) == 0) return;
  candidates_.insert(it, {protocol, d});
}

}  // namespace netsift

namespace netsift::tables {

DissectorTable& linktype() {
  static DissectorTable t("wtap_encap", "Wiretap encapsulation type");
  return t;
}
DissectorTable& ethertype() {
  static DissectorTable t("ethertype", "Ethertype");
  return t;
}
DissectorTable& ip_proto() {
  static DissectorTable t("ip.proto", "IP protocol");
  return t;
}
DissectorTable& tcp_port() {
  static DissectorTable t("tcp.port", "TCP port");
  return t;
}
DissectorTable& udp_port() {
  static DissectorTable t("udp.port", "UDP port");
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

}  // namespace netsift::tables
