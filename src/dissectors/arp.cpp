// ARP and RARP (RFC 826/903, Wireshark's packet-arp.c): fields, the summary text tshark writes
// (gratuitous ARP, probes, announcements) and duplicate IPv4 address detection across frames.
#include <arpa/inet.h>
#include <fmt/format.h>

#include <cstring>

#include "core/field_registry.h"
#include "core/preferences.h"
#include "core/session.h"
#include "dissectors/arp.h"
#include "dissectors/arp_state.h"
#include "dissectors/eth.h"
#include "dissectors/ethertype_names.h"
#include "dissectors/ip.h"

namespace netsift {

namespace {

FieldId proto, hw_type, proto_type, hw_size, proto_size, opcode, is_gratuitous, is_probe,
    is_announcement, src_hw, src_hw_mac, src_proto, src_proto_ipv4, dst_hw, dst_hw_mac, dst_proto,
    dst_proto_ipv4, drarp_error_status, duplicate_frame, duplicate_seconds, ei_duplicate,
    duplicate_tree, bindings_limit, ei_storm;

// tshark's "arp" preferences (-o arp.NAME:VALUE, -G defaultprefs), registered at the end.
BoolPref pref_detect_request_storms;
UintPref pref_detect_storm_number_of_packets;
UintPref pref_detect_storm_period;
BoolPref pref_detect_duplicate_ips;
BoolPref pref_register_network_address_binding;

enum Opcode : uint16_t {
  kRequest = 1,
  kReply = 2,
  kReverseRequest = 3,
  kReverseReply = 4,
  kDrarpRequest = 5,
  kDrarpReply = 6,
  kDrarpError = 7,
  kInverseRequest = 8,
  kInverseReply = 9,
  kAtmArpNak = 10,
  kMarsFirst = 11,
  kMarsLast = 22,
  kMaposUnarp = 23,
  kExperimental1 = 24,
  kExperimental2 = 25,
};

constexpr size_t kFixedHeader = 8;

constexpr ValueName kHardwareTypes[] = {{0, "NET/ROM pseudo"},
                                        {1, "Ethernet"},
                                        {2, "Experimental Ethernet"},
                                        {3, "AX.25"},
                                        {4, "ProNET"},
                                        {5, "Chaos"},
                                        {6, "IEEE 802"},
                                        {7, "ARCNET"},
                                        {8, "Hyperchannel"},
                                        {9, "Lanstar"},
                                        {10, "Autonet Short Address"},
                                        {11, "Localtalk"},
                                        {12, "LocalNet"},
                                        {13, "Ultra link"},
                                        {14, "SMDS"},
                                        {15, "Frame Relay DLCI"},
                                        {16, "ATM"},
                                        {17, "HDLC"},
                                        {18, "Fibre Channel"},
                                        {19, "ATM (RFC 2225)"},
                                        {20, "Serial Line"},
                                        {21, "ATM"},
                                        {22, "MIL-STD-188-220"},
                                        {23, "Metricom STRIP"},
                                        {24, "IEEE 1394.1995"},
                                        {25, "MAPOS"},
                                        {26, "Twinaxial"},
                                        {27, "EUI-64"},
                                        {28, "HIPARP"},
                                        {29, "IP and ARP over ISO 7816-3"},
                                        {30, "ARPSec"},
                                        {31, "IPsec tunnel"},
                                        {32, "InfiniBand"},
                                        {33, "TIA-102 Project 25 CAI"},
                                        {34, "Wiegand Interface"},
                                        {35, "Pure IP"},
                                        {36, "Experimental 1"},
                                        {37, "HFI"},
                                        {256, "Experimental 2"},
                                        {257, "AEthernet"},
                                        {260, "Notional KISS type"},
                                        {264, "ADAPT"},
                                        {270, "ROSE"},
                                        {271, "CCITT X.25"},
                                        {272, "Boards with X.25 in firmware"},
                                        {280, "Controller Area Network"},
                                        {512, "PPP"},
                                        {513, "Cisco HDLC"},
                                        {516, "LAPB"},
                                        {517, "Digital's DDCMP protocol"},
                                        {518, "Raw HDLC"},
                                        {519, "Raw IP"},
                                        {768, "IPIP tunnel"},
                                        {769, "IP6IP6 tunnel"},
                                        {770, "Frame Relay Access Device"},
                                        {771, "SKIP vif"},
                                        {772, "Loopback"},
                                        {774, "Fiber Distributed Data Interface"},
                                        {775, "AP1000 BIF"},
                                        {776, "sit0 device - IPv6-in-IPv4"},
                                        {777, "IP over DDP tunneller"},
                                        {778, "GRE over IP"},
                                        {779, "PIMSM register interface"},
                                        {780, "High Performance Parallel Interface"},
                                        {781, "Nexus 64Mbps Ash"},
                                        {782, "Acorn Econet"},
                                        {783, "Linux-IrDA"},
                                        {784, "Point to point fibrechannel"},
                                        {785, "Fibrechannel arbitrated loop"},
                                        {786, "Fibrechannel public loop"},
                                        {787, "Fibrechannel fabric"},
                                        {800, "Magic type ident for TR"},
                                        {801, "IEEE 802.11"},
                                        {802, "IEEE 802.11 + Prism2 header"},
                                        {803, "IEEE 802.11 + radiotap header"},
                                        {804, "IEEE 802.15.4"},
                                        {805, "IEEE 802.15.4 network monitor"},
                                        {820, "PhoNet media type"},
                                        {821, "PhoNet pipe header"},
                                        {822, "CAIF media type"},
                                        {823, "GRE over IPv6"},
                                        {824, "Netlink"},
                                        {825, "IPv6 over LoWPAN"},
                                        {826, "Vsock monitor header"},
                                        {65535, "Void type, nothing is known"},
                                        {65534, "zero header length"}};

constexpr ValueName kOpcodes[] = {{1, "request"},
                                  {2, "reply"},
                                  {3, "reverse request"},
                                  {4, "reverse reply"},
                                  {5, "drarp request"},
                                  {6, "drarp reply"},
                                  {7, "drarp error"},
                                  {8, "inverse request"},
                                  {9, "inverse reply"},
                                  {10, "arp nak"},
                                  {11, "mars request"},
                                  {12, "mars multi"},
                                  {13, "mars mserv"},
                                  {14, "mars join"},
                                  {15, "mars leave"},
                                  {16, "mars nak"},
                                  {17, "mars unserv"},
                                  {18, "mars sjoin"},
                                  {19, "mars sleave"},
                                  {20, "mars grouplist request"},
                                  {21, "mars grouplist reply"},
                                  {22, "mars redirect map"},
                                  {23, "mapos unarp"},
                                  {24, "experimental 1"},
                                  {25, "experimental 2"},
                                  {0, "reserved"},
                                  {65535, "reserved"}};

const FieldReg kFields[] = {
    {&hw_type,
     {.name = "Hardware type",
      .abbrev = "arp.hw.type",
      .type = FieldType::kUint16,
      .base = Base::kDec,
      .values = kHardwareTypes}},
    {&proto_type,
     {.name = "Protocol type",
      .abbrev = "arp.proto.type",
      .type = FieldType::kUint16,
      .base = Base::kHex,
      .values = kEthertypeNames}},
    {&hw_size,
     {.name = "Hardware size",
      .abbrev = "arp.hw.size",
      .type = FieldType::kUint8,
      .base = Base::kDec}},
    {&proto_size,
     {.name = "Protocol size",
      .abbrev = "arp.proto.size",
      .type = FieldType::kUint8,
      .base = Base::kDec}},
    {&opcode,
     {.name = "Opcode",
      .abbrev = "arp.opcode",
      .type = FieldType::kUint16,
      .base = Base::kDec,
      .values = kOpcodes}},
    {&is_gratuitous,
     {.name = "Is gratuitous", .abbrev = "arp.isgratuitous", .type = FieldType::kBoolean}},
    {&is_probe, {.name = "Is probe", .abbrev = "arp.isprobe", .type = FieldType::kBoolean}},
    {&is_announcement,
     {.name = "Is announcement", .abbrev = "arp.isannouncement", .type = FieldType::kBoolean}},
    {&src_hw,
     {.name = "Sender hardware address", .abbrev = "arp.src.hw", .type = FieldType::kBytes}},
    {&src_hw_mac,
     {.name = "Sender MAC address", .abbrev = "arp.src.hw_mac", .type = FieldType::kEther}},
    {&src_proto,
     {.name = "Sender protocol address", .abbrev = "arp.src.proto", .type = FieldType::kBytes}},
    {&src_proto_ipv4,
     {.name = "Sender IP address", .abbrev = "arp.src.proto_ipv4", .type = FieldType::kIpv4}},
    {&dst_hw,
     {.name = "Target hardware address", .abbrev = "arp.dst.hw", .type = FieldType::kBytes}},
    {&dst_hw_mac,
     {.name = "Target MAC address", .abbrev = "arp.dst.hw_mac", .type = FieldType::kEther}},
    {&dst_proto,
     {.name = "Target protocol address", .abbrev = "arp.dst.proto", .type = FieldType::kBytes}},
    {&dst_proto_ipv4,
     {.name = "Target IP address", .abbrev = "arp.dst.proto_ipv4", .type = FieldType::kIpv4}},
    {&drarp_error_status,
     {.name = "DRARP error status",
      .abbrev = "arp.dst.drarp_error_status",
      .type = FieldType::kUint16,
      .base = Base::kDec}},
    {&duplicate_frame,
     {.name = "Frame showing earlier use of IP address",
      .abbrev = "arp.duplicate-address-frame",
      .type = FieldType::kFrameNum}},
    {&duplicate_seconds,
     {.name = "Seconds since earlier frame seen",
      .abbrev = "arp.seconds-since-duplicate-address-frame",
      .type = FieldType::kUint32,
      .base = Base::kDec}},
    {&ei_duplicate,
     {.name = "Duplicate IP address configured", .abbrev = "arp.duplicate-address-detected"}},
    {&ei_storm, {.name = "ARP packet storm detected", .abbrev = "arp.packet-storm-detected"}},
    // netsift's own: the bindings' memory budget made this packet forget the oldest address.
    {&bindings_limit, {.name = "ARP bindings limit reached", .abbrev = "arp.bindings_limit"}},
    // Not a tshark field: the generated "[Duplicate IP address detected for ...]" subtree.
    {&duplicate_tree,
     {.name = "Duplicate IP address detected", .abbrev = "arp.duplicate_address_tree"}},
};

bool hw_is_ether(uint16_t type, uint8_t len) {
  return (type == 1 || type == 6) && len == 6;
}
bool proto_is_ipv4(uint16_t type, uint8_t len) {
  return (type == 0x0800 || type == 0xcc) && len == 4;
}
bool proto_is_ipv6(uint16_t type, uint8_t len) {
  return type == 0x86dd && len == 16;
}

// Wireshark's bytes_to_str: plain hex, cut with an ellipsis after 36 bytes.
void append_hex(std::string& out, const uint8_t* p, size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  size_t shown = n > 36 ? 36 : n;
  for (size_t i = 0; i < shown; ++i) {
    out.push_back(kHex[p[i] >> 4]);
    out.push_back(kHex[p[i] & 15]);
  }
  if (shown < n) out.append("\u2026");
}

void append_mac(std::string& out, const uint8_t* p) {
  out.append(
      fmt::format("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", p[0], p[1], p[2], p[3], p[4], p[5]));
}

}  // namespace

void append_hw_address(std::string& out, const ByteReader& r, size_t off, uint8_t len,
                       uint16_t type) {
  if (len == 0) return out.append("<No address>"), void();
  const uint8_t* p = r.ptr(off, len);
  if (hw_is_ether(type, len)) return append_mac(out, p);
  append_hex(out, p, len);
}

std::span<const ValueName> arp_hardware_types() {
  return kHardwareTypes;
}

namespace {

void append_proto_address(std::string& out, const ByteReader& r, size_t off, uint8_t len,
                          uint16_t type) {
  if (len == 0) return out.append("<No address>"), void();
  const uint8_t* p = r.ptr(off, len);
  if (proto_is_ipv4(type, len))
    return out.append(fmt::format("{}.{}.{}.{}", p[0], p[1], p[2], p[3])), void();
  if (proto_is_ipv6(type, len)) {
    char buf[INET6_ADDRSTRLEN];
    if (inet_ntop(AF_INET6, p, buf, sizeof buf)) out.append(buf);
    return;
  }
  append_hex(out, p, len);
}

std::string_view protocol_column(uint16_t op) {
  switch (op) {
    case kReverseRequest:
    case kReverseReply:
      return "RARP";
    case kDrarpRequest:
    case kDrarpReply:
    case kDrarpError:
      return "DRARP";
    case kInverseRequest:
    case kInverseReply:
      return "Inverse ARP";
    case kMaposUnarp:
      return "MAPOS";
    default:
      return op >= kMarsFirst && op <= kMarsLast ? "MARS" : "ARP";
  }
}

struct Addresses {
  const ByteReader& r;
  uint16_t hrd, pro;
  uint8_t hln, pln;
  size_t sha, spa, tha, tpa;
  std::string hw(size_t off) const {
    std::string s;
    append_hw_address(s, r, off, hln, hrd);
    return s;
  }
  std::string pr(size_t off) const {
    std::string s;
    append_proto_address(s, r, off, pln, pro);
    return s;
  }
};

const char* kMarsInfo[] = {
    "MARS request from",           "MARS MULTI request from",   "MARS MSERV request from",
    "MARS JOIN request from",      "MARS LEAVE from",           "MARS NAK from",
    "MARS UNSERV request from",    "MARS SJOIN request from",   "MARS SLEAVE from",
    "MARS grouplist request from", "MARS grouplist reply from", "MARS redirect map from"};

std::string info_text(const Addresses& a, uint16_t op, bool gratuitous, bool probe,
                      bool announcement) {
  switch (op) {
    case kRequest:
      if (gratuitous)
        return announcement ? fmt::format("ARP Announcement for {}", a.pr(a.tpa))
                            : fmt::format("Gratuitous ARP for {} (Request)", a.pr(a.tpa));
      if (probe) return fmt::format("Who has {}? (ARP Probe)", a.pr(a.tpa));
      return fmt::format("Who has {}? Tell {}", a.pr(a.tpa), a.pr(a.spa));
    case kReply:
      if (gratuitous) return fmt::format("Gratuitous ARP for {} (Reply)", a.pr(a.spa));
      return fmt::format("{} is at {}", a.pr(a.spa), a.hw(a.sha));
    case kReverseRequest:
    case kInverseRequest:
    case kDrarpRequest:
      return fmt::format("Who is {}? Tell {}", a.hw(a.tha), a.hw(a.sha));
    case kReverseReply:
    case kDrarpReply:
      return fmt::format("{} is at {}", a.hw(a.tha), a.pr(a.tpa));
    case kDrarpError:
      return "DRARP Error";
    case kInverseReply:
      return fmt::format("{} is at {}", a.hw(a.sha), a.pr(a.spa));
    case kAtmArpNak:
      return "ARP NAK";
    case kMaposUnarp:
      return fmt::format("MAPOS UNARP request from {} at {}", a.hw(a.sha), a.pr(a.spa));
    case kExperimental1:
      return fmt::format("Experimental 1 ( opcode {} )", op);
    case kExperimental2:
      return fmt::format("Experimental 2 ( opcode {} )", op);
    case 0:
    case 65535:
      return fmt::format("Reserved opcode {}", op);
    default:
      if (op >= kMarsFirst && op <= kMarsLast)
        return fmt::format("{} {} at {}", kMarsInfo[op - kMarsFirst], a.hw(a.sha), a.pr(a.spa));
      return fmt::format("Unknown ARP opcode 0x{:04x}", op);
  }
}

const char* opcode_summary(uint16_t op, bool gratuitous, bool probe, bool announcement) {
  if (announcement) return "ARP Announcement";
  if (probe) return "ARP Probe";
  if (gratuitous && op == kRequest) return "request/gratuitous ARP";
  if (gratuitous && op == kReply) return "reply/gratuitous ARP";
  for (const ValueName& v : kOpcodes)
    if (v.value == op) return v.name;
  return nullptr;
}

// check_for_duplicate_addresses: remembers which MAC last claimed each IPv4 address and reports
// a different one. Returns true when `ip` is claimed by another MAC than before.
bool check_duplicate(Packet& pkt, int parent, const ByteReader& r, const uint8_t* mac,
                     uint32_t ip) {
  auto& bindings = pkt.session->state<ArpState>().bindings;
  bindings.use_budget(pkt.session->memory());
  int64_t now = pkt.frame->ts.sec;
  ArpState::Binding* known = bindings.find(ip);
  if (!known) {
    std::optional<std::pair<uint32_t, ArpState::Binding>> evicted;
    ArpState::Binding& b = bindings.insert(ip, &evicted);
    std::memcpy(b.mac, mac, 6);
    b.frame = pkt.number;
    b.seen_sec = now;
    if (evicted) {
      uint32_t old = evicted->first;
      add_expert(pkt, parent, bindings_limit, r, 0, 0,
                 fmt::format("ARP binding of {}.{}.{}.{} (frame {}) forgotten ({} used up)",
                             old >> 24, old >> 16 & 255, old >> 8 & 255, old & 255,
                             evicted->second.frame, bindings.describe()),
                 kExpertNote, kGroupSequence);
    }
    return false;
  }
  ArpState::Binding& b = *known;
  if (pkt.number <= b.frame) return false;
  if (std::memcmp(b.mac, mac, 6) == 0) {
    b.frame = pkt.number;
    b.seen_sec = now;
    return false;
  }
  std::string ip_text =
      fmt::format("{}.{}.{}.{}", ip >> 24, ip >> 16 & 255, ip >> 8 & 255, ip & 255);
  int tree = pkt.tree.add_generated(parent, duplicate_tree, Value{});
  if (pkt.labels) {
    std::string label = fmt::format("Duplicate IP address detected for {} (", ip_text);
    append_mac(label, mac);
    label.append(") - also in use by ");
    append_mac(label, b.mac);
    label.append(fmt::format(" (frame {})", b.frame));
    pkt.set_label(tree, label);
  }
  int f = pkt.tree.add_generated(tree, duplicate_frame, Value::of_uint(b.frame));
  add_expert(pkt, f, ei_duplicate, r, 0, 0,
             fmt::format("Duplicate IP address configured ({})", ip_text), kExpertWarn,
             kGroupSequence);
  pkt.tree.add_generated(tree, duplicate_seconds,
                         Value::of_uint(static_cast<uint32_t>(now - b.seen_sec)));
  return true;
}

// check_for_storm_count: whether this packet ends a run of more than
// arp.detect_storm_number_of_packets requests within arp.detect_storm_period milliseconds.
// The count includes this packet when it is a request. tshark measures the gap in a 32-bit int
// of milliseconds, which wraps for the first packet (the period starts at the epoch): the
// arithmetic below wraps the same way, so the same first packets start a period.
bool storm_detected(Packet& pkt, bool request) {
  const PrefStore& prefs = pkt.session->prefs;
  ArpState& st = pkt.session->state<ArpState>();
  if (request) ++st.storm_requests;
  const Timestamp& ts = pkt.frame->ts;
  uint32_t secs = static_cast<uint32_t>(ts.sec - st.storm_start_sec);
  int32_t nsecs = static_cast<int32_t>(ts.nsec) - st.storm_start_nsec;
  int32_t gap = static_cast<int32_t>(secs * 1000u + static_cast<uint32_t>(nsecs / 1000000));
  if (gap > static_cast<int32_t>(prefs.get(pref_detect_storm_period)) || gap < 0) {
    st.storm_requests = 1;
    st.storm_start_sec = ts.sec;
    st.storm_start_nsec = static_cast<int32_t>(ts.nsec);
    return false;
  }
  if (st.storm_requests <= prefs.get(pref_detect_storm_number_of_packets)) return false;
  st.storm_start_sec = ts.sec;
  st.storm_start_nsec = static_cast<int32_t>(ts.nsec);
  st.storm_requests = 0;
  return true;
}

size_t dissect_arp(const ByteReader& r, Packet& pkt, int parent) {
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("ARP");
    pkt.cols.set_info("");
  }
  int node =
      pkt.add_protocol(parent, proto, r, 0, r.size() < kFixedHeader ? r.size() : kFixedHeader);
  uint16_t hrd = r.u16(0);
  pkt.add_item(node, hw_type, r, 0, 2);
  uint16_t pro = r.u16(2);
  pkt.add_item(node, proto_type, r, 2, 2);
  uint8_t hln = r.u8(4);
  pkt.add_item(node, hw_size, r, 4, 1);
  uint8_t pln = r.u8(5);
  pkt.add_item(node, proto_size, r, 5, 1);
  uint16_t op = r.u16(6);
  pkt.add_item(node, opcode, r, 6, 2);

