// Transmission Control Protocol (RFC 9293): header fields, options, and the conversation view
// tshark adds in a single pass (tcp.stream, relative sequence numbers, scaled window,
// completeness, per-stream times); then the payload by port, lower port first.
#include <fmt/format.h>

#include <iterator>
#include <optional>

#include "analysis/tcp_conversations.h"
#include "core/append_format.h"
#include "analysis/tcp_reassembly.h"
#include "core/expert.h"
#include "core/field_registry.h"
#include "core/flow_key.h"
#include "core/internet_checksum.h"
#include "core/packet.h"
#include "core/session.h"
#include "core/text_format.h"
#include "core/value_strings.h"
#include "dissectors/checksum_items.h"
#include "dissectors/frame.h"
#include "dissectors/tcp_analysis_tree.h"
#include "dissectors/tcp_desegment.h"
#include "dissectors/tcp_fields.h"
#include "dissectors/tcp_options.h"
#include "dissectors/tcp_prefs.h"
#include "dissectors/tcp_syncookie.h"

namespace netsift {

namespace {

using namespace tcp_fields;

constexpr uint8_t kIpProtoTcp = 6;
constexpr uint32_t kMinHeader = 20;

// tcp.flags.str: one character per flag bit, most significant first; "·" (U+00B7) when clear.
void flags_to_letters(uint16_t f, char* out, size_t* n) {
  static const char kLetters[] = "RRRACEUAPRSF";
  size_t k = 0;
  for (int bit = 11; bit >= 0; --bit) {
    if (f & (1u << bit)) {
      out[k++] = kLetters[11 - bit];
    } else {
      out[k++] = '\xc2';
      out[k++] = '\xb7';
    }
  }
  *n = k;
}

// The flag names of the Info column, least significant first: "SYN, ACK".
void append_flag_names(std::string& info, uint16_t f) {
  static const char* const kNames[] = {"FIN", "SYN", "RST", "PSH", "ACK",
                                       "URG", "ECE", "CWR", "AE"};
  size_t start = info.size();
  for (int bit = 0; bit < 9; ++bit)
    if (f & (1u << bit)) {
      if (info.size() > start) info.append(", ");
      info.append(kNames[bit]);
    }
  if (f & 0xe00) {
    if (info.size() > start) info.append(", ");
    info.append("Reserved");
  }
  if (info.size() == start) info.append("<None>");
}

// tcp.completeness as tshark names the bits seen (SYN 1, SYN-ACK 2, ACK 4, data 8, FIN 16,
// RST 32): a handshake followed by a FIN or RST is complete.
const char* completeness_name(uint8_t c) {
  switch (c) {
    case 1:
      return "Incomplete, SYN_SENT";
    case 3:
      return "Incomplete, CLIENT_ESTABLISHED";
    case 7:
      return "Incomplete, ESTABLISHED";
    case 15:
      return "Incomplete, DATA";
    default:
      if ((c & 7) == 7 && (c & 48)) return c & 8 ? "Complete, WITH_DATA" : "Complete, NO_DATA";
      return "Incomplete";
  }
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
  const char* name = s->names.tcp_port_name(p);
  if (name)
    append_format(out, "{} ({})", name, p);
  else
    append_format(out, "{} ({})", p, p);
}

// The tree labels tshark builds itself for the TCP header (only when text is wanted).
// The protocol line grows as the header is read ("..., Src Port: 1, Dst Port: 2, Seq: 0, Ack: 1,
// Len: 0"), so a header cut short or bogus shows what was read, as in tshark.
struct TcpLabels {
  Packet& pkt;
  int top;
  bool relative;
  bool summary;  // tcp.summary_in_tree: the protocol line carries the header's summary
  std::string protocol_line;

