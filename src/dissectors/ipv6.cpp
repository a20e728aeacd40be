// IPv6 (RFC 8200): the fixed header, the addresses' embedded information tshark shows (SLAAC
// MAC, 6to4, Teredo, ISATAP), and dispatch to extension headers or the upper layer.
#include <fmt/format.h>

#include <algorithm>

#include "core/field_registry.h"
#include "core/append_format.h"
#include "core/session.h"
#include "core/text_format.h"
#include "dissectors/eth.h"
#include "dissectors/ip.h"
#include "dissectors/ip_prefs.h"

namespace netsift {

namespace ipv6_fields {
ProtocolField protocol;
UintField hlim;
BytesField src, dst;
}  // namespace ipv6_fields

namespace {
using namespace ipv6_fields;

// ip_version: IPv6's own registration of "ip.version" (a bitfield), as in tshark.
FieldId version, ip_version, tclass, tclass_dscp, tclass_ecn, flow, plen, nxt, addr, src_host,
    dst_host, host;
// Information embedded in addresses: per direction, and hidden "either" twins.
struct Embedded {
  FieldId slaac_mac, isatap_ipv4, gw_6to4, sla_id_6to4, ts_ipv4, tc_port, tc_ipv4;
};
Embedded src_embedded, dst_embedded, any_embedded;
FieldId bogus_version, plen_zero, plen_exceeds_framing;

const FieldReg kFields[] = {
    {&version,
     {.name = "Version", .abbrev = "ipv6.version", .type = FieldType::kUint8, .base = Base::kDec}},
    {&ip_version,
     {.name = "Version",
      .abbrev = "ip.version",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .bitmask = 0xf0}},
    {&tclass,
     {.name = "Traffic Class",
      .abbrev = "ipv6.tclass",
      .type = FieldType::kUint32,
      .base = Base::kHex,
      .bitmask = 0x0ff00000}},
    {&tclass_dscp,
     {.name = "Differentiated Services Codepoint",
      .abbrev = "ipv6.tclass.dscp",
      .type = FieldType::kUint32,
      .base = Base::kDec,
      .values = dscp_names(),
      .bitmask = 0x0fc00000}},
    {&tclass_ecn,
     {.name = "Explicit Congestion Notification",
      .abbrev = "ipv6.tclass.ecn",
      .type = FieldType::kUint32,
      .base = Base::kDec,
      .values = ecn_names(),
      .bitmask = 0x00300000}},
    {&flow,
     {.name = "Flow Label",
      .abbrev = "ipv6.flow",
      .type = FieldType::kUint24,
      .base = Base::kHex,
      .bitmask = 0xfffff}},
    {&plen,
     {.name = "Payload Length",
      .abbrev = "ipv6.plen",
      .type = FieldType::kUint16,
      .base = Base::kDec}},
    {&nxt,
     {.name = "Next Header",
      .abbrev = "ipv6.nxt",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .values = ip_proto_names()}},
    {&hlim,
     {.name = "Hop Limit", .abbrev = "ipv6.hlim", .type = FieldType::kUint8, .base = Base::kDec}},
    {&src,
     {.name = "Source Address",
      .abbrev = "ipv6.src",
      .type = FieldType::kIpv6,
      .blurb = "Source IPv6 Address"}},
    {&src_host,
     {.name = "Source Host",
      .abbrev = "ipv6.src_host",
      .type = FieldType::kString,
      .blurb = "Source IPv6 Host"}},
    {&src_embedded.slaac_mac,
     {.name = "Source SLAAC MAC", .abbrev = "ipv6.src_slaac_mac", .type = FieldType::kEther}},
    {&src_embedded.isatap_ipv4,
     {.name = "Source ISATAP IPv4", .abbrev = "ipv6.src_isatap_ipv4", .type = FieldType::kIpv4}},
    {&src_embedded.gw_6to4,
     {.name = "Source 6to4 Gateway IPv4",
      .abbrev = "ipv6.src_6to4_gw_ipv4",
      .type = FieldType::kIpv4}},
    {&src_embedded.sla_id_6to4,
     {.name = "Source 6to4 SLA ID",
      .abbrev = "ipv6.src_6to4_sla_id",
      .type = FieldType::kUint16,
      .base = Base::kDec}},
    {&src_embedded.ts_ipv4,
     {.name = "Source Teredo Server IPv4", .abbrev = "ipv6.src_ts_ipv4", .type = FieldType::kIpv4}},
    {&src_embedded.tc_port,
     {.name = "Source Teredo Port",
      .abbrev = "ipv6.src_tc_port",
      .type = FieldType::kUint16,
      .base = Base::kDec}},
    {&src_embedded.tc_ipv4,
     {.name = "Source Teredo Client IPv4", .abbrev = "ipv6.src_tc_ipv4", .type = FieldType::kIpv4}},
    {&dst,
     {.name = "Destination Address",
      .abbrev = "ipv6.dst",
      .type = FieldType::kIpv6,
      .blurb = "Destination IPv6 Address"}},
    {&dst_host,
     {.name = "Destination Host",
      .abbrev = "ipv6.dst_host",
      .type = FieldType::kString,
      .blurb = "Destination IPv6 Host"}},
    {&dst_embedded.slaac_mac,
     {.name = "Destination SLAAC MAC", .abbrev = "ipv6.dst_slaac_mac", .type = FieldType::kEther}},
    {&dst_embedded.isatap_ipv4,
     {.name = "Destination ISATAP IPv4",
      .abbrev = "ipv6.dst_isatap_ipv4",
      .type = FieldType::kIpv4}},
    {&dst_embedded.gw_6to4,
     {.name = "Destination 6to4 Gateway IPv4",
      .abbrev = "ipv6.dst_6to4_gw_ipv4",
      .type = FieldType::kIpv4}},
    {&dst_embedded.sla_id_6to4,
     {.name = "Destination 6to4 SLA ID",
      .abbrev = "ipv6.dst_6to4_sla_id",
      .type = FieldType::kUint16,
      .base = Base::kDec}},
    {&dst_embedded.ts_ipv4,
     {.name = "Destination Teredo Server IPv4",
      .abbrev = "ipv6.dst_ts_ipv4",
      .type = FieldType::kIpv4}},
    {&dst_embedded.tc_port,
     {.name = "Destination Teredo Port",
      .abbrev = "ipv6.dst_tc_port",
      .type = FieldType::kUint16,
      .base = Base::kDec}},
    {&dst_embedded.tc_ipv4,
     {.name = "Destination Teredo Client IPv4",
      .abbrev = "ipv6.dst_tc_ipv4",
      .type = FieldType::kIpv4}},
    {&addr,
     {.name = "Source or Destination Address", .abbrev = "ipv6.addr", .type = FieldType::kIpv6}},
    {&host,
     {.name = "Source or Destination Host", .abbrev = "ipv6.host", .type = FieldType::kString}},
    {&any_embedded.slaac_mac,
     {.name = "SLAAC MAC", .abbrev = "ipv6.slaac_mac", .type = FieldType::kEther}},
    {&any_embedded.isatap_ipv4,
     {.name = "ISATAP IPv4", .abbrev = "ipv6.isatap_ipv4", .type = FieldType::kIpv4}},
    {&any_embedded.gw_6to4,
     {.name = "6to4 Gateway IPv4", .abbrev = "ipv6.6to4_gw_ipv4", .type = FieldType::kIpv4}},
    {&any_embedded.sla_id_6to4,
     {.name = "6to4 SLA ID",
      .abbrev = "ipv6.6to4_sla_id",
      .type = FieldType::kUint16,
      .base = Base::kDec}},
    {&any_embedded.ts_ipv4,
     {.name = "Teredo Server IPv4", .abbrev = "ipv6.ts_ipv4", .type = FieldType::kIpv4}},
    {&any_embedded.tc_port,
     {.name = "Teredo Port",
      .abbrev = "ipv6.tc_port",
      .type = FieldType::kUint16,
      .base = Base::kDec}},
    {&any_embedded.tc_ipv4,
     {.name = "Teredo Client IPv4", .abbrev = "ipv6.tc_ipv4", .type = FieldType::kIpv4}},
    {&plen_zero,
     {.name = "IPv6 payload length equals 0 (maybe because of \"TCP segmentation "
              "offload\" (TSO))",
      .abbrev = "ipv6.plen_zero"}},
    {&plen_exceeds_framing,
     {.name = "IPv6 payload length does not match expected framing length",
      .abbrev = "ipv6.plen_exceeds_framing"}},
    {&bogus_version, {.name = "Bogus IP version", .abbrev = "ipv6.bogus_ipv6_version"}},
};

// A value computed from address bytes, shown [generated] with a hidden direction-less twin.
void add_embedded_pair(Packet& pkt, int tree, const ByteReader& r, size_t off, size_t len,
                       FieldId shown, FieldId twin, Value v) {
  pkt.tree.add(tree, shown, r, off, len, v, kGenerated);
  pkt.tree.add(tree, twin, r, off, len, v, kGenerated | kHidden);
}

// Teredo (2001:0::/32), 6to4 (2002::/16), ISATAP and SLAAC interface identifiers.
void add_embedded(Packet& pkt, int tree, const ByteReader& r, size_t off, const Embedded& e) {
  const uint8_t* a = r.ptr(off, 16);
  auto ipv4_at = [&](size_t i) { return Value::of_uint(r.u32(off + i)); };
  if (a[0] == 0x20 && a[1] == 0x02) {
    add_embedded_pair(pkt, tree, r, off + 2, 4, e.gw_6to4, any_embedded.gw_6to4, ipv4_at(2));
    add_embedded_pair(pkt, tree, r, off + 6, 2, e.sla_id_6to4, any_embedded.sla_id_6to4,
                      Value::of_uint(r.u16(off + 6)));
  } else if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0 && a[3] == 0) {
    add_embedded_pair(pkt, tree, r, off + 4, 4, e.ts_ipv4, any_embedded.ts_ipv4, ipv4_at(4));
    add_embedded_pair(pkt, tree, r, off + 10, 2, e.tc_port, any_embedded.tc_port,
                      Value::of_uint(r.u16(off + 10) ^ 0xffff));
    add_embedded_pair(pkt, tree, r, off + 12, 4, e.tc_ipv4, any_embedded.tc_ipv4,
                      Value::of_uint(~r.u32(off + 12) & 0xffffffffu));
  }
  if ((a[8] & 0xfd) == 0 && a[9] == 0 && a[10] == 0x5e && a[11] == 0xfe) {
    add_embedded_pair(pkt, tree, r, off + 12, 4, e.isatap_ipv4, any_embedded.isatap_ipv4,
                      ipv4_at(12));
  } else if (a[11] == 0xff && a[12] == 0xfe && (a[8] & 0x02)) {
    // Modified EUI-64 from a universal MAC (tshark requires the U/L bit set): the MAC is the
    // identifier without ff:fe, with that bit flipped back.
    uint8_t* mac = static_cast<uint8_t*>(pkt.arena.alloc(6, 1));
    mac[0] = a[8] ^ 0x02;
    mac[1] = a[9];
    mac[2] = a[10];
    mac[3] = a[13];
    mac[4] = a[14];
    mac[5] = a[15];
    add_embedded_pair(pkt, tree, r, off + 8, 8, e.slaac_mac, any_embedded.slaac_mac,
                      Value::of_bytes(mac, 6));
  }
}

void add_address(Packet& pkt, int tree, const ByteReader& r, size_t off, FieldId field,
                 FieldId host_field) {
  pkt.add_item(tree, field, r, off, 16);
  pkt.tree[pkt.add_item(tree, addr, r, off, 16)].flags |= kHidden;
  if (!pkt.tree.wants(host_field) && !pkt.tree.wants(host)) return;  // text costs time
  std::string text;
  append_ip_host(text, r.ptr(off, 16), 16, pkt.session->names, pkt.session->resolve);
  std::string_view s = pkt.arena.copy(text);
  Value v = Value::of_bytes(reinterpret_cast<const uint8_t*>(s.data()), s.size());
  pkt.tree.add(tree, host_field, r, off, 16, v, kHidden);
  pkt.tree.add(tree, host, r, off, 16, v, kHidden);
}

void add_traffic_class(Packet& pkt, int tree, const ByteReader& r) {
  uint32_t word = r.u32(0);
  int n = pkt.add_item(tree, tclass, r, 0, 4);
  if (pkt.labels) {
    unsigned tc = (word >> 20) & 0xff;
    std::string text;
    append_bit_pattern(text, word, 0x0ff00000, 32);
    append_format(text, "Traffic Class: 0x{:02x} (DSCP: {}, ECN: {})", tc,
                   dscp_short_name(tc >> 2), ecn_short_name(tc & 3));
    pkt.set_label(n, text);
  }
  pkt.add_item(n, tclass_dscp, r, 0, 4);
  pkt.add_item(n, tclass_ecn, r, 0, 4);
}

void set_summary(Packet& pkt, int tree, const ByteReader& r) {
  std::string text = "Internet Protocol Version 6, Src: ";
  append_ip_with_name(text, r.ptr(8, 16), 16, pkt.session->names, pkt.session->resolve);
  text.append(", Dst: ");
  append_ip_with_name(text, r.ptr(24, 16), 16, pkt.session->names, pkt.session->resolve);
  pkt.set_label(tree, text);
}
// "0110 .... = Version: 6"
void set_version_label(Packet& pkt, int n, unsigned ver) {
  if (!pkt.labels) return;
  std::string text;
  append_bit_pattern(text, ver << 4, 0xf0, 8);
  append_format(text, "Version: {}", ver);
  pkt.set_label(n, text);
}
}  // namespace

