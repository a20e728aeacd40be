// IEEE 802.1Q VLAN tags (0x8100, and 0x9100 as tshark's default QinQ type) and the IEEE 802.1ad
// service tag (0x88a8), as Wireshark's packet-vlan.c and packet-ieee8021ah.c show them.
#include <fmt/format.h>

#include <algorithm>

#include "core/expert.h"
#include "core/field_registry.h"
#include "core/preferences.h"
#include "core/session.h"
#include "dissectors/eth.h"
#include "dissectors/ethertype_names.h"
#include "dissectors/frame.h"
#include "dissectors/llc.h"

namespace netsift {

namespace {

// The module's preferences (-o NAME:VALUE), registered at the end of the file.
BoolPref pref_summary_in_tree;
UintPref pref_qinq_ethertype;
EnumPref pref_version;
EnumPref pref_priority_drop;

FieldId vlan_proto, priority_1998, priority, priority_7, priority_6, priority_5, cfi, dei, id, id_name, etype, len, trailer, too_many_tags;
FieldId ad_proto, ah_proto, ad_priority, ad_dei, ad_id, ah_etype, ah_trailer;

constexpr size_t kTagSize = 4;
constexpr uint16_t kMax8023Length = 1500;
// Wireshark stops at this many 802.1Q tags in one frame (each tag recurses into the next), so a
// frame of stacked tags cannot exhaust the stack; the next tag gets an expert info only.
constexpr std::ptrdiff_t kMaxNestedTags = 20;

// Which version of 802.1Q reads the TCI (vlan.version), and how many of the priorities are
// drop eligible (vlan.priority_drop, from 802.1Q-2005 on).
enum VlanVersion { k1998 = 0, k2005 = 1, k2011 = 2 };
enum PriorityDrop { k8P0D = 0, k7P1D = 1, k6P2D = 2, k5P3D = 3 };

// Priority names of IEEE 802.1D-2004 (Table G-2), as 802.1Q-1998 uses them.
constexpr ValueName kPriorities1998[] = {{0, "Best Effort (default)"},
                                         {1, "Background"},
                                         {2, "Spare"},
                                         {3, "Excellent Effort"},
                                         {4, "Controlled Load"},
                                         {5, "Video, < 100ms latency and jitter"},
                                         {6, "Voice, < 10ms latency and jitter"},
                                         {7, "Network Control"}};
// 802.1Q-2005 and later with 8 priorities, none drop eligible (tshark's default).
constexpr ValueName kPriorities[] = {{0, "Best Effort (default)"},
                                     {1, "Background"},
                                     {2, "Excellent Effort"},
                                     {3, "Critical Applications"},
                                     {4, "Video, < 100ms latency and jitter"},
                                     {5, "Voice, < 10ms latency and jitter"},
                                     {6, "Internetwork Control"},
                                     {7, "Network Control"}};
// 7, 6 and 5 priorities: the drop eligible codes of 802.1Q-2005 Table G-3.
constexpr ValueName kPriorities7[] = {{0, "Best Effort (default)"},
                                      {1, "Background"},
                                      {2, "Excellent Effort"},
                                      {3, "Critical Applications"},
                                      {4, "Voice, < 10ms latency and jitter, Drop Eligible"},
                                      {5, "Voice, < 10ms latency and jitter"},
                                      {6, "Internetwork Control"},
                                      {7, "Network Control"}};
constexpr ValueName kPriorities6[] = {{0, "Best Effort (default)"},
                                      {1, "Background"},
                                      {2, "Critical Applications, Drop Eligible"},
                                      {3, "Critical Applications"},
                                      {4, "Voice, < 10ms latency and jitter, Drop Eligible"},
                                      {5, "Voice, < 10ms latency and jitter"},
                                      {6, "Internetwork Control"},
                                      {7, "Network Control"}};
constexpr ValueName kPriorities5[] = {{0, "Best Effort (default), Drop Eligible"},
                                      {1, "Best Effort (default)"},
                                      {2, "Critical Applications, Drop Eligible"},
                                      {3, "Critical Applications"},
                                      {4, "Voice, < 10ms latency and jitter, Drop Eligible"},
                                      {5, "Voice, < 10ms latency and jitter"},
                                      {6, "Internetwork Control"},
                                      {7, "Network Control"}};
constexpr TrueFalse kDeiText{"Eligible", "Ineligible"};
constexpr TrueFalse kCfiText{"Non-canonical", "Canonical"};

// vlan.priority with one of 802.1Q-2014's value tables.
constexpr FieldDef priority_2014(std::span<const ValueName> values) {
  return {.name = "Priority",
          .abbrev = "vlan.priority",
          .type = FieldType::kUint16,
          .base = Base::kDec,
          .values = values,
          .bitmask = 0xe000,
          .blurb = "Descriptions are recommendations from IEEE standard 802.1Q-2014"};
}

// Five definitions of vlan.priority, one per value table, as tshark registers them: the
// preferences pick which one a tag is shown with, a filter on the name matches them all.
const FieldReg kVlanFields[] = {
    {&priority_1998,
     {.name = "Priority",
      .abbrev = "vlan.priority",
      .type = FieldType::kUint16,
      .base = Base::kDec,
      .values = kPriorities1998,
      .bitmask = 0xe000,
      .blurb = "Descriptions are recommendations from IEEE standard 802.1D-2004"}},
    {&priority, priority_2014(kPriorities)},
    {&priority_7, priority_2014(kPriorities7)},
    {&priority_6, priority_2014(kPriorities6)},
    {&priority_5, priority_2014(kPriorities5)},
    {&cfi,
     {.name = "CFI",
      .abbrev = "vlan.cfi",
      .type = FieldType::kBoolean,
      .bitmask = 0x1000,
      .blurb = "Canonical Format Identifier",
      .tf = &kCfiText,
      .bits = 16}},
    {&dei,
     {.name = "DEI",
      .abbrev = "vlan.dei",
      .type = FieldType::kBoolean,
      .bitmask = 0x1000,
      .blurb = "Drop Eligible Indicator",
      .tf = &kDeiText,
      .bits = 16}},
    {&id,
     {.name = "ID",
      .abbrev = "vlan.id",
      .type = FieldType::kUint16,
      .base = Base::kDec,
      .bitmask = 0x0fff,
      .blurb = "VLAN ID"}},
    {&id_name,
     {.name = "Name",
      .abbrev = "vlan.id_name",
      .type = FieldType::kString,
      .blurb = "VLAN ID Name"}},
    {&etype,
     {.name = "Type",
      .abbrev = "vlan.etype",
      .type = FieldType::kUint16,
      .base = Base::kHex,
      .values = kEthertypeNames,
      .blurb = "Ethertype"}},
    {&len,
     {.name = "Length", .abbrev = "vlan.len", .type = FieldType::kUint16, .base = Base::kDec}},
    {&trailer,
     {.name = "Trailer",
      .abbrev = "vlan.trailer",
      .type = FieldType::kBytes,
      .blurb = "VLAN Trailer"}},
    {&too_many_tags, {.name = "Too many nested VLAN tags", .abbrev = "vlan.too_many_tags"}},
};

const FieldReg kAdFields[] = {
    {&ad_priority,
     {.name = "Priority",
      .abbrev = "ieee8021ad.priority",
      .type = FieldType::kUint16,
      .base = Base::kDec,
      .bitmask = 0xe000}},
    {&ad_dei,
     {.name = "DEI",
      .abbrev = "ieee8021ad.dei",
      .type = FieldType::kUint16,
      .base = Base::kDec,
      .bitmask = 0x1000,
      .blurb = "Drop Eligibility"}},
    {&ad_id,
     {.name = "ID",
      .abbrev = "ieee8021ad.id",
      .type = FieldType::kUint16,
      .base = Base::kDec,
      .bitmask = 0x0fff,
      .blurb = "Vlan ID"}},
};

const FieldReg kAhFields[] = {
    {&ah_etype,
     {.name = "Type",
      .abbrev = "ieee8021ah.etype",
      .type = FieldType::kUint16,
      .base = Base::kHex,
      .values = kEthertypeNames}},
    {&ah_trailer,
     {.name = "Trailer",
      .abbrev = "ieee8021ah.trailer",
      .type = FieldType::kBytes,
      .blurb = "802.1ah Trailer"}},
};

// The vlan.priority definition whose value names the preferences choose.
FieldId priority_field(const PrefStore& prefs) {
  if (prefs.get(pref_version) == k1998) return priority_1998;
  switch (prefs.get(pref_priority_drop)) {
    case k7P1D:
      return priority_7;
    case k6P2D:
      return priority_6;
    case k5P3D:
      return priority_5;
    default:
      return priority;
  }
}

// 802.1Q: the tag, then the EtherType payload, or an 802.3 length with an LLC payload.
size_t dissect_vlan(const ByteReader& r, Packet& pkt, int parent) {
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("VLAN");
    pkt.cols.set_info("");
  }
  uint16_t tci = r.u16(0);
  int version = pkt.session->prefs.get(pref_version);
  // Before 802.1Q-2011 the bit after the priority is the Canonical Format Indicator.
  const char* bit12 = version < k2011 ? "CFI" : "DEI";
  if (pkt.cols.enabled) {
    pkt.cols.set_info(fmt::format("PRI: {}  {}: {}  ID: {}", tci >> 13, bit12, (tci >> 12) & 1,
                                  tci & 0x0fff));
  }
  if (std::count(pkt.layers.begin(), pkt.layers.end(), vlan_proto) >= kMaxNestedTags) {
    int node = pkt.add_protocol(parent, vlan_proto, r, 0, kTagSize);
    add_expert(pkt, node, too_many_tags, r, 0, 0, "Too many nested VLAN tags", kExpertWarn,
               kGroupUndecoded);
    return r.size();
  }
  int node = pkt.add_protocol(parent, vlan_proto, r, 0, kTagSize);
  if (pkt.labels && pkt.session->prefs.get(pref_summary_in_tree))
    pkt.set_label(node, fmt::format("802.1Q Virtual LAN, PRI: {}, {}: {}, ID: {}", tci >> 13,
                                    bit12, (tci >> 12) & 1, tci & 0x0fff));
  pkt.add_item(node, priority_field(pkt.session->prefs), r, 0, 2);
  pkt.add_item(node, version == k2011 ? dei : cfi, r, 0, 2);
  pkt.add_item(node, id, r, 0, 2);
  // -N v (nameres.vlan_name): the name the profile's vlans file gives the ID, else "<ID>".
  if (pkt.session->resolve.vlan) {
    const std::string* known = pkt.session->names.vlan_name(tci & 0x0fff);
    std::string name = known ? *known : fmt::format("<{}>", tci & 0x0fff);
    int n = pkt.add_generated_string(node, id_name, name);
    if (pkt.labels) pkt.set_label(n, fmt::format("[Name: {}]", name));
  }
  uint16_t encap = r.u16(2);
  if (encap <= kMax8023Length) {
    // 802.3 inside the tag: LLC, or raw IPX (no dissector here: data) when it starts 0xffff.
    pkt.add_item(node, len, r, 2, 2);
    size_t payload_len = std::min<size_t>(encap, r.reported_remaining(kTagSize));
    bool is_802_2 = !(r.has(kTagSize, 2) && r.u16(kTagSize) == 0xffff);
    ByteReader payload = r.sub(kTagSize, payload_len);
    try {
      if (is_802_2)
        dissect_llc(payload, pkt, parent);
      else
        pkt.call_data(payload, parent);
    } catch (const BoundsError& e) {
      flag_exception(pkt, e, payload);
    } catch (const DissectorBug& e) {
      flag_dissector_bug(pkt, e);
    }
    add_ethernet_trailer(pkt, parent, node, trailer, r, r.sub(kTagSize + payload_len), 0);
    return r.reported_size();
  }
  pkt.add_item(node, etype, r, 2, 2);
  return dissect_ethertype(r, pkt, parent, {encap, kTagSize, node, trailer, 0});
}

// 802.1ad service tag: the same TCI layout, then the inner EtherType.
size_t dissect_ieee8021ad(const ByteReader& r, Packet& pkt, int parent) {
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("802.1ad");
    pkt.cols.set_info("");
  }
  uint16_t tci = r.u16(0);
  if (pkt.cols.enabled) {
    pkt.cols.set_info(
        fmt::format("PRI: {}  DROP: {} ID: {}", tci >> 13, (tci >> 12) & 1, tci & 0x0fff));
  }
  int node = pkt.add_protocol(parent, ad_proto, r, 0, kTagSize);
  if (pkt.labels) pkt.set_label(node, fmt::format("IEEE 802.1ad, ID: {}", tci & 0x0fff));
  pkt.add_uint(node, ad_priority, r, 0, 1, tci >> 13);
  pkt.add_uint(node, ad_dei, r, 0, 1, (tci >> 12) & 1);
  pkt.add_item(node, ad_id, r, 0, 2);
  uint16_t encap = r.u16(2);
  pkt.add_item(node, ah_etype, r, 2, 2);
  return dissect_ethertype(r, pkt, parent, {encap, kTagSize, node, ah_trailer, 0});
}

}  // namespace

