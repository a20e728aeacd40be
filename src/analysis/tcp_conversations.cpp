#include "analysis/tcp_conversations.h"

namespace netsift {

Conversation& TcpConversations::lookup(ConversationTable& table, const FlowKey& key, int dir,
                                       const TcpSegment& seg, int64_t now_ns, bool* created,
                                       bool* reused_ports) {
  Conversation& c = table.find_or_add(key, now_ns, created);
  *reused_ports = false;
  // tshark compares only with the ISN; a SYN retransmission (same ISN) stays in the stream.
  const TcpDirection& d = c.state<TcpConversation>().dir[dir];
  if (!*created && (seg.flags & (kTcpSyn | kTcpAck)) == kTcpSyn && d.base_seq_set &&
      seg.seq != d.base_seq) {
    *created = true;
    *reused_ports = true;
    return table.restart(key, now_ns);
  }
  return c;
}

void TcpConversations::note_sequence(TcpConversation& c, int dir, const TcpSegment& seg) {
  TcpDirection& fwd = c.dir[dir];
  TcpDirection& rev = c.dir[dir ^ 1];
  if (!fwd.base_seq_set) {
    fwd.base_seq = (seg.flags & kTcpSyn) ? seg.seq : seg.seq - 1;
    fwd.base_seq_set = true;
  }
  // The ACK field of a SYN need not be zero, so the peer's ISN comes from the first ACK.
  if (!rev.base_seq_set && (seg.flags & kTcpAck)) {
    rev.base_seq = seg.ack - 1;
    rev.base_seq_set = true;
  }
}

void TcpConversations::verify_window_scaling(TcpConversation& c, int dir, bool is_synack) {
  TcpDirection& fwd = c.dir[dir];
  TcpDirection& rev = c.dir[dir ^ 1];
  // Scaling is used only if both SYNs carry the option: a SYN without it (or a SYN/ACK without
  // it) switches it off for both directions, a SYN/ACK with it answering a SYN without it too.
  if (fwd.win_scale == kWinScaleUnknown) {
    fwd.win_scale = rev.win_scale = kWinScaleNone;
  } else if (is_synack && rev.win_scale == kWinScaleNone) {
    fwd.win_scale = kWinScaleNone;
  }
}

void TcpConversations::update_completeness(TcpConversation& c, uint16_t flags, uint32_t seglen,
                                           bool first_segment) {
  uint16_t syn_ack = flags & (kTcpSyn | kTcpAck);
  // Rules inferred from tshark 4.0's output. Only the first segment can show the SYN, and
  // then only a SYN's payload (Fast Open) counts as data; a first segment without SYN shows
  // nothing. Later, a SYN/ACK counts only after the SYN, the handshake's ACK is a bare ACK, and
  // a FIN counts only with ACK set.
  if (first_segment) {
    c.completeness = syn_ack == kTcpSyn ? kCompleteSyn | (seglen > 0 ? kCompleteData : 0) : 0;
    c.unseen_first_bits = 0;
    if (syn_ack != kTcpSyn) {
      if (syn_ack == (kTcpSyn | kTcpAck)) c.unseen_first_bits |= kCompleteSynAck;
      add_later_bits(c.unseen_first_bits, flags, seglen);
    }
    return;
  }
  if (syn_ack == (kTcpSyn | kTcpAck) && (c.completeness & kCompleteSyn))
    c.completeness |= kCompleteSynAck;
  add_later_bits(c.completeness, flags, seglen);
}

void TcpConversations::add_later_bits(uint8_t& bits, uint16_t flags, uint32_t seglen) {
  // Payload counts as data only on a plain ACK segment: a segment without ACK (seen in
  // damaged or crafted streams) adds nothing.
  if ((flags & (kTcpSyn | kTcpAck)) == kTcpAck) bits |= seglen > 0 ? kCompleteData : kCompleteAck;
  if ((flags & (kTcpFin | kTcpAck)) == (kTcpFin | kTcpAck)) bits |= kCompleteFin;
  if (flags & kTcpRst) bits |= kCompleteRst;
}

const char* tcp_completeness_name(uint8_t v) {
  constexpr uint8_t kHandshake = kCompleteSyn | kCompleteSynAck | kCompleteAck;
  bool closed = v & (kCompleteFin | kCompleteRst);
  if ((v & kHandshake) == kHandshake && closed)
    return (v & kCompleteData) ? "Complete, WITH_DATA" : "Complete, NO_DATA";
  switch (v) {
    case kCompleteSyn:
      return "Incomplete, SYN_SENT";
    case kCompleteSyn | kCompleteSynAck:
      return "Incomplete, CLIENT_ESTABLISHED";
    case kHandshake:
      return "Incomplete, ESTABLISHED";
    case kHandshake | kCompleteData:
      return "Incomplete, DATA";
    default:
      return "Incomplete";
  }
}

}  // namespace netsift
