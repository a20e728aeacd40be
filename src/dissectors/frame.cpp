#include "dissectors/frame.h"
#include "core/append_format.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include "core/expert.h"
#include "core/field_registry.h"
#include "core/preferences.h"
#include "core/protocols.h"
#include "core/session.h"
#include "core/value_strings.h"

namespace netsift {

namespace frame_fields {
ProtocolField proto;
TimeField time, time_epoch, time_delta, time_delta_displayed, time_relative;
UintField number, len, cap_len, interface_id, section_number;
StringField protocols, interface_name, comment;
IntField encap_type;
FieldId interface_description;
FieldId offset_shift, marked, ignored;
FieldId p2p_dir, packet_flags, flags_direction, flags_reception, flags_fcs_length, flags_reserved;
FieldId
    flags_errors[8];  // CRC, too long, too short, interframe gap, unaligned, SFD, preamble, symbol
}  // namespace frame_fields

namespace {
using namespace frame_fields;

// tshark's "frame" preferences, registered at the end of the file.
BoolPref pref_show_file_off;
BoolPref pref_force_docsis_encap;
BoolPref pref_generate_md5_hash;
BoolPref pref_generate_epoch_time;
BoolPref pref_generate_bits_field;
BoolPref pref_disable_packet_size_limited_in_summary;

FieldId md5_hash, file_off;

// Wireshark's WTAP_ENCAP_* numbers for the link types we read (frame.encap_type).
constexpr ValueName kEncapNames[] = {{1, "Ethernet"},
                                     {2, "Token Ring"},
                                     {6, "FDDI with bit-swapped MAC addresses"},
                                     {7, "Raw IP"},
                                     {15, "NULL/Loopback"},
                                     {25, "Linux cooked-mode capture v1"},
                                     {26, "Frame Relay"},
                                     {129, "Raw IPv4"},
                                     {130, "Raw IPv6"},
                                     {174, "OpenBSD loopback"},
                                     {210, "Linux cooked-mode capture v2"},
                                     {45, "USER 0"},
                                     {46, "USER 1"},
                                     {47, "USER 2"},
                                     {48, "USER 3"},
                                     {49, "USER 4"},
                                     {50, "USER 5"},
                                     {51, "USER 6"},
                                     {52, "USER 7"},
                                     {53, "USER 8"},
                                     {54, "USER 9"},
                                     {55, "USER 10"},
                                     {56, "USER 11"},
                                     {57, "USER 12"},
                                     {58, "USER 13"},
                                     {59, "USER 14"},
                                     {60, "USER 15"}};

// pcapng epb_flags (section 4.3.1 of the pcapng draft): direction, reception type, FCS length,
// then one bit per link-layer error in the top byte.
constexpr ValueName kDirections[] = {{0, "Unknown"}, {1, "Inbound"}, {2, "Outbound"}};
constexpr ValueName kReceptionTypes[] = {
    {0, "Not specified"}, {1, "Unicast"}, {2, "Multicast"}, {3, "Broadcast"}, {4, "Promiscuous"}};
constexpr ValueName kP2pDirections[] = {{0, "Sent"}, {1, "Received"}};

// The direction bits of epb_flags (0 when absent): 1 inbound, 2 outbound, else unknown.
uint32_t flags_direction_of(const CapturedFrame& f) {
  return f.has_pack_flags ? f.pack_flags & 3 : 0;
}

int wtap_encap(uint32_t linktype) {
  switch (linktype) {
    case kLinkEthernet:
      return 1;
    case kLinkRaw:
    case 12:
    case 14:
      return 7;
    case kLinkNull:
      return 15;
    case kLinkLoop:
      return 174;  // LINKTYPE_LOOP is OpenBSD's loopback in Wireshark
    case kLinkLinuxSll:
      return 25;
    case kLinkFrameRelay:
      return 26;
    case kLinkTokenRing:
      return 2;
    case kLinkFddi:
      return 6;  // Linux's libpcap gives FDDI addresses in the wire's bit order
    case kLinkIpv4:
      return 129;
    case kLinkIpv6:
      return 130;
    case kLinkLinuxSll2:
      return 210;
    default:
      // DLT_USER0-15 are WTAP_ENCAP_USER0-15.
      if (linktype >= 147 && linktype <= 162) return static_cast<int>(linktype) - 147 + 45;
      return -1;
  }
}

// "74 bytes (592 bits)", as tshark labels frame lengths.
std::string byte_count(uint32_t n) {
  return fmt::format("{} byte{} ({} bits)", n, n == 1 ? "" : "s", uint64_t{n} * 8);
}

// The name tshark gives an interface: its if_name, else its if_description, else "unknown".
std::string_view interface_display_name(const InterfaceInfo& itf) {
  if (!itf.name.empty()) return itf.name;
  if (!itf.description.empty()) return itf.description;
  return "unknown";
}

// The Frame line: "Frame 1: 74 bytes on wire (592 bits), 74 bytes captured (592 bits)", with
// the pcapng interface appended as tshark does.
void label_frame(Packet& pkt, int top) {
  const CapturedFrame& f = *pkt.frame;
  // frame.generate_bits_field: the lengths in bits too.
  bool bits = pkt.session->prefs.get(pref_generate_bits_field);
  std::string text = fmt::format("Frame {}: {} byte{} on wire", pkt.number, f.len,
                                 f.len == 1 ? "" : "s");
  if (bits) append_format(text, " ({} bits)", uint64_t{f.len} * 8);
  append_format(text, ", {} byte{} captured", f.caplen,
                 f.caplen == 1 ? "" : "s");
  if (bits) append_format(text, " ({} bits)", uint64_t{f.caplen} * 8);
  if (f.interface)
    append_format(text, " on interface {}, id {}{}",
                   interface_display_name(*f.interface), f.interface_id,
                   flags_direction_of(f) == 1   ? " (inbound)"
                   : flags_direction_of(f) == 2 ? " (outbound)"
                                                : "");
  pkt.set_label(top, text);
}

// Differences of damaged timestamps may exceed int64: compute them wrapping, as unsigned.
int64_t diff_ns(const Timestamp& a, const Timestamp& b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a.total_ns()) -
                              static_cast<uint64_t>(b.total_ns()));
}