namespace {

// tshark's "vlan" preferences (-o vlan.NAME:VALUE, -G defaultprefs).

const PrefEnumValue kVersionValues[] = {
    {"1998", "IEEE 802.1Q-1998", k1998},
    {"2005", "IEEE 802.1Q-2005", k2005},
    {"2011", "IEEE 802.1Q-2011", k2011},
};

const PrefEnumValue kPriorityDropValues[] = {
    {"8p0d", "8 Priorities, 0 Drop Eligible", k8P0D},
    {"7p1d", "7 Priorities, 1 Drop Eligible", k7P1D},
    {"6p2d", "6 Priorities, 2 Drop Eligible", k6P2D},
    {"5p3d", "5 Priorities, 3 Drop Eligible", k5P3D},
};

const PrefReg kVlanPrefs[] = {
    pref_bool(&pref_summary_in_tree, "summary_in_tree",
              "Whether the vlan summary line should be shown in the protocol tree",
              true),
    pref_uint(&pref_qinq_ethertype, "qinq_ethertype",
              "The (hexadecimal) Ethertype used to indicate 802.1QinQ VLAN in VLAN tunneling.",
              0x9100, 16),
    pref_enum(&pref_version, "version",
              "IEEE 802.1Q specification version used (802.1Q-1998 uses 802.1D-2004 for PRI values)",
              k2011, kVersionValues),
    pref_enum(&pref_priority_drop, "priority_drop",
              "Number of priorities supported, and number of those drop eligible (not used for 802.1Q-1998)",
              k8P0D, kPriorityDropValues),
};

}  // namespace

void register_vlan() {
  prefs_registry().add_module({"vlan", "802.1Q Virtual LAN"}, kVlanPrefs);
  FieldRegistry& reg = registry();
  vlan_proto = reg.add_protocol({"802.1Q Virtual LAN", "VLAN", "vlan"});
  reg.add_fields(vlan_proto, kVlanFields);
  ad_proto = reg.add_protocol({"IEEE 802.1ad", "IEEE 802.1AD", "ieee8021ad"});
  reg.add_fields(ad_proto, kAdFields);
  ah_proto = reg.add_protocol({"IEEE 802.1ah", "IEEE 802.1AH", "ieee8021ah"});
  reg.add_fields(ah_proto, kAhFields);
  tables::ethertype().add(0x8100, dissect_vlan, "vlan");
  tables::ethertype().add(0x9100, dissect_vlan, "vlan");  // vlan.qinq_ethertype default
  tables::ethertype().add(0x88a8, dissect_ieee8021ad, "ieee8021ad");
}

}  // namespace netsift