  template <class... Args>
  void append_protocol(fmt::format_string<Args...> f, Args&&... args) {
    if (!summary) return;
    append_format(protocol_line, f, std::forward<Args>(args)...);
    pkt.set_label(top, protocol_line);
  }
  void ports(uint16_t sport, uint16_t dport) {
    if (!summary) return;
    protocol_line = "Transmission Control Protocol, Src Port: ";
    append_port(protocol_line, pkt, sport);
    protocol_line.append(", Dst Port: ");
    append_port(protocol_line, pkt, dport);
    pkt.set_label(top, protocol_line);
  }
  void number(int n, const char* name, uint32_t v, const char* what) {
    if (relative) pkt.set_label(n, fmt::format("{}: {}    (relative {} number)", name, v, what));
  }
  void header_length(int n, uint8_t byte12, uint32_t hlen) {
    std::string text;
    append_bit_pattern(text, byte12, 0xf0, 8);
    append_format(text, "Header Length: {} bytes ({})", hlen, hlen / 4);
    pkt.set_label(n, text);
  }
  void flags(int n, uint16_t f) {
    std::string text = fmt::format("Flags: 0x{:03x} (", f);
    append_flag_names(text, f);
    text.push_back(')');
    pkt.set_label(n, text);
  }
};

// The payload's protocol as tshark finds it: the connection's own dissector (set by an earlier
// heuristic match), the lower port, the higher one; payload_dissector then tries the heuristics.
Dissector known_dissector(const TcpConversation& conv, uint16_t sport, uint16_t dport) {
  if (conv.app_dissector) return conv.app_dissector;
  uint16_t low = sport < dport ? sport : dport;
  uint16_t high = sport < dport ? dport : sport;
  for (uint16_t p : {low, high})
    if (p != 0)
      if (Dissector d = tables::tcp_port().find(p)) return d;
  return nullptr;
}

// With tcp.try_heuristic_first the heuristics come before the ports (the connection's own
// dissector still comes first).
Dissector payload_dissector(TcpConversation& conv, uint16_t sport, uint16_t dport,
                            const ByteReader& data, bool heuristics_first) {
  auto heuristic = [&]() -> Dissector {
    for (const HeuristicDissector& h : tables::tcp_heuristics())
      if (h.accepts(data)) return conv.app_dissector = h.dissect;
    return nullptr;
  };
  if (heuristics_first && !conv.app_dissector)
    if (Dissector d = heuristic()) return d;
  if (Dissector d = known_dissector(conv, sport, dport)) return d;
  return heuristic();
}

template <class... Args>
void append_info(Packet& pkt, fmt::format_string<Args...> f, Args&&... args) {
  if (pkt.cols.enabled)
    append_format(pkt.cols.info, f, std::forward<Args>(args)...);
}

// " Seq=123": the summary's per-segment numbers, appended without parsing a format string for
// each (they are a good part of a summary line's cost).
void append_info_number(Packet& pkt, std::string_view label, uint64_t v) {
  if (!pkt.cols.enabled) return;
  fmt::format_int digits(v);
  pkt.cols.info.append(label).append(digits.data(), digits.size());
}

// Sequence analysis of a segment with a known length, then the initial RTT: the time from the
// most recent SYN to the first ACK without SYN.
void analyze_segment(Packet& pkt, TcpConversation& conv, int dir, const TcpSegment& s,
                     uint32_t seglen, uint16_t raw_window, int64_t now, TcpAnalysisResult& ta) {
  TcpSeqAnalysis& a = conv.seq_analysis;
  TcpAnalysisInput in{pkt.number,
                      now,
                      s.seq,
                      s.ack,
                      seglen,
                      s.flags,
                      raw_window,
                      conv.dir[dir].base_seq,
                      conv.dir[dir ^ 1].win_scale,
                      pkt.session->prefs.get(tcp_prefs::bif_seq_based)};
  tcp_analyze_segment(a, dir, in, ta);
  uint16_t syn_ack = s.flags & (kTcpSyn | kTcpAck);
  if (syn_ack == kTcpSyn) a.mru_syn_ns = now;
  if (syn_ack == kTcpAck && a.mru_syn_ns && !a.first_rtt_ns) a.first_rtt_ns = now - a.mru_syn_ns;
}

// A FIN initiates the closing unless the peer has already sent one (its retransmissions too).
bool fin_initiates_close(TcpConversation& conv, int dir, uint16_t flags) {
  if (!(flags & kTcpFin)) return false;
  if (conv.dir[dir ^ 1].closing_initiator) return false;
  conv.dir[dir].closing_initiator = true;
  return true;
}

void add_unverified_checksum(Packet& pkt, int top, const ByteReader& r) {
  int node = pkt.add_item(top, checksum, r, 16, 2);
  if (pkt.labels) pkt.set_label(node, fmt::format("Checksum: 0x{:04x} [unverified]", r.u16(16)));
  add_checksum_item(pkt, top, checksum_status, r, 16, 0, kChecksumUnverified);
}

// tcp.check_checksum: the checksum over the IPv4/IPv6 pseudo-header and the whole segment, as
// tshark shows it. Returns false for a bad one (Wireshark then lets nothing reassemble it).
bool verify_checksum(Packet& pkt, int top, const ByteReader& r) {
  uint32_t total = ones_sum(pkt.net_src.bytes, pkt.net_src.size());
  total = ones_sum(pkt.net_dst.bytes, pkt.net_dst.size(), total);
  total += kIpProtoTcp + static_cast<uint32_t>(r.size());
  total = ones_sum(r.data(), r.size(), total);
  uint16_t value = r.u16(16);
  int node = pkt.add_item(top, checksum, r, 16, 2);
  if (fold(total) == 0xffff && value == 0xffff) {
    // The data sum to zero, so the checksum should be 0x0000 (RFC 1624); most stacks accept it.
    if (pkt.labels) pkt.set_label(node, "Checksum: 0xffff [should be 0x0000 (see RFC 1624)]");
    add_checksum_item(pkt, node, checksum_calculated, r, 16, 2, 0);
    int status = add_checksum_item(pkt, node, checksum_status, r, 16, 0, kChecksumIllegal);
    add_expert(pkt, status, checksum_ffff, r, 16, 0,
               "TCP Checksum 0xffff instead of 0x0000 (see RFC 1624)", kExpertWarn, kGroupChecksum);
    if (pkt.cols.enabled) pkt.cols.info.append(" [TCP CHECKSUM 0xFFFF]");
    return true;
  }
  if (fold(total) == 0xffff) {
    if (pkt.labels) pkt.set_label(node, fmt::format("Checksum: 0x{:04x} [correct]", value));
    add_checksum_item(pkt, top, checksum_status, r, 16, 0, kChecksumGood);
    add_checksum_item(pkt, top, checksum_calculated, r, 16, 2, value);
    return true;
  }
  uint16_t expected = static_cast<uint16_t>(~fold(total - value));
  if (pkt.labels)
    pkt.set_label(node, fmt::format("Checksum: 0x{:04x} incorrect, should be 0x{:04x}(maybe "
                                    "caused by \"TCP checksum offload\"?)",
                                    value, expected));
  add_expert(pkt, node, checksum_bad, r, 16, 2,
             fmt::format("Bad checksum [should be 0x{:04x}]", expected), kExpertError,
             kGroupChecksum);
  add_checksum_item(pkt, top, checksum_status, r, 16, 0, kChecksumBad);
  add_checksum_item(pkt, top, checksum_calculated, r, 16, 2, expected);
  if (pkt.cols.enabled) pkt.cols.info.append(" [TCP CHECKSUM INCORRECT]");
  return false;
}

size_t dissect_tcp(const ByteReader& r, Packet& pkt, int parent) {
  uint16_t sport = r.u16(0), dport = r.u16(2);
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("TCP");
    pkt.cols.set_info("");
    const Session& s = *pkt.session;
    s.names.append_port_info(pkt.cols.info, true, sport, s.resolve.transport);
    pkt.cols.info.append(" → ");
    s.names.append_port_info(pkt.cols.info, true, dport, s.resolve.transport);
  }
  int top = pkt.add_protocol(parent, proto, r, 0, r.size());
  const PrefStore& prefs = pkt.session->prefs;
  bool analyze = prefs.get(tcp_prefs::analyze_sequence_numbers);
  bool relative = analyze && prefs.get(tcp_prefs::relative_sequence_numbers);
  TcpLabels labels{pkt, top, relative, prefs.get(tcp_prefs::summary_in_tree), {}};
  if (pkt.labels) labels.ports(sport, dport);
  pkt.add_item(top, srcport, r, 0, 2);
  pkt.add_item(top, dstport, r, 2, 2);
  pkt.tree[pkt.add_item(top, port, r, 0, 2)].flags |= kHidden;
  pkt.tree[pkt.add_item(top, port, r, 2, 2)].flags |= kHidden;
  pkt.port_type = PortType::kTcp;
  pkt.src_port = sport;
  pkt.dst_port = dport;