// The error bits' fields: the Wireshark abbreviations are not uniform, so they are listed whole.
constexpr const char* kFlagErrors[][2] = {
    {"CRC error", "frame.packet_flags_crc_error"},
    {"Packet too long error", "frame.packet_flags_packet_too_error"},
    {"Packet too short error", "frame.packet_flags_packet_too_short_error"},
    {"Wrong interframe gap error", "frame.packet_flags_wrong_inter_frame_gap_error"},
    {"Unaligned frame error", "frame.packet_flags_unaligned_frame_error"},
    {"Start frame delimiter error", "frame.packet_flags_start_frame_delimiter_error"},
    {"Preamble error", "frame.packet_flags_preamble_error"},
    {"Symbol error", "frame.packet_flags_symbol_error"},
};

constexpr FieldType U32 = FieldType::kUint32;
const FieldReg kFlagFields[] = {
    {&packet_flags,
     {.name = "Packet flags", .abbrev = "frame.packet_flags", .type = U32, .base = Base::kHex}},
    {&flags_direction,
     {.name = "Direction",
      .abbrev = "frame.packet_flags_direction",
      .type = U32,
      .base = Base::kHex,
      .values = kDirections,
      .bitmask = 0x3}},
    {&flags_reception,
     {.name = "Reception type",
      .abbrev = "frame.packet_flags_reception_type",
      .type = U32,
      .base = Base::kDec,
      .values = kReceptionTypes,
      .bitmask = 0x1c}},
    {&flags_fcs_length,
     {.name = "FCS length",
      .abbrev = "frame.packet_flags_fcs_length",
      .type = U32,
      .base = Base::kDec,
      .bitmask = 0x1e0}},
    {&flags_reserved,
     {.name = "Reserved",
      .abbrev = "frame.packet_flags_reserved",
      .type = U32,
      .base = Base::kDec,
      .bitmask = 0xfe00}},
    {&p2p_dir,
     {.name = "Point-to-Point Direction",
      .abbrev = "frame.p2p_dir",
      .type = FieldType::kInt8,
      .base = Base::kDec,
      .values = kP2pDirections}},
};

