// IEEE 802.2 LLC and SNAP (Wireshark's packet-llc.c, with the HDLC-style control field of
// xdlc.c): DSAP/SSAP with their SAP and I/G, C/R bits, the control field as I, S or U frame
// (LLC uses extended, two-byte control fields for I and S frames), then SNAP's OUI and PID, or
// the payload by DSAP. The Info column is the control summary, then the SAPs or the SNAP header.
#include "dissectors/llc.h"

#include <fmt/format.h>

#include "core/field_registry.h"
#include "core/session.h"
#include "core/text_format.h"
#include "core/value_strings.h"
#include "dissectors/ethertype_names.h"

namespace netsift {

namespace {

constexpr uint8_t kSapSnap = 0xaa;
constexpr uint8_t kGroupBit = 0x01;     // DSAP: group address
constexpr uint8_t kResponseBit = 0x01;  // SSAP: response
constexpr uint8_t kSapMask = 0xfe;
constexpr size_t kSnapLen = 5;  // OUI and PID

// Control field (xdlc.h).
constexpr uint16_t kFrameTypeMask = 0x03, kInformationMask = 0x01;
constexpr uint16_t kSupervisory = 0x01, kUnnumbered = 0x03;
constexpr uint16_t kPollFinal = 0x10, kPollFinalExt = 0x0100;
constexpr uint16_t kNrExtMask = 0xfe00, kNsExtMask = 0x00fe, kSTypeMask = 0x0c;
constexpr uint16_t kModifierMask = 0xec;
constexpr uint8_t kUi = 0x00, kXid = 0xac;
// A frame carrying user data: any I frame, or a UI frame.
bool is_information(uint16_t control) {
  return (control & kInformationMask) == 0 || control == (kUi | kUnnumbered);
}

enum Oui : uint32_t {
  kOuiEncapEther = 0x000000,
  kOuiCisco = 0x00000c,
  kOuiCisco90 = 0x0000f8,
  kOuiIeee8021 = 0x0080c2,
  kOuiCableBpdu = 0x00e02f,
};
constexpr uint16_t kBridgedBpdu = 0x000e;  // 802.1 OUI PID

FieldId proto, xid_proto, xid_format, xid_types, xid_wsize, dsap, dsap_sap, dsap_ig, ssap, ssap_sap,
    ssap_cr, control, n_r, n_s, poll, poll_ext, final_bit, final_ext, s_ftype, u_modifier_cmd,
    u_modifier_resp, ftype_i, ftype_s_u, ftype_s_u_ext, type, oui, pid, cisco_pid;
Dissector bpdu_dissector = nullptr;

constexpr ValueName kSapNames[] = {{0x00, "NULL LSAP"},
                                   {0x01, "NULL LSAP"},
                                   {0x02, "LLC Sub-Layer Management"},
                                   {0x04, "SNA Path Control"},
                                   {0x06, "TCP/IP"},
                                   {0x08, "SNA"},
                                   {0x0c, "SNA"},
                                   {0x0e, "PROWAY (IEC955) Network Management and Initialization"},
                                   {0x10, "NetWare (unofficial?)"},
                                   {0x14, "ISO Network Layer (OSLAN 1)"},
                                   {0x18, "Texas Instruments"},
                                   {0x20, "ISO Network Layer (unofficial?)"},
                                   {0x34, "ISO Network Layer (unofficial?)"},
                                   {0x42, "Spanning Tree BPDU"},
                                   {0x4e, "EIA RS-511 Manufacturing Message Service"},
                                   {0x54, "ISO Network Layer (OSLAN 2)"},
                                   {0x7e, "ISO 8208 (X.25 over 802.2)"},
                                   {0x7f, "ISO 802.2"},
                                   {0x80, "XNS"},
                                   {0x82, "BACnet"},
                                   {0x86, "Nestar"},
                                   {0x8e, "PROWAY (IEC955) Active Station List Maintenance"},
                                   {0x98, "ARP"},
                                   {0xb4, "HP JetDirect Printer"},
                                   {0xaa, "SNAP"},
                                   {0xba, "Banyan Vines"},
                                   {0xbc, "Banyan Vines"},
                                   {0xe0, "NetWare"},
                                   {0xf0, "NetBIOS"},
                                   {0xf4, "IBM Net Management"},
                                   {0xf8, "HP Extended LLC"},
                                   {0xfa, "Ungermann-Bass"},
                                   {0xfc, "Remote Program Load"},
                                   {0xfe, "ISO Network Layer"},
                                   {0xff, "Global LSAP"}};
constexpr ValueName kFrameTypes[] = {
    {0, "Information frame"}, {1, "Supervisory frame"}, {3, "Unnumbered frame"}};
constexpr ValueName kSupervisoryTypes[] = {
    {0, "Receiver ready"}, {1, "Receiver not ready"}, {2, "Reject"}, {3, "Selective reject"}};
// Unnumbered modifiers, as the masked value (bits 7-5 and 3-2) shifted right by two.
constexpr ValueName kCommands[] = {{0x00, "Unnumbered Information"},
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
                                   {0x3b, "Beacon"}};
constexpr ValueName kResponses[] = {{0x00, "Unnumbered Information"},
                                    {0x08, "Unnumbered Poll"},
                                    {0x10, "Request Disconnect"},
                                    {0x18, "Unnumbered Acknowledge"},
                                    {0x20, "Set Normal Response Mode"},
                                    {0x38, "Test"},
                                    {0x01, "Request Initialization Mode"},
                                    {0x21, "Frame reject"},
                                    {0x31, "Configure"},
                                    {0x03, "Disconnected mode"},
                                    {0x0b, "Set Asynchronous Balanced Mode"},
                                    {0x13, "Set Asynchronous Response Mode Extended"},
                                    {0x1b, "Set Asynchronous Balanced Mode Extended"},
                                    {0x23, "Reset"},
                                    {0x2b, "Exchange identification"},
                                    {0x33, "Set Normal Response Mode Extended"},
                                    {0x3b, "Beacon"}};
// Short names in the control summary, by the masked (unshifted) modifier.
constexpr ValueName kCommandShort[] = {
    {0x00, "UI"},    {0x20, "UP"},   {0x40, "DISC"},  {0x60, "UA"},    {0x80, "SNRM"},
    {0xcc, "SNRME"}, {0xe0, "TEST"}, {0x04, "SIM"},   {0x84, "FRMR"},  {0xc4, "CFGR"},
    {0x0c, "SARM"},  {0x2c, "SABM"}, {0x4c, "SARME"}, {0x6c, "SABME"}, {0x8c, "RESET"},
    {0xac, "XID"},   {0xec, "BCN"}};
constexpr ValueName kResponseShort[] = {
    {0x00, "UI"},    {0x20, "UP"},    {0x40, "RD"},    {0x60, "UA"},    {0x80, "SNRM"},
    {0xe0, "TEST"},  {0x04, "RIM"},   {0x84, "FRMR"},  {0xc4, "CFGR"},  {0x0c, "DM"},
    {0x2c, "SABM"},  {0x4c, "SARME"}, {0x6c, "SABME"}, {0x8c, "RESET"}, {0xac, "XID"},
    {0xcc, "SNRME"}, {0xec, "BCN"}};
constexpr ValueName kCiscoPids[] = {{0x0102, "DRIP"},
                                    {0x0104, "PAgP"},
                                    {0x0105, "MLS Hello"},
                                    {0x0108, "RLQ BPDUs (request)"},
                                    {0x0109, "RLQ BPDUs (response)"},
                                    {0x010b, "PVSTP+"},
                                    {0x010c, "VLAN Bridge"},
                                    {0x0111, "UDLD"},
                                    {0x0139, "MCP"},
                                    {0x2000, "CDP"},
                                    {0x2001, "CGMP"},
                                    {0x2003, "VTP"},
                                    {0x2004, "DTP"},
                                    {0x200a, "STP Uplink Fast"}};
constexpr ValueName kXidFormats[] = {{0x81, "LLC basic format"}};
constexpr ValueName kXidTypes[] = {{1, "Type 1 LLC (Class I LLC)"},
                                   {2, "Type 2 LLC"},
                                   {3, "Type 1 and Type 2 LLCs (Class II LLC)"},
                                   {4, "Type 3 LLC"},
                                   {5, "Type 1 and Type 3 LLCs (Class III LLC)"},
                                   {6, "Type 2 and Type 3 LLCs"},
                                   {7, "Type 1 and Type 2 and Type 3 LLCs (Class IV LLC)"}};
constexpr uint8_t kXidBasicFormat = 0x81, kXidTypesMask = 0x1f;
constexpr TrueFalse kIgBit{"Group", "Individual"};
constexpr TrueFalse kCrBit{"Response", "Command"};

using FT = FieldType;
const FieldReg kFields[] = {
    {&dsap,
     {.name = "DSAP",
      .abbrev = "llc.dsap",
      .type = FT::kUint8,
      .base = Base::kHex,
      .values = kSapNames,
      .blurb = "Destination Service Access Point"}},
    {&dsap_sap,
     {.name = "SAP",
      .abbrev = "llc.dsap.sap",
      .type = FT::kUint8,
      .bitmask = kSapMask,
      .blurb = "Service Access Point"}},
    {&dsap_ig,
     {.name = "IG Bit",
      .abbrev = "llc.dsap.ig",
      .type = FT::kBoolean,
      .bitmask = kGroupBit,
      .blurb = "Individual/Group",
      .tf = &kIgBit,
      .bits = 8}},
    {&ssap,
     {.name = "SSAP",
      .abbrev = "llc.ssap",
      .type = FT::kUint8,
      .base = Base::kHex,
      .values = kSapNames,
      .blurb = "Source Service Access Point"}},
    {&ssap_sap,
     {.name = "SAP",
      .abbrev = "llc.ssap.sap",
      .type = FT::kUint8,
      .bitmask = kSapMask,
      .blurb = "Service Access Point"}},
    {&ssap_cr,
     {.name = "CR Bit",
      .abbrev = "llc.ssap.cr",
      .type = FT::kBoolean,
      .bitmask = kResponseBit,
      .blurb = "Command/Response",
      .tf = &kCrBit,
      .bits = 8}},
    {&control,
     {.name = "Control", .abbrev = "llc.control", .type = FT::kUint16, .base = Base::kHex}},
    {&n_r,
     {.name = "N(R)",
      .abbrev = "llc.control.n_r",
      .type = FT::kUint16,
      .base = Base::kDec,
      .bitmask = kNrExtMask}},
    {&n_s,
     {.name = "N(S)",
      .abbrev = "llc.control.n_s",
      .type = FT::kUint16,
      .base = Base::kDec,
      .bitmask = kNsExtMask}},
    {&poll,
     {.name = "Poll",
      .abbrev = "llc.control.p",
      .type = FT::kBoolean,
      .bitmask = kPollFinal,
      .tf = &kSetNotSet,
      .bits = 8}},
    {&poll_ext,
     {.name = "Poll",
      .abbrev = "llc.control.p",
      .type = FT::kBoolean,
      .bitmask = kPollFinalExt,
      .tf = &kSetNotSet,
      .bits = 16}},
    {&final_bit,
     {.name = "Final",
      .abbrev = "llc.control.f",
      .type = FT::kBoolean,
      .bitmask = kPollFinal,
      .tf = &kSetNotSet,
      .bits = 8}},
    {&final_ext,
     {.name = "Final",
      .abbrev = "llc.control.f",
      .type = FT::kBoolean,
      .bitmask = kPollFinalExt,
      .tf = &kSetNotSet,
      .bits = 16}},
    {&s_ftype,
     {.name = "Supervisory frame type",
      .abbrev = "llc.control.s_ftype",
      .type = FT::kUint16,
      .base = Base::kHex,
      .values = kSupervisoryTypes,
      .bitmask = kSTypeMask}},
    {&u_modifier_cmd,
     {.name = "Command",
      .abbrev = "llc.control.u_modifier_cmd",
      .type = FT::kUint8,
      .base = Base::kHex,
      .values = kCommands,
      .bitmask = kModifierMask}},
    {&u_modifier_resp,
     {.name = "Response",
      .abbrev = "llc.control.u_modifier_resp",
      .type = FT::kUint8,
      .base = Base::kHex,
      .values = kResponses,
      .bitmask = kModifierMask}},
    {&ftype_i,
     {.name = "Frame type",
      .abbrev = "llc.control.ftype",
      .type = FT::kUint16,
      .base = Base::kHex,
      .values = kFrameTypes,
      .bitmask = kInformationMask}},
    {&ftype_s_u,
     {.name = "Frame type",
      .abbrev = "llc.control.ftype",
      .type = FT::kUint8,
      .base = Base::kHex,
      .values = kFrameTypes,
      .bitmask = kFrameTypeMask}},
    {&ftype_s_u_ext,
     {.name = "Frame type",
      .abbrev = "llc.control.ftype",
      .type = FT::kUint16,
      .base = Base::kHex,
      .values = kFrameTypes,
      .bitmask = kFrameTypeMask}},
    {&type,
     {.name = "Type",
      .abbrev = "llc.type",
      .type = FT::kUint16,
      .base = Base::kHex,
      .values = kEthertypeNames}},
    {&oui,
     {.name = "Organization Code", .abbrev = "llc.oui", .type = FT::kUint24, .base = Base::kOui}},
    {&pid, {.name = "Protocol ID", .abbrev = "llc.pid", .type = FT::kUint16, .base = Base::kHex}},
    {&cisco_pid,
     {.name = "PID",
      .abbrev = "llc.cisco_pid",
      .type = FT::kUint16,
      .base = Base::kHex,
      .values = kCiscoPids}},
};

const FieldReg kXidFields[] = {
    {&xid_format,
     {.name = "XID Format",
      .abbrev = "basicxid.llc.xid.format",
      .type = FT::kUint8,
      .base = Base::kHex,
      .values = kXidFormats}},
    {&xid_types,
     {.name = "LLC Types/Classes",
      .abbrev = "basicxid.llc.xid.types",
      .type = FT::kUint8,
      .base = Base::kHex,
      .values = kXidTypes}},
    {&xid_wsize,
     {.name = "Receive Window Size",
      .abbrev = "basicxid.llc.xid.wsize",
      .type = FT::kUint8,
      .base = Base::kDec}},
};

const char* name_or(std::span<const ValueName> names, uint64_t v, const char* fallback) {
  const char* n = value_name(names, v);
  return n ? n : fallback;
}

// A SAP byte's subtree: the SAP (custom label: its name, as llc_sap_value) and its low bit.
void add_sap(Packet& pkt, int parent, const ByteReader& r, size_t off, FieldId byte_field,
             FieldId sap_field, FieldId bit_field) {
  int n = pkt.add_item(parent, byte_field, r, off, 1);
  int s = pkt.add_item(n, sap_field, r, off, 1);
  if (pkt.labels) {
    std::string text;
    append_bit_pattern(text, r.u8(off), kSapMask, 8);
    text += "SAP: ";
    text += name_or(kSapNames, r.u8(off) & kSapMask, "Unknown");
    pkt.set_label(s, text);
  }
  pkt.add_item(n, bit_field, r, off, 1);
}

// The control field as xdlc's dissect_xdlc_control (extended operation): sets the Info column
// to its summary and returns the control value; `len` gets its size.
uint16_t add_control(Packet& pkt, int parent, const ByteReader& r, size_t off, bool response,
                     size_t& len) {
  uint8_t first = r.u8(off);
  std::string summary;
  int n;
  if ((first & kFrameTypeMask) == kUnnumbered) {
    len = 1;
    uint16_t c = first;
    bool pf = c & kPollFinal;
    summary = fmt::format(
        "U{}, func={}", pf ? (response ? " F" : " P") : "",
        name_or(response ? kResponseShort : kCommandShort, c & kModifierMask, "Unknown"));
    n = pkt.add_uint(parent, control, r, off, 1, c);
    if (pkt.labels) pkt.set_label(n, fmt::format("Control field: {} (0x{:02X})", summary, c));
    if (pf) pkt.add_item(n, response ? final_bit : poll, r, off, 1);
    pkt.add_item(n, response ? u_modifier_resp : u_modifier_cmd, r, off, 1);
    pkt.add_item(n, ftype_s_u, r, off, 1);
    if (pkt.cols.enabled) pkt.cols.set_info(summary);
    return c;
  }
  len = 2;
  uint16_t c = r.u16le(off);
  bool pf = c & kPollFinalExt;
  unsigned nr = (c & kNrExtMask) >> 9;
  constexpr const char* kSNames[] = {"RR", "RNR", "REJ", "SREJ"};
  if ((first & kFrameTypeMask) == kSupervisory)
    summary = fmt::format("S{}, func={}, N(R)={}", pf ? (response ? " F" : " P") : "",
                          kSNames[(c & kSTypeMask) >> 2], nr);
  else
    summary = fmt::format("I{}, N(R)={}, N(S)={}", pf ? " P" : "", nr, (c & kNsExtMask) >> 1);
  n = pkt.add_uint(parent, control, r, off, 2, c);
  if (pkt.labels) pkt.set_label(n, fmt::format("Control field: {} (0x{:04X})", summary, c));
  pkt.add_item(n, n_r, r, off, 2, Endian::kLittle);
  if ((first & kFrameTypeMask) == kSupervisory) {
    if (pf) pkt.add_item(n, response ? final_ext : poll_ext, r, off, 2, Endian::kLittle);
    pkt.add_item(n, s_ftype, r, off, 2, Endian::kLittle);
    pkt.add_item(n, ftype_s_u_ext, r, off, 2, Endian::kLittle);
  } else {
    pkt.add_item(n, n_s, r, off, 2, Endian::kLittle);
    if (pf) pkt.add_item(n, poll_ext, r, off, 2, Endian::kLittle);
    pkt.add_item(n, ftype_i, r, off, 2, Endian::kLittle);
  }
  if (pkt.cols.enabled) pkt.cols.set_info(summary);
  return c;
}

// An XID frame's information field in the basic format (ISO 8802-2 5.4.1.1.2): the LLC types
// the station supports and its receive window.
void dissect_basic_xid(const ByteReader& r, Packet& pkt, int parent) {
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("XID");
    pkt.cols.set_info("Basic Format");
  }
  // tshark calls this as a function, not through a dissector handle: the protocol has a tree
  // item but is not a layer of frame.protocols.
  int tree = pkt.tree.add(parent, xid_proto, r, 0, r.size(), Value{});
  pkt.add_item(tree, xid_format, r, 0, 1);
  uint8_t types = r.u8(1) & kXidTypesMask;
  pkt.add_uint(tree, xid_types, r, 1, 1, types);
  if (pkt.cols.enabled) {
    const char* n = value_name(kXidTypes, types);
    pkt.cols.append_info(n ? fmt::format("; {}", n) : fmt::format("; 0x{:02x}", types));
  }
  unsigned window = (r.u8(2) & 0xfe) >> 1;
  pkt.add_uint(tree, xid_wsize, r, 2, 1, window);
  if (pkt.cols.enabled) pkt.cols.append_info(fmt::format("; Window Size {}", window));
}

// SNAP (dissect_snap): the OUI, then the PID as the OUI gives it meaning.
void dissect_snap(const ByteReader& r, Packet& pkt, int parent, int tree, size_t off,
                  uint16_t ctrl) {
  uint32_t org = r.u24(off);
  uint16_t etype = r.u16(off + 3);
  pkt.add_item(tree, oui, r, off, 3);
  if (pkt.cols.enabled) {
    const uint8_t bytes[3] = {static_cast<uint8_t>(org >> 16), static_cast<uint8_t>(org >> 8),
                              static_cast<uint8_t>(org)};
    const char* name = pkt.session ? pkt.session->names.oui_long_name(bytes) : nullptr;
    pkt.cols.append_info(fmt::format("; SNAP, OUI 0x{:06X} ({}), PID 0x{:04X}", org,
                                     name ? name : "Unknown", etype));
  }
  ByteReader payload = r.sub(off + kSnapLen);
  switch (org) {
    case kOuiEncapEther:
    case kOuiCisco90:
      if (!is_information(ctrl)) break;
      pkt.add_item(tree, type, r, off + 3, 2);
      pkt.call_next(tables::ethertype(), etype, payload, parent);
      return;
    case kOuiIeee8021:
    case kOuiCableBpdu:
      pkt.add_item(tree, pid, r, off + 3, 2);
      if ((org == kOuiCableBpdu || etype == kBridgedBpdu) && bpdu_dissector) {
        bpdu_dissector(payload, pkt, parent);
        return;
      }
      break;
    case kOuiCisco:
      pkt.add_item(tree, cisco_pid, r, off + 3, 2);
      if (is_information(ctrl)) {
        pkt.call_next(llc::cisco_pid_table(), etype, payload, parent);
        return;
      }
      break;
    default:
      pkt.add_item(tree, pid, r, off + 3, 2);
      break;
  }
  pkt.call_data(payload, parent);
}

}  // namespace