  TcpSegment s{r.u32(4), r.u32(8), static_cast<uint16_t>(r.u16(12) & 0xfff)};
  uint32_t hlen = (r.u8(12) >> 4) * 4u;
  uint16_t raw_window = r.u16(14);

  int64_t now = pkt.frame->ts.total_ns();
  bool reversed;
  FlowKey key = FlowKey::make(pkt.net_src, sport, pkt.net_dst, dport, kIpProtoTcp, &reversed);
  int dir = reversed ? 1 : 0;
  bool created, reused;
  Conversation& flow =
      TcpConversations::lookup(pkt.session->tcp, key, dir, s, now, &created, &reused);
  TcpConversation& conv = flow.state<TcpConversation>();
  pkt.add_generated_uint(top, stream, flow.stream);
  // With -2 every frame shows the stream's final completeness, learnt by the first pass.
  FirstPassNotes& later = pkt.session->later;
  // The stream's first frame shows it without what that frame itself showed when it had no SYN.
  const std::optional<uint64_t> final_completeness =
      later.find(completeness, flow.stream, created ? 1 : 0);
  auto shown_completeness = [&] {
    return final_completeness ? static_cast<uint8_t>(*final_completeness) : conv.completeness;
  };
  int completeness_node = pkt.add_generated_uint(top, completeness, shown_completeness());
  auto label_completeness = [&] {
    if (pkt.labels)
      pkt.set_label(completeness_node,
                    fmt::format("[Conversation completeness: {} ({})]",
                                completeness_name(shown_completeness()), shown_completeness()));
  };
  label_completeness();