// The epb_flags word and its parts, under the interface as tshark shows them.
void add_packet_flags(Packet& pkt, int top, const ByteReader& r, uint32_t flags) {
  int n = pkt.tree.add(top, packet_flags, r, 0, 0, Value::of_uint(flags));
  for (const FieldReg& f : std::span(kFlagFields).subspan(1, 4)) {
    uint64_t mask = f.def.bitmask;
    pkt.tree.add(n, *f.id.id, r, 0, 0, Value::of_uint((flags & mask) >> __builtin_ctzll(mask)));
  }
  for (int i = 0; i < 8; ++i)
    pkt.tree.add(n, flags_errors[i], r, 0, 0, Value::of_uint(flags >> (24 + i) & 1));
}

const FieldReg kFields[] = {
    {&section_number,
     {.name = "Section number",
      .abbrev = "frame.section_number",
      .type = FieldType::kUint32,
      .base = Base::kDec}},
    {&interface_id,
     {.name = "Interface id",
      .abbrev = "frame.interface_id",
      .type = FieldType::kUint32,
      .base = Base::kDec}},
    {&interface_name,
     {.name = "Interface name",
      .abbrev = "frame.interface_name",
      .type = FieldType::kString,
      .blurb = "The friendly name for this interface"}},
    {&interface_description,
     {.name = "Interface description",
      .abbrev = "frame.interface_description",
      .type = FieldType::kString,
      .blurb = "The description for this interface"}},
    {&encap_type,
     {.name = "Encapsulation type",
      .abbrev = "frame.encap_type",
      .type = FieldType::kInt16,
      .base = Base::kDec,
      .values = kEncapNames}},
    {&time,
     {.name = "Arrival Time",
      .abbrev = "frame.time",
      .type = FieldType::kAbsTime,
      .base = Base::kAbsLocal}},
    {&offset_shift,
     {.name = "Time shift for this packet",
      .abbrev = "frame.offset_shift",
      .type = FieldType::kRelTime}},
    {&time_epoch,
     {.name = "Epoch Time", .abbrev = "frame.time_epoch", .type = FieldType::kRelTime}},
    {&time_delta,
     {.name = "Time delta from previous captured frame",
      .abbrev = "frame.time_delta",
      .type = FieldType::kRelTime}},
    {&time_delta_displayed,
     {.name = "Time delta from previous displayed frame",
      .abbrev = "frame.time_delta_displayed",
      .type = FieldType::kRelTime}},
    {&time_relative,
     {.name = "Time since reference or first frame",
      .abbrev = "frame.time_relative",
      .type = FieldType::kRelTime}},
    {&number,
     {.name = "Frame Number",
      .abbrev = "frame.number",
      .type = FieldType::kUint32,
      .base = Base::kDec}},
    {&len,
     {.name = "Frame Length",
      .abbrev = "frame.len",
      .type = FieldType::kUint32,
      .base = Base::kDec}},
    {&cap_len,
     {.name = "Capture Length",
      .abbrev = "frame.cap_len",
      .type = FieldType::kUint32,
      .base = Base::kDec}},
    {&md5_hash, {.name = "Frame MD5 Hash", .abbrev = "frame.md5_hash", .type = FieldType::kString}},
    {&file_off,
     {.name = "File Offset",
      .abbrev = "frame.file_off",
      .type = FieldType::kInt64,
      .base = Base::kDec}},
    {&marked, {.name = "Frame is marked", .abbrev = "frame.marked", .type = FieldType::kBoolean}},
    {&ignored,
     {.name = "Frame is ignored", .abbrev = "frame.ignored", .type = FieldType::kBoolean}},
    {&frame_fields::protocols,
     {.name = "Protocols in frame", .abbrev = "frame.protocols", .type = FieldType::kString}},
    {&comment, {.name = "Comment", .abbrev = "frame.comment", .type = FieldType::kString}},
};