namespace llc {
DissectorTable& dsap_table() {
  static DissectorTable t("llc.dsap", "LLC SAP", {FieldType::kUint8, Base::kHex, "LLC", false});
  return t;
}
DissectorTable& cisco_pid_table() {
  static DissectorTable t("llc.cisco_pid", "LLC Cisco OUI PID",
                          {FieldType::kUint16, Base::kHex, nullptr, false});
  return t;
}
void set_bpdu_dissector(Dissector d) {
  bpdu_dissector = d;
}
}  // namespace llc

size_t dissect_llc(const ByteReader& r, Packet& pkt, int parent) {
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("LLC");
    pkt.cols.set_info("");
  }
  uint8_t d = r.u8(0);
  int tree = pkt.add_protocol(parent, proto, r, 0, r.size());
  add_sap(pkt, tree, r, 0, dsap, dsap_sap, dsap_ig);
  uint8_t s = r.u8(1);
  add_sap(pkt, tree, r, 1, ssap, ssap_sap, ssap_cr);
  bool snap = d == kSapSnap && s == kSapSnap;
  size_t control_len = 0;
  uint16_t ctrl = add_control(pkt, tree, r, 2, s & kResponseBit, control_len);
  size_t header_len = 2 + control_len + (snap ? kSnapLen : 0);
  pkt.tree[tree].length = static_cast<uint32_t>(header_len);
  if (snap) {
    dissect_snap(r, pkt, parent, tree, 2 + control_len, ctrl);
    return r.reported_size();
  }
  if (pkt.cols.enabled) {
    auto sap_text = [](uint8_t v) {
      const char* n = value_name(kSapNames, v & kSapMask);
      return n ? std::string(n) : fmt::format("0x{:02x}", v & kSapMask);
    };
    pkt.cols.append_info(fmt::format("; DSAP {} {}, SSAP {} {}", sap_text(d),
                                     d & kGroupBit ? "Group" : "Individual", sap_text(s),
                                     s & kResponseBit ? "Response" : "Command"));
  }
  if (r.reported_remaining(header_len) == 0) return r.reported_size();
  ByteReader payload = r.sub(header_len);
  // I and UI frames go by DSAP; XID frames in the basic format are decoded here, other XID,
  // TEST and U frames are shown as data (tshark's per-DSAP XID and per-control tables have no
  // entries netsift implements).
  if (is_information(ctrl))
    pkt.call_next(llc::dsap_table(), d, payload, parent);
  else if ((ctrl & (kModifierMask | kUnnumbered)) == (kXid | kUnnumbered) &&
           payload.u8(0) == kXidBasicFormat)
    dissect_basic_xid(payload, pkt, parent);
  else
    pkt.call_data(payload, parent);
  return r.reported_size();
}

void register_llc() {
  FieldRegistry& reg = registry();
  proto = reg.add_protocol({"Logical-Link Control", "LLC", "llc"});
  reg.add_fields(proto, kFields);
  xid_proto =
      reg.add_protocol({"Logical-Link Control Basic Format XID", "Basic Format XID", "basicxid"});
  reg.add_fields(xid_proto, kXidFields);
}

}  // namespace netsift