size_t dissect_ipv6(const ByteReader& r, Packet& pkt, int parent) {
  unsigned ver = r.u8(0) >> 4;
  if (ver != 6) {
    // tshark rejects the packet: the caller shows it as data.
    int tree = pkt.add_protocol(parent, protocol, r, 0, r.size() < 40 ? r.size() : 40);
    int v = pkt.add_uint(tree, version, r, 0, 1, ver);
    set_version_label(pkt, v, ver);
    add_expert(pkt, v, bogus_version, r, 0, 1, "Bogus IPv6 version", kExpertError, kGroupMalformed);
    return 0;
  }
  ++pkt.ip_depth;
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("IPv6");
    pkt.cols.set_info("");
  }
  int tree = pkt.add_protocol(parent, protocol, r, 0, 40);
  int v = pkt.add_uint(tree, version, r, 0, 1, ver);
  // tshark also files the version under ip.version (its own registration), hidden, so
  // "ip.version == 6" matches.
  int iv = pkt.tree.add(tree, ip_version, r, 0, 1, Value::of_uint(ver), kHidden);
  if (pkt.labels) {
    set_version_label(pkt, v, ver);
    if (pkt.session->prefs.get(ipv6_prefs::summary_in_tree)) set_summary(pkt, tree, r);
    set_version_label(pkt, iv, ver);
    pkt.set_label(iv, std::string(pkt.tree[iv].label) +
                          " [This field makes the filter match on \"ip.version == 6\" possible]");
  }
  add_traffic_class(pkt, tree, r);
  pkt.add_item(tree, flow, r, 1, 3);
  uint16_t payload_len = r.u16(4);
  int pl = pkt.add_item(tree, plen, r, 4, 2);
  pkt.add_item(tree, nxt, r, 6, 1);
  pkt.add_item(tree, hlim, r, 7, 1);
  add_address(pkt, tree, r, 8, src, src_host);
  add_address(pkt, tree, r, 24, dst, dst_host);
  add_embedded(pkt, tree, r, 8, src_embedded);
  add_embedded(pkt, tree, r, 24, dst_embedded);
  pkt.set_net_addresses(Address::ipv6(r.ptr(8, 16)), Address::ipv6(r.ptr(24, 16)));

  // The payload ends at 40 + plen; anything after it in the frame is link-layer padding.
  size_t end = 40 + size_t{payload_len};
  if (payload_len == 0) {
    end = r.reported_size();
    add_expert(pkt, pl, plen_zero, r, 4, 2,
               "IPv6 payload length equals 0 (maybe because of \"TCP segmentation offload\" "
               "(TSO))",
               kExpertWarn, kGroupProtocol);
  } else if (end > r.reported_size()) {
    end = r.reported_size();  // cut short (or quoted by an ICMPv6 error): use what is there
  } else {
    note_ethertype_payload_length(pkt, r, end);  // as tshark trims its tvbuff
  }
  ByteReader payload = r.sub(40, end - 40);
  uint8_t next = r.u8(6);
  size_t first_after = pkt.tree.size();
  // tshark's IPv6 item also covers the extension headers dissected under it, as each one
  // extends it: also when a later layer throws.
  auto cover_extensions = [&] {
    if (tree == PacketTree::kDiscarded) return;
    for (size_t i = first_after; i < pkt.tree.size(); ++i) {
      const Node& n = pkt.tree[i];
      Node& ip = pkt.tree[tree];
      if (n.parent == tree && n.source == ip.source && n.offset >= ip.offset &&
          registry().info(n.field).def.type == FieldType::kProtocol)
        ip.length = std::max(ip.length, n.offset + n.length - ip.offset);
    }
  };
  try {
    pkt.call_next(tables::ip_proto(), next, payload, is_ipv6_extension(next) ? tree : parent);
  } catch (...) {
    cover_extensions();
    throw;
  }
  cover_extensions();
  --pkt.ip_depth;
  return end;
}

void register_ipv6() {
  register_ipv6_prefs();
  FieldRegistry& reg = registry();
  protocol.id = reg.add_protocol({"Internet Protocol Version 6", "IPv6", "ipv6"});
  reg.add_fields(protocol, kFields);
  // ICMPv6 reads the hop limit and fragment reassembly the addresses back from the tree.
  for (FieldId f : {FieldId{hlim}, FieldId{src}, FieldId{dst}}) reg.mark_read_back(f);
  register_protocol_state<IpReassembler>(StateScope::kCapture);  // shared with IPv4
  register_ipv6_extensions();
  tables::ethertype().add(0x86dd, dissect_ipv6, "ipv6");
  tables::ip_proto().add(41, dissect_ipv6, "ipv6");
}

}  // namespace netsift