// Appends the protocol list ("eth:ethertype:ip:tcp") as frame.protocols.
void add_protocols(Packet& pkt, int frame_node) {
  if (!pkt.tree.wants(frame_fields::protocols)) return;
  char buf[512];
  size_t n = 0;
  for (FieldId p : pkt.layers) {
    if (p == frame_fields::proto) continue;  // tshark lists the protocols inside the frame
    const char* abbrev = registry().info(p).def.abbrev;
    size_t l = std::strlen(abbrev);
    if (n + l + 1 >= sizeof buf) break;
    if (n) buf[n++] = ':';
    std::memcpy(buf + n, abbrev, l);
    n += l;
  }
  pkt.add_generated_string(frame_node, frame_fields::protocols, {buf, n});
}

// frame.generate_md5_hash: the MD5 digest of the captured bytes, for finding duplicates.
void add_md5_hash(Packet& pkt, int top, const ByteReader& r) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  EVP_Digest(r.data(), r.size(), digest, &digest_len, EVP_md5(), nullptr);
  char hex[2 * EVP_MAX_MD_SIZE];
  for (unsigned int i = 0; i < digest_len; ++i) format_into(hex + 2 * i, 2, "{:02x}", digest[i]);
  pkt.add_generated_string(top, md5_hash, {hex, 2 * size_t{digest_len}});
}

void add_frame_fields(Packet& pkt, const ByteReader& r, int top) {
  const CapturedFrame& f = *pkt.frame;
  FrameTiming& t = pkt.session->timing;
  if (!t.have_first) {
    t.have_first = true;
    t.first = t.prev_captured = f.ts;
  }
  if (f.section_number)
    pkt.tree.add(top, section_number, r, 0, 0, Value::of_uint(f.section_number));
  if (f.interface) {
    int n = pkt.tree.add(top, interface_id, r, 0, 0, Value::of_uint(f.interface_id));
    std::string_view name = interface_display_name(*f.interface);
    pkt.tree.add(n, interface_name, r, 0, 0,
                 Value::of_bytes(reinterpret_cast<const uint8_t*>(name.data()), name.size()));
    const std::string& descr = f.interface->description;
    if (!descr.empty())
      pkt.tree.add(n, interface_description, r, 0, 0,
                   Value::of_bytes(reinterpret_cast<const uint8_t*>(descr.data()), descr.size()));
    if (pkt.labels) pkt.set_label(n, fmt::format("Interface id: {} ({})", f.interface_id, name));
  }
  if (f.has_pack_flags) add_packet_flags(pkt, top, r, f.pack_flags);
  pkt.tree.add(top, encap_type, r, 0, 0, Value::of_int(wtap_encap(f.linktype)));
  pkt.tree.add(top, time, r, 0, 0, Value::of_int(f.ts.total_ns()));
  pkt.add_generated_uint(top, offset_shift, 0);
  const PrefStore& prefs = pkt.session->prefs;
  if (prefs.get(pref_generate_epoch_time))
    pkt.tree.add(top, time_epoch, r, 0, 0, Value::of_int(f.ts.total_ns()));
  pkt.delta_ns = diff_ns(f.ts, t.prev_captured);
  pkt.tree.add_generated(top, time_delta, Value::of_int(pkt.delta_ns));
  Timestamp prev_disp = t.have_prev_displayed ? t.prev_displayed : f.ts;
  pkt.delta_displayed_ns = diff_ns(f.ts, prev_disp);
  pkt.tree.add_generated(top, time_delta_displayed, Value::of_int(pkt.delta_displayed_ns));
  pkt.tree.add_generated(top, time_relative, Value::of_int(diff_ns(f.ts, t.first)));
  pkt.tree.add(top, number, r, 0, 0, Value::of_uint(pkt.number));
  int len_node = pkt.tree.add(top, len, r, 0, 0, Value::of_uint(f.len));
  int cap_node = pkt.tree.add(top, cap_len, r, 0, 0, Value::of_uint(f.caplen));
  if (pkt.labels) {
    pkt.set_label(len_node, fmt::format("Frame Length: {}", byte_count(f.len)));
    pkt.set_label(cap_node, fmt::format("Capture Length: {}", byte_count(f.caplen)));
  }
  if (prefs.get(pref_generate_md5_hash)) add_md5_hash(pkt, top, r);
  pkt.add_generated_uint(top, marked, 0);
  pkt.add_generated_uint(top, ignored, 0);
  // A known direction makes the packet point-to-point: received (inbound) or sent (outbound).
  if (uint32_t dir = flags_direction_of(f); dir == 1 || dir == 2)
    pkt.tree.add(top, p2p_dir, r, 0, 0, Value::of_uint(dir == 1 ? 1 : 0));
  if (prefs.get(pref_show_file_off)) {
    int n = pkt.tree.add(top, file_off, r, 0, 0,
                         Value::of_int(static_cast<int64_t>(f.file_offset)));
    if (pkt.labels)
      pkt.set_label(n, fmt::format("File Offset: {} (0x{:x})", f.file_offset, f.file_offset));
  }
  t.prev_captured = f.ts;
}

