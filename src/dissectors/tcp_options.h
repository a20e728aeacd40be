// TCP header options (RFC 9293 §3.2 and the option RFCs), shared by tcp.cpp: each option is a
// pseudo-protocol node ("TCP Option - Maximum segment size") as in tshark.
#pragma once

#include "analysis/tcp_conversations.h"
#include "core/packet.h"

namespace netsift {

// Dissects the option bytes `opts` under `parent`, appending tshark's Info text (" MSS=1460",
// " WS=256", " SACK_PERM", " TSval=.. TSecr=..", " SLE=.. SRE=..", " TFO=R"). `flags` are the
// segment's TCP flags (a SYN should, and only a SYN may, carry an MSS; a SYN's Fast Open cookie
// is noted); `ack` is the raw acknowledgment number (a first SACK block below it is a D-SACK).
// `conv` (may be null) receives the window scale shift of direction `dir` and gives SACK edges
// their base.
void dissect_tcp_options(const ByteReader& opts, Packet& pkt, int parent, uint16_t flags,
                         uint32_t ack, TcpConversation* conv, int dir);

}  // namespace netsift
