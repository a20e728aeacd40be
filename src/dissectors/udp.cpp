// User Datagram Protocol (RFC 768): ports, length, checksum, udp.stream numbering and
// per-stream timestamps, then the payload by port (lower port first, as tshark tries).
#include <fmt/format.h>

#include <iterator>

#include "core/expert.h"
#include "core/append_format.h"
#include "core/field_registry.h"
#include "core/flow_key.h"
#include "core/internet_checksum.h"
#include "core/packet.h"
#include "core/preferences.h"
#include "core/session.h"
#include "core/value_strings.h"
#include "dissectors/checksum_items.h"
#include "dissectors/udp_conversations.h"
#include "dissectors/udp_fields.h"

namespace netsift {

namespace udp_fields {
ProtocolField proto;
UintField srcport, dstport, stream;
BytesField payload;
}  // namespace udp_fields

namespace {

// The module's preferences (-o NAME:VALUE), registered at the end of the file.
BoolPref pref_summary_in_tree;
BoolPref pref_try_heuristic_first;
BoolPref pref_ignore_ipv6_zero_checksum;
BoolPref pref_process_info;
BoolPref pref_calculate_timestamps;

using namespace udp_fields;

constexpr uint8_t kIpProtoUdp = 17;

FieldId port, length, checksum, checksum_calculated, checksum_bad, checksum_zero, checksum_status, time_relative,
    time_delta, length_bad;

// udp.checksum.status / tcp.checksum.status values (Wireshark's proto_checksum_vals).

const FieldReg kFields[] = {
    {&srcport,
     {.name = "Source Port",
      .abbrev = "udp.srcport",
      .type = FieldType::kUint16,
      .base = Base::kPtUdp}},
    {&dstport,
     {.name = "Destination Port",
      .abbrev = "udp.dstport",
      .type = FieldType::kUint16,
      .base = Base::kPtUdp}},
    {&port,
     {.name = "Source or Destination Port",
      .abbrev = "udp.port",
      .type = FieldType::kUint16,
      .base = Base::kPtUdp}},
    {&stream,
     {.name = "Stream index",
      .abbrev = "udp.stream",
      .type = FieldType::kUint32,
      .base = Base::kDec}},
    {&length,
     {.name = "Length",
      .abbrev = "udp.length",
      .type = FieldType::kUint16,
      .base = Base::kDec,
      .blurb = "Length in octets including this header and the data"}},
    {&checksum,
     {.name = "Checksum",
      .abbrev = "udp.checksum",
      .type = FieldType::kUint16,
      .base = Base::kHex}},
    {&checksum_calculated,
     {.name = "Calculated Checksum",
      .abbrev = "udp.checksum_calculated",
      .type = FieldType::kUint16,
      .base = Base::kHex,
      .blurb = "The expected UDP checksum field as calculated from the UDP packet"}},
    {&checksum_bad, {.name = "Bad checksum", .abbrev = "udp.checksum.bad"}},
    {&checksum_zero, {.name = "Illegal checksum value (0)", .abbrev = "udp.checksum.zero"}},
    {&checksum_status,
     {.name = "Checksum Status",
      .abbrev = "udp.checksum.status",
      .type = FieldType::kUint8,
      .values = kChecksumStatusNames}},
    {&time_relative,
     {.name = "Time since first frame",
      .abbrev = "udp.time_relative",
      .type = FieldType::kRelTime}},
    {&time_delta,
     {.name = "Time since previous frame",
      .abbrev = "udp.time_delta",
      .type = FieldType::kRelTime}},
    {&payload, {.name = "Payload", .abbrev = "udp.payload", .type = FieldType::kBytes}},
    {&length_bad, {.name = "Bad length value", .abbrev = "udp.length.bad"}},
};

// The stream index, and the per-stream times, which tshark shows only for datagrams with a payload
// that are not quoted by an ICMP error.
void add_stream(Packet& pkt, int top, const ByteReader& r, uint16_t sport, uint16_t dport,
                bool times_shown) {
  FlowKey key = FlowKey::make(pkt.net_src, sport, pkt.net_dst, dport, kIpProtoUdp, nullptr);
  int64_t now = pkt.frame->ts.total_ns();
  bool created;
  Conversation& c = pkt.session->udp.find_or_add(key, now, &created);
  pkt.conversation = &c;
  // tshark adds the stream index after the header, covering no bytes.
  pkt.tree.add(top, stream, r, 8, 0, Value::of_uint(c.stream), kGenerated);
  if (times_shown) {
    int times = pkt.tree.add_generated(top, kNoField, Value{});
    if (pkt.labels) pkt.set_label(times, "[Timestamps]");
    pkt.tree.add_generated(times, time_relative, Value::of_int(now - c.first_ns));
    pkt.tree.add_generated(times, time_delta, Value::of_int(now - c.prev_ns));
  }
  c.prev_ns = now;
}

// "Src Port: 80" as in the port items: with transport names resolved, "http (80)", and a port
// without a name shows its number twice, "39236 (39236)", as Wireshark's resolver answers with
// the number.
void append_port(std::string& out, const Packet& pkt, uint16_t p) {
  const Session* s = pkt.session;
  if (!s || !s->resolve.transport) {
    append_format(out, "{}", p);
    return;
  }
  const char* name = s->names.udp_port_name(p);
  if (name)
    append_format(out, "{} ({})", name, p);
  else
    append_format(out, "{} ({})", p, p);
}

void label_protocol(Packet& pkt, int top, uint16_t sport, uint16_t dport) {
  std::string text = "User Datagram Protocol, Src Port: ";
  append_port(text, pkt, sport);
  text.append(", Dst Port: ");
  append_port(text, pkt, dport);
  pkt.set_label(top, text);
}

// tshark hands the payload to a conversation's announced protocol, else to the protocol of the
// lower port first, then the higher one; a dissector that rejects the payload (returns 0) passes
// it on to the next.
size_t dispatch_payload(Packet& pkt, const ByteReader& data, uint16_t sport, uint16_t dport) {
  if (Dissector d = udp_expected_conversation(pkt).dissector)
    if (size_t n = d(data, pkt, -1)) return n;
  uint16_t low = sport < dport ? sport : dport;
  uint16_t high = sport < dport ? dport : sport;
  for (uint16_t p : {low, high})
    if (p != 0)
      if (Dissector d = tables::udp_port().find(p))
        if (size_t n = d(data, pkt, -1)) return n;
  // A heuristic whose dissector looks further (RPC matches replies to calls) may still
  // reject the payload by returning 0, having added nothing.
  for (const HeuristicDissector& h : tables::udp_heuristics())
    if (h.accepts(data))
      if (size_t n = h.dissect(data, pkt, -1)) return n;
  return pkt.call_data(data, -1);
}

BoolPref pref_check_checksum;

// udp.check_checksum: the checksum over the IPv4/IPv6 pseudo-header and the whole datagram, as
// tshark shows it (the calculated value under the checksum, the status after it).
void verify_checksum(Packet& pkt, int top, int sum_node, const ByteReader& datagram) {
  const Address& src = pkt.net_src;
  uint32_t total = ones_sum(src.bytes, src.size());
  total = ones_sum(pkt.net_dst.bytes, pkt.net_dst.size(), total);
  total += 17 + static_cast<uint32_t>(datagram.size());  // protocol and UDP length
  total = ones_sum(datagram.data(), datagram.size(), total);
  uint16_t value = datagram.u16(6);
  if (fold(total) == 0xffff) {
    if (pkt.labels) pkt.set_label(sum_node, fmt::format("Checksum: 0x{:04x} [correct]", value));
    add_checksum_item(pkt, sum_node, checksum_calculated, datagram, 6, 2, value);
    add_checksum_item(pkt, top, checksum_status, datagram, 6, 0, kChecksumGood);
    return;
  }
  uint16_t expected = static_cast<uint16_t>(~fold(total - value));
  if (pkt.labels)
    pkt.set_label(sum_node, fmt::format("Checksum: 0x{:04x} incorrect, should be 0x{:04x} (maybe "
                                        "caused by \"UDP checksum offload\"?)",
                                        value, expected));
  add_expert(pkt, sum_node, checksum_bad, datagram, 6, 2,
             fmt::format("Bad checksum [should be 0x{:04x}]", expected), kExpertError,
             kGroupChecksum);
  add_checksum_item(pkt, sum_node, checksum_calculated, datagram, 6, 2, expected);
  add_checksum_item(pkt, top, checksum_status, datagram, 6, 0, kChecksumBad);
}

// A checksum left unverified (tshark puts the status at the checksum's offset, with no bytes).
void add_unverified_checksum(Packet& pkt, int top, int sum_node, const ByteReader& r,
                             uint16_t sum) {
  add_checksum_item(pkt, top, checksum_status, r, 6, 0, kChecksumUnverified);
  if (pkt.labels) pkt.set_label(sum_node, fmt::format("Checksum: 0x{:04x} [unverified]", sum));
}

// No checksum (zero): "none" over IPv4, not allowed over IPv6 (RFC 8200) unless
// udp.ignore_ipv6_zero_checksum says so; a quoted datagram's is never complained about. The
// status goes under the checksum, over its bytes.
void add_zero_checksum(Packet& pkt, const ByteReader& r, int sum_node) {
  bool ignored = pkt.net_src.type == AddressType::kIpv4 || pkt.in_error_pkt ||
                 (pkt.net_src.type == AddressType::kIpv6 &&
                  pkt.session->prefs.get(pref_ignore_ipv6_zero_checksum));
  if (pkt.labels)
    pkt.set_label(sum_node, ignored ? "Checksum: 0x0000 [zero-value ignored]"
                                    : "Checksum: 0x0000 [zero-value illegal]");
  if (!ignored) {
    add_expert(pkt, sum_node, checksum_zero, r, 6, 2, "Illegal checksum value (0)", kExpertError,
               kGroupChecksum);
    if (pkt.cols.enabled) pkt.cols.append_info(" [ILLEGAL CHECKSUM (0)]");
  }
  add_checksum_item(pkt, sum_node, checksum_status, r, 6, 2,
                    ignored ? kChecksumNotPresent : kChecksumIllegal);
}

size_t dissect_udp(const ByteReader& r, Packet& pkt, int parent) {
  if (pkt.cols.enabled) pkt.cols.set_protocol("UDP");
  int top = pkt.add_protocol(parent, proto, r, 0, 8);
  uint16_t sport = r.u16(0), dport = r.u16(2);
  pkt.add_item(top, srcport, r, 0, 2);
  pkt.add_item(top, dstport, r, 2, 2);
  pkt.tree[pkt.add_item(top, port, r, 0, 2)].flags |= kHidden;
  pkt.tree[pkt.add_item(top, port, r, 2, 2)].flags |= kHidden;
  pkt.port_type = PortType::kUdp;
  pkt.src_port = sport;
  pkt.dst_port = dport;
  if (pkt.labels && pkt.session->prefs.get(pref_summary_in_tree))
    label_protocol(pkt, top, sport, dport);

  uint16_t ulen = r.u16(4);
  size_t ip_payload = r.reported_size();
  if (pkt.cols.enabled) {
    pkt.cols.set_info("");
    const Session& s = *pkt.session;
    s.names.append_port_info(pkt.cols.info, false, sport, s.resolve.transport);
    pkt.cols.info.append(" → ");
    s.names.append_port_info(pkt.cols.info, false, dport, s.resolve.transport);
  }
  int len_node = pkt.add_item(top, length, r, 4, 2);
  if (ulen < 8) {
    if (pkt.cols.enabled) {
      append_format(pkt.cols.info, " [BAD UDP LENGTH {} < 8]", ulen);
      pkt.set_label(len_node, fmt::format("Length: {} (bogus, must be >= 8)", ulen));
    }
    add_expert(pkt, len_node, length_bad, r, 4, 2, fmt::format("Bad length value {} < 8", ulen),
               kExpertError, kGroupMalformed);
    return ip_payload;
  }
  // A quoted datagram is cut short by design, and an IP fragment carries only part of the
  // datagram: neither is a bad length (tshark's in_error_pkt and pinfo->fragmented).
  if (ulen > ip_payload && !pkt.in_error_pkt && !pkt.fragmented) {
    if (pkt.cols.enabled) {
      append_format(pkt.cols.info, " [BAD UDP LENGTH {} > IP PAYLOAD LENGTH]",
                     ulen);
      pkt.set_label(len_node,
                    fmt::format("Length: {} (bogus, payload length {})", ulen, ip_payload));
    }
    add_expert(pkt, len_node, length_bad, r, 4, 2,
               fmt::format("Bad length value {} > IP payload length", ulen), kExpertError,
               kGroupMalformed);
  }

  // tshark writes the length complaint before "Len=".
  if (pkt.cols.enabled) append_format(pkt.cols.info, " Len={}", ulen - 8);

  uint16_t sum = r.u16(6);
  int sum_node = pkt.add_item(top, checksum, r, 6, 2);
  if (sum == 0)
    add_zero_checksum(pkt, r, sum_node);
  else if (pkt.session->prefs.get(pref_check_checksum) && !pkt.in_error_pkt &&
      ulen <= ip_payload && !r.sub(0, ulen).truncated() &&
      (pkt.net_src.type == AddressType::kIpv4 || pkt.net_src.type == AddressType::kIpv6))
    verify_checksum(pkt, top, sum_node, r.sub(0, ulen));
  else
    add_unverified_checksum(pkt, top, sum_node, r, sum);

  // Bytes after the UDP length are not ours (an Ethernet trailer, say); a length past the IP
  // payload is ignored as tshark does, keeping what the IP layer gave.
  size_t datagram = ulen > ip_payload ? ip_payload : ulen;
  ByteReader data = r.sub(8, datagram - 8);
  add_stream(pkt, top, r, sport, dport,
             data.reported_size() > 0 && !pkt.in_error_pkt &&
                 pkt.session->prefs.get(pref_calculate_timestamps));
  if (data.reported_size() == 0) return datagram;
  int payload_node = pkt.add_item(top, payload, data, 0, data.size());
  // tshark counts the captured bytes (fewer in a capture cut short).
  if (pkt.labels)
    pkt.set_label(payload_node,
                  fmt::format("UDP payload ({} byte{})", data.size(), data.size() == 1 ? "" : "s"));
  if (pkt.payloads) dispatch_payload(pkt, data, sport, dport);
  return datagram;
}

}  // namespace

namespace {

// tshark's "udp" preferences (-o udp.NAME:VALUE, -G defaultprefs); pref_check_checksum is
// declared with the checksum code.

const PrefReg kUdpPrefs[] = {
    pref_bool(&pref_summary_in_tree, "summary_in_tree",
              "Whether the UDP summary line should be shown in the protocol tree",
              true),
    pref_bool(&pref_try_heuristic_first, "try_heuristic_first",
              "Try to decode a packet using an heuristic sub-dissector before using a sub-dissector registered to a specific port",
              false),
    pref_bool(&pref_check_checksum, "check_checksum",
              "Whether to validate the UDP checksum",
              false),
    pref_bool(&pref_ignore_ipv6_zero_checksum, "ignore_ipv6_zero_checksum",
              "Whether to ignore zero-value UDP checksums over IPv6",
              false),
    pref_bool(&pref_process_info, "process_info",
              "Collect process flow information from IPFIX",
              false),
    pref_bool(&pref_calculate_timestamps, "calculate_timestamps",
              "Calculate timestamps relative to the first frame and the previous frame in the udp conversation",
              true),
};

}  // namespace

void register_udp() {
  register_udp_conversations();
  prefs_registry().add_module({"udp", "User Datagram Protocol"}, kUdpPrefs);
  FieldRegistry& reg = registry();
  proto.id = reg.add_protocol({"User Datagram Protocol", "UDP", "udp"});
  reg.add_fields(proto, kFields);
  tables::ip_proto().add(kIpProtoUdp, dissect_udp, "udp");
}

}  // namespace netsift