// tshark adds comments in a "Packet comments" subtree before the frame; we keep them as
// top-level frame.comment items.
void add_comments(Packet& pkt, const ByteReader& r) {
  for (const std::string& c : pkt.frame->comments)
    pkt.tree.add(-1, comment, r, 0, 0,
                 Value::of_bytes(reinterpret_cast<const uint8_t*>(c.data()), c.size()));
}

}  // namespace

// A dissector read past the packet's bytes: flag it as tshark does, naming the protocol that
// was being dissected (the last layer entered): a short frame, an unreassembled IP fragment or
// a malformed packet. The items are not generated: their brackets are part of tshark's text
// (PDML's showname).
void flag_exception(Packet& pkt, const BoundsError& e, const ByteReader& caught_in,
                    FieldId current) {
  if (current == kNoField && !pkt.layers.empty()) current = pkt.layers.back();
  const char* proto = current == kNoField ? "" : registry().info(current).short_name;
  ByteReader none;
  int n;
  if (e.beyond_capture) {
    n = pkt.tree.add(-1, protocols::short_frame, none, 0, 0, Value{});
    pkt.set_label(n, fmt::format("[Packet size limited during capture: {} truncated]", proto));
    if (pkt.cols.enabled) pkt.cols.append_info("[Packet size limited during capture]");
  } else if (pkt.fragmented) {
    // tshark's FragmentBoundsError: an IP fragment dissected without its datagram runs out.
    n = pkt.tree.add(-1, protocols::unreassembled, none, 0, 0, Value{});
    pkt.set_label(n, fmt::format("[BoundError Unreassembled Packet: {}]", proto));
    if (pkt.cols.enabled) pkt.cols.append_info("[BoundErrorUnreassembled Packet]");
    add_expert(pkt, n, protocols::unreassembled_expert, none, 0, 0,
               "Unreassembled fragment (change preferences to enable reassembly)", kExpertNote,
               kGroupReassemble);
  } else {
    pkt.malformed = true;
    n = pkt.tree.add(-1, protocols::malformed, caught_in, 0, 0, Value{});
    pkt.set_label(n, fmt::format("[Malformed Packet: {}]", proto));
    if (pkt.cols.enabled) pkt.cols.append_info("[Malformed Packet]");
    add_expert(pkt, n, protocols::malformed_expert, caught_in, 0, 0,
               "Malformed Packet (Exception occurred)", kExpertError, kGroupMalformed);
  }
}

