// Ethernet II and IEEE 802.3 framing (Wireshark's packet-eth.c / packet-ethertype.c): addresses
// with their resolved names, OUIs and LG/IG bits, the EtherType dispatch, and what is left after
// the payload (padding, trailer, FCS).
#include "dissectors/eth.h"

#include <cstring>
#include <optional>
#include <vector>

#include <fmt/format.h>
#include <zlib.h>

#include "core/field_registry.h"
#include "core/preferences.h"
#include "core/protocol_state.h"
#include "core/session.h"
#include "core/value_strings.h"
#include "dissectors/ethertype_names.h"
#include "dissectors/frame.h"
#include "dissectors/ip.h"
#include "dissectors/llc.h"

namespace netsift {

namespace eth_fields {
ProtocolField proto, ethertype_proto;
UintField type, len, fcs;
BytesField dst, src, padding, trailer;
LabelField padding_bad;
}  // namespace eth_fields

namespace {
using namespace eth_fields;

// tshark's "eth" preferences, registered at the end of the file.
EnumPref pref_padding;
UintPref pref_trailer_length;
EnumPref pref_fcs;
BoolPref pref_check_fcs;
BoolPref pref_interpret_as_fw1_monitor;
BoolPref pref_deduplicate_dmac;
BoolPref pref_ccsds_heuristic_length;
BoolPref pref_ccsds_heuristic_version;
BoolPref pref_ccsds_heuristic_header;
BoolPref pref_ccsds_heuristic_bit;
enum Padding { kPaddingNever = 0, kPaddingZeros = 1, kPaddingAny = 2 };

FieldId fcs_bad;

FieldId dst_resolved, dst_oui, dst_oui_resolved, src_resolved, src_oui, src_oui_resolved,
    invalid_lentype, addr, addr_resolved, addr_oui, addr_oui_resolved, dst_lg, dst_ig, src_lg,
    src_ig, lg, ig, fcs_status, ei_invalid_lentype, ei_src_not_group, ei_len;

constexpr size_t kHeaderSize = 14;
constexpr uint16_t kMax8023Length = 1500;
constexpr uint16_t kMinEthernetIIType = 1536;
constexpr uint16_t kEthertypeIpx = 0x8137;  // raw 802.3 frames are IPX
constexpr size_t kMinFrameSize = 60;  // without FCS; shorter frames were padded

constexpr TrueFalse kLgText{"Locally administered address (this is NOT the factory default)",
                            "Globally unique address (factory default)"};
constexpr TrueFalse kIgText{"Group address (multicast/broadcast)", "Individual address (unicast)"};

const FieldReg kFields[] = {
    {&dst,
     {.name = "Destination",
      .abbrev = "eth.dst",
      .type = FieldType::kEther,
      .blurb = "Destination Hardware Address"}},
    {&dst_resolved,
     {.name = "Destination (resolved)",
      .abbrev = "eth.dst_resolved",
      .type = FieldType::kString,
      .blurb = "Destination Hardware Address (resolved)"}},
    {&dst_oui,
     {.name = "Destination OUI",
      .abbrev = "eth.dst.oui",
      .type = FieldType::kUint24,
      .base = Base::kOui,
      .blurb = "Destination Organizationally Unique Identifier"}},
    {&dst_oui_resolved,
     {.name = "Destination OUI (resolved)",
      .abbrev = "eth.dst.oui_resolved",
      .type = FieldType::kString,
      .blurb = "Destination Organizationally Unique Identifier (resolved)"}},
    {&src,
     {.name = "Source",
      .abbrev = "eth.src",
      .type = FieldType::kEther,
      .blurb = "Source Hardware Address"}},
    {&src_resolved,
     {.name = "Source (resolved)",
      .abbrev = "eth.src_resolved",
      .type = FieldType::kString,
      .blurb = "Source Hardware Address (resolved)"}},
    {&src_oui,
     {.name = "Source OUI",
      .abbrev = "eth.src.oui",
      .type = FieldType::kUint24,
      .base = Base::kOui,
      .blurb = "Source Organizationally Unique Identifier"}},
    {&src_oui_resolved,
     {.name = "Source OUI (resolved)",
      .abbrev = "eth.src.oui_resolved",
      .type = FieldType::kString,
      .blurb = "Source Organizationally Unique Identifier (resolved)"}},
    {&len, {.name = "Length", .abbrev = "eth.len", .type = FieldType::kUint16, .base = Base::kDec}},
    {&type,
     {.name = "Type",
      .abbrev = "eth.type",
      .type = FieldType::kUint16,
      .base = Base::kHex,
      .values = kEthertypeNames}},
    {&invalid_lentype,
     {.name = "Invalid length/type",
      .abbrev = "eth.invalid_lentype",
      .type = FieldType::kUint16,
      .base = Base::kHexDec}},
    {&addr,
     {.name = "Address",
      .abbrev = "eth.addr",
      .type = FieldType::kEther,
      .blurb = "Source or Destination Hardware Address"}},
    {&addr_resolved,
     {.name = "Address (resolved)",
      .abbrev = "eth.addr_resolved",
      .type = FieldType::kString,
      .blurb = "Source or Destination Hardware Address (resolved)"}},
    {&addr_oui,
     {.name = "Address OUI",
      .abbrev = "eth.addr.oui",
      .type = FieldType::kUint24,
      .base = Base::kOui,
      .blurb = "Address Organizationally Unique Identifier"}},
    {&addr_oui_resolved,
     {.name = "Address OUI (resolved)",
      .abbrev = "eth.addr.oui_resolved",
      .type = FieldType::kString,
      .blurb = "Address Organizationally Unique Identifier (resolved)"}},
    {&padding,
     {.name = "Padding",
      .abbrev = "eth.padding",
      .type = FieldType::kBytes,
      .blurb = "Ethernet Padding"}},
    {&trailer,
     {.name = "Trailer",
      .abbrev = "eth.trailer",
      .type = FieldType::kBytes,
      .blurb = "Ethernet Trailer or Checksum"}},
    {&fcs,
     {.name = "Frame check sequence",
      .abbrev = "eth.fcs",
      .type = FieldType::kUint32,
      .base = Base::kHex,
      .blurb = "Ethernet checksum"}},
    {&fcs_bad, {.name = "Bad checksum", .abbrev = "eth.fcs_bad"}},
    {&fcs_status,
     {.name = "FCS Status",
      .abbrev = "eth.fcs.status",
      .type = FieldType::kUint8,
      .values = kChecksumStatusNames}},
    {&dst_lg,
     {.name = "LG bit",
      .abbrev = "eth.dst.lg",
      .type = FieldType::kBoolean,
      .bitmask = 0x020000,
      .blurb = "Specifies if this is a locally administered or globally unique (IEEE assigned) "
               "address",
      .tf = &kLgText,
      .bits = 24}},
    {&dst_ig,
     {.name = "IG bit",
      .abbrev = "eth.dst.ig",
      .type = FieldType::kBoolean,
      .bitmask = 0x010000,
      .blurb = "Specifies if this is an individual (unicast) or group (broadcast/multicast) "
               "address",
      .tf = &kIgText,
      .bits = 24}},
    {&src_lg,
     {.name = "LG bit",
      .abbrev = "eth.src.lg",
      .type = FieldType::kBoolean,
      .bitmask = 0x020000,
      .blurb = "Specifies if this is a locally administered or globally unique (IEEE assigned) "
               "address",
      .tf = &kLgText,
      .bits = 24}},
    {&src_ig,
     {.name = "IG bit",
      .abbrev = "eth.src.ig",
      .type = FieldType::kBoolean,
      .bitmask = 0x010000,
      .blurb = "Specifies if this is an individual (unicast) or group (broadcast/multicast) "
               "address",
      .tf = &kIgText,
      .bits = 24}},
    {&lg,
     {.name = "LG bit",
      .abbrev = "eth.lg",
      .type = FieldType::kBoolean,
      .bitmask = 0x020000,
      .blurb = "Specifies if this is a locally administered or globally unique (IEEE assigned) "
               "address",
      .tf = &kLgText,
      .bits = 24}},
    {&ig,
     {.name = "IG bit",
      .abbrev = "eth.ig",
      .type = FieldType::kBoolean,
      .bitmask = 0x010000,
      .blurb =
          "Specifies if this is an individual (unicast) or group (broadcast/multicast) address",
      .tf = &kIgText,
      .bits = 24}},
    {&ei_invalid_lentype, {.name = "Invalid length/type", .abbrev = "eth.invalid_lentype.expert"}},
    {&ei_src_not_group,
     {.name = "Source MAC must not be a group address: IEEE 802.3-2002, Section "
              "3.2.3(b)",
      .abbrev = "eth.src_not_group"}},
    {&ei_len,
     {.name = "Length field value goes past the end of the payload", .abbrev = "eth.len.past_end"}},
    {&padding_bad,
     {.name = "Padding identification may be inaccurate and impact trailer dissector",
      .abbrev = "eth.padding_bad"}},
};

std::vector<TrailerDissector>& trailer_dissectors() {
  static std::vector<TrailerDissector> list;
  return list;
}

std::vector<EthHeuristic>& eth_heuristics() {
  static std::vector<EthHeuristic> list;
  return list;
}

const NameResolver& names(const Packet& pkt) {
  return pkt.session->names;
}
bool resolve_mac(const Packet& pkt) {
  return pkt.session->resolve.mac;
}

// The hidden name/OUI items and the LG/IG bits under one address (dissect_address_data).
void add_address(Packet& pkt, const ByteReader& r, int tree, size_t off, bool is_dst,
                 bool check_group) {
  const uint8_t* mac = r.ptr(off, 6);
  int node = pkt.add_item(tree, is_dst ? dst : src, r, off, 6);
  if (check_group && !is_dst && (mac[0] & 0x01))
    add_expert(pkt, node, ei_src_not_group, r, off, 6,
               "Source MAC must not be a group address: IEEE 802.3-2002, Section 3.2.3(b)",
               kExpertWarn, kGroupProtocol);
  // Most runs keep none of the items below (summary lines, filters on other fields): they
  // would only be discarded one by one, twice per frame.
  bool wants_any = false;
  for (FieldId f : {is_dst ? dst_resolved : src_resolved, is_dst ? dst_oui : src_oui,
                    is_dst ? dst_oui_resolved : src_oui_resolved, addr, addr_resolved, addr_oui,
                    addr_oui_resolved, is_dst ? dst_lg : src_lg, lg, is_dst ? dst_ig : src_ig, ig})
    wants_any = wants_any || pkt.tree.wants(f);
  if (!wants_any) return;
  // Name lookups cost more than the rest of Ethernet: only done when a resolved field is kept.
  FieldId resolved_field = is_dst ? dst_resolved : src_resolved;
  const bool want_names = pkt.tree.wants(resolved_field) || pkt.tree.wants(addr_resolved) ||
                          pkt.tree.wants(is_dst ? dst_oui_resolved : src_oui_resolved) ||
                          pkt.tree.wants(addr_oui_resolved);
  // Reused between packets: the resolved name is copied into the packet arena.
  static thread_local std::string name;
  name.clear();
  const char* oui_name = nullptr;
  if (want_names) {
    names(pkt).append_mac(name, mac, resolve_mac(pkt));
    oui_name = names(pkt).oui_long_name(mac);
  }
  auto add_names = [&](FieldId resolved, FieldId oui, FieldId oui_resolved) {
    int n = pkt.add_generated_string(node, resolved, name, kHidden);
    pkt.tree[n].offset = r.origin() + off;
    pkt.tree[n].length = 6;
    pkt.tree.add(node, oui, r, off, 3, Value::of_uint(r.u24(off)), kGenerated | kHidden);
    if (oui_name) {
      n = pkt.add_generated_string(node, oui_resolved, oui_name, kHidden);
      pkt.tree[n].offset = r.origin() + off;
      pkt.tree[n].length = 6;
    }
  };
  add_names(is_dst ? dst_resolved : src_resolved, is_dst ? dst_oui : src_oui,
            is_dst ? dst_oui_resolved : src_oui_resolved);
  pkt.add_item(node, addr, r, off, 6);
  add_names(addr_resolved, addr_oui, addr_oui_resolved);
  pkt.add_item(node, is_dst ? dst_lg : src_lg, r, off, 3);
  pkt.tree[pkt.add_item(node, lg, r, off, 3)].flags |= kHidden;
  pkt.add_item(node, is_dst ? dst_ig : src_ig, r, off, 3);
  pkt.tree[pkt.add_item(node, ig, r, off, 3)].flags |= kHidden;
}

void add_addresses(Packet& pkt, const ByteReader& r, int tree, bool check_group) {
  add_address(pkt, r, tree, 0, true, check_group);
  add_address(pkt, r, tree, 6, false, check_group);
}

// "Ethernet II, Src: Name_xx:yy:zz (raw), Dst: ..." and similar protocol summaries.
void label_protocol(Packet& pkt, int node, std::string_view prefix, const uint8_t* s,
                    const uint8_t* d) {
  std::string text(prefix);
  text.append(", Src: ");
  append_mac_with_resolution(text, pkt, s);
  text.append(", Dst: ");
  append_mac_with_resolution(text, pkt, d);
  pkt.set_label(node, text);
}

// IEEE 802.3: a length instead of a type, then LLC (or raw IPX when the payload starts 0xffff).
size_t dissect_802_3(const ByteReader& r, Packet& pkt, int parent, int tree, uint16_t length,
                     bool is_802_2, int fcs_len) {
  int len_node = pkt.add_uint(tree, len, r, 12, 2, length);
  size_t payload_len = length;
  size_t available = r.reported_remaining(kHeaderSize);
  if (payload_len > available) {
    payload_len = available;
    add_expert(pkt, len_node, ei_len, r, 12, 2,
               "Length field value goes past the end of the payload", kExpertError,
               kGroupMalformed);
  }
  ByteReader payload = r.sub(kHeaderSize, payload_len);
  try {
    // Raw 802.3 is Novell's IPX without LLC: its 0xffff checksum stands where LLC's SAPs
    // would. IPX is found through its EtherType's entry.
    if (is_802_2)
      dissect_llc(payload, pkt, parent);
    else
      pkt.call_next(tables::ethertype(), kEthertypeIpx, payload, parent);
  } catch (const BoundsError& e) {
    flag_exception(pkt, e, payload);
  } catch (const DissectorBug& e) {
    flag_dissector_bug(pkt, e);
  }
  ByteReader trailer_bytes = r.sub(kHeaderSize + payload_len);
  add_ethernet_trailer(pkt, parent, tree, trailer, r, trailer_bytes, fcs_len);
  return r.reported_size();
}

// Ethernet II or 802.3 in `r`, whose last bytes are FCS when fcs_len is 4 (0: none, -1: guess).
size_t dissect_eth_common(const ByteReader& r, Packet& pkt, int parent, int fcs_len) {
  // Same order as tshark, so a frame cut short keeps what was read before the cut.
  if (pkt.cols.enabled) pkt.cols.set_protocol("Ethernet");
  const uint8_t* d = r.ptr(0, 6);
  pkt.dl_dst = pkt.dst = Address::ether(d);
  const uint8_t* s = r.ptr(6, 6);
  pkt.dl_src = pkt.src = Address::ether(s);
  uint16_t etype = r.u16(12);
  for (EthHeuristic h : eth_heuristics())
    if (h(r, pkt, parent)) return r.reported_size();

  int node = pkt.add_protocol(parent, proto, r, 0, kHeaderSize);
  if (etype > kMax8023Length && etype < kMinEthernetIIType) {
    if (pkt.cols.enabled) {
      pkt.cols.set_info(
          fmt::format("Ethernet Unknown: Invalid length/type: 0x{:04x} ({})", etype, etype));
      label_protocol(pkt, node, "Ethernet Unknown", s, d);
    }
    add_addresses(pkt, r, node, false);
    int n = pkt.add_item(node, invalid_lentype, r, 12, 2);
    add_expert(pkt, n, ei_invalid_lentype, r, 12, 2,
               fmt::format("Invalid length/type: 0x{:04x} ({})", etype, etype), kExpertWarn,
               kGroupProtocol);
    pkt.call_data(r.sub(kHeaderSize), parent);
    return r.reported_size();
  }
  if (etype <= kMax8023Length && etype != 0) {
    bool is_802_2 = !(r.has(14, 2) && r.u16(14) == 0xffff);
    if (pkt.cols.enabled) {
      pkt.cols.set_info(is_802_2 ? "IEEE 802.3 Ethernet " : "IEEE 802.3 Ethernet Raw ");
      pkt.set_label(node, is_802_2 ? "IEEE 802.3 Ethernet " : "IEEE 802.3 Ethernet Raw ");
    }
    add_addresses(pkt, r, node, false);
    return dissect_802_3(r, pkt, parent, node, etype, is_802_2, fcs_len);
  }
  if (pkt.cols.enabled) pkt.cols.set_info("Ethernet II");
  if (pkt.labels) label_protocol(pkt, node, "Ethernet II", s, d);
  add_addresses(pkt, r, node, true);
  pkt.add_item(node, type, r, 12, 2);
  return dissect_ethertype(r, pkt, parent, {etype, kHeaderSize, node, trailer, fcs_len});
}

// The Ethernet link type. pcap does not say whether frames carry an FCS: eth.fcs says (by
// default, guess). eth.deduplicate_dmac drops a Cisco FEX's repeated destination address;
// eth.trailer_length sets apart a TAP's fixed-length trailer (before the FCS, if any).
size_t dissect_eth(const ByteReader& frame, Packet& pkt, int parent) {
  const PrefStore& prefs = pkt.session->prefs;
  int fcs_len = prefs.get(pref_fcs);
  ByteReader r = frame;
  if (prefs.get(pref_deduplicate_dmac) && r.size() > 20 &&
      std::memcmp(r.ptr(0, 6), r.ptr(6, 6), 6) == 0)
    r = r.sub(6);
  size_t tap_trailer = prefs.get(pref_trailer_length);
  if (tap_trailer == 0 || tap_trailer >= r.size()) {
    dissect_eth_common(r, pkt, parent, fcs_len);
    return frame.reported_size();
  }
  size_t total = tap_trailer + (fcs_len < 0 ? 0 : static_cast<size_t>(fcs_len));
  ByteReader head = r.sub(0, r.reported_size() - total);
  dissect_eth_common(head, pkt, parent, 0);
  int header_tree = pkt.tree.find(proto);
  add_ethernet_trailer(pkt, parent, header_tree, trailer, r, r.sub(r.size() - total), fcs_len);
  return frame.reported_size();
}

}  // namespace

void append_mac_with_resolution(std::string& out, const Packet& pkt, const uint8_t* mac) {
  if (!resolve_mac(pkt)) return names(pkt).append_mac(out, mac, false);
  names(pkt).append_mac(out, mac, true);
  out.append(" (");
  names(pkt).append_mac(out, mac, false);
  out.push_back(')');
}

void register_trailer_dissector(TrailerDissector d) {
  trailer_dissectors().push_back(d);
}
void register_eth_heuristic(EthHeuristic d, const char* protocol) {
  eth_heuristics().push_back(d);
  tables::register_heuristic_listing({"eth", protocol});
}

namespace {

// The payload handed to the innermost EtherType protocol running, and the length it has noted.
struct EthertypePayload {
  const uint8_t* data = nullptr;
  std::optional<size_t> length;
};

}  // namespace

void note_ethertype_payload_length(Packet& pkt, const ByteReader& payload, size_t length) {
  EthertypePayload& p = pkt.scratch<EthertypePayload>();
  if (p.data == payload.data()) p.length = length;
}

size_t dissect_ethertype(const ByteReader& r, Packet& pkt, int parent, const EthertypeCall& call) {
  pkt.add_layer(ethertype_proto);
  size_t length_before = r.reported_remaining(call.payload_offset);
  ByteReader payload =
      r.sub(call.payload_offset,
            call.fcs_len > 0 && length_before >= 4 ? length_before - 4 : length_before);
  size_t used = payload.reported_size();
  EthertypePayload& noted = pkt.scratch<EthertypePayload>();
  EthertypePayload outer = noted;  // an EtherType inside this one's payload (VLAN, tunnels)
  noted = {payload.data(), std::nullopt};
  try {
    if (Dissector d = tables::ethertype().find(call.etype)) {
      used = d(payload, pkt, parent);
    } else {
      pkt.call_data(payload, parent);
      if (pkt.cols.enabled) {
        pkt.cols.set_protocol(fmt::format("0x{:04x}", call.etype));
        for (const ValueName& v : kEthertypeNames)
          if (v.value == call.etype) pkt.cols.set_info(v.name);
      }
    }
  } catch (const BoundsError& e) {
    flag_exception(pkt, e, payload);
    // tshark's ethertype dissector catches a malformed payload (not a short frame, not an
    // unreassembled fragment) and goes on to the trailer after the length its protocol noted.
    if (!e.beyond_capture && !pkt.fragmented && noted.length) used = *noted.length;
  } catch (const DissectorBug& e) {
    flag_dissector_bug(pkt, e);
  }
  pkt.scratch<EthertypePayload>() = outer;
  // Whatever the payload did not use is trailer, if any of it was captured.
  size_t trailer_start = call.payload_offset + used;
  if (used < length_before && trailer_start < r.size())
    add_ethernet_trailer(pkt, parent, call.header_tree, call.trailer_field, r, r.sub(trailer_start),
                         call.fcs_len);
  return r.reported_size();
}

void add_ethernet_trailer(Packet& pkt, int parent, int header_tree, FieldId trailer_field,
                          const ByteReader& frame_part, const ByteReader& trailer_bytes,
                          int fcs_len) {
  size_t trailer_length = trailer_bytes.size();
  size_t trailer_reported = trailer_bytes.reported_size();
  size_t frame_len = pkt.frame->len;
  bool maybe_padded = frame_len >= kMinFrameSize && frame_len - trailer_reported < kMinFrameSize;
  size_t padding_length = 0;
  // eth.padding: Zeros (the default) takes the bytes up to 60 as padding only if all are zero,
  // Any takes them whatever they are, Never takes none.
  int padding_mode = pkt.session->prefs.get(pref_padding);
  if (maybe_padded && padding_mode != kPaddingNever) {
    padding_length = kMinFrameSize - (frame_len - trailer_reported);
    for (size_t i = 0; padding_mode == kPaddingZeros && i < padding_length; ++i) {
      if (trailer_bytes.u8(i) != 0) {
        padding_length = 0;
        break;
      }
    }
    if (padding_length > 0) {
      pkt.add_item(header_tree, padding, trailer_bytes, 0, padding_length);
      trailer_length -= padding_length;
      trailer_reported -= padding_length;
    }
  }
  bool has_fcs = false;
  if (fcs_len != 0 &&
      (fcs_len == 4 || (frame_part.reported_size() >= 64 && trailer_reported >= 4))) {
    trailer_reported -= 4;
    if (trailer_length > trailer_reported) trailer_length = trailer_reported;
    has_fcs = true;
  }
  ByteReader real_trailer = fcs_len == 4 ? trailer_bytes.sub(padding_length, trailer_reported)
                                         : trailer_bytes.sub(padding_length);
  if (real_trailer.reported_size() != 0) {
    bool claimed = false;
    for (TrailerDissector d : trailer_dissectors())
      if ((claimed = d(real_trailer, pkt, parent))) break;
    if (claimed) {
      // Unsure whether there is an FCS: the trailer dissector took all the bytes.
      if (fcs_len != 4) return;
    } else if (trailer_length != 0) {
      int n = pkt.add_item(header_tree, trailer_field, real_trailer, 0, trailer_length);
      if (maybe_padded && padding_mode == kPaddingZeros && padding_length == 0)
        add_expert(pkt, n, padding_bad, real_trailer, 0, trailer_length,
                   "Didn't find padding of zeros, and an undecoded trailer exists. There may be "
                   "padding of non-zeros.",
                   kExpertNote, kGroupProtocol);
      if (maybe_padded && padding_mode == kPaddingAny && padding_length > 0)
        add_expert(pkt, n, padding_bad, real_trailer, 0, trailer_length,
                   "Padding was assumed, and an undecoded trailer exists. Some of the trailer "
                   "may have been consumed by padding.",
                   kExpertNote, kGroupProtocol);
    }
  }
  if (has_fcs) {
    size_t off = padding_length + trailer_length;
    int n = pkt.add_item(header_tree, fcs, trailer_bytes, off, 4);
    uint32_t sent = trailer_bytes.u32(off);
    if (!pkt.session->prefs.get(pref_check_fcs)) {
      if (pkt.labels)
        pkt.set_label(n, fmt::format("Frame check sequence: 0x{:08x} [unverified]", sent));
      pkt.tree.add(header_tree, fcs_status, trailer_bytes, off, 0,
                   Value::of_uint(kChecksumUnverified), kGenerated);
      return;
    }
    // eth.check_fcs: the CRC-32 of every byte before the FCS, sent least significant byte
    // first (so read big-endian it is the CRC byte-swapped).
    size_t covered = frame_part.size() >= 4 ? frame_part.size() - 4 : 0;
    uint32_t crc = static_cast<uint32_t>(
        crc32(0L, frame_part.ptr(0, covered), static_cast<uInt>(covered)));
    uint32_t computed = __builtin_bswap32(crc);
    bool good = computed == sent;
    if (pkt.labels)
      pkt.set_label(n, good ? fmt::format("Frame check sequence: 0x{:08x} [correct]", sent)
                            : fmt::format("Frame check sequence: 0x{:08x} incorrect, should be "
                                          "0x{:08x}",
                                          sent, computed));
    pkt.tree.add(header_tree, fcs_status, trailer_bytes, off, 0,
                 Value::of_uint(good ? kChecksumGood : kChecksumBad), kGenerated);
    if (!good) {
      add_expert(pkt, n, fcs_bad, trailer_bytes, off, 4,
                 fmt::format("Bad checksum [should be 0x{:08x}]", computed), kExpertError,
                 kGroupChecksum);
      if (pkt.cols.enabled) pkt.cols.append_info(" [ETHERNET FRAME CHECK SEQUENCE INCORRECT]");
    }
  }
}

namespace {

// tshark's "eth" preferences (-o eth.NAME:VALUE, -G defaultprefs), declared at the top.

const PrefEnumValue kPaddingValues[] = {
    {"never", "Never", 0},
    {"zeros", "Zeros", 1},
    {"any", "Any", 2},
};

const PrefEnumValue kFcsValues[] = {
    {"heuristic", "According to heuristic", -1},
    {"never", "Never", 0},
    {"always", "Always", 4},
};

const PrefReg kEthPrefs[] = {
    pref_enum(&pref_padding, "padding",
              "Some devices add trailing data to frames.  Depending on where this device exists in the network, padding could be added to short frames before the additional trailer.  This option determines how that padding will be detected.\n"
              "\n"
              "Never - Don't detect any padding.  Any bytes after the ethernet payload will be considered trailer.\n"
              "Zeros (default) - Consecutive bytes of zeros up to the minimum ethernet frame size will be treated as padding.  Additional bytes will be considered trailer.\n"
              "Any - Any bytes after the payload up to the minimum ethernet frame size will be treated as padding.  Additional bytes will be considered trailer.",
              1, kPaddingValues),
    pref_uint(&pref_trailer_length, "trailer_length",
              "Some TAPs add a fixed length ethernet trailer at the end of the frame, but before the (optional) FCS. Make sure it gets interpreted correctly.",
              0),
    pref_enum(&pref_fcs, "fcs",
              "Some Ethernet adapters and drivers include the FCS at the end of a packet, others do not.  Some capture file formats and protocols do not indicate whether or not the FCS is included. The Ethernet dissector then attempts to guess whether a captured packet has an FCS, but it cannot always guess correctly.  This option can override that heuristic and assume that the FCS is either never or always present in such cases.",
              -1, kFcsValues),
    pref_bool(&pref_check_fcs, "check_fcs",
              "Whether to validate the Frame Check Sequence",
              false),
    pref_bool(&pref_interpret_as_fw1_monitor, "interpret_as_fw1_monitor",
              "Whether packets should be interpreted as coming from CheckPoint FireWall-1 monitor file if they look as if they do",
              false),
    pref_bool(&pref_deduplicate_dmac, "deduplicate_dmac",
              "When capturing on a Cisco FEX some frames start with an extra destination mac",
              false),
    pref_bool(&pref_ccsds_heuristic_length, "ccsds_heuristic_length",
              "Set the condition that must be true for the CCSDS dissector to be called",
              false),
    pref_bool(&pref_ccsds_heuristic_version, "ccsds_heuristic_version",
              "Set the condition that must be true for the CCSDS dissector to be called",
              false),
    pref_bool(&pref_ccsds_heuristic_header, "ccsds_heuristic_header",
              "Set the condition that must be true for the CCSDS dissector to be called",
              false),
    pref_bool(&pref_ccsds_heuristic_bit, "ccsds_heuristic_bit",
              "Set the condition that must be true for the CCSDS dissector to be called",
              false),
};

}  // namespace

void register_eth() {
  prefs_registry().add_module({"eth", "Ethernet"}, kEthPrefs);
  FieldRegistry& reg = registry();
  proto.id = reg.add_protocol({"Ethernet", "Ethernet", "eth"});
  reg.add_fields(proto, kFields);
  ethertype_proto.id = reg.add_protocol({"Ethertype", "Ethertype", "ethertype"});
  register_protocol_state<EthertypePayload>(StateScope::kPacket);
  tables::linktype().add(kLinkEthernet, dissect_eth, "eth");
}

}  // namespace netsift