  size_t total = kFixedHeader + 2 * size_t{hln} + 2 * size_t{pln};
  pkt.tree[node].length = static_cast<uint32_t>(total);
  // The rest of the frame is padding/trailer for the link layer (tvb_set_reported_length).
  ByteReader arp = r.sub(0, total);
  if (pkt.cols.enabled) pkt.cols.set_protocol(protocol_column(op));

  Addresses a{arp,
              hrd,
              pro,
              hln,
              pln,
              kFixedHeader,
              kFixedHeader + hln,
              kFixedHeader + hln + pln,
              kFixedHeader + 2 * size_t{hln} + pln};
  static constexpr uint8_t kZeroMac[6] = {};
  uint32_t duplicate_ip = 0;
  bool duplicate = false;
  bool check_duplicates = pkt.session->prefs.get(pref_detect_duplicate_ips);
  if (check_duplicates && (op == kRequest || op == kReply) && hw_is_ether(hrd, hln) &&
      proto_is_ipv4(pro, pln)) {
    uint32_t ip = arp.u32(a.spa);
    const uint8_t* mac = arp.ptr(a.sha, 6);
    if (!(mac[0] & 1) && std::memcmp(mac, kZeroMac, 6) != 0 && ip != 0 &&
        check_duplicate(pkt, parent, arp, mac, ip)) {
      duplicate = true;
      duplicate_ip = ip;
    }
    ip = arp.u32(a.tpa);
    mac = arp.ptr(a.tha, 6);
    if (!(mac[0] & 1) && std::memcmp(mac, kZeroMac, 6) != 0 && ip != 0 && op != kRequest &&
        duplicate_ip != ip && check_duplicate(pkt, parent, arp, mac, ip)) {
      duplicate = true;
      duplicate_ip = ip;
    }
  }
  // Same sender and target protocol address: gratuitous; a request with no target MAC is then
  // an announcement, or with no sender IP a probe. Missing bytes just compare unequal.
  auto equals = [&](size_t off, const uint8_t* p, size_t n) {
    return arp.has(off, n) && std::memcmp(arp.ptr(off, n), p, n) == 0;
  };
  bool gratuitous = false, announcement = false, probe = false;
  if ((op == kRequest || op == kReply) && equals(a.spa, arp.ptr(a.tpa, pln), pln)) {
    gratuitous = true;
    announcement = op == kRequest && equals(a.tha, kZeroMac, 6);
  } else {
    probe = op == kRequest && equals(a.tha, kZeroMac, 6) && arp.u32(a.spa) == 0;
  }
  if (pkt.cols.enabled) {
    pkt.cols.set_info(info_text(a, op, gratuitous, probe, announcement));
    const char* summary = opcode_summary(op, gratuitous, probe, announcement);
    pkt.set_label(node, summary ? fmt::format("Address Resolution Protocol ({})", summary)
                                : fmt::format("Address Resolution Protocol (opcode 0x{:04x})", op));
  }
  if (gratuitous) pkt.add_generated_uint(node, is_gratuitous, 1);
  if (probe) pkt.add_generated_uint(node, is_probe, 1);
  if (announcement) pkt.add_generated_uint(node, is_announcement, 1);
  bool ether = hw_is_ether(hrd, hln), ipv4 = proto_is_ipv4(pro, pln);
  if (hln) pkt.add_item(node, ether ? src_hw_mac : src_hw, arp, a.sha, hln);
  if (pln) pkt.add_item(node, ipv4 ? src_proto_ipv4 : src_proto, arp, a.spa, pln);
  if (hln) pkt.add_item(node, ether ? dst_hw_mac : dst_hw, arp, a.tha, hln);
  if (pln && op != kDrarpError)
    pkt.add_item(node, ipv4 ? dst_proto_ipv4 : dst_proto, arp, a.tpa, pln);
  else if (pln)
    pkt.add_item(node, drarp_error_status, arp, a.tpa, 1);

