// The tcp.analysis subtree, tshark's connection expert items and the "[TCP ...] " Info
// prefixes, shared by tcp.cpp. The analysis itself lives in analysis/tcp_sequence_analysis.h.
#pragma once

#include "analysis/tcp_sequence_analysis.h"
#include "core/packet.h"

namespace netsift {

// Adds [SEQ/ACK analysis] under `tcp_tree` (when tshark would keep a record for the segment)
// and prepends the Info prefixes. `first_rtt_ns` is the conversation's initial RTT (0: none).
void add_tcp_analysis_tree(Packet& pkt, int tcp_tree, const TcpAnalysisResult& ta,
                           int64_t first_rtt_ns);

// Expert items on the SYN, RST and FIN flag nodes and on tcp.flags.str for a FIN.
struct TcpFlagNodes {
  int syn = -1, reset = -1, fin = -1, str = -1;
};
void add_tcp_connection_experts(Packet& pkt, const TcpFlagNodes& nodes, uint16_t tcp_flags,
                                uint16_t sport, uint16_t dport, bool fin_active);

// "Retransmitted TCP segment data (N bytes)" for a payload tshark does not dissect further.
void add_tcp_segment_data(Packet& pkt, int tcp_tree, const ByteReader& data, bool retransmitted);

}  // namespace netsift
