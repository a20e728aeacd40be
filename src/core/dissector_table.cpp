#include "core/dissector_table.h"

namespace netsift::tables {

DissectorTable& linktype() {
  static DissectorTable t("wtap_encap");
  return t;
}
DissectorTable& ethertype() {
  static DissectorTable t("ethertype");
  return t;
}
DissectorTable& ip_proto() {
  static DissectorTable t("ip.proto");
  return t;
}
DissectorTable& tcp_port() {
  static DissectorTable t("tcp.port");
  return t;
}
DissectorTable& udp_port() {
  static DissectorTable t("udp.port");
  return t;
}

std::vector<HeuristicDissector>& tcp_heuristics() {
  static std::vector<HeuristicDissector> v;
  return v;
}

}  // namespace netsift::tables