  // The segment length is known only when the whole header is within the IP payload.
  bool have_seglen = r.reported_size() >= hlen;
  uint32_t seglen = have_seglen ? static_cast<uint32_t>(r.reported_size() - hlen) : 0;
  uint32_t rel_seq = s.seq, rel_ack = s.ack, window = raw_window, next_seq = 0;
  TcpAnalysisResult ta;
  if (have_seglen) {
    pkt.add_generated_uint(top, len, seglen);
    if (analyze) {
      TcpConversations::note_sequence(conv, dir, s);
      analyze_segment(pkt, conv, dir, s, seglen, raw_window, now, ta);
    }
    if (relative) {
      rel_seq -= conv.dir[dir].base_seq;
      if (s.flags & kTcpAck) rel_ack -= conv.dir[dir ^ 1].base_seq;
    }
    int8_t shift = conv.dir[dir].win_scale;
    // Unknown (-1, not "none": -2): tcp.default_window_scaling stands in for it.
    int default_shift = prefs.get(tcp_prefs::default_window_scaling);
    if (shift == -1 && default_shift >= 0) shift = static_cast<int8_t>(default_shift);
    if (!(s.flags & kTcpSyn) && shift >= 0) window <<= shift;  // SYNs are never scaled
    next_seq = rel_seq + seglen + ((s.flags & kTcpSyn) ? 1 : 0) + ((s.flags & kTcpFin) ? 1 : 0);
  }

  if (pkt.cols.enabled) {
    pkt.cols.info.append(" [");
    append_flag_names(pkt.cols.info, s.flags);
    pkt.cols.info.append("]");
    append_info_number(pkt, " Seq=", rel_seq);
    if (s.flags & kTcpAck) append_info_number(pkt, " Ack=", rel_ack);
    append_info_number(pkt, " Win=", window);
  }
  int seq_node = pkt.add_uint(top, seq, r, 4, 4, rel_seq);
  if (pkt.labels) {
    labels.append_protocol(", Seq: {}", rel_seq);
    labels.number(seq_node, "Sequence Number", rel_seq, "sequence");
  }
  int seq_raw_node = pkt.add_item(top, seq_raw, r, 4, 4);
  if (relative && !pkt.in_error_pkt && prefs.get(tcp_prefs::read_seq_as_syn_cookie))
    add_syn_cookie_sequence(pkt, seq_raw_node, r);

