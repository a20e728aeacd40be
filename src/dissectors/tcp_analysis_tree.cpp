#include "dissectors/tcp_analysis_tree.h"
#include "core/append_format.h"

#include <fmt/format.h>

#include "analysis/tcp_conversations.h"
#include "core/field_registry.h"
#include "core/session.h"
#include "dissectors/ip.h"
#include "dissectors/tcp_fields.h"
#include "dissectors/tcp_prefs.h"

namespace netsift {

namespace {

using namespace tcp_analysis_fields;

const ByteReader kNoBytes;

void expert(Packet& pkt, int parent, FieldId f, std::string_view msg, ExpertSeverity sev) {
  add_expert(pkt, parent, f, kNoBytes, 0, 0, msg, sev, kGroupSequence);
}

// Wireshark prepends these and moves the Info fence past them, so later text keeps them.
void prepend_info(Packet& pkt, std::string_view prefix) {
  if (!pkt.cols.enabled) return;
  pkt.cols.info.insert(0, prefix);
  pkt.cols.info_fence += prefix.size();
}

struct FlagText {
  uint16_t flag;
  FieldId* field;
  const char* message;
  ExpertSeverity severity;
  const char* info;
};

// In the order tshark prints them; fast and spurious retransmissions also count as
// retransmissions, dup ACKs are handled apart.
const FlagText kFlagTexts[] = {
    {kTaReusedPorts, &reused_ports,
     "A new tcp session is started with the same ports as an earlier session in this trace",
     kExpertNote, "[TCP Port numbers reused] "},
    {kTaRetransmission, &retransmission, "This frame is a (suspected) retransmission", kExpertNote,
     "[TCP Retransmission] "},
    {kTaFastRetransmission, &fast_retransmission, "This frame is a (suspected) fast retransmission",
     kExpertNote, "[TCP Fast Retransmission] "},
    {kTaSpuriousRetransmission, &spurious_retransmission,
     "This frame is a (suspected) spurious retransmission", kExpertNote,
     "[TCP Spurious Retransmission] "},
    {kTaOutOfOrder, &out_of_order, "This frame is a (suspected) out-of-order segment", kExpertWarn,
     "[TCP Out-Of-Order] "},
    {kTaLostPacket, &lost_segment, "Previous segment(s) not captured (common at capture start)",
     kExpertWarn, "[TCP Previous segment not captured] "},
    {kTaAckLostPacket, &ack_lost_segment,
     "ACKed segment that wasn't captured (common at capture start)", kExpertWarn,
     "[TCP ACKed unseen segment] "},
    {kTaWindowUpdate, &window_update, "TCP window update", kExpertChat, "[TCP Window Update] "},
    {kTaWindowFull, &window_full, "TCP window specified by the receiver is now completely full",
     kExpertWarn, "[TCP Window Full] "},
    {kTaKeepAlive, &keep_alive, "TCP keep-alive segment", kExpertNote, "[TCP Keep-Alive] "},
    {kTaKeepAliveAck, &keep_alive_ack, "ACK to a TCP keep-alive segment", kExpertNote,
     "[TCP Keep-Alive ACK] "},
    {kTaDuplicateAck, nullptr, nullptr, kExpertNote, nullptr},
    {kTaZeroWindowProbe, &zero_window_probe, "TCP Zero Window Probe", kExpertNote,
     "[TCP ZeroWindowProbe] "},
    {kTaZeroWindow, &zero_window, "TCP Zero Window segment", kExpertWarn, "[TCP ZeroWindow] "},
    {kTaZeroWindowProbeAck, &zero_window_probe_ack, "ACK to a TCP Zero Window Probe", kExpertNote,
     "[TCP ZeroWindowProbeAck] "},
};

void add_flags(Packet& pkt, int tree, int flags_tree, const TcpAnalysisResult& ta) {
  for (const FlagText& t : kFlagTexts) {
    if (!(ta.flags & t.flag)) continue;
    if (t.flag == kTaDuplicateAck) {
      int n = pkt.tree.add_generated(flags_tree, duplicate_ack, Value{});
      pkt.set_label(n, "This is a TCP duplicate ack");
      if (pkt.cols.enabled)
        prepend_info(pkt, fmt::format("[TCP Dup ACK {}#{}] ", ta.dupack_frame, ta.dupack_num));
      pkt.add_generated_uint(tree, duplicate_ack_num, ta.dupack_num);
      int frame = pkt.add_generated_uint(tree, duplicate_ack_frame, ta.dupack_frame);
      char buf[32];
      size_t len = format_into(buf, sizeof buf, "Duplicate ACK (#{})", ta.dupack_num);
      expert(pkt, frame, duplicate_ack, {buf, len}, kExpertNote);
      continue;
    }
    expert(pkt, flags_tree, *t.field, t.message, t.severity);
    if (t.flag & (kTaFastRetransmission | kTaSpuriousRetransmission))
      expert(pkt, flags_tree, retransmission, "This frame is a (suspected) retransmission",
             kExpertNote);
    prepend_info(pkt, t.info);
    if (t.flag == kTaRetransmission && ta.rto_ns) {
      pkt.tree.add_generated(flags_tree, rto, Value::of_int(ta.rto_ns));
      pkt.add_generated_uint(flags_tree, rto_frame, ta.rto_frame);
    }
  }
}

}  // namespace

void add_tcp_analysis_tree(Packet& pkt, int tcp_tree, const TcpAnalysisResult& ta,
                           int64_t first_rtt_ns) {
  if (!ta.present) return;
  int tree = pkt.tree.add_generated(tcp_tree, analysis, Value{});
  if (ta.frame_acked) {
    pkt.add_generated_uint(tree, acks_frame, ta.frame_acked);
    if (ta.ack_rtt_ns) pkt.tree.add_generated(tree, ack_rtt, Value::of_int(ta.ack_rtt_ns));
  }
  if (first_rtt_ns) pkt.tree.add_generated(tree, initial_rtt, Value::of_int(first_rtt_ns));
  // Bytes sent since the last PSH only beside a number of bytes in flight, as tshark prints them.
  if (pkt.session->prefs.get(tcp_prefs::track_bytes_in_flight) && ta.bytes_in_flight) {
    pkt.add_generated_uint(tree, bytes_in_flight, ta.bytes_in_flight);
    if (ta.push_bytes_sent) pkt.add_generated_uint(tree, push_bytes_sent, ta.push_bytes_sent);
  }
  if (ta.flags) add_flags(pkt, tree, pkt.tree.add_generated(tree, analysis_flags, Value{}), ta);
}

void add_tcp_connection_experts(Packet& pkt, const TcpFlagNodes& nodes, uint16_t tcp_flags,
                                uint16_t sport, uint16_t dport, bool fin_active) {
  if (tcp_flags & kTcpSyn) {
    bool synack = tcp_flags & kTcpAck;
    char buf[80];
    size_t len =
        synack ? format_into(buf, sizeof buf,
                             "Connection establish acknowledge (SYN+ACK): server port {}", sport)
               : format_into(buf, sizeof buf, "Connection establish request (SYN): server port {}",
                             dport);
    expert(pkt, nodes.syn, synack ? conn_synack : conn_syn, {buf, len}, kExpertChat);
  }
  if (tcp_flags & kTcpRst)
    expert(pkt, nodes.reset, conn_rst, "Connection reset (RST)", kExpertWarn);
  if (tcp_flags & kTcpFin) {
    expert(pkt, nodes.fin, conn_fin, "Connection finish (FIN)", kExpertChat);
    if (fin_active)
      expert(pkt, nodes.str, conn_fin_active, "This frame initiates the connection closing",
             kExpertNote);
    else
      expert(pkt, nodes.str, conn_fin_passive, "This frame undergoes the connection closing",
             kExpertNote);
  }
}

void add_tcp_segment_data(Packet& pkt, int tcp_tree, const ByteReader& data, bool retransmitted) {
  int n = pkt.add_item(tcp_tree, segment_data, data, 0, data.size());
  if (pkt.labels)
    pkt.set_label(
        n, fmt::format("{}TCP segment data ({} byte{})", retransmitted ? "Retransmitted " : "",
                       data.reported_size(), data.reported_size() == 1 ? "" : "s"));
}

}  // namespace netsift
