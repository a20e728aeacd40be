#include "dissectors/tcp_analysis_tree.h"

#include <fmt/format.h>

#include "analysis/tcp_conversations.h"
#include "core/expert.h"
#include "core/field_registry.h"

namespace netsift {

namespace {

FieldId analysis, analysis_flags, acks_frame, ack_rtt, initial_rtt, bytes_in_flight,
    push_bytes_sent, rto, rto_frame, duplicate_ack, duplicate_ack_num, duplicate_ack_frame,
    retransmission, fast_retransmission, spurious_retransmission, out_of_order, reused_ports,
    lost_segment, ack_lost_segment, window_update, window_full, keep_alive, keep_alive_ack,
    zero_window_probe, zero_window, zero_window_probe_ack, conn_syn, conn_synack, conn_fin,
    conn_rst, conn_fin_active, conn_fin_passive, segment_data;

FieldDef none(const char* name, const char* abbrev, const char* blurb = "") {
  return {name, abbrev, FieldType::kNone, Base::kNone, {}, 0, blurb};
}

const FieldReg kFields[] = {
    {&analysis,
     none("SEQ/ACK analysis", "tcp.analysis", "This frame has some of the TCP analysis shown")},
    {&analysis_flags, none("TCP Analysis Flags", "tcp.analysis.flags",
                           "This frame has some of the TCP analysis flags set")},
    {&duplicate_ack,
     none("Duplicate ACK", "tcp.analysis.duplicate_ack", "This is a duplicate ACK")},
    {&duplicate_ack_num,
     {"Duplicate ACK #",
      "tcp.analysis.duplicate_ack_num",
      FieldType::kUint32,
      Base::kDec,
      {},
      0,
      "This is duplicate ACK number #"}},
    {&duplicate_ack_frame,
     {"Duplicate to the ACK in frame",
      "tcp.analysis.duplicate_ack_frame",
      FieldType::kFrameNum,
      Base::kNone,
      {},
      0,
      "This is a duplicate to the ACK in frame #"}},
    {&acks_frame,
     {"This is an ACK to the segment in frame",
      "tcp.analysis.acks_frame",
      FieldType::kFrameNum,
      Base::kNone,
      {},
      0,
      "Which previous segment is this an ACK for"}},
    {&bytes_in_flight,
     {"Bytes in flight",
      "tcp.analysis.bytes_in_flight",
      FieldType::kUint32,
      Base::kDec,
      {},
      0,
      "How many bytes are now in flight for this connection"}},
    {&push_bytes_sent,
     {"Bytes sent since last PSH flag",
      "tcp.analysis.push_bytes_sent",
      FieldType::kUint32,
      Base::kDec,
      {},
      0,
      "How many bytes have been sent since the last PSH flag"}},
    {&ack_rtt,
     {"The RTT to ACK the segment was",
      "tcp.analysis.ack_rtt",
      FieldType::kRelTime,
      Base::kNone,
      {},
      0,
      "How long time it took to ACK the segment (RTT)"}},
    {&initial_rtt,
     {"iRTT",
      "tcp.analysis.initial_rtt",
      FieldType::kRelTime,
      Base::kNone,
      {},
      0,
      "How long it took for the SYN to ACK handshake (iRTT)"}},
    {&rto,
     {"The RTO for this segment was",
      "tcp.analysis.rto",
      FieldType::kRelTime,
      Base::kNone,
      {},
      0,
      "How long transmission was delayed before this segment was retransmitted (RTO)"}},
    {&rto_frame,
     {"RTO based on delta from frame",
      "tcp.analysis.rto_frame",
      FieldType::kFrameNum,
      Base::kNone,
      {},
      0,
      "This is the frame we measure the RTO from"}},
    {&retransmission,
     none("This frame is a (suspected) retransmission", "tcp.analysis.retransmission")},
    {&fast_retransmission,
     none("This frame is a (suspected) fast retransmission", "tcp.analysis.fast_retransmission")},
    {&spurious_retransmission, none("This frame is a (suspected) spurious retransmission",
                                    "tcp.analysis.spurious_retransmission")},
    {&out_of_order,
     none("This frame is a (suspected) out-of-order segment", "tcp.analysis.out_of_order")},
    {&reused_ports,
     none("A new tcp session is started with the same ports as an earlier session in this trace",
          "tcp.analysis.reused_ports")},
    {&lost_segment, none("Previous segment(s) not captured (common at capture start)",
                         "tcp.analysis.lost_segment")},
    {&ack_lost_segment, none("ACKed segment that wasn't captured (common at capture start)",
                             "tcp.analysis.ack_lost_segment")},
    {&window_update, none("TCP window update", "tcp.analysis.window_update")},
    {&window_full, none("TCP window specified by the receiver is now completely full",
                        "tcp.analysis.window_full")},
    {&keep_alive, none("TCP keep-alive segment", "tcp.analysis.keep_alive")},
    {&keep_alive_ack, none("ACK to a TCP keep-alive segment", "tcp.analysis.keep_alive_ack")},
    {&zero_window_probe, none("TCP Zero Window Probe", "tcp.analysis.zero_window_probe")},
    {&zero_window, none("TCP Zero Window segment", "tcp.analysis.zero_window")},
    {&zero_window_probe_ack,
     none("ACK to a TCP Zero Window Probe", "tcp.analysis.zero_window_probe_ack")},
    {&conn_fin_active,
     none("This frame initiates the connection closing", "tcp.connection.fin_active")},
    {&conn_fin_passive,
     none("This frame undergoes the connection closing", "tcp.connection.fin_passive")},
    {&conn_synack, none("Connection establish acknowledge (SYN+ACK)", "tcp.connection.synack")},
    {&conn_syn, none("Connection establish request (SYN)", "tcp.connection.syn")},
    {&conn_fin, none("Connection finish (FIN)", "tcp.connection.fin")},
    {&conn_rst, none("Connection reset (RST)", "tcp.connection.rst")},
    {&segment_data,
     {"TCP segment data",
      "tcp.segment_data",
      FieldType::kBytes,
      Base::kNone,
      {},
      0,
      "A data segment used in reassembly of a lower-level protocol"}},
};

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
      auto end = fmt::format_to_n(buf, sizeof buf, "Duplicate ACK (#{})", ta.dupack_num);
      expert(pkt, frame, duplicate_ack, {buf, end.size}, kExpertNote);
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
  if (ta.bytes_in_flight) pkt.add_generated_uint(tree, bytes_in_flight, ta.bytes_in_flight);
  if (ta.push_bytes_sent) pkt.add_generated_uint(tree, push_bytes_sent, ta.push_bytes_sent);
  if (ta.flags) add_flags(pkt, tree, pkt.tree.add_generated(tree, analysis_flags, Value{}), ta);
}

void add_tcp_connection_experts(Packet& pkt, const TcpFlagNodes& nodes, uint16_t tcp_flags,
                                uint16_t sport, uint16_t dport, bool fin_active) {
  if (tcp_flags & kTcpSyn) {
    bool synack = tcp_flags & kTcpAck;
    char buf[80];
    auto end =
        synack
            ? fmt::format_to_n(buf, sizeof buf,
                               "Connection establish acknowledge (SYN+ACK): server port {}", sport)
            : fmt::format_to_n(buf, sizeof buf,
                               "Connection establish request (SYN): server port {}", dport);
    expert(pkt, nodes.syn, synack ? conn_synack : conn_syn, {buf, end.size}, kExpertChat);
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

void register_tcp_analysis(FieldId tcp_proto) {
  registry().add_fields(tcp_proto, kFields);
}

}  // namespace netsift
