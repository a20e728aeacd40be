// ICMP for IPv4 (RFC 792 and successors): message types, echo request/response matching,
// the ping timestamp heuristic, and the quoted packet of error messages, as tshark 4.0 shows
// them.
#include <fmt/format.h>

#include "analysis/icmp_transactions.h"
#include "core/field_registry.h"
#include "core/internet_checksum.h"
#include "core/preferences.h"
#include "core/session.h"
#include "core/value_strings.h"
#include "dissectors/checksum_items.h"
#include "dissectors/frame.h"
#include "dissectors/icmp_extensions.h"
#include "dissectors/icmp_fields.h"
#include "dissectors/ip.h"

namespace netsift {

namespace icmp_fields {
ProtocolField icmp;
UintField type, code;
}  // namespace icmp_fields

namespace {

using namespace icmp_fields;
FieldId checksum, checksum_status, checksum_bad, unused, ident, ident_le, seq, seq_le, mtu,
    num_addrs, addr_entry_size, lifetime, pointer, router_address, pref_level, originate_ts,
    receive_ts, transmit_ts, address_mask, redir_gw, resp_in, no_resp, resp_not_found, resp_to,
    resptime, data_time, data_time_relative, length, length_original, transactions_limit;

// tshark's "icmp" preferences (-o icmp.NAME:VALUE, -G defaultprefs), registered at the end.
BoolPref pref_favor_icmp_mpls;

enum : uint8_t {
  kEchoReply = 0,
  kUnreachable = 3,
  kSourceQuench = 4,
  kRedirect = 5,
  kAltHost = 6,
  kEcho = 8,
  kRouterAdvert = 9,
  kTimeExceeded = 11,
  kParamProblem = 12,
  kTimestamp = 13,
  kTimestampReply = 14,
  kInfoRequest = 15,
  kInfoReply = 16,
  kMaskRequest = 17,
  kMaskReply = 18,
  kPhoturis = 40,
  kExtEcho = 42,
  kExtEchoReply = 43,
};

constexpr const char* kUnknownType = "Unknown ICMP (obsolete or malformed?)";
const ValueName kTypeNames[] = {{0, "Echo (ping) reply"},
                                {1, "Reserved"},
                                {2, "Reserved"},
                                {3, "Destination unreachable"},
                                {4, "Source quench (flow control)"},
                                {5, "Redirect"},
                                {6, "Alternate host address"},
                                {8, "Echo (ping) request"},
                                {9, "Router advertisement"},
                                {10, "Router solicitation"},
                                {11, "Time-to-live exceeded"},
                                {12, "Parameter problem"},
                                {13, "Timestamp request"},
                                {14, "Timestamp reply"},
                                {15, "Information request"},
                                {16, "Information reply"},
                                {17, "Address mask request"},
                                {18, "Address mask reply"},
                                {19, "Reserved (for security)"},
                                {30, "Traceroute"},
                                {31, "Datagram Conversion Error"},
                                {32, "Mobile Host Redirect"},
                                {33, "IPv6 Where-Are-You"},
                                {34, "IPv6 I-Am-Here"},
                                {35, "Mobile Registration Request"},
                                {36, "Mobile Registration Reply"},
                                {37, "Domain Name Request"},
                                {38, "Domain Name Reply"},
                                {39, "SKIP"},
                                {40, "Photuris"},
                                {41, "Experimental mobility protocols"},
                                {42, "Extended Echo request"},
                                {43, "Extended Echo reply"}};
const ValueName kUnreachCodes[] = {{0, "Network unreachable"},
                                   {1, "Host unreachable"},
                                   {2, "Protocol unreachable"},
                                   {3, "Port unreachable"},
                                   {4, "Fragmentation needed"},
                                   {5, "Source route failed"},
                                   {6, "Destination network unknown"},
                                   {7, "Destination host unknown"},
                                   {8, "Source host isolated"},
                                   {9, "Network administratively prohibited"},
                                   {10, "Host administratively prohibited"},
                                   {11, "Network unreachable for TOS"},
                                   {12, "Host unreachable for TOS"},
                                   {13, "Communication administratively filtered"},
                                   {14, "Host precedence violation"},
                                   {15, "Precedence cutoff in effect"}};
const ValueName kRedirectCodes[] = {{0, "Redirect for network"},
                                    {1, "Redirect for host"},
                                    {2, "Redirect for TOS and network"},
                                    {3, "Redirect for TOS and host"}};
const ValueName kTimeExceededCodes[] = {{0, "Time to live exceeded in transit"},
                                        {1, "Fragment reassembly time exceeded"}};
const ValueName kParamProblemCodes[] = {
    {0, "Pointer indicates the error"}, {1, "Required option missing"}, {2, "Bad length"}};
const ValueName kRouterAdvertCodes[] = {{0, "Normal router advertisement"},
                                        {16, "Does not route common traffic"}};
const ValueName kAltHostCodes[] = {{0, "Alternate address for host"}};
const ValueName kPhoturisCodes[] = {
    {0, "Bad SPI"},           {1, "Authentication Failed"}, {2, "Decompression Failed"},
    {3, "Decryption Failed"}, {4, "Need Authentication"},   {5, "Need Authorization"}};
const ValueName kExtEchoCodes[] = {{0, "No error"}};
const ValueName kExtEchoReplyCodes[] = {{0, "No error"},
                                        {1, "Malformed Query"},
                                        {2, "No Such Interface"},
                                        {3, "No Such Table Entry"},
                                        {4, "Multiple Interfaces Satisfy Query"}};

const FieldReg kFields[] = {
    {&type, {.name = "Type", .abbrev = "icmp.type", .type = FieldType::kUint8, .base = Base::kDec}},
    {&code, {.name = "Code", .abbrev = "icmp.code", .type = FieldType::kUint8, .base = Base::kDec}},
    {&checksum,
     {.name = "Checksum",
      .abbrev = "icmp.checksum",
      .type = FieldType::kUint16,
      .base = Base::kHex}},
    {&checksum_status,
     {.name = "Checksum Status",
      .abbrev = "icmp.checksum.status",
      .type = FieldType::kUint8,
      .values = kChecksumStatusNames}},
    {&unused, {.name = "Unused", .abbrev = "icmp.unused", .type = FieldType::kBytes}},
    {&ident,
     {.name = "Identifier (BE)",
      .abbrev = "icmp.ident",
      .type = FieldType::kUint16,
      .base = Base::kDecHex,
      .blurb = "Identifier (big endian representation)"}},
    {&ident_le,
     {.name = "Identifier (LE)",
      .abbrev = "icmp.ident_le",
      .type = FieldType::kUint16,
      .base = Base::kDecHex,
      .blurb = "Identifier (little endian representation)"}},
    {&seq,
     {.name = "Sequence Number (BE)",
      .abbrev = "icmp.seq",
      .type = FieldType::kUint16,
      .base = Base::kDecHex,
      .blurb = "Sequence Number (big endian representation)"}},
    {&seq_le,
     {.name = "Sequence Number (LE)",
      .abbrev = "icmp.seq_le",
      .type = FieldType::kUint16,
      .base = Base::kDecHex,
      .blurb = "Sequence Number (little endian representation)"}},
    {&mtu,
     {.name = "MTU of next hop",
      .abbrev = "icmp.mtu",
      .type = FieldType::kUint16,
      .base = Base::kDec}},
    {&num_addrs,
     {.name = "Number of addresses",
      .abbrev = "icmp.num_addrs",
      .type = FieldType::kUint8,
      .base = Base::kDec}},
    {&addr_entry_size,
     {.name = "Address entry size",
      .abbrev = "icmp.addr_entry_size",
      .type = FieldType::kUint8,
      .base = Base::kDec}},
    {&lifetime,
     {.name = "Lifetime",
      .abbrev = "icmp.lifetime",
      .type = FieldType::kUint16,
      .base = Base::kDec}},
    {&pointer,
     {.name = "Pointer", .abbrev = "icmp.pointer", .type = FieldType::kUint32, .base = Base::kDec}},
    {&router_address,
     {.name = "Router address", .abbrev = "icmp.router_address", .type = FieldType::kIpv4}},
    {&pref_level,
     {.name = "Preference level",
      .abbrev = "icmp.pref_level",
      .type = FieldType::kInt32,
      .base = Base::kDec}},
    {&originate_ts,
     {.name = "Originate Timestamp",
      .abbrev = "icmp.originate_timestamp",
      .type = FieldType::kUint32,
      .base = Base::kDec}},
    {&receive_ts,
     {.name = "Receive Timestamp",
      .abbrev = "icmp.receive_timestamp",
      .type = FieldType::kUint32,
      .base = Base::kDec}},
    {&transmit_ts,
     {.name = "Transmit Timestamp",
      .abbrev = "icmp.transmit_timestamp",
      .type = FieldType::kUint32,
      .base = Base::kDec}},
    {&address_mask,
     {.name = "Address Mask", .abbrev = "icmp.address_mask", .type = FieldType::kIpv4}},
    {&redir_gw, {.name = "Gateway Address", .abbrev = "icmp.redir_gw", .type = FieldType::kIpv4}},
    {&resp_in,
     {.name = "Response frame",
      .abbrev = "icmp.resp_in",
      .type = FieldType::kFrameNum,
      .blurb = "The frame number of the corresponding response"}},
    {&no_resp,
     {.name = "No response seen",
      .abbrev = "icmp.no_resp",
      .type = FieldType::kNone,
      .blurb = "No corresponding response frame was seen"}},
    {&resp_not_found,
     {.name = "Response not found", .abbrev = "icmp.resp_not_found", .type = FieldType::kNone}},
    // netsift's own: the echo requests' memory budget made this request forget the oldest.
    {&transactions_limit,
     {.name = "ICMP transactions limit reached",
      .abbrev = "icmp.transactions_limit",
      .type = FieldType::kNone}},
    {&resp_to,
     {.name = "Request frame",
      .abbrev = "icmp.resp_to",
      .type = FieldType::kFrameNum,
      .blurb = "The frame number of the corresponding request"}},
    {&resptime,
     {.name = "Response time",
      .abbrev = "icmp.resptime",
      .type = FieldType::kDouble,
      .blurb = "The time between the request and the response, in ms."}},
    {&data_time,
     {.name = "Timestamp from icmp data",
      .abbrev = "icmp.data_time",
      .type = FieldType::kAbsTime,
      .base = Base::kAbsLocal,
      .blurb = "The timestamp in the first 8 bytes of the icmp data"}},
    {&data_time_relative,
     {.name = "Timestamp from icmp data (relative)",
      .abbrev = "icmp.data_time_relative",
      .type = FieldType::kRelTime,
      .blurb =
          "The timestamp of the packet, relative to the timestamp in the first 8 bytes of the icmp "
          "data"}},
    {&length,
     {.name = "Length",
      .abbrev = "icmp.length",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .blurb = "The length of the original datagram"}},
    {&length_original,
     {.name = "Length of original datagram",
      .abbrev = "icmp.length.original_datagram",
      .type = FieldType::kUint8,
      .base = Base::kDec,
      .blurb = "The length of the original datagram (length * 4)"}},
    {&checksum_bad, {.name = "Bad checksum", .abbrev = "icmp.checksum_bad"}},
};

// The code names of a message type; empty for types whose code has no meaning.
std::span<const ValueName> code_names(uint8_t t) {
  switch (t) {
    case kUnreachable:
      return kUnreachCodes;
    case kRedirect:
      return kRedirectCodes;
    case kAltHost:
      return kAltHostCodes;
    case kTimeExceeded:
      return kTimeExceededCodes;
    case kParamProblem:
      return kParamProblemCodes;
    case kRouterAdvert:
      return kRouterAdvertCodes;
    case kPhoturis:
      return kPhoturisCodes;
    case kExtEcho:
      return kExtEchoCodes;
    case kExtEchoReply:
      return kExtEchoReplyCodes;
    default:
      return {};
  }
}

// The code's meaning for the label and Info ("Port unreachable", "Unknown code: 17"); empty
// when the type gives codes no meaning.
std::string code_text(uint8_t t, uint8_t c) {
  std::span<const ValueName> names = code_names(t);
  if (names.empty()) return {};
  if (const char* name = value_name(names, c)) return name;
  return fmt::format("Unknown code: {}", c);
}

// tshark verifies the checksum when the whole message was captured and is not itself quoted.
void add_checksum(Packet& pkt, int tree, const ByteReader& r, bool in_error_packet) {
  const ChecksumItems items{checksum, checksum_status, checksum_bad, kExpertWarn};
  if (r.truncated() || in_error_packet)
    return add_unverified_checksum(pkt, tree, r, 2, items,
                                   in_error_packet ? " [in ICMP error packet]" : "");
  add_verified_checksum(pkt, tree, r, 2, ones_sum(r.data(), r.size()), items);
}

// Identifier and sequence number, in both byte orders since hosts differ on it.
void add_ident_seq(Packet& pkt, int tree, const ByteReader& r) {
  pkt.add_item(tree, ident, r, 4, 2);
  pkt.add_item(tree, ident_le, r, 4, 2, Endian::kLittle);
  pkt.add_item(tree, seq, r, 6, 2);
  pkt.add_item(tree, seq_le, r, 6, 2, Endian::kLittle);
}

// "4 hours, 28 minutes, 51.171 seconds" (Wireshark's time_msecs_to_str).
std::string msecs_text(uint32_t ms) {
  uint32_t secs = ms / 1000, frac = ms % 1000;
  std::string out;
  auto part = [&out](uint32_t v, const char* unit) {
    if (!out.empty()) out.append(", ");
    out += fmt::format("{} {}{}", v, unit, v == 1 ? "" : "s");
  };
  if (secs / 86400) part(secs / 86400, "day");
  if (secs / 3600 % 24) part(secs / 3600 % 24, "hour");
  if (secs / 60 % 60) part(secs / 60 % 60, "minute");
  if (secs % 60 || frac || out.empty()) {
    if (!out.empty()) out.append(", ");
    if (frac)
      out += fmt::format("{}.{:03} seconds", secs % 60, frac);
    else
      out += fmt::format("{} second{}", secs % 60, secs % 60 == 1 ? "" : "s");
  }
  return out;
}

void add_ms_timestamp(Packet& pkt, int tree, FieldId f, const char* name, const ByteReader& r,
                      size_t off) {
  int n = pkt.add_item(tree, f, r, off, 4);
  if (pkt.labels) {
    uint32_t v = r.u32(off);
    pkt.set_label(n, fmt::format("{}: {} ({} after midnight UTC)", name, v, msecs_text(v)));
  }
}

// Most pings put a struct timeval (32-bit seconds and microseconds, host byte order) at the
// start of the data; tshark shows it when it lies within a day of the frame time.
size_t add_data_time(Packet& pkt, int tree, const ByteReader& r, size_t off) {
  if (!r.has(off, 8)) return off;
  int64_t frame_secs = pkt.frame->ts.sec;
  auto plausible = [&](uint32_t secs, uint32_t usecs) {
    int64_t delta = frame_secs - secs;
    return delta < 86400 && delta > -86400 && usecs < 1000000;
  };
  uint32_t secs = r.u32(off), usecs = r.u32(off + 4);
  if (!plausible(secs, usecs)) {
    secs = r.u32le(off);
    usecs = r.u32le(off + 4);
    if (!plausible(secs, usecs)) return off;
  }
  int64_t ns = int64_t{secs} * 1000000000 + int64_t{usecs} * 1000;
  pkt.tree.add(tree, data_time, r, off, 8, Value::of_int(ns));
  pkt.tree.add(tree, data_time_relative, r, off, 8, Value::of_int(pkt.frame->ts.total_ns() - ns),
               kGenerated);
  return off + 8;
}

}  // namespace

void add_echo_reply_link(Packet& pkt, int tree, const EchoReplyFields& f) {
  const FirstPassNotes& later = pkt.session->later;
  if (!later.available()) return;
  if (auto reply = later.find(f.resp_in, pkt.number)) {
    pkt.add_generated_uint(tree, f.resp_in, *reply);
    if (pkt.cols.enabled) pkt.cols.append_info(fmt::format(" (reply in {})", *reply));
    return;
  }
  int n = pkt.tree.add_generated(tree, f.no_resp, Value{});
  std::string msg = fmt::format("No response seen to {} request", f.protocol);
  if (f.frame_in_warning) msg += fmt::format(" in frame {}", pkt.number);
  add_expert(pkt, n, f.resp_not_found, ByteReader(), 0, 0, msg, kExpertWarn, kGroupSequence);
  if (pkt.cols.enabled) pkt.cols.append_info(" (no response found!)");
}

void record_echo_request(Packet& pkt, int tree, bool v6, uint64_t match, FieldId limit) {
  IcmpTransactions& tx = pkt.session->state<IcmpTransactions>();
  tx.use_budget(pkt.session->memory());
  uint64_t forgotten =
      tx.request(v6, pkt.net_src, pkt.net_dst, match, pkt.number, pkt.frame->ts.total_ns());
  if (forgotten == 0) return;
  add_expert(
      pkt, tree, limit, ByteReader(), 0, 0,
      fmt::format("Echo request of frame {} forgotten ({} used up)", forgotten, tx.limit_text()),
      kExpertNote, kGroupSequence);
}

void note_echo_reply(Packet& pkt, FieldId resp_in, uint64_t request_frame) {
  pkt.session->later.note(resp_in, request_frame, 0, pkt.number);
}

namespace {

// Echo matching as tshark does it: identifier, sequence number and the request's checksum
// (a reply's checksum is the request's plus 0x0800, the only difference being the type).
void match_echo(Packet& pkt, int tree, const ByteReader& r, uint8_t t) {
  uint16_t cksum = r.u16(2);
  if (t == kEchoReply) cksum = fold(uint32_t{cksum} + 0xf7ff);
  uint64_t key = uint64_t{r.u32(4)} << 16 | cksum;
  if (t == kEcho) {
    add_echo_reply_link(pkt, tree, {resp_in, no_resp, resp_not_found, false, "ICMP"});
    record_echo_request(pkt, tree, false, key, transactions_limit);
    return;
  }
  IcmpTransactions& tx = pkt.session->state<IcmpTransactions>();
  const IcmpTransactions::Request* req = tx.reply(false, pkt.net_src, pkt.net_dst, key);
  if (!req || req->frame >= pkt.number) return;
  note_echo_reply(pkt, resp_in, req->frame);
  pkt.tree.add_generated(tree, resp_to, Value::of_uint(req->frame));
  double ms = (pkt.frame->ts.total_ns() - req->time_ns) / 1e6;
  int n = pkt.tree.add_generated(tree, resptime, Value::of_double(ms));
  if (pkt.cols.enabled) {
    pkt.set_label(n, fmt::format("Response time: {:.3f} ms", ms));
    pkt.cols.append_info(fmt::format(" (request in {})", req->frame));
  }
}

void add_router_advert(Packet& pkt, int tree, const ByteReader& r) {
  unsigned count = r.u8(4), entry = r.u8(5);
  pkt.add_item(tree, num_addrs, r, 4, 1);
  pkt.add_item(tree, addr_entry_size, r, 5, 1);
  int l = pkt.add_item(tree, lifetime, r, 6, 2);
  if (pkt.labels) {
    uint16_t v = r.u16(6);
    std::string text = fmt::format("Lifetime: {} (", v);
    uint32_t h = v / 3600, m = v / 60 % 60, s = v % 60;
    std::string parts;
    auto part = [&parts](uint32_t n, const char* unit) {
      if (!parts.empty()) parts.append(", ");
      parts += fmt::format("{} {}{}", n, unit, n == 1 ? "" : "s");
    };
    if (h) part(h, "hour");
    if (m) part(m, "minute");
    if (s || parts.empty()) part(s, "second");
    pkt.set_label(l, text + parts + ")");
  }
  size_t step = entry ? entry * 4u : 8;
  for (unsigned i = 0; i < count; ++i) {
    size_t off = 8 + i * step;
    pkt.add_item(tree, router_address, r, off, 4);
    pkt.add_item(tree, pref_level, r, off + 4, 4);
  }
}

// RFC 4884: byte 5 is the length of the original datagram in 32-bit words.
void add_original_length(Packet& pkt, int tree, const ByteReader& r) {
  pkt.add_item(tree, length, r, 5, 1);
  pkt.tree.add(tree, length_original, r, 5, 1, Value::of_uint(r.u8(5) * 4u), kGenerated);
}

// Error messages carry the header and first bytes of the packet that caused them, and may end
// in RFC 4884 extensions.
void add_error_fields(Packet& pkt, int tree, const ByteReader& r, uint8_t t, uint8_t c) {
  constexpr uint8_t kFragNeeded = 4;
  bool rfc4884 = r.u8(5) != 0;
  if (t == kParamProblem) {
    pkt.add_uint(tree, pointer, r, 4, 1, r.u8(4));
    if (rfc4884) {
      add_original_length(pkt, tree, r);
      pkt.add_item(tree, unused, r, 6, 2);
    } else {
      pkt.add_item(tree, unused, r, 5, 3);
    }
  } else if (t == kRedirect) {
    pkt.add_item(tree, redir_gw, r, 4, 4);
  } else if ((t == kUnreachable || t == kTimeExceeded) && rfc4884) {
    pkt.add_item(tree, unused, r, 4, 1);
    add_original_length(pkt, tree, r);
    if (t == kUnreachable && c == kFragNeeded)
      pkt.add_item(tree, mtu, r, 6, 2);
    else
      pkt.add_item(tree, unused, r, 6, 2);
  } else if (t == kUnreachable && c == kFragNeeded) {
    pkt.add_item(tree, unused, r, 4, 2);
    pkt.add_item(tree, mtu, r, 6, 2);
  } else if (t != kSourceQuench) {
    pkt.add_item(tree, unused, r, 4, 4);
  }
  if (r.reported_size() <= 8) return;
  IcmpErrorLayout layout = icmp_error_layout(r, t, pkt.session->prefs.get(pref_favor_icmp_mpls));
  dissect_quoted_packet(pkt, dissect_ipv4, r.sub(8, layout.quoted_end - 8), tree);
  if (!layout.extension) return;
  try {
    dissect_icmp_extensions(pkt, r.sub(layout.extension), tree);
  } catch (const BoundsError& e) {
    flag_exception(pkt, e, {}, icmp);  // ICMP's, not the quoted packet's last protocol
  }
}

void set_info(Packet& pkt, const ByteReader& r, uint8_t t, uint8_t c, const char* type_name) {
  std::string cn = code_text(t, c);
  std::string info = fmt::format("{:<20}", type_name ? type_name : kUnknownType);
  if (!cn.empty()) info += fmt::format(" ({})", cn);
  switch (t) {
    case kEcho:
    case kEchoReply:
    case kTimestamp:
    case kTimestampReply:
    case kInfoRequest:
    case kInfoReply:
    case kMaskRequest:
    case kMaskReply:
      info += fmt::format(" id=0x{:04x}, seq={}/{}", r.u16(4), r.u16(6), r.u16le(6));
      // tshark knows the TTL only when IPv4 itself hands ICMP on (not AH or ESP).
      if (pkt.layers.size() >= 2 && pkt.layers[pkt.layers.size() - 2] == ip_fields::protocol)
        info += fmt::format(", ttl={}", last_uint(pkt, ip_fields::ttl));
      break;
    default:
      break;
  }
  pkt.cols.set_info(info);
}

size_t dissect_icmp(const ByteReader& r, Packet& pkt, int parent) {
  bool in_error_packet = pkt.in_error_pkt;  // quoted by an ICMP error (not merely tunnelled)
  int tree = pkt.add_protocol(parent, icmp, r, 0, r.size());
  uint8_t t = r.u8(0), c = r.u8(1);
  const char* type_name = value_name(kTypeNames, t);
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("ICMP");
    set_info(pkt, r, t, c, type_name);
  }
  int tn = pkt.add_item(tree, type, r, 0, 1);
  int cn = pkt.add_item(tree, code, r, 1, 1);
  if (pkt.labels) {
    pkt.set_label(tn, fmt::format("Type: {} ({})", t, type_name ? type_name : kUnknownType));
    std::string text = code_text(t, c);
    if (!text.empty()) pkt.set_label(cn, fmt::format("Code: {} ({})", c, text));
  }
  add_checksum(pkt, tree, r, in_error_packet);
  switch (t) {
    case kEcho:
    case kEchoReply: {
      add_ident_seq(pkt, tree, r);
      if (!in_error_packet) match_echo(pkt, tree, r, t);
      size_t data = add_data_time(pkt, tree, r, 8);
      if (r.reported_size() > data) pkt.call_data(r.sub(data), tree);
      break;
    }
    case kTimestamp:
    case kTimestampReply:
      add_ident_seq(pkt, tree, r);
      add_ms_timestamp(pkt, tree, originate_ts, "Originate Timestamp", r, 8);
      add_ms_timestamp(pkt, tree, receive_ts, "Receive Timestamp", r, 12);
      add_ms_timestamp(pkt, tree, transmit_ts, "Transmit Timestamp", r, 16);
      break;
    case kInfoRequest:
    case kInfoReply:
      add_ident_seq(pkt, tree, r);
      break;
    case kMaskRequest:
    case kMaskReply:
      add_ident_seq(pkt, tree, r);
      pkt.add_item(tree, address_mask, r, 8, 4);
      break;
    case kExtEcho:
    case kExtEchoReply:
      pkt.add_item(tree, ident, r, 4, 2);
      pkt.add_item(tree, ident_le, r, 4, 2, Endian::kLittle);
      dissect_icmp_extended_echo(pkt, r, tree, t == kExtEchoReply);
      break;
    case kRouterAdvert:
      add_router_advert(pkt, tree, r);
      break;
    case kUnreachable:
    case kSourceQuench:
    case kRedirect:
    case kTimeExceeded:
    case kParamProblem:
      add_error_fields(pkt, tree, r, t, c);
      break;
    default:
      break;
  }
  return r.reported_size();
}
}  // namespace

namespace {

const PrefReg kIcmpPrefs[] = {
    pref_bool(&pref_favor_icmp_mpls, "favor_icmp_mpls",
              "Whether the 128th and following bytes of the ICMP payload should be decoded as MPLS "
              "extensions or as a portion of the original packet",
              false),
};

}  // namespace

void register_icmp() {
  prefs_registry().add_module({"icmp", "Internet Control Message Protocol"}, kIcmpPrefs);
  FieldRegistry& reg = registry();
  icmp.id = reg.add_protocol({"Internet Control Message Protocol", "ICMP", "icmp"});
  reg.add_fields(icmp, kFields);
  register_icmp_extension_fields(icmp);
  register_protocol_state<IcmpTransactions>(StateScope::kCapture);  // shared with ICMPv6
  tables::ip_proto().add(1, dissect_icmp, "icmp");
}

}  // namespace netsift
