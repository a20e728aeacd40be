// Frame Relay (ITU-T Q.922 addressing, RFC 2427 multiprotocol encapsulation) on LINKTYPE_FRELAY,
// as tshark 4.0's packet-fr.c: the two-octet address (DLCI, C/R, FECN, BECN, DE, EA), the
// Q.922 control field of UI frames, an optional padding octet, the NLPID, and for SNAP the OUI
// and EtherType; IP, IPv6 and SNAP-encapsulated EtherTypes are handed on. Not dissected: three-
// and four-octet addresses, frames other than UI, and the other NLPIDs' protocols (data).
#include <fmt/format.h>

#include "core/field_registry.h"
#include "core/packet.h"
#include "dissectors/ethertype_names.h"

namespace netsift {

namespace {

FieldId proto, first_octet, upper_dlci, cr, ea, second_octet, second_dlci, fecn, becn, de, dlci,
    control, u_modifier_cmd, ftype, nlpid, snap_oui, snap_pid, snaptype;

constexpr uint8_t kControlUi = 0x03;  // unnumbered information, P/F clear
constexpr uint8_t kNlpidPadding = 0x00, kNlpidSnap = 0x80, kNlpidIp = 0xcc, kNlpidIpv6 = 0x8e;
constexpr uint32_t kEthertypeIpv4 = 0x0800, kEthertypeIpv6 = 0x86dd;

constexpr TrueFalse kCrText{"Command", "Response"};
constexpr TrueFalse kEaText{"Last Octet", "More Follows"};
constexpr ValueName kUnnumberedCommands[] = {
    {0x00, "Unnumbered Information"},
    {0x08, "Unnumbered Poll"},
    {0x10, "Disconnect"},
    {0x18, "Unnumbered Acknowledge"},
    {0x20, "Set Normal Response Mode"},
    {0x38, "Test"},
    {0x01, "Set Initialization Mode"},
    {0x21, "Frame reject"},
    {0x31, "Configure"},
    {0x03, "Set Asynchronous Response Mode"},
    {0x0b, "Set Asynchronous Balanced Mode"},
    {0x13, "Set Asynchronous Response Mode Extended"},
    {0x1b, "Set Asynchronous Balanced Mode Extended"},
    {0x23, "Reset"},
    {0x2b, "Exchange identification"},
    {0x33, "Set Normal Response Mode Extended"},
    {0x3b, "Beacon"},
};
constexpr ValueName kFrameTypes[] = {
    {0x0, "Information frame"}, {0x1, "Supervisory frame"}, {0x3, "Unnumbered frame"}};
constexpr ValueName kNlpids[] = {
    {0x00, "NULL"},      {0x01, "T.70"},      {0x03, "X.633"},
    {0x08, "Q.933"},     {0x09, "LMI"},       {0x0c, "Q.2119"},
    {0x80, "SNAP"},      {0x81, "CLNP"},      {0x82, "ESIS"},
    {0x83, "ISIS"},      {0x85, "IDRP"},      {0x8a, "ESIS (X.25)"},
    {0x8c, "ISO 10030"}, {0x8d, "ISO 11577"}, {0xb0, "Data compression protocol"},
    {0xcc, "IP"},        {0x8e, "IPv6"},      {0xcf, "PPP"},
};

using FT = FieldType;
const FieldReg kFields[] = {
    {&first_octet,
     {.name = "First address octet",
      .abbrev = "fr.first_addr_octet",
      .type = FT::kUint8,
      .base = Base::kHex}},
    {&upper_dlci,
     {.name = "Upper DLCI",
      .abbrev = "fr.upper_dlci",
      .type = FT::kUint8,
      .base = Base::kHex,
      .bitmask = 0xfc,
      .blurb = "Upper bits of DLCI"}},
    {&cr,
     {.name = "CR",
      .abbrev = "fr.cr",
      .type = FT::kBoolean,
      .bitmask = 0x02,
      .blurb = "Command/Response",
      .tf = &kCrText,
      .bits = 8}},
    {&ea,
     {.name = "EA",
      .abbrev = "fr.ea",
      .type = FT::kBoolean,
      .bitmask = 0x01,
      .blurb = "Extended Address",
      .tf = &kEaText,
      .bits = 8}},
    {&second_octet,
     {.name = "Second address octet",
      .abbrev = "fr.second_addr_octet",
      .type = FT::kUint8,
      .base = Base::kHex}},
    {&second_dlci,
     {.name = "Second DLCI",
      .abbrev = "fr.second_dlci",
      .type = FT::kUint8,
      .base = Base::kHex,
      .bitmask = 0xf0,
      .blurb = "Bits below upper bits of DLCI"}},
    {&fecn,
     {.name = "FECN",
      .abbrev = "fr.fecn",
      .type = FT::kBoolean,
      .bitmask = 0x08,
      .blurb = "Forward Explicit Congestion Notification",
      .bits = 8}},
    {&becn,
     {.name = "BECN",
      .abbrev = "fr.becn",
      .type = FT::kBoolean,
      .bitmask = 0x04,
      .blurb = "Backward Explicit Congestion Notification",
      .bits = 8}},
    {&de,
     {.name = "DE",
      .abbrev = "fr.de",
      .type = FT::kBoolean,
      .bitmask = 0x02,
      .blurb = "Discard Eligibility",
      .bits = 8}},
    {&dlci,
     {.name = "DLCI",
      .abbrev = "fr.dlci",
      .type = FT::kUint32,
      .base = Base::kDec,
      .blurb = "Data-Link Connection Identifier"}},
    {&control,
     {.name = "Control Field", .abbrev = "fr.control", .type = FT::kUint8, .base = Base::kHex}},
    {&u_modifier_cmd,
     {.name = "Command",
      .abbrev = "fr.control.u_modifier_cmd",
      .type = FT::kUint8,
      .base = Base::kHex,
      .values = kUnnumberedCommands,
      .bitmask = 0xec}},
    {&ftype,
     {.name = "Frame type",
      .abbrev = "fr.control.ftype",
      .type = FT::kUint8,
      .base = Base::kHex,
      .values = kFrameTypes,
      .bitmask = 0x03}},
    {&nlpid,
     {.name = "NLPID",
      .abbrev = "fr.nlpid",
      .type = FT::kUint8,
      .base = Base::kHex,
      .values = kNlpids,
      .blurb = "Frame Relay Encapsulated Protocol NLPID"}},
    {&snap_oui,
     {.name = "Organization Code",
      .abbrev = "fr.snap.oui",
      .type = FT::kUint24,
      .base = Base::kOui}},
    {&snap_pid,
     {.name = "Protocol ID", .abbrev = "fr.snap.pid", .type = FT::kUint16, .base = Base::kHex}},
    {&snaptype,
     {.name = "Type",
      .abbrev = "fr.snaptype",
      .type = FT::kUint16,
      .base = Base::kHex,
      .values = kEthertypeNames,
      .blurb = "Frame Relay SNAP Encapsulated Protocol"}},
};

// The two-octet Q.922 address; returns false when the first octet's EA bit is set or the
// second's is clear (an address of another length).
bool add_address(Packet& pkt, int tree, const ByteReader& r) {
  uint8_t a = r.u8(0), b = r.u8(1);
  int n = pkt.add_item(tree, first_octet, r, 0, 1);
  pkt.add_item(n, upper_dlci, r, 0, 1);
  pkt.add_item(n, cr, r, 0, 1);
  pkt.add_item(n, ea, r, 0, 1);
  if ((a & 1) || !(b & 1)) return false;
  n = pkt.add_item(tree, second_octet, r, 1, 1);
  if (pkt.labels) pkt.set_label(n, fmt::format("Second address octet: 0x{:02x}, EA", b));
  pkt.add_item(n, second_dlci, r, 1, 1);
  pkt.add_item(n, fecn, r, 1, 1);
  pkt.add_item(n, becn, r, 1, 1);
  pkt.add_item(n, de, r, 1, 1);
  pkt.add_item(n, ea, r, 1, 1);
  uint32_t number = ((a >> 2) << 4) | (b >> 4);
  pkt.add_uint(tree, dlci, r, 0, 2, number);
  if (pkt.cols.enabled) pkt.cols.set_info(fmt::format("DLCI {}", number));
  return true;
}

// RFC 2427 section 3.1: SNAP carries an OUI and a protocol ID, an EtherType when the OUI is 0.
size_t dissect_snap(const ByteReader& r, Packet& pkt, int parent, int tree, size_t off) {
  pkt.add_item(tree, snap_oui, r, off, 3);
  uint32_t oui = r.u24(off);
  uint16_t pid = r.u16(off + 3);
  ByteReader payload = r.sub(off + 5);
  if (oui != 0) {
    pkt.add_item(tree, snap_pid, r, off + 3, 2);
    return off + 5 + pkt.call_data(payload, parent);
  }
  pkt.add_item(tree, snaptype, r, off + 3, 2);
  return off + 5 + pkt.call_next(tables::ethertype(), pid, payload, parent);
}

size_t dissect_frame_relay(const ByteReader& r, Packet& pkt, int parent) {
  if (pkt.cols.enabled) pkt.cols.set_protocol("FR");
  int tree = pkt.add_protocol(parent, proto, r, 0, r.size());
  if (!add_address(pkt, tree, r)) return pkt.call_data(r.sub(2), parent) + 2;
  uint8_t c = r.u8(2);
  int n = pkt.add_item(tree, control, r, 2, 1);
  if (c != kControlUi) return 3 + pkt.call_data(r.sub(3), parent);
  if (pkt.cols.enabled) pkt.cols.append_info(", U, func=UI");
  if (pkt.labels) pkt.set_label(n, "Control field: U, func=UI (0x03)");
  pkt.add_item(n, u_modifier_cmd, r, 2, 1);
  pkt.add_item(n, ftype, r, 2, 1);
  size_t off = 3;
  if (r.u8(off) == kNlpidPadding) {
    // RFC 2427 pads SNAP (and other) headers to an even length with a zero octet.
    pkt.set_label(pkt.add_item(tree, nlpid, r, off, 1), "Padding");
    ++off;
  }
  uint8_t id = r.u8(off);
  pkt.add_item(tree, nlpid, r, off, 1);
  ++off;
  pkt.tree[tree].length = static_cast<uint32_t>(id == kNlpidSnap ? off + 5 : off);
  switch (id) {
    case kNlpidSnap:
      return dissect_snap(r, pkt, parent, tree, off);
    case kNlpidIp:
      return off + pkt.call_next(tables::ethertype(), kEthertypeIpv4, r.sub(off), parent);
    case kNlpidIpv6:
      return off + pkt.call_next(tables::ethertype(), kEthertypeIpv6, r.sub(off), parent);
    default:
      return off + pkt.call_data(r.sub(off), parent);
  }
}

}  // namespace

void register_frame_relay() {
  FieldRegistry& reg = registry();
  proto = reg.add_protocol({"Frame Relay", "FR", "fr"});
  reg.add_fields(proto, kFields);
  tables::linktype().add(kLinkFrameRelay, dissect_frame_relay, "fr");
}

}  // namespace netsift
