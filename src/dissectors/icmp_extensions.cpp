#include "dissectors/icmp_extensions.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "core/field_registry.h"
#include "core/internet_checksum.h"
#include "core/text_format.h"
#include "core/value_strings.h"
#include "dissectors/checksum_items.h"

namespace netsift {

namespace {

FieldId ext, version, reserved, checksum, checksum_status, length, class_num, c_type, data,
    mpls_label, mpls_exp, mpls_s, mpls_ttl, mpls_data, checksum_bad, object_text;
// RFC 5837 interface information, RFC 8335 interface identification and extended echo.
FieldId info_role, info_reserved, info_ifindex, info_ipaddr, info_name_present, info_mtu_present,
    info_index, info_afi, info_ipv4, info_ipv6, info_ipunknown, info_name_length, info_name,
    info_mtu, icmp_reserved, ident_name, ident_index, ident_afi, ident_addr_length, ident_reserved,
    ident_ipv4, ident_ipv6, ident_address, echo_seq, echo_req_res, echo_req_local, echo_rsp_state,
    echo_rsp_res, echo_rsp_active, echo_rsp_ipv4, echo_rsp_ipv6;

constexpr ValueName kClassNames[] = {{1, "MPLS Label Stack Class"},
                                     {2, "Interface Information Object"},
                                     {3, "Interface Identification Object"}};

constexpr ValueName kInterfaceRoles[] = {
    {0, "IP interface upon which datagram arrived"},
    {1, "sub-IP component of an IP interface upon which datagram arrived"},
    {2, "IP interface through which datagram would be forwarded"},
    {3, "IP next-hop to which datagram would be forwarded"}};
constexpr ValueName kEchoStates[] = {{0, "Reserved"}, {1, "Incomplete"}, {2, "Reachable"},
                                     {3, "Stale"},    {4, "Delay"},      {5, "Probe"},
                                     {6, "Failed"}};
// Address family numbers (IANA), as tshark names them.
constexpr ValueName kAddressFamilies[] = {{0, "Reserved"},
                                          {1, "IPv4"},
                                          {2, "IPv6"},
                                          {3, "NSAP"},
                                          {4, "HDLC (8-bit multidrop)"},
                                          {5, "BBN 1822"},
                                          {6, "802 (includes all 802 media plus Ethernet)"},
                                          {7, "E.163"},
                                          {8, "E.164 (SMDS, Frame Relay, ATM)"},
                                          {9, "F.69 (Telex)"},
                                          {10, "X.121 (X.25, Frame Relay)"},
                                          {11, "IPX"},
                                          {12, "Appletalk"},
                                          {13, "Decnet IV"},
                                          {14, "Banyan Vines"},
                                          {15, "E.164 with NSAP subaddress"},
                                          {16, "DNS (Domain Name System)"},
                                          {17, "Distinguished Name"},
                                          {18, "AS Number"},
                                          {19, "XTP over IP version 4"},
                                          {20, "XTP over IP version 6"},
                                          {21, "XTP native mode XTP"},
                                          {22, "Fibre Channel World-Wide Port Name"},
                                          {23, "Fibre Channel World-Wide Node Name"},
                                          {24, "GWID"},
                                          {25, "Layer-2 VPN"},
                                          {196, "Layer-2 VPN (old)"},
                                          {26, "MPLS-TP Section Endpoint Identifier"},
                                          {27, "MPLS-TP LSP Endpoint Identifier"},
                                          {28, "MPLS-TP Pseudowire Endpoint Identifier"},
                                          {29, "MT IP: Multi-Topology IP version 4"},
                                          {30, "MT IPv6: Multi-Topology IP version 6"},
                                          {16384, "EIGRP Common Service Family"},
                                          {16385, "EIGRP IPv4 Service Family"},
                                          {16386, "EIGRP IPv6 Service Family"},
                                          {16387, "LISP Canonical Address Format (LCAF)"},
                                          {16388, "BGP-LS"},
                                          {16389, "48-bit MAC Address"},
                                          {16390, "64-bit MAC Address"},
                                          {16391, "OUI"},
                                          {16392, "MAC/24"},
                                          {16393, "MAC/40"},
                                          {16394, "IPv6/64"},
                                          {16395, "RBridge Port ID"},
                                          {16396, "TRILL Nickname"},
                                          {65535, "Reserved"}};
constexpr TrueFalse kPresent{"Present", "Not Present"};
constexpr TrueFalse kSet{"Set", "Not set"};

const FieldReg kFields[] = {
    {&ext, {.name = "ICMP Extensions", .abbrev = "icmp.ext"}},
    {&version,
     {.name = "Version",
      .abbrev = "icmp.ext.version",
      .type = FieldType::kUint8,
      .base = Base::kDec}},
    {&reserved,
     {.name = "Reserved",
      .abbrev = "icmp.ext.res",
      .type = FieldType::kUint16,
      .base = Base::kHex,
      .bitmask = 0x0fff}},
    {&checksum,
     {.name = "Checksum",
      .abbrev = "icmp.ext.checksum",
      .type = FieldType::kUint16,
      .base = Base::kHex}},
    {&checksum_status,
     {.name = "Checksum Status",
      .abbrev = "icmp.ext.checksum.status",
      .type = FieldType::kUint8,
      .values = kChecksumStatusNames}},
    {&length,
     {.name = "Length",
      .abbrev = "icmp.ext.length",
      .type = FieldType::kUint16,
      .base = Base::kDec}},
    {&class_num,
     {.name = "Class",
      .abbrev = "icmp.ext.class",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .values = kClassNames}},
    {&c_type,
     {.name = "C-Type", .abbrev = "icmp.ext.ctype", .type = FieldType::kUint8, .base = Base::kDec}},
    {&data, {.name = "Data", .abbrev = "icmp.ext.data", .type = FieldType::kBytes}},
    {&mpls_label,
     {.name = "Label",
      .abbrev = "icmp.mpls.label",
      .type = FieldType::kUint24,
      .base = Base::kDec,
      .bitmask = 0xfffff0}},
    {&mpls_exp,
     {.name = "Experimental",
      .abbrev = "icmp.mpls.exp",
      .type = FieldType::kUint24,
      .base = Base::kDec,
      .bitmask = 0x0e}},
    {&mpls_s,
     {.name = "Stack bit",
      .abbrev = "icmp.mpls.s",
      .type = FieldType::kBoolean,
      .bitmask = 0x01,
      .tf = &kSet,
      .bits = 24}},
    {&mpls_ttl,
     {.name = "Time to live",
      .abbrev = "icmp.mpls.ttl",
      .type = FieldType::kUint8,
      .base = Base::kDec}},
    {&mpls_data, {.name = "Data", .abbrev = "icmp.mpls.data", .type = FieldType::kBytes}},
    {&icmp_reserved, {.name = "Reserved", .abbrev = "icmp.reserved", .type = FieldType::kBytes}},
    {&info_role,
     {.name = "Interface Role",
      .abbrev = "icmp.int_info.role",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .values = kInterfaceRoles,
      .bitmask = 0xc0}},
    {&info_reserved,
     {.name = "Reserved",
      .abbrev = "icmp.int_info.reserved",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .bitmask = 0x30}},
    {&info_ifindex,
     {.name = "ifIndex",
      .abbrev = "icmp.int_info.ifindex",
      .type = FieldType::kBoolean,
      .bitmask = 0x08,
      .blurb = "True: ifIndex of the interface included; False: ifIndex of the interface not "
               "included ",
      .bits = 8}},
    {&info_ipaddr,
     {.name = "IP Address",
      .abbrev = "icmp.int_info.ipaddr",
      .type = FieldType::kBoolean,
      .bitmask = 0x04,
      .tf = &kPresent,
      .bits = 8}},
    {&info_name_present,
     {.name = "Interface Name",
      .abbrev = "icmp.int_info.name_present",
      .type = FieldType::kBoolean,
      .bitmask = 0x02,
      .tf = &kPresent,
      .bits = 8}},
    {&info_mtu_present,
     {.name = "MTU",
      .abbrev = "icmp.int_info.mtu_present",
      .type = FieldType::kBoolean,
      .bitmask = 0x01,
      .tf = &kPresent,
      .bits = 8}},
    {&info_index,
     {.name = "Interface Index",
      .abbrev = "icmp.int_info.index",
      .type = FieldType::kUint32,
      .base = Base::kDec}},
    {&info_afi,
     {.name = "Address Family Identifier",
      .abbrev = "icmp.int_info.afi",
      .type = FieldType::kUint16,
      .base = Base::kDec,
      .blurb = "Address Family of the interface address"}},
    {&info_ipv4, {.name = "Source", .abbrev = "icmp.int_info.ipv4", .type = FieldType::kIpv4}},
    {&info_ipv6, {.name = "Source", .abbrev = "icmp.int_info.ipv6", .type = FieldType::kIpv6}},
    {&info_ipunknown,
     {.name = "Source", .abbrev = "icmp.int_info.ipunknown", .type = FieldType::kBytes}},
    {&info_name_length,
     {.name = "Name Length",
      .abbrev = "icmp.int_info.name_length",
      .type = FieldType::kUint8,
      .base = Base::kDec}},
    {&info_name, {.name = "Name", .abbrev = "icmp.int_info.name", .type = FieldType::kString}},
    {&info_mtu,
     {.name = "Maximum Transmission Unit",
      .abbrev = "icmp.int_info.mtu",
      .type = FieldType::kUint32,
      .base = Base::kDec}},
    {&echo_seq,
     {.name = "Sequence Number",
      .abbrev = "icmp.ext.echo.seq",
      .type = FieldType::kUint8,
      .base = Base::kDecHex}},
    {&echo_req_res,
     {.name = "Reserved",
      .abbrev = "icmp.ext.echo.req.res",
      .type = FieldType::kUint8,
      .base = Base::kHex,
      .bitmask = 0xfe}},
    {&echo_req_local,
     {.name = "Local bit",
      .abbrev = "icmp.ext.echo.req.local",
      .type = FieldType::kBoolean,
      .bitmask = 0x01,
      .tf = &kSet,
      .bits = 8}},
    {&echo_rsp_state,
     {.name = "State",
      .abbrev = "icmp.ext.echo.rsp.state",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .values = kEchoStates,
      .bitmask = 0xe0}},
    {&echo_rsp_res,
     {.name = "Reserved",
      .abbrev = "icmp.ext.echo.rsp.res",
      .type = FieldType::kUint8,
      .base = Base::kHex,
      .bitmask = 0x18}},
    {&echo_rsp_active,
     {.name = "Active bit",
      .abbrev = "icmp.ext.echo.rsp.active",
      .type = FieldType::kBoolean,
      .bitmask = 0x04,
      .tf = &kSet,
      .bits = 8}},
    {&echo_rsp_ipv4,
     {.name = "IPv4 bit",
      .abbrev = "icmp.ext.echo.rsp.ipv4",
      .type = FieldType::kBoolean,
      .bitmask = 0x02,
      .tf = &kSet,
      .bits = 8}},
    {&echo_rsp_ipv6,
     {.name = "IPv6 bit",
      .abbrev = "icmp.ext.echo.rsp.ipv6",
      .type = FieldType::kBoolean,
      .bitmask = 0x01,
      .tf = &kSet,
      .bits = 8}},
    {&ident_name, {.name = "Name", .abbrev = "icmp.int_ident.name", .type = FieldType::kString}},
    {&ident_index,
     {.name = "Interface Index",
      .abbrev = "icmp.int_ident.index",
      .type = FieldType::kUint32,
      .base = Base::kDec}},
    {&ident_afi,
     {.name = "Address Family Identifier",
      .abbrev = "icmp.int_ident.afi",
      .type = FieldType::kUint16,
      .base = Base::kDec,
      .values = kAddressFamilies,
      .blurb = "Address Family of the interface address"}},
    {&ident_addr_length,
     {.name = "Address Length",
      .abbrev = "icmp.int_ident.addr_length",
      .type = FieldType::kUint8,
      .base = Base::kDec}},
    {&ident_reserved,
     {.name = "Reserved", .abbrev = "icmp.int_ident.reserved", .type = FieldType::kBytes}},
    {&ident_ipv4, {.name = "Address", .abbrev = "icmp.int_ident.ipv4", .type = FieldType::kIpv4}},
    {&ident_ipv6, {.name = "Address", .abbrev = "icmp.int_ident.ipv6", .type = FieldType::kIpv6}},
    {&ident_address,
     {.name = "Address", .abbrev = "icmp.int_ident.address", .type = FieldType::kBytes}},
    {&checksum_bad, {.name = "Bad checksum", .abbrev = "icmp.ext.checksum_bad"}},
    // Not a tshark field: the text items of objects and label stack entries.
    {&object_text, {.name = "Text", .abbrev = "icmp.text"}},
};

enum ObjectClass : uint8_t {
  kMplsExtendedPayload = 0,
  kMplsStackEntry = 1,
  kInterfaceInformation = 2,
  kInterfaceIdentification = 3,
};
// Interface information C-Type bits (RFC 5837 section 4.1).
enum InterfaceInfoBits : uint8_t {
  kHasIfIndex = 0x08,
  kHasAddress = 0x04,
  kHasName = 0x02,
  kHasMtu = 0x01,
};
// Interface identification C-Types (RFC 8335 section 2.1).
enum IdentifiedBy : uint8_t { kByName = 1, kByIndex = 2, kByAddress = 3 };
enum AddressFamily : uint16_t { kAfIpv4 = 1, kAfIpv6 = 2 };
constexpr uint8_t kMplsCType = 1;  // the one C-Type both MPLS classes define

constexpr size_t kHeader = 4;                  // version, reserved, checksum
constexpr size_t kObjectHeader = 4;            // length, class, C-Type
constexpr size_t kNonCompliantDatagram = 128;  // RFC 4884 §5: quoted bytes before extensions

int add_text(Packet& pkt, int parent, const ByteReader& r, size_t off, size_t len,
             const std::string& label) {
  r.need(off, len);  // as tshark's subtrees, the bytes must exist
  int n = pkt.tree.add(parent, object_text, r, off, len, Value{});
  pkt.set_label(n, label);
  return n;
}

// Class 1, C-Type 1: one line per label stack entry, then any bytes short of an entry.
// Returns false for another C-Type (shown as an unknown object).
bool dissect_mpls_stack(Packet& pkt, const ByteReader& r, size_t off, size_t end, int object,
                        std::string& title) {
  pkt.add_uint(object, c_type, r, off + 3, 1, r.u8(off + 3));
  if (r.u8(off + 3) != kMplsCType) return false;
  title = "MPLS Stack Entry";
  size_t p = off + kObjectHeader;
  for (; p + 4 <= end && r.reported_remaining(p) >= 4; p += 4) {
    uint32_t word = r.u24(p);
    uint32_t label = word >> 4;
    uint8_t ttl = r.u8(p + 3);
    int entry = add_text(
        pkt, object, r, p, 4,
        fmt::format("Label: {}, Exp: {}, S: {}, TTL: {}", label, (word >> 1) & 7, word & 1, ttl));
    pkt.add_uint(entry, mpls_label, r, p, 3, label);
    pkt.add_uint(entry, mpls_exp, r, p + 2, 1, (word >> 1) & 7);
    pkt.add_uint(entry, mpls_s, r, p + 2, 1, word & 1);
    pkt.add_item(entry, mpls_ttl, r, p + 3, 1);
  }
  if (p < end) pkt.add_item(object, mpls_data, r, p, end - p);
  return true;
}

// Class 0, C-Type 1: more of the original datagram than the 128 bytes before the extensions.
bool dissect_extended_payload(Packet& pkt, const ByteReader& r, size_t off, size_t trunc_len,
                              int object, std::string& title) {
  pkt.add_uint(object, c_type, r, off + 3, 1, r.u8(off + 3));
  if (r.u8(off + 3) != kMplsCType) return false;
  title = "Extended Payload";
  if (trunc_len > kObjectHeader)
    pkt.add_item(object, data, r, off + kObjectHeader, trunc_len - kObjectHeader);
  return true;
}

// Class 2 (RFC 5837): which of ifIndex, IP address, name and MTU follow, by C-Type bits.
void dissect_interface_information(Packet& pkt, const ByteReader& r, size_t off, size_t end,
                                   int object) {
  static constexpr FieldId* kBits[] = {&info_role,   &info_reserved,     &info_ifindex,
                                       &info_ipaddr, &info_name_present, &info_mtu_present};
  uint8_t type = r.u8(off + 3);
  int header = pkt.add_uint(object, c_type, r, off + 3, 1, type);
  if (pkt.labels) {
    std::string label = fmt::format("C-Type: {}", type);
    append_bitmask_title(
        label, type,
        {info_role, info_reserved, info_ifindex, info_ipaddr, info_name_present, info_mtu_present});
    pkt.set_label(header, label);
  }
  for (FieldId* f : kBits) pkt.add_item(header, *f, r, off + 3, 1);
  size_t p = off + kObjectHeader;
  if (type & kHasIfIndex) {
    pkt.add_item(object, info_index, r, p, 4);
    p += 4;
  }
  if ((type & kHasAddress) && end >= p + 2) {
    uint16_t afi = r.u16(p);
    int sub = add_text(pkt, object, r, p, afi == kAfIpv4 ? 8 : 20, "IP Address Sub-Object");
    pkt.add_uint(sub, info_afi, r, p, 2, afi);
    pkt.add_item(sub, icmp_reserved, r, p + 2, 2);
    p += 4;
    if (afi == kAfIpv4) {
      pkt.add_item(sub, info_ipv4, r, p, 4);
      p += 4;
    } else if (afi == kAfIpv6) {
      pkt.add_item(sub, info_ipv6, r, p, 16);
      p += 16;
    } else {
      // tshark's length here is the offset minus the object's end: -1 reads to the end of the
      // message, a more negative one is out of bounds.
      long len = static_cast<long>(p) - static_cast<long>(end);
      if (len < -1) r.fail(p, r.reported_remaining(p) + 1);
      pkt.add_item(sub, info_ipunknown, r, p,
                   len == -1 ? r.reported_remaining(p) : static_cast<size_t>(len));
      return;
    }
  }
  if (type & kHasName) {
    uint8_t name_len = 0;
    int sub = -1;
    if (end >= p + 1) {
      name_len = r.u8(p);
      sub = add_text(pkt, object, r, p, name_len, "Interface Name Sub-Object");
      pkt.add_item(sub, info_name_length, r, p, 1);
      p += 1;
    }
    if (end >= p + name_len) {
      // The length counts its own byte; 0 makes tshark read the name to the end.
      size_t text_len = name_len ? name_len - 1u : r.reported_remaining(p);
      if (sub >= 0) pkt.add_ascii(sub, info_name, r, p, text_len);
      p = p + name_len - 1;  // as tshark: one byte back for a zero length
    }
  }
  if (type & kHasMtu) pkt.add_item(object, info_mtu, r, p, 4);
}

// Class 3 (RFC 8335): the interface an extended echo request asks about, by name, index or
// address. Returns false when the object is too short for its C-Type.
bool dissect_interface_identification(Packet& pkt, const ByteReader& r, size_t off, int object) {
  if (r.reported_remaining(off) < kObjectHeader + 1) return false;
  uint16_t obj_len = r.u16(off);
  uint8_t type = r.u8(off + 3);
  int n = pkt.add_uint(object, c_type, r, off + 3, 1, type);
  if (pkt.labels) {
    const char* by = type == kByName      ? "Identifies Interface By Name"
                     : type == kByIndex   ? "Identifies Interface By Index"
                     : type == kByAddress ? "Identifies Interface By Address"
                                          : nullptr;
    pkt.set_label(n, by ? fmt::format("C-Type: {} ({})", type, by)
                        : fmt::format("C-Type: {} (Unknown C-Type {})", type, type));
  }
  size_t p = off + kObjectHeader;
  if (type == kByName) {
    pkt.add_ascii(object, ident_name, r, p, obj_len - kObjectHeader);
  } else if (type == kByIndex) {
    pkt.add_item(object, ident_index, r, p, 4);
  } else if (type == kByAddress) {
    uint16_t afi = r.u16(p);
    pkt.add_item(object, ident_afi, r, p, 2);
    uint8_t addr_len = r.u8(p + 2);
    pkt.add_item(object, ident_addr_length, r, p + 2, 1);
    pkt.add_item(object, ident_reserved, r, p + 3, 1);
    p += 4;
    if (afi == kAfIpv4 || afi == kAfIpv6) {
      size_t size = afi == kAfIpv4 ? 4 : 16;
      for (; addr_len >= size && r.reported_remaining(p) >= size; addr_len -= size, p += size)
        pkt.add_item(object, afi == kAfIpv4 ? ident_ipv4 : ident_ipv6, r, p, size);
    } else {
      pkt.add_item(object, ident_address, r, p, r.reported_remaining(p));
    }
  }
  return true;
}

}  // namespace

IcmpErrorLayout icmp_error_layout(const ByteReader& r, uint8_t type, bool favor_mpls) {
  constexpr uint8_t kRedirect = 5;
  IcmpErrorLayout layout{r.reported_size()};
  size_t reported = r.reported_size();
  if (type == kRedirect) {
    layout.quoted_end = std::min<size_t>(reported, 8 + (r.u8(8) & 0x0f) * 4u + 8);
    return layout;
  }
  size_t words = r.u8(5);
  if (words && reported > 8 + words * 4 && r.u16(10) > words * 4)
    layout.quoted_end = std::min<size_t>(reported, 8 + ((r.u8(8) & 0x0f) + words) * 4);
  else if (reported > 8 + kNonCompliantDatagram && favor_mpls && r.u16(10) > kNonCompliantDatagram)
    layout.quoted_end = 8 + kNonCompliantDatagram;
  if (reported > 8 + kNonCompliantDatagram && (r.u16(10) <= kNonCompliantDatagram || favor_mpls))
    layout.extension = (words ? words * 4 : kNonCompliantDatagram) + 8;
  return layout;
}

void dissect_icmp_extensions(Packet& pkt, const ByteReader& r, int parent) {
  size_t reported = r.reported_size();
  int top = pkt.tree.add(parent, ext, r, 0, reported, Value{});
  pkt.set_label(top, "ICMP Multi-Part Extensions");
  if (reported < kHeader) return;
  uint8_t ver = r.u8(0) >> 4;
  pkt.add_uint(top, version, r, 0, 1, ver);
  pkt.add_item(top, reserved, r, 0, 2);
  if (r.u16(2) == 0) {
    int n = pkt.tree.add(top, checksum, r, 2, 2, Value::of_uint(0), kGenerated);
    pkt.set_label(n, "Checksum: [missing]");
    add_checksum_item(pkt, top, checksum_status, r, 2, 2, kChecksumNotPresent);
  } else {
    const ChecksumItems items{checksum, checksum_status, checksum_bad, kExpertWarn};
    add_verified_checksum(pkt, top, r, 2, ones_sum(r.ptr(0, reported), reported), items);
  }
  if (ver != 1 && ver != 2) {
    pkt.set_label(top, "ICMP Multi-Part Extensions (unsupported version)");
    return;
  }
  unsigned interface_objects = 0;  // RFC 5837 allows four
  for (size_t off = kHeader; r.reported_remaining(off) >= kObjectHeader;) {
    uint16_t obj_len = r.u16(off);
    size_t trunc_len = std::min<size_t>(obj_len, r.reported_remaining(off));
    size_t end = off + trunc_len;
    int object =
        add_text(pkt, top, r, off, std::max<size_t>(trunc_len, kObjectHeader), "Unknown object");
    pkt.add_uint(object, length, r, off, 2, obj_len);
    uint8_t cls = r.u8(off + 2);
    pkt.add_item(object, class_num, r, off + 2, 1);
    uint8_t type = r.u8(off + 3);
    if (obj_len < kObjectHeader) {
      pkt.set_label(object, "Object with bad length");
      break;
    }
    std::string title;
    bool known = false;
    switch (cls) {
      case kMplsStackEntry:
        known = dissect_mpls_stack(pkt, r, off, end, object, title);
        break;
      case kMplsExtendedPayload:
        known = dissect_extended_payload(pkt, r, off, trunc_len, object, title);
        break;
      case kInterfaceInformation:
        // Named before its parts are read: a malformed part leaves the name.
        pkt.set_label(object, "Interface Information Object");
        dissect_interface_information(pkt, r, off, end, object);
        title = ++interface_objects > 4 ? "More than 4 Interface Information Objects"
                                        : "Interface Information Object";
        known = true;
        break;
      case kInterfaceIdentification:
        pkt.set_label(object, "Interface Identification Object");
        title = "Interface Identification Object";
        known = dissect_interface_identification(pkt, r, off, object);
        break;
      default:
        break;
    }
    if (!known) {
      pkt.add_item(object, c_type, r, off + 3, 1);
      title = fmt::format("Unknown object ({}/{})", cls, type);
      if (trunc_len > kObjectHeader)
        pkt.add_item(object, data, r, off + kObjectHeader, trunc_len - kObjectHeader);
    }
    if (trunc_len < obj_len) title += " (truncated)";
    pkt.set_label(object, title);
    off = end;
  }
}

void dissect_icmp_extended_echo(Packet& pkt, const ByteReader& r, int tree, bool reply) {
  pkt.add_item(tree, echo_seq, r, 6, 1);
  if (reply) {
    for (FieldId f : {echo_rsp_state, echo_rsp_res, echo_rsp_active, echo_rsp_ipv4, echo_rsp_ipv6})
      pkt.add_item(tree, f, r, 7, 1);
    return;
  }
  pkt.add_item(tree, echo_req_res, r, 7, 1);
  pkt.add_item(tree, echo_req_local, r, 7, 1);
  if (r.reported_size() > 8) dissect_icmp_extensions(pkt, r.sub(8), tree);
}

void register_icmp_extension_fields(FieldId icmp) {
  registry().add_fields(icmp, kFields);
}

}  // namespace netsift