  if (hlen < kMinHeader) {
    append_info(pkt, ", bogus TCP header length ({}, must be at least {})", hlen, kMinHeader);
    int h = pkt.add_uint(top, hdr_len, r, 12, 1, hlen);
    if (pkt.labels) labels.header_length(h, r.u8(12), hlen);
    return r.reported_size();
  }
  pkt.tree[top].length = hlen;
  if (have_seglen) {
    int n = pkt.tree.add_generated(top, nxtseq, Value::of_uint(next_seq));
    if (pkt.labels) labels.number(n, "Next Sequence Number", next_seq, "sequence");
  }
  int ack_node = pkt.add_uint(top, ack, r, 8, 4, rel_ack);
  if (pkt.labels && (s.flags & kTcpAck))
    labels.number(ack_node, "Acknowledgment Number", rel_ack, "ack");
  // A SYN-ACK acknowledging more than the SYN accepts the data the SYN carried (Fast Open).
  if ((s.flags & (kTcpSyn | kTcpAck)) == (kTcpSyn | kTcpAck) && relative && rel_ack > 1)
    add_expert(pkt, ack_node, tfo_ack, r, 8, 4, "TCP SYN-ACK accepting TFO data", kExpertNote,
               kGroupSequence);
  if (!(s.flags & kTcpAck) && r.u32(8) != 0)
    add_expert(pkt, ack_node, ack_nonzero, r, 8, 4,
               "The acknowledgment number field is nonzero while the ACK flag is not set",
               kExpertNote, kGroupProtocol);
  pkt.add_item(top, ack_raw, r, 8, 4);
  int hlen_node = pkt.add_uint(top, hdr_len, r, 12, 1, hlen);

  int fl = pkt.add_uint(top, flags, r, 12, 2, s.flags);
  if (pkt.labels) {
    if (s.flags & kTcpAck) labels.append_protocol(", Ack: {}", rel_ack);
    if (have_seglen) labels.append_protocol(", Len: {}", seglen);
    labels.header_length(hlen_node, r.u8(12), hlen);
    labels.flags(fl, s.flags);
  }
  TcpFlagNodes flag_nodes;
  for (FieldId f : {flags_res, flags_ae, flags_cwr, flags_ece, flags_urg, flags_ack, flags_push,
                    flags_reset, flags_syn, flags_fin}) {
    uint64_t mask = registry().info(f).def.bitmask;
    // As tshark, each flag covers the one byte holding it (Reserved and AE the first).
    int n = pkt.add_uint(fl, f, r, mask > 0xff ? 12 : 13, 1, (s.flags & mask) != 0);
    if (f == flags_syn) flag_nodes.syn = n;
    if (f == flags_reset) flag_nodes.reset = n;
    // The three reserved bits are one boolean, but tshark's bit pattern shows each bit as sent.
    if (f == flags_res && pkt.labels && (s.flags & mask) && (s.flags & mask) != mask) {
      std::string text;
      append_bit_pattern(text, s.flags & mask, mask, 12);
      text.append("Reserved: Set");
      pkt.set_label(n, text);
    }
    if (f == flags_fin) flag_nodes.fin = n;
  }
  char letters[24];
  size_t nletters;
  flags_to_letters(s.flags, letters, &nletters);
  // Generated over the flags' two bytes, as tshark adds it.
  std::string_view str = pkt.arena.copy({letters, nletters});
  flag_nodes.str = pkt.tree.add(
      fl, flags_str, r, 12, 2,
      Value::of_bytes(reinterpret_cast<const uint8_t*>(str.data()), str.size()), kGenerated);
  add_tcp_connection_experts(pkt, flag_nodes, s.flags, sport, dport,
                             fin_initiates_close(conv, dir, s.flags));

