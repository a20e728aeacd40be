// Linux "cooked" captures, v1 (LINKTYPE_LINUX_SLL) and v2 (LINKTYPE_LINUX_SLL2), as Wireshark's
// packet-sll.c shows them: packet type, link-layer address, then an EtherType payload (or a
// Linux protocol number below 1536, which no dissector here handles: data).
#include <fmt/format.h>

#include "core/field_registry.h"
#include "dissectors/eth.h"
#include "dissectors/ethertype_names.h"
#include "dissectors/sll_fields.h"

namespace netsift {

namespace sll_fields {
ProtocolField proto;
}  // namespace sll_fields

namespace {

using namespace sll_fields;

FieldId pkttype, hatype, halen, src_eth, src_ipv4, src_other, unused, ltype, etype, trailer,
    ifindex;

constexpr ValueName kPacketTypes[] = {{0, "Unicast to us"},
                                      {1, "Broadcast"},
                                      {2, "Multicast"},
                                      {3, "Unicast to another host"},
                                      {4, "Sent by us"}};
constexpr ValueName kLinuxProtocols[] = {
    {0x1, "Raw 802.3"},  {0x3, "Ethernet"}, {0x4, "802.2 LLC"},
    {0x7, "PPP (HDLC)"}, {0xc, "CAN"},      {0xd, "CAN FD"},
    {0x17, "IrDA LAP"},  {0xf5, "ISI"},     {0xf6, "IEEE 802.15.4"}};
// ARPHRD_* names, the same list as ARP's hardware types.
constexpr ValueName kHardwareTypes[] = {{1, "Ethernet"},
                                        {6, "IEEE 802"},
                                        {24, "IEEE 1394.1995"},
                                        {512, "PPP"},
                                        {513, "Cisco HDLC"},
                                        {519, "Raw IP"},
                                        {768, "IPIP tunnel"},
                                        {769, "IP6IP6 tunnel"},
                                        {772, "Loopback"},
                                        {776, "sit0 device - IPv6-in-IPv4"},
                                        {778, "GRE over IP"},
                                        {801, "IEEE 802.11"},
                                        {802, "IEEE 802.11 + Prism2 header"},
                                        {803, "IEEE 802.11 + radiotap header"},
                                        {804, "IEEE 802.15.4"},
                                        {823, "GRE over IPv6"},
                                        {824, "Netlink"},
                                        {65534, "zero header length"},
                                        {65535, "Void type, nothing is known"}};

const FieldReg kFields[] = {
    {&pkttype,
     {.name = "Packet type",
      .abbrev = "sll.pkttype",
      .type = FieldType::kUint16,
      .base = Base::kDec,
      .values = kPacketTypes}},
    {&hatype,
     {.name = "Link-layer address type",
      .abbrev = "sll.hatype",
      .type = FieldType::kUint16,
      .base = Base::kDec,
      .values = kHardwareTypes}},
    {&halen,
     {.name = "Link-layer address length",
      .abbrev = "sll.halen",
      .type = FieldType::kUint16,
      .base = Base::kDec}},
    {&src_eth,
     {.name = "Source",
      .abbrev = "sll.src.eth",
      .type = FieldType::kEther,
      .blurb = "Source link-layer address"}},
    {&src_ipv4,
     {.name = "Source",
      .abbrev = "sll.src.ipv4",
      .type = FieldType::kIpv4,
      .blurb = "Source link-layer address"}},
    {&src_other,
     {.name = "Source",
      .abbrev = "sll.src.other",
      .type = FieldType::kBytes,
      .blurb = "Source link-layer address"}},
    {&unused,
     {.name = "Unused",
      .abbrev = "sll.unused",
      .type = FieldType::kBytes,
      .blurb = "Unused bytes"}},
    {&ltype,
     {.name = "Protocol",
      .abbrev = "sll.ltype",
      .type = FieldType::kUint16,
      .base = Base::kHex,
      .values = kLinuxProtocols,
      .blurb = "Linux protocol type"}},
    {&etype,
     {.name = "Protocol",
      .abbrev = "sll.etype",
      .type = FieldType::kUint16,
      .base = Base::kHex,
      .values = kEthertypeNames,
      .blurb = "Ethernet protocol type"}},
    {&trailer, {.name = "Trailer", .abbrev = "sll.trailer", .type = FieldType::kBytes}},
    {&ifindex,
     {.name = "Interface index",
      .abbrev = "sll.ifindex",
      .type = FieldType::kUint32,
      .base = Base::kDec}},
};

constexpr uint16_t kArphrdIpGre = 778;
constexpr uint16_t kArphrdNetlink = 824;
constexpr size_t kAddressField = 8;

// The link-layer address (8 bytes reserved, `len` used) and the unused rest.
void add_source(Packet& pkt, const ByteReader& r, int node, size_t off, uint16_t len) {
  if (len == 6) {
    pkt.dl_src = pkt.src = Address::ether(r.ptr(off, 6));
    pkt.add_item(node, src_eth, r, off, 6);
  } else if (len == 4) {
    pkt.dl_src = pkt.src = Address::ipv4(r.ptr(off, 4));
    pkt.add_item(node, src_ipv4, r, off, 4);
  } else if (len != 0) {
    pkt.add_item(node, src_other, r, off, len > kAddressField ? kAddressField : len);
  }
  if (len < kAddressField) pkt.add_item(node, unused, r, off + len, kAddressField - len);
}

size_t dissect_payload(const ByteReader& r, Packet& pkt, int parent, int node, size_t header,
                       size_t proto_off, uint16_t type, uint16_t protocol) {
  if (protocol <= 1536) {
    // A Linux protocol number, not an EtherType: its length is unknown, so no trailer.
    pkt.add_item(node, ltype, r, proto_off, 2);
    pkt.call_data(r.sub(header), parent);
    return r.reported_size();
  }
  pkt.add_item(node, etype, r, proto_off, 2);
  if (type == kArphrdIpGre || type == kArphrdNetlink) {
    // GRE and netlink payloads are not dissected here.
    pkt.call_data(r.sub(header), parent);
    return r.reported_size();
  }
  return dissect_ethertype(r, pkt, parent, {protocol, header, node, trailer, 0});
}

void set_columns(Packet& pkt, uint16_t type) {
  if (!pkt.cols.enabled) return;
  pkt.cols.set_protocol("SLL");
  const char* name = nullptr;
  for (const ValueName& v : kPacketTypes)
    if (v.value == type) name = v.name;
  pkt.cols.set_info(name ? std::string(name) : fmt::format("Unknown ({})", type));
}

// v1: pkttype(2) hatype(2) halen(2) address(8) protocol(2).
size_t dissect_sll(const ByteReader& r, Packet& pkt, int parent) {
  constexpr size_t kHeader = 16;
  int node = pkt.add_protocol(parent, proto, r, 0, kHeader);
  if (pkt.labels) pkt.set_label(node, "Linux cooked capture v1");
  uint16_t type = r.u16(0);
  pkt.add_item(node, pkttype, r, 0, 2);
  uint16_t ha_type = r.u16(2);
  set_columns(pkt, type);  // tshark sets them once both types were read
  pkt.add_item(node, hatype, r, 2, 2);
  uint16_t ha_len = r.u16(4);
  pkt.add_item(node, halen, r, 4, 2);
  add_source(pkt, r, node, 6, ha_len);
  return dissect_payload(r, pkt, parent, node, kHeader, 14, ha_type, r.u16(14));
}

// v2: protocol(2) reserved(2) ifindex(4) hatype(2) pkttype(1) halen(1) address(8).
size_t dissect_sll2(const ByteReader& r, Packet& pkt, int parent) {
  constexpr size_t kHeader = 20;
  int node = pkt.add_protocol(parent, proto, r, 0, kHeader);
  if (pkt.labels) pkt.set_label(node, "Linux cooked capture v2");
  // tshark 4.0 takes the Info text from 16 bits at the packet type's offset, so it includes
  // the address length byte ("Unknown (1030)" for a packet sent by us with a 6-byte address).
  set_columns(pkt, r.u16(10));
  uint16_t protocol = r.u16(0);
  uint16_t ha_type = r.u16(8);
  // v2 shows the protocol first, so the payload dispatch is written out here.
  if (protocol <= 1536)
    pkt.add_item(node, ltype, r, 0, 2);
  else
    pkt.add_item(node, etype, r, 0, 2);
  pkt.add_item(node, ifindex, r, 4, 4);
  pkt.add_item(node, hatype, r, 8, 2);
  pkt.add_item(node, pkttype, r, 10, 1);
  uint8_t ha_len = r.u8(11);
  pkt.add_item(node, halen, r, 11, 1);
  add_source(pkt, r, node, 12, ha_len);
  if (protocol <= 1536 || ha_type == kArphrdIpGre || ha_type == kArphrdNetlink) {
    pkt.call_data(r.sub(kHeader), parent);
    return r.reported_size();
  }
  return dissect_ethertype(r, pkt, parent, {protocol, kHeader, node, trailer, 0});
}

}  // namespace

void register_sll() {
  FieldRegistry& reg = registry();
  proto.id = reg.add_protocol({"Linux cooked-mode capture", "SLL", "sll"});
  reg.add_fields(proto, kFields);
  tables::linktype().add(kLinkLinuxSll, dissect_sll, "sll");
  tables::linktype().add(kLinkLinuxSll2, dissect_sll2, "sll");
}

}  // namespace netsift