void flag_dissector_bug(Packet& pkt, const DissectorBug& e) {
  pkt.malformed = true;
  std::string text = fmt::format("[Dissector bug, protocol {}: {}]", e.protocol, e.message);
  ByteReader none;
  int n = pkt.tree.add(-1, protocols::malformed, none, 0, 0, Value{});
  pkt.set_label(n, text);
  if (pkt.cols.enabled) pkt.cols.append_info(text);
  add_expert(pkt, n, protocols::malformed_dissector_bug, none, 0, 0, e.message, kExpertError,
             kGroupMalformed);
}

void flag_reassembly_error(Packet& pkt, const TcpReassemblyError& e) {
  pkt.malformed = true;
  std::string text = fmt::format("[Reassembly error, protocol TCP: {}]", e.message);
  ByteReader none;
  int n = pkt.tree.add(-1, protocols::malformed, none, 0, 0, Value{});
  pkt.set_label(n, text);
  if (pkt.cols.enabled) pkt.cols.append_info(text);
  add_expert(pkt, n, protocols::malformed_reassembly, none, 0, 0, e.message, kExpertError,
             kGroupMalformed);
}

namespace {

// tshark's "frame" preferences (-o frame.NAME:VALUE, -G defaultprefs), declared at the top.

const PrefReg kFramePrefs[] = {
    pref_bool(&pref_show_file_off, "show_file_off", "Show offset of frame in capture file", false),
    pref_bool(&pref_force_docsis_encap, "force_docsis_encap", "Treat all frames as DOCSIS Frames",
              false),
    pref_bool(&pref_generate_md5_hash, "generate_md5_hash",
              "Whether or not MD5 hashes should be generated for each frame, useful for finding "
              "duplicate frames.",
              false),
    pref_bool(&pref_generate_epoch_time, "generate_epoch_time",
              "Whether or not an Epoch time entry should be generated for each frame.", true),
    pref_bool(&pref_generate_bits_field, "generate_bits_field",
              "Whether or not the number of bits in the frame should be shown.", true),
    pref_bool(
        &pref_disable_packet_size_limited_in_summary, "disable_packet_size_limited_in_summary",
        "Whether or not 'packet size limited during capture' message in shown in Info column.",
        false),
};

}  // namespace

void register_frame() {
  prefs_registry().add_module({"frame", "Frame"}, kFramePrefs);
  FieldRegistry& reg = registry();
  frame_fields::proto.id = reg.add_protocol({"Frame", "Frame", "frame"});
  reg.add_fields(frame_fields::proto, kFields);
  reg.add_fields(frame_fields::proto, kFlagFields);
  for (int i = 0; i < 8; ++i) {
    FieldReg error{&flags_errors[i],
                   {.name = kFlagErrors[i][0],
                    .abbrev = kFlagErrors[i][1],
                    .type = FieldType::kBoolean,
                    .bitmask = uint64_t{1} << (24 + i),
                    .tf = &kSetNotSet,
                    .bits = 32}};
    reg.add_fields(frame_fields::proto, std::span(&error, 1));
  }
}

void dissect_packet(Packet& pkt) {
  const CapturedFrame& f = *pkt.frame;
  ByteReader r(f.data, f.caplen, f.len);
  add_comments(pkt, r);
  int top = pkt.add_protocol(-1, frame_fields::proto, r, 0, f.caplen);
  add_frame_fields(pkt, r, top);
  if (pkt.labels) label_frame(pkt, top);
  try {
    pkt.call_next(tables::linktype(), f.linktype, r, -1);
  } catch (const BoundsError& e) {
    flag_exception(pkt, e);
  } catch (const DissectorBug& e) {
    flag_dissector_bug(pkt, e);
  }
  add_protocols(pkt, top);
}

void note_displayed(Packet& pkt) {
  FrameTiming& t = pkt.session->timing;
  t.prev_displayed = pkt.frame->ts;
  t.have_prev_displayed = true;
}

}  // namespace netsift