  pkt.add_item(top, window_size_value, r, 14, 2);
  if (have_seglen) {
    // Both generated over the window field, as tshark adds them.
    pkt.tree.add(top, window_size, r, 14, 2, Value::of_uint(window), kGenerated);
    if (!(s.flags & kTcpSyn)) {
      int8_t shift = conv.dir[dir].win_scale;
      int default_shift = prefs.get(tcp_prefs::default_window_scaling);
      bool assumed = shift == -1 && default_shift >= 0;
      if (assumed) shift = static_cast<int8_t>(default_shift);
      int64_t factor = shift >= 0 ? int64_t{1} << shift : shift;
      int n = pkt.tree.add(top, window_size_scalefactor, r, 14, 2, Value::of_int(factor),
                           kGenerated);
      if (pkt.labels && (factor < 0 || assumed))
        pkt.set_label(n, fmt::format("[Window size scaling factor: {} ({})]", factor,
                                     assumed        ? "missing - taken from preference"
                                     : factor == -1 ? "unknown"
                                                    : "no window scaling used"));
    }
  }
  // A segment with a bad checksum is still dissected, but never held for reassembly.
  bool checksum_ok = true;
  if (prefs.get(tcp_prefs::check_checksum) && !pkt.fragmented && !r.truncated() &&
      (pkt.net_src.type == AddressType::kIpv4 || pkt.net_src.type == AddressType::kIpv6))
    checksum_ok = verify_checksum(pkt, top, r);
  else
    add_unverified_checksum(pkt, top, r);
  pkt.add_item(top, urgent_pointer, r, 18, 2);
  if (s.flags & kTcpUrg) append_info_number(pkt, " Urg=", r.u16(18));
  if (have_seglen) append_info_number(pkt, " Len=", seglen);

  conv.seq_analysis.dir[dir].sack_blocks = 0;  // the options below may set them again
  if (hlen > kMinHeader) {
    int opts = pkt.add_item(top, options, r, kMinHeader, hlen - kMinHeader);
    dissect_tcp_options(r.sub(kMinHeader, hlen - kMinHeader), pkt, opts, s.flags, s.ack, &conv,
                        dir);
  }
  if (s.flags & kTcpSyn) TcpConversations::verify_window_scaling(conv, dir, s.flags & kTcpAck);
  if (reused) {
    ta.present = true;
    ta.flags |= kTaReusedPorts;
  }
  TcpConversations::update_completeness(conv, s.flags, seglen, created);
  later.note(completeness, flow.stream, 0, conv.final_completeness());
  later.note(completeness, flow.stream, 1, conv.completeness);
  flow.ended = conv.finished();
  // A SYN reusing a closed connection's ports shows its own SYN already counted (tshark 4.0).
  if (reused) {
    pkt.tree[completeness_node].value = Value::of_uint(shown_completeness());
    label_completeness();
  }

  if (prefs.get(tcp_prefs::calculate_timestamps)) {
    int times = pkt.tree.add_generated(top, kNoField, Value{});
    if (pkt.labels) pkt.set_label(times, "[Timestamps]");
    pkt.tree.add_generated(times, time_relative, Value::of_int(now - flow.first_ns));
    pkt.tree.add_generated(times, time_delta, Value::of_int(now - flow.prev_ns));
  }
  flow.prev_ns = now;
  // The iRTT is known from the handshake's last ACK on; with -2 also on the frames before it.
  int64_t first_rtt_ns = conv.seq_analysis.first_rtt_ns;
  if (first_rtt_ns)
    later.note(tcp_analysis_fields::initial_rtt, flow.stream, 0,
               static_cast<uint64_t>(first_rtt_ns));
  else if (auto learnt = later.find(tcp_analysis_fields::initial_rtt, flow.stream))
    first_rtt_ns = static_cast<int64_t>(*learnt);
  add_tcp_analysis_tree(pkt, top, ta, first_rtt_ns);