  if (pkt.session->prefs.get(pref_detect_request_storms) && storm_detected(pkt, op == kRequest)) {
    const PrefStore& prefs = pkt.session->prefs;
    add_expert_text(pkt, node, ei_storm, arp, 0, 0,
                    fmt::format("ARP packet storm detected ({} packets in < {} ms)",
                                prefs.get(pref_detect_storm_number_of_packets),
                                prefs.get(pref_detect_storm_period)),
                    kExpertNote, kGroupSequence);
  }
  if (duplicate && pkt.cols.enabled)
    pkt.cols.append_info(fmt::format(" (duplicate use of {}.{}.{}.{} detected!)",
                                     duplicate_ip >> 24, duplicate_ip >> 16 & 255,
                                     duplicate_ip >> 8 & 255, duplicate_ip & 255));
  return total;
}

}  // namespace

namespace {

const PrefReg kArpPrefs[] = {
    pref_bool(&pref_detect_request_storms, "detect_request_storms",
              "Attempt to detect excessive rate of ARP requests", false),
    pref_uint(&pref_detect_storm_number_of_packets, "detect_storm_number_of_packets",
              "Number of requests needed within period to indicate a storm", 30),
    pref_uint(&pref_detect_storm_period, "detect_storm_period",
              "Period in milliseconds during which a packet storm may be detected", 100),
    pref_bool(&pref_detect_duplicate_ips, "detect_duplicate_ips",
              "Attempt to detect duplicate use of IP addresses", true),
    pref_bool(&pref_register_network_address_binding, "register_network_address_binding",
              "Try to resolve physical addresses to host names from ARP requests/responses", true),
};

}  // namespace

void register_arp() {
  prefs_registry().add_module({"arp", "Address Resolution Protocol"}, kArpPrefs);
  FieldRegistry& reg = registry();
  proto = reg.add_protocol({"Address Resolution Protocol", "ARP/RARP", "arp"});
  reg.add_fields(proto, kFields);
  register_protocol_state<ArpState>(StateScope::kCapture);
  tables::ethertype().add(0x0806, dissect_arp, "arp");
  tables::ethertype().add(0x8035, dissect_arp, "arp");  // RARP
}

}  // namespace netsift
