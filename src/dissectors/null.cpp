// BSD loopback encapsulations (Wireshark's packet-null.c): LINKTYPE_NULL carries an AF_ value in
// the capturing host's byte order (or an EtherType), LINKTYPE_LOOP one in network byte order.
#include "core/field_registry.h"
#include "core/packet.h"
#include "dissectors/ethertype_names.h"

namespace netsift {

namespace {

FieldId proto, type, family;

constexpr uint16_t kMax8023Length = 1500;
constexpr ValueName kFamilies[] = {
    {2, "IP"},    {7, "OSI"},   {16, "Appletalk"}, {23, "Netware IPX/SPX"},
    {24, "IPv6"}, {28, "IPv6"}, {30, "IPv6"}};

const FieldReg kFields[] = {
    {&type,
     {.name = "Type",
      .abbrev = "null.type",
      .type = FieldType::kUint16,
      .base = Base::kHex,
      .values = kEthertypeNames}},
    {&family,
     {.name = "Family",
      .abbrev = "null.family",
      .type = FieldType::kUint32,
      .base = Base::kDec,
      .values = kFamilies}},
};

// The AF_ values of the BSDs: AF_INET is the same everywhere, AF_INET6 is not.
enum AddressFamily : uint32_t {
  kAfInet = 2,
  kAfInet6NetBsd = 24,  // NetBSD, OpenBSD, BSD/OS
  kAfInet6FreeBsd = 28,
  kAfInet6Darwin = 30,
};
constexpr uint32_t kEthertypeIpv4 = 0x0800, kEthertypeIpv6 = 0x86dd;

// The EtherType whose dissector handles family `af`; 0 for none.
uint32_t ethertype_of_family(uint32_t af) {
  switch (af) {
    case kAfInet:
      return kEthertypeIpv4;
    case kAfInet6NetBsd:
    case kAfInet6FreeBsd:
    case kAfInet6Darwin:
      return kEthertypeIpv6;
    default:
      return 0;
  }
}

// The columns a payload normally overwrites (tshark also puts "N/A" in the link-layer address
// columns, which netsift leaves empty).
void set_columns(Packet& pkt) {
  if (!pkt.cols.enabled) return;
  pkt.cols.set_protocol("N/A");
  pkt.cols.set_info("Null/Loopback");
}

size_t dissect_family(const ByteReader& r, Packet& pkt, int parent, uint32_t af) {
  set_columns(pkt);
  int node = pkt.add_protocol(parent, proto, r, 0, 4);
  pkt.add_uint(node, family, r, 0, 4, af);
  ByteReader payload = r.sub(4);
  uint32_t etype = ethertype_of_family(af);
  if (Dissector d = etype ? tables::ethertype().find(etype) : nullptr)
    d(payload, pkt, parent);
  else
    pkt.call_data(payload, parent);
  return r.reported_size();
}

size_t dissect_null(const ByteReader& r, Packet& pkt, int parent) {
  // The header was written in the capturing host's byte order. Read it little-endian (as
  // tshark does on x86) and undo a byte swap when the value cannot be a small AF_ value.
  uint32_t header = r.u32le(0);
  if (header & 0xffff0000) {
    if ((header & 0x000000ff) == 0 && (header & 0x0000ff00) != 0)
      header >>= 8;  // a byte-swapped 16-bit value
    else
      header = __builtin_bswap32(header);
  }
  if (header <= kMax8023Length) return dissect_family(r, pkt, parent, header);
  // Larger values are EtherTypes.
  set_columns(pkt);
  int node = pkt.add_protocol(parent, proto, r, 0, 4);
  pkt.add_uint(node, type, r, 0, 4, header & 0xffff);
  pkt.call_next(tables::ethertype(), header & 0xffff, r.sub(4), parent);
  return r.reported_size();
}

size_t dissect_loop(const ByteReader& r, Packet& pkt, int parent) {
  return dissect_family(r, pkt, parent, r.u32(0));
}

}  // namespace

void register_null() {
  FieldRegistry& reg = registry();
  proto = reg.add_protocol({"Null/Loopback", "Null", "null"});
  reg.add_fields(proto, kFields);
  tables::linktype().add(kLinkNull, dissect_null, "null");
  tables::linktype().add(kLinkLoop, dissect_loop, "null");
}

}  // namespace netsift