  TcpStreamReassembly& reassembly = conv.dir[dir].reassembly;
  pkt.conversation = &flow;
  pkt.scratch<TcpPayloadContext>().fin = s.flags & kTcpFin;
  // tshark lets TCP reassemble only whole segments of a connection, with a good checksum.
  const bool can_desegment = prefs.get(tcp_prefs::desegment_tcp_streams) && checksum_ok &&
                             have_seglen && !r.truncated() && !pkt.fragmented && !pkt.in_error_pkt;
  // The direction's pending PDUs go with its FIN or RST, once this segment is done with them
  // (tshark keeps them: only a segment after the close filling a hole differs; memory does not
  // outlive the connection).
  struct ReleaseAtClose {
    TcpStreamReassembly& st;
    bool close;
    ~ReleaseAtClose() {
      if (close) tcp_reassembly_release(st);
    }
  } release_at_close{reassembly, (s.flags & (kTcpFin | kTcpRst)) != 0};
  if (!have_seglen) return r.reported_size();
  ByteReader data = r.sub(hlen);
  // A FIN completes a PDU read until the close; its payload is then that PDU's last part.
  try {
    if ((s.flags & kTcpFin) && can_desegment && pkt.payloads &&
        tcp_reassembly_fin(pkt, reassembly, top, s.seq, data, known_dissector(conv, sport, dport)))
      return r.reported_size();
  } catch (const TcpReassemblyError& e) {
    // tshark's exception ends the dissection; TCP is the last protocol, so showing it here
    // leaves the frame (Ethernet padding) as tshark's ethertype dissector finishes it.
    flag_reassembly_error(pkt, e);
    return r.reported_size();
  }
  if (seglen == 0) return r.reported_size();
  int payload_node = pkt.add_item(top, payload, data, 0, data.size());
  if (pkt.labels)
    pkt.set_label(payload_node,
                  fmt::format("TCP payload ({} byte{})", seglen, seglen == 1 ? "" : "s"));
  if (!pkt.payloads) return r.reported_size();
  // tcp.no_subdissector_on_error: no subdissector for retransmitted or out-of-order data.
  const bool no_sub_on_error = prefs.get(tcp_prefs::no_subdissector_on_error);
  const bool retransmitted = ta.flags & (kTaRetransmission | kTaSpuriousRetransmission);
  // Segments no dissector will see on their own look for none (no heuristic runs on them).
  const bool skipped = (ta.flags & kTaKeepAlive) ||
                       (no_sub_on_error && (retransmitted || (ta.flags & kTaOutOfOrder)));
  Dissector upper = skipped ? known_dissector(conv, sport, dport)
                            : payload_dissector(conv, sport, dport, data,
                                                prefs.get(tcp_prefs::try_heuristic_first));
  if (can_desegment) {
    // A SYN's data starts after the SYN's own sequence number.
    uint32_t first = s.seq + ((s.flags & kTcpSyn) ? 1 : 0);
    try {
      tcp_reassemble_payload(pkt, reassembly, top, TcpSegmentInfo{first, ta.flags, no_sub_on_error},
                             data, upper);
    } catch (const TcpReassemblyError& e) {
      flag_reassembly_error(pkt, e);
    }
  } else if (retransmitted && no_sub_on_error) {
    add_tcp_segment_data(pkt, top, data, true);
  } else if ((ta.flags & kTaOutOfOrder) && no_sub_on_error) {
  } else if (ta.flags & kTaKeepAlive) {  // tshark hands a keep-alive's byte to "data"
    pkt.call_data(data, -1);
  } else if (upper) {
    pkt.scratch<TcpPayloadContext>().tcp_tree = top;  // PDUs still show their size
    upper(data, pkt, -1);                             // each segment on its own, nothing held back
  } else {
    pkt.call_data(data, -1);
  }
  return r.reported_size();
}

}  // namespace

void register_tcp() {
  tcp_prefs::register_prefs();
  register_tcp_fields();
  register_protocol_state<TcpConversation>(StateScope::kConversation);
  register_protocol_state<TcpPayloadContext>(StateScope::kPacket);
  tables::ip_proto().add(kIpProtoTcp, dissect_tcp, "tcp");
}

}  // namespace netsift
