// Spanning Tree BPDUs (Wireshark's packet-bpdu.c): 802.1D configuration and topology change
// BPDUs, 802.1w RST and 802.1s/802.1Q MST BPDUs (both MSTI layouts: the standard one and the
// pre-standard "alternative" one Cisco used), the 802.1aq SPT extension, and Cisco's PVST+
// TLVs. Reached by LLC DSAP 0x42, SNAP with the 802.1 OUI, and Cisco's SNAP PIDs. Bridge
// identifiers are split into priority and system ID extension (tshark's default).
#include <fmt/format.h>

#include "core/address_format.h"
#include "core/expert.h"
#include "core/field_registry.h"
#include "core/text_format.h"
#include "core/value_strings.h"
#include "dissectors/llc.h"

namespace netsift {

namespace {

// Offsets in a BPDU.
enum : size_t {
  kProtocolId = 0,
  kVersion = 2,
  kType = 3,
  kFlags = 4,
  kRootId = 5,
  kRootCost = 13,
  kBridgeId = 17,
  kPortId = 25,
  kMessageAge = 27,
  kMaxAge = 29,
  kHelloTime = 31,
  kForwardDelay = 33,
  kVersion1Length = 35,
  kVersion3Length = 36,
  kMstConfigFormat = 38,
  kMstConfigName = 39,
  kMstConfigRevision = 71,
  kMstConfigDigest = 73,
  kCistInternalCost = 89,
  kCistBridgeId = 93,
  kCistRemainingHops = 101,
  kMsti = 102,
  kPvstTlv = 36,
  kAltCistBridgeId = 89,
  kAltCistInternalCost = 97,
};
constexpr size_t kMstBpduSize = 38, kVersion3StaticLength = 64, kMstiSize = 16, kAltMstiSize = 26;
constexpr size_t kMstMinLength = 102, kSpbMinLength = 106, kMcidLength = 51;
constexpr uint16_t kMinSptVersion4Length = 53;

enum BpduType : uint8_t { kConfig = 0x00, kRst = 0x02, kTopologyChange = 0x80 };
enum Version : uint8_t { kStp = 0, kRstp = 2, kMstp = 3, kSpb = 4 };
enum class MstiFormat { kIeee8021s, kAlternative, kUnknown };
constexpr uint16_t kPvstOriginatingVlan = 0;

// Cisco's SNAP PIDs that carry BPDUs.
constexpr uint16_t kPidRlqRequest = 0x0108, kPidRlqResponse = 0x0109, kPidPvstPlus = 0x010b,
                   kPidVlanBridge = 0x010c;

FieldId proto, proto_id, version, type, flags, flag_tcack, flag_agreement, flag_forwarding,
    flag_learning, flag_port_role, flag_proposal, flag_tc, root_prio, root_ext, root_hw, root_cost,
    bridge_prio, bridge_ext, bridge_hw, port, msg_age, max_age, hello, forward, version_1_length,
    pvst_tlvtype, pvst_tlvlen, pvst_origvlan, pvst_tlvval, version_3_length, config_format,
    config_name, config_revision, config_digest, cist_internal_cost, cist_prio, cist_ext, cist_hw,
    cist_remaining_hops, msti_flags, msti_priority, msti_id_fff, msti_id, msti_regional_root_id,
    msti_root_hw, msti_root_cost, msti_bridge_id, msti_bridge_id_priority, msti_bridge_id_mac,
    msti_bridge_priority, msti_port_priority, msti_port, msti_remaining_hops, version_4_length,
    spt_config_format, spt_config_name, spt_config_revision, spt_config_digest, agree_num,
    dagree_num, agree_valid, restricted_role, agreement_digest, digest_format_id,
    digest_format_capabilities, digest_convention_id, digest_convention_capabilities,
    digest_edge_count, ei_tlv_length_invalid, ei_origvlan_missing, ei_tlv_truncated, ei_tlv_unknown,
    ei_version_support, ei_type_unknown;

constexpr ValueName kProtocolIds[] = {{0, "Spanning Tree Protocol"}};
constexpr ValueName kVersions[] = {{kStp, "Spanning Tree"},
                                   {kRstp, "Rapid Spanning Tree"},
                                   {kMstp, "Multiple Spanning Tree"},
                                   {kSpb, "Shortest Path Tree"}};
constexpr ValueName kTypes[] = {{kConfig, "Configuration"},
                                {kRst, "Rapid/Multiple Spanning Tree"},
                                {kTopologyChange, "Topology Change Notification"}};
constexpr ValueName kRoles[] = {{1, "Alternate or Backup"}, {2, "Root"}, {3, "Designated"}};
constexpr ValueName kPvstTlvTypes[] = {{kPvstOriginatingVlan, "Originating VLAN"}};

using FT = FieldType;
constexpr FieldDef flag(const char* name, const char* abbrev, uint64_t mask) {
  return {.name = name,
          .abbrev = abbrev,
          .type = FT::kBoolean,
          .bitmask = mask,
          .tf = &kYesNo,
          .bits = 8};
}
constexpr FieldDef uint_field(const char* name, const char* abbrev, FT t, Base b = Base::kDec,
                              uint64_t mask = 0) {
  return {.name = name, .abbrev = abbrev, .type = t, .base = b, .bitmask = mask};
}
constexpr FieldDef ether(const char* name, const char* abbrev) {
  return {.name = name, .abbrev = abbrev, .type = FT::kEther};
}
constexpr FieldDef seconds(const char* name, const char* abbrev) {
  return {.name = name, .abbrev = abbrev, .type = FT::kDouble};
}

const FieldReg kFields[] = {
    {&proto_id,
     {.name = "Protocol Identifier",
      .abbrev = "stp.protocol",
      .type = FT::kUint16,
      .base = Base::kHex,
      .values = kProtocolIds}},
    {&version,
     {.name = "Protocol Version Identifier",
      .abbrev = "stp.version",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kVersions}},
    {&type,
     {.name = "BPDU Type",
      .abbrev = "stp.type",
      .type = FT::kUint8,
      .base = Base::kHex,
      .values = kTypes}},
    {&flags, uint_field("BPDU flags", "stp.flags", FT::kUint8, Base::kHex)},
    {&flag_tcack, flag("Topology Change Acknowledgment", "stp.flags.tcack", 0x80)},
    {&flag_agreement, flag("Agreement", "stp.flags.agreement", 0x40)},
    {&flag_forwarding, flag("Forwarding", "stp.flags.forwarding", 0x20)},
    {&flag_learning, flag("Learning", "stp.flags.learning", 0x10)},
    {&flag_port_role,
     {.name = "Port Role",
      .abbrev = "stp.flags.port_role",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kRoles,
      .bitmask = 0x0c}},
    {&flag_proposal, flag("Proposal", "stp.flags.proposal", 0x02)},
    {&flag_tc, flag("Topology Change", "stp.flags.tc", 0x01)},
    {&root_prio, uint_field("Root Bridge Priority", "stp.root.prio", FT::kUint16)},
    {&root_ext, uint_field("Root Bridge System ID Extension", "stp.root.ext", FT::kUint16)},
    {&root_hw, ether("Root Bridge System ID", "stp.root.hw")},
    {&root_cost, uint_field("Root Path Cost", "stp.root.cost", FT::kUint32)},
    {&bridge_prio, uint_field("Bridge Priority", "stp.bridge.prio", FT::kUint16)},
    {&bridge_ext, uint_field("Bridge System ID Extension", "stp.bridge.ext", FT::kUint16)},
    {&bridge_hw, ether("Bridge System ID", "stp.bridge.hw")},
    {&port, uint_field("Port identifier", "stp.port", FT::kUint16, Base::kHex)},
    {&msg_age, seconds("Message Age", "stp.msg_age")},
    {&max_age, seconds("Max Age", "stp.max_age")},
    {&hello, seconds("Hello Time", "stp.hello")},
    {&forward, seconds("Forward Delay", "stp.forward")},
    {&version_1_length, uint_field("Version 1 Length", "stp.version_1_length", FT::kUint8)},
    {&pvst_tlvtype,
     {.name = "Type",
      .abbrev = "stp.pvst.tlvtype",
      .type = FT::kUint16,
      .base = Base::kHex,
      .values = kPvstTlvTypes}},
    {&pvst_tlvlen, uint_field("Length", "stp.pvst.tlvlen", FT::kUint16)},
    {&pvst_origvlan, uint_field("Originating VLAN", "stp.pvst.origvlan", FT::kUint16)},
    {&pvst_tlvval, {.name = "Value", .abbrev = "stp.pvst.tlvval", .type = FT::kBytes}},
    {&version_3_length, uint_field("Version 3 Length", "mstp.version_3_length", FT::kUint16)},
    {&config_format,
     uint_field("MST Config ID format selector", "mstp.config_format_selector", FT::kUint8)},
    {&config_name, {.name = "MST Config name", .abbrev = "mstp.config_name", .type = FT::kStringz}},
    {&config_revision,
     uint_field("MST Config revision", "mstp.config_revision_level", FT::kUint16)},
    {&config_digest,
     {.name = "MST Config digest", .abbrev = "mstp.config_digest", .type = FT::kBytes}},
    {&cist_internal_cost,
     uint_field("CIST Internal Root Path Cost", "mstp.cist_internal_root_path_cost", FT::kUint32)},
    {&cist_prio, uint_field("CIST Bridge Priority", "mstp.cist_bridge.prio", FT::kUint16)},
    {&cist_ext,
     uint_field("CIST Bridge Identifier System ID Extension", "mstp.cist_bridge.ext", FT::kUint16)},
    {&cist_hw, ether("CIST Bridge Identifier System ID", "mstp.cist_bridge.hw")},
    {&cist_remaining_hops,
     uint_field("CIST Remaining hops", "mstp.cist_remaining_hops", FT::kUint8)},
    {&msti_flags, uint_field("MSTI flags", "mstp.msti.flags", FT::kUint8, Base::kHex)},
    {&msti_priority, uint_field("Priority", "mstp.msti.priority", FT::kUint8, Base::kHex, 0xf0)},
    {&msti_id_fff, uint_field("MSTID", "mstp.msti.msti_id", FT::kUint16, Base::kDec, 0x0fff)},
    {&msti_id, uint_field("MSTID", "mstp.msti.msti_id", FT::kUint16)},
    {&msti_regional_root_id,
     uint_field("MSTI Regional Root Identifier", "mstp.msti.regional_root_id", FT::kUint16)},
    {&msti_root_hw, ether("Regional Root", "mstp.msti.root.hw")},
    {&msti_root_cost, uint_field("Internal root path cost", "mstp.msti.root_cost", FT::kUint32)},
    {&msti_bridge_id,
     uint_field("MSTI Bridge Identifier", "mstp.msti.bridge_id", FT::kUint16, Base::kDec, 0x0fff)},
    {&msti_bridge_id_priority, uint_field("MSTI Bridge Priority", "mstp.msti.bridge_id_priority",
                                          FT::kUint16, Base::kDec, 0xf000)},
    {&msti_bridge_id_mac, ether("MSTI Bridge MAC", "mstp.msti.bridge_id_mac")},
    {&msti_bridge_priority,
     uint_field("Bridge Identifier Priority", "mstp.msti.bridge_priority", FT::kUint8)},
    {&msti_port_priority,
     uint_field("Port identifier priority", "mstp.msti.port_priority", FT::kUint8)},
    {&msti_port, uint_field("Port identifier", "mstp.msti.port", FT::kUint16, Base::kHex)},
    {&msti_remaining_hops, uint_field("Remaining hops", "mstp.msti.remaining_hops", FT::kUint8)},
    {&version_4_length, uint_field("Version 4 Length", "mstp.version_4_length", FT::kUint16)},
    {&spt_config_format,
     uint_field("SPT Config ID format selector", "mstp.config_format_selector", FT::kUint8)},
    {&spt_config_name,
     {.name = "SPT Config name", .abbrev = "mstp.config_name", .type = FT::kStringz}},
    {&spt_config_revision,
     uint_field("SPT Config revision", "mstp.config_revision_level", FT::kUint16)},
    {&spt_config_digest,
     {.name = "SPT Config digest", .abbrev = "mstp.config_digest", .type = FT::kBytes}},
    {&agree_num, uint_field("Agreement Number", "mstp.agree_flags.agreement_num", FT::kUint8,
                            Base::kDec, 0x03)},
    {&dagree_num, uint_field("Disagreement Number", "mstp.agree_flags.dagreement_num", FT::kUint8,
                             Base::kDec, 0x0c)},
    {&agree_valid, flag("Agreement Valid Flag", "mstp.agree_flags.agreement_valid", 0x10)},
    {&restricted_role, flag("Restricted Role", "mstp.agree_flags.rest_role", 0x20)},
    {&agreement_digest,
     {.name = "Agreement Digest", .abbrev = "mstp.agreement_digest", .type = FT::kBytes}},
    {&digest_format_id, uint_field("Agreement Digest Format Id", "bpdu.agreement_digest_format_id",
                                   FT::kUint8, Base::kDec, 0xf0)},
    {&digest_format_capabilities,
     uint_field("Agreement Digest Format Capabilities", "bpdu.agreement_digest_format_capabilities",
                FT::kUint8, Base::kDec, 0x0f)},
    {&digest_convention_id,
     uint_field("Agreement Digest Convention Id", "bpdu.agreement_digest_convention_id", FT::kUint8,
                Base::kDec, 0xf0)},
    {&digest_convention_capabilities,
     uint_field("Agreement Digest Convention Capabilities",
                "bpdu.agreement_digest_convention_capabilities", FT::kUint8, Base::kDec, 0x0f)},
    {&digest_edge_count,
     uint_field("Agreement Digest Edge Count", "bpdu.agreement_digest_edge_count", FT::kUint16)},
    {&ei_tlv_length_invalid,
     {.name = "Indicated length is not valid for this record type",
      .abbrev = "stp.pvst.tlvlen.invalid"}},
    {&ei_origvlan_missing,
     {.name = "Originating (PVID) VLAN TLV is missing or corrupt",
      .abbrev = "stp.pvst.origvlan.missing"}},
    {&ei_tlv_truncated,
     {.name = "TLV record is truncated prematurely", .abbrev = "stp.pvst.tlv.truncated"}},
    {&ei_tlv_unknown, {.name = "TLV type is unknown", .abbrev = "stp.pvst.tlv.unknown"}},
    {&ei_version_support,
     {.name = "This version of Wireshark only knows about versions 0, 2, 3 & 4",
      .abbrev = "bpdu.version_support"}},
    {&ei_type_unknown, {.name = "Unknown BPDU type data", .abbrev = "stp.type.unknown"}},
};

std::string mac_text(const ByteReader& r, size_t off) {
  std::string s;
  append_mac_raw(s, r.ptr(off, 6));
  return s;
}

// A bridge identifier: priority (top four bits) and system ID extension, then the MAC.
void add_bridge_id(Packet& pkt, int parent, const ByteReader& r, size_t off, const char* title,
                   FieldId prio, FieldId ext, FieldId hw) {
  uint16_t raw = r.u16(off);
  std::string mac = mac_text(r, off + 2);
  int n = pkt.tree.add(parent, kNoField, r, off, 8, Value{});
  pkt.set_label(n, fmt::format("{}: {} / {} / {}", title, raw & 0xf000, raw & 0x0fff, mac));
  pkt.add_uint(n, prio, r, off, 1, raw & 0xf000);
  pkt.add_uint(n, ext, r, off, 2, raw & 0x0fff);
  pkt.add_item(n, hw, r, off + 2, 6);
}

void add_seconds(Packet& pkt, int parent, const ByteReader& r, size_t off, FieldId f) {
  pkt.tree.add(parent, f, r, off, 2, Value::of_double(r.u16(off) / 256.0));
}

// The flags byte with its bits, the header's label naming the set ones.
void add_flags(Packet& pkt, int parent, const ByteReader& r, size_t off, FieldId header, bool rst) {
  uint8_t v = r.u8(off);
  int n = pkt.add_item(parent, header, r, off, 1);
  if (pkt.labels) {
    std::string label = fmt::format("{}: 0x{:02x}", registry().info(header).def.name, v);
    if (rst)
      append_bitmask_title(label, v,
                           {flag_tcack, flag_agreement, flag_forwarding, flag_learning,
                            flag_port_role, flag_proposal, flag_tc});
    else
      append_bitmask_title(label, v, {flag_tcack, flag_tc});
    pkt.set_label(n, label);
  }
  pkt.add_item(n, flag_tcack, r, off, 1);
  if (rst) {
    pkt.add_item(n, flag_agreement, r, off, 1);
    pkt.add_item(n, flag_forwarding, r, off, 1);
    pkt.add_item(n, flag_learning, r, off, 1);
    pkt.add_item(n, flag_port_role, r, off, 1);
    pkt.add_item(n, flag_proposal, r, off, 1);
  }
  pkt.add_item(n, flag_tc, r, off, 1);
}

// Cisco (R)PVST+: TLVs after the BPDU; the originating VLAN must be among them.
void add_pvst_tlvs(Packet& pkt, int tree, const ByteReader& r) {
  size_t off = kPvstTlv;
  bool origvlan_seen = false;
  if (r.reported_remaining(off) < 4)
    add_expert(pkt, tree, ei_tlv_truncated, r, 0, 0, "TLV record is truncated prematurely",
               kExpertError, kGroupMalformed);
  while (r.reported_remaining(off) >= 4) {
    uint16_t tlv_type = r.u16(off), tlv_len = r.u16(off + 2);
    // tshark's TLV item throws when it passes the end of the BPDU, before its own length check
    // could report the TLV as truncated.
    r.need(off, 4 + size_t{tlv_len});
    const char* name = value_name(kPvstTlvTypes, tlv_type);
    std::string label = name ? name : fmt::format("Unknown TLV type: 0x{:04x}", tlv_type);
    int t = pkt.tree.add(tree, kNoField, r, off, 4 + size_t{tlv_len}, Value{});
    pkt.set_label(t, label);
    pkt.add_item(t, pvst_tlvtype, r, off, 2);
    int len_node = pkt.add_item(t, pvst_tlvlen, r, off + 2, 2);
    off += 4;
    if (tlv_type == kPvstOriginatingVlan) {
      if (tlv_len == 2) {
        label += fmt::format(" (PVID): {}", r.u16(off));
        pkt.add_item(t, pvst_origvlan, r, off, 2);
        origvlan_seen = true;
      } else {
        add_expert(pkt, len_node, ei_tlv_length_invalid, r, off - 2, 2,
                   "Indicated length is not valid for this record type", kExpertError,
                   kGroupMalformed);
      }
    } else {
      pkt.add_item(t, pvst_tlvval, r, off, tlv_len);
      add_expert(pkt, t, ei_tlv_unknown, r, off - 4, 4 + size_t{tlv_len}, "TLV type is unknown",
                 kExpertComment, kGroupUndecoded);
    }
    pkt.set_label(t, label);
    off += tlv_len;
  }
  if (!origvlan_seen)
    add_expert(pkt, tree, ei_origvlan_missing, r, 0, 0,
               "Originating (PVID) VLAN TLV is missing or corrupt", kExpertError, kGroupMalformed);
}

// One MSTI configuration message in the standard (802.1s/802.1Q) layout.
void add_msti(Packet& pkt, int parent, const ByteReader& r, size_t off) {
  uint8_t hi = r.u8(off + 1);
  unsigned mstid = ((hi & 0x0f) << 8) + r.u8(off + 2);
  // The label is read before the text item exists: an item never stays without its label.
  std::string label = fmt::format("MSTID {}, Regional Root Identifier {} / {}", mstid,
                                  (hi & 0xf0) << 8, mac_text(r, off + 3));
  r.need(off, kMstiSize);  // tshark's text item throws when it passes the end
  int t = pkt.tree.add(parent, kNoField, r, off, kMstiSize, Value{});
  pkt.set_label(t, label);
  add_flags(pkt, t, r, off, msti_flags, true);
  pkt.add_item(t, msti_priority, r, off + 1, 1);
  pkt.add_item(t, msti_id_fff, r, off + 1, 2);
  pkt.add_item(t, msti_root_hw, r, off + 3, 6);
  pkt.add_item(t, msti_root_cost, r, off + 9, 4);
  pkt.add_uint(t, msti_bridge_priority, r, off + 13, 1, r.u8(off + 13) >> 4);
  pkt.add_uint(t, msti_port_priority, r, off + 14, 1, r.u8(off + 14) >> 4);
  pkt.add_item(t, msti_remaining_hops, r, off + 15, 1);
}

// One MSTI configuration message in the pre-standard layout (MSTID first, full identifiers).
void add_alt_msti(Packet& pkt, int parent, const ByteReader& r, size_t off) {
  uint8_t hi = r.u8(off + 3);
  unsigned mstid = ((hi & 0x0f) << 8) + r.u8(off + 4);
  std::string label = fmt::format("MSTID {}, Regional Root Identifier {} / {}", mstid,
                                  (hi & 0xf0) << 8, mac_text(r, off + 5));
  r.need(off, kMstiSize);  // tshark's text item throws when it passes the end
  int t = pkt.tree.add(parent, kNoField, r, off, kMstiSize, Value{});
  pkt.set_label(t, label);
  pkt.add_item(t, msti_id, r, off, 2);
  add_flags(pkt, t, r, off + 2, msti_flags, true);
  pkt.add_item(t, msti_priority, r, off + 3, 1);
  pkt.add_item(t, msti_regional_root_id, r, off + 3, 2);
  pkt.add_item(t, msti_root_hw, r, off + 5, 6);
  pkt.add_item(t, msti_root_cost, r, off + 11, 4);
  pkt.add_item(t, msti_bridge_id, r, off + 15, 2);
  pkt.add_item(t, msti_bridge_id_priority, r, off + 15, 2);
  pkt.add_item(t, msti_bridge_id_mac, r, off + 17, 6);
  pkt.add_item(t, msti_port, r, off + 23, 2);
  pkt.add_item(t, msti_remaining_hops, r, off + 25, 1);
}

// 802.1aq's SPT extension after the MSTIs: the auxiliary MCID and the agreement data.
void add_spt_extension(Packet& pkt, int tree, const ByteReader& r, size_t off) {
  int spt = pkt.tree.add(tree, kNoField, r, off, r.size() - off, Value{});
  pkt.set_label(spt, "SPT Extension");
  off += 2;
  r.need(off, kMcidLength);
  int mcid = pkt.tree.add(spt, kNoField, r, off, kMcidLength, Value{});
  pkt.set_label(mcid, "MCID Data");
  pkt.add_item(mcid, spt_config_format, r, off, 1);
  pkt.add_item(mcid, spt_config_name, r, off + 1, 32);
  pkt.add_item(mcid, spt_config_revision, r, off + 33, 2);
  pkt.add_item(mcid, spt_config_digest, r, off + 35, 16);
  off += kMcidLength;
  uint8_t agree = r.u8(off);
  int a = pkt.tree.add(spt, kNoField, r, off, r.size() - off, Value{});
  pkt.set_label(a,
                fmt::format("Agreement Data (AN: {}, DAN: {})", agree & 0x03, (agree & 0x0c) >> 2));
  pkt.add_item(a, agree_num, r, off, 1);
  pkt.add_item(a, dagree_num, r, off, 1);
  pkt.add_item(a, agree_valid, r, off, 1);
  pkt.add_item(a, restricted_role, r, off, 1);
  off += 2;
  pkt.add_item(a, digest_format_id, r, off, 1);
  pkt.add_item(a, digest_format_capabilities, r, off, 1);
  off += 1;
  pkt.add_item(a, digest_convention_id, r, off, 1);
  pkt.add_item(a, digest_convention_capabilities, r, off, 1);
  off += 1;
  pkt.add_item(a, digest_edge_count, r, off, 2);
  off += 10;
  pkt.add_item(a, agreement_digest, r, off, 20);
}

// A version 3 BPDU ends where its MSTIs do (tshark's set_actual_length): bytes after them, and
// a last MSTI the length cuts, are beyond the BPDU.
ByteReader mst_bytes(const ByteReader& r, uint8_t ver, size_t msti_total) {
  auto total = static_cast<int64_t>(static_cast<int32_t>(msti_total));
  if (ver != kMstp || total < 0) return r;
  size_t end = kMsti + static_cast<size_t>(total);
  return end < r.reported_size() ? r.sub(0, end) : r;
}

void add_mst_parts(Packet& pkt, int tree, const ByteReader& r, uint8_t ver, MstiFormat format,
                   size_t msti_total) {
  int mst = pkt.tree.add(tree, kNoField, r, kVersion3Length, r.size() - kVersion3Length, Value{});
  pkt.set_label(mst, "MST Extension");
  pkt.add_item(mst, config_format, r, kMstConfigFormat, 1);
  pkt.add_item(mst, config_name, r, kMstConfigName, 32);
  pkt.add_item(mst, config_revision, r, kMstConfigRevision, 2);
  pkt.add_item(mst, config_digest, r, kMstConfigDigest, 16);
  if (format == MstiFormat::kIeee8021s) {
    pkt.add_item(mst, cist_internal_cost, r, kCistInternalCost, 4);
    add_bridge_id(pkt, mst, r, kCistBridgeId, "CIST Bridge Identifier", cist_prio, cist_ext,
                  cist_hw);
  } else if (format == MstiFormat::kAlternative) {
    add_bridge_id(pkt, mst, r, kAltCistBridgeId, "CIST Bridge Identifier", cist_prio, cist_ext,
                  cist_hw);
    pkt.add_item(mst, cist_internal_cost, r, kAltCistInternalCost, 4);
  }
  pkt.add_item(mst, cist_remaining_hops, r, kCistRemainingHops, 1);
  // tshark's signed length: an "alternative" selector under 64 gives no MSTIs.
  auto remaining = static_cast<int64_t>(static_cast<int32_t>(msti_total));
  for (size_t off = kMsti; remaining > 0;) {
    if (format == MstiFormat::kIeee8021s) {
      add_msti(pkt, mst, r, off);
      off += kMstiSize;
      remaining -= kMstiSize;
    } else {
      add_alt_msti(pkt, mst, r, off);
      off += kAltMstiSize;
      remaining -= kAltMstiSize;
    }
  }
  if (ver >= kSpb && r.reported_size() >= kSpbMinLength) {
    size_t v4_off = kMsti + static_cast<size_t>(static_cast<int32_t>(msti_total));
    uint16_t v4_len = r.u16(v4_off);
    pkt.add_item(tree, version_4_length, r, v4_off, 2);
    if (v4_len >= kMinSptVersion4Length) add_spt_extension(pkt, tree, r, v4_off);
  }
}

// The MST part of an RST BPDU with version 3 or more (a Version 1 Length of 0 and at least 102
// bytes say it is one).
void add_mst(Packet& pkt, int tree, const ByteReader& r, uint8_t ver) {
  uint16_t v3_len = r.u16(kVersion3Length);
  pkt.add_item(tree, version_3_length, r, kVersion3Length, 2);
  uint8_t selector = r.u8(kMstConfigFormat);
  MstiFormat format = MstiFormat::kIeee8021s;
  size_t msti_total = 0;
  if (v3_len != 0) {
    // Some Cisco switches give the length in MSTI messages rather than octets.
    msti_total = v3_len >= kVersion3StaticLength ? v3_len - kVersion3StaticLength
                                                 : size_t{v3_len} * kMstiSize;
  } else if (r.reported_size() == size_t{selector} + kMstBpduSize + 1) {
    format = MstiFormat::kAlternative;
    msti_total = size_t{selector} - kVersion3StaticLength;  // wraps as tshark's int does
  } else {
    format = MstiFormat::kUnknown;
  }
  add_mst_parts(pkt, tree, mst_bytes(r, ver, msti_total), ver, format, msti_total);
}

// GARP applications (01:80:c2:00:00:2x, and GVRP's 0d) share the BPDU's LLC SAP.
bool is_garp(const Packet& pkt) {
  if (pkt.dl_dst.type != AddressType::kEther) return false;
  const uint8_t* a = pkt.dl_dst.bytes;
  return a[0] == 0x01 && a[1] == 0x80 && a[2] == 0xc2 && a[3] == 0 && a[4] == 0 &&
         (a[5] == 0x0d || (a[5] & 0xf0) == 0x20);
}

size_t dissect_bpdu(const ByteReader& r, Packet& pkt, int parent, bool pvst) {
  if (is_garp(pkt)) {
    uint8_t app = pkt.dl_dst.bytes[5];
    // GMRP and GVRP have no dissector here: their PDUs are shown as data.
    if (app == 0x20 || app == 0x21 || app == 0x0d) return pkt.call_data(r, parent);
    if (pkt.cols.enabled) {
      pkt.cols.set_protocol("GARP");
      pkt.cols.set_info(fmt::format("Unknown GARP application (0x{:02X})", app));
    }
    return r.reported_size();
  }
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("STP");
    pkt.cols.set_info("");
  }
  uint8_t bpdu_type = r.u8(kType);
  uint8_t ver = r.u8(kVersion);
  if (pkt.cols.enabled) {
    if (bpdu_type == kConfig || bpdu_type == kRst) {
      uint8_t f = r.u8(kFlags);
      uint16_t root = r.u16(kRootId);
      std::string mac = mac_text(r, kRootId + 2);
      const char* kind = bpdu_type == kConfig ? "Conf"
                         : ver == 3           ? "MST"
                         : ver == 4           ? "SPT"
                                              : "RST";
      pkt.cols.set_info(fmt::format("{}. {}Root = {}/{}/{}  Cost = {}  Port = 0x{:04x}", kind,
                                    f & 0x01 ? "TC + " : "", root & 0xf000, root & 0x0fff, mac,
                                    r.u32(kRootCost), r.u16(kPortId)));
    } else if (bpdu_type == kTopologyChange) {
      pkt.cols.set_info("Topology Change Notification");
    } else {
      pkt.cols.set_info(fmt::format("Unknown BPDU type ({})", bpdu_type));
    }
  }
  int tree = pkt.add_protocol(parent, proto, r, 0, r.size());
  pkt.add_uint(tree, proto_id, r, kProtocolId, 2, r.u16(kProtocolId));
  int ver_node = pkt.add_uint(tree, version, r, kVersion, 1, ver);
  if (ver != kStp && ver != kRstp && ver != kMstp && ver != kSpb)
    add_expert(pkt, ver_node, ei_version_support, r, kVersion, 1,
               "This version of Wireshark only knows about versions 0, 2, 3 & 4", kExpertWarn,
               kGroupProtocol);
  int type_node = pkt.add_uint(tree, type, r, kType, 1, bpdu_type);
  if (bpdu_type == kTopologyChange) return r.reported_size();
  if (bpdu_type != kConfig && bpdu_type != kRst) {
    add_expert(pkt, type_node, ei_type_unknown, r, kType, 1, "Unknown BPDU type data", kExpertWarn,
               kGroupProtocol);
    return r.reported_size();
  }
  add_flags(pkt, tree, r, kFlags, flags, bpdu_type == kRst);
  add_bridge_id(pkt, tree, r, kRootId, "Root Identifier", root_prio, root_ext, root_hw);
  pkt.add_item(tree, root_cost, r, kRootCost, 4);
  add_bridge_id(pkt, tree, r, kBridgeId, "Bridge Identifier", bridge_prio, bridge_ext, bridge_hw);
  pkt.add_item(tree, port, r, kPortId, 2);
  add_seconds(pkt, tree, r, kMessageAge, msg_age);
  add_seconds(pkt, tree, r, kMaxAge, max_age);
  add_seconds(pkt, tree, r, kHelloTime, hello);
  add_seconds(pkt, tree, r, kForwardDelay, forward);
  if (bpdu_type == kConfig) {
    if (pvst) add_pvst_tlvs(pkt, tree, r);
    return r.reported_size();
  }
  uint8_t v1_len = r.u8(kVersion1Length);
  pkt.add_item(tree, version_1_length, r, kVersion1Length, 1);
  if (ver >= kMstp && v1_len == 0 && r.reported_size() >= kMstMinLength)
    add_mst(pkt, tree, r, ver);
  else if (pvst)
    add_pvst_tlvs(pkt, tree, r);
  return r.reported_size();
}

size_t dissect_bpdu_generic(const ByteReader& r, Packet& pkt, int parent) {
  return dissect_bpdu(r, pkt, parent, false);
}
size_t dissect_bpdu_pvst(const ByteReader& r, Packet& pkt, int parent) {
  return dissect_bpdu(r, pkt, parent, true);
}

}  // namespace

void register_stp() {
  FieldRegistry& reg = registry();
  proto = reg.add_protocol({"Spanning Tree Protocol", "STP", "stp"});
  reg.add_fields(proto, kFields);
  constexpr uint8_t kSapBpdu = 0x42;
  llc::dsap_table().add(kSapBpdu, dissect_bpdu_generic, "stp");
  llc::cisco_pid_table().add(kPidRlqRequest, dissect_bpdu_generic, "stp");
  llc::cisco_pid_table().add(kPidRlqResponse, dissect_bpdu_generic, "stp");
  llc::cisco_pid_table().add(kPidVlanBridge, dissect_bpdu_generic, "stp");
  llc::cisco_pid_table().add(kPidPvstPlus, dissect_bpdu_pvst, "stp");
  llc::set_bpdu_dissector(dissect_bpdu_generic);
}

}  // namespace netsift
