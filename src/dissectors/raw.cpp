// Link types without a link-layer header: LINKTYPE_RAW (the "raw" protocol, IPv4 or IPv6 by the
// version nibble, as Wireshark's packet-raw.c) and LINKTYPE_IPV4/IPV6, which go straight to IP.
#include "core/field_registry.h"
#include "core/packet.h"

namespace netsift {

namespace {

FieldId proto;

constexpr uint32_t kEthertypeIpv4 = 0x0800;
constexpr uint32_t kEthertypeIpv6 = 0x86dd;

size_t dissect_raw(const ByteReader& r, Packet& pkt, int parent) {
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("N/A");
    pkt.cols.set_info("Raw packet data");
  }
  pkt.add_protocol(parent, proto, r, 0, r.size());
  if (r.size() >= 1) {
    switch (r.u8(0) & 0xf0) {
      case 0x40:
        return pkt.call_next(tables::ethertype(), kEthertypeIpv4, r, parent);
      case 0x60:
        return pkt.call_next(tables::ethertype(), kEthertypeIpv6, r, parent);
    }
  }
  return pkt.call_data(r, parent);
}

size_t dissect_ipv4_link(const ByteReader& r, Packet& pkt, int parent) {
  return pkt.call_next(tables::ethertype(), kEthertypeIpv4, r, parent);
}

size_t dissect_ipv6_link(const ByteReader& r, Packet& pkt, int parent) {
  return pkt.call_next(tables::ethertype(), kEthertypeIpv6, r, parent);
}

}  // namespace

void register_raw() {
  proto = registry().add_protocol({"Raw packet data", "Raw", "raw"});
  tables::linktype().add(kLinkRaw, dissect_raw, "raw");
  // Old BSD pcap files carry DLT_RAW's platform values (12, 14); wiretap reads both as raw IP.
  tables::linktype().add(12, dissect_raw, "raw");
  tables::linktype().add(14, dissect_raw, "raw");
  tables::linktype().add(kLinkIpv4, dissect_ipv4_link, "ip");
  tables::linktype().add(kLinkIpv6, dissect_ipv6_link, "ipv6");
}

}  // namespace netsift
