#include "analysis/tcp_sequence_analysis.h"

#include "analysis/tcp_conversations.h"

namespace netsift {

namespace {

// Sequence-space comparisons (RFC 1982 style), as Wireshark's GT_SEQ and friends.
bool gt_seq(uint32_t a, uint32_t b) {
  return static_cast<int32_t>(a - b) > 0;
}
bool lt_seq(uint32_t a, uint32_t b) {
  return static_cast<int32_t>(a - b) < 0;
}
bool le_seq(uint32_t a, uint32_t b) {
  return static_cast<int32_t>(a - b) <= 0;
}

constexpr int64_t kFastRetransmissionWindowNs = 20000000;  // 20 ms after the last dup ACK
constexpr int64_t kDefaultOutOfOrderNs = 3000000;          // 3 ms when the iRTT is unknown
constexpr uint32_t kDupAckAfterLost = UINT32_MAX;          // Wireshark's dupacknum of -1

// Classifies a segment carrying data (or SYN/FIN): spurious, fast or plain retransmission, or
// out of order; 0 when it is new data. Fast retransmission is tried before out-of-order
// (tshark's tcp.fastrt_supersedes_ooo, on by default).
uint16_t classify_resent(const TcpSeqAnalysis& a, const TcpSeqState& fwd, const TcpSeqState& rev,
                         const TcpAnalysisInput& in) {
  bool not_advanced = fwd.nextseq && lt_seq(in.seq, fwd.nextseq);
  // One byte below the expected sequence followed by more data: the byte was a zero-window
  // probe, the rest is new.
  if (in.seglen > 1 && fwd.nextseq - 1 == in.seq) not_advanced = false;
  if (in.seglen > 0 && rev.lastack && le_seq(in.seq + in.seglen, rev.lastack))
    return kTaSpuriousRetransmission;
  if (not_advanced && rev.dupacknum >= 2 && rev.lastack == in.seq &&
      in.ts_ns - rev.lastack_ns < kFastRetransmissionWindowNs)
    return kTaFastRetransmission;
  int64_t ooo_threshold = a.first_rtt_ns ? a.first_rtt_ns : kDefaultOutOfOrderNs;
  uint32_t end = in.seq + in.seglen + ((in.tcp_flags & (kTcpSyn | kTcpFin)) ? 1 : 0);
  if (not_advanced && in.ts_ns - fwd.nextseq_ns < ooo_threshold && fwd.nextseq != end)
    return kTaOutOfOrder;
  return not_advanced ? kTaRetransmission : 0;
}

// Drops the segments of `rev` that `ack` acknowledges, recording the acknowledged frame.
void process_ack(TcpSeqState& rev, const TcpAnalysisInput& in, TcpAnalysisResult& out) {
  // Newest first, as Wireshark walks its list: with several exact matches (a segment and its
  // retransmission) the oldest one is reported.
  auto& list = rev.unacked;
  size_t keep_end = list.size();  // segments kept are compacted toward the back
  for (size_t i = list.size(); i-- > 0;) {
    TcpUnacked& u = list[i];
    bool drop;
    if (in.ack == u.nextseq) {
      out.present = true;
      out.frame_acked = u.frame;
      out.ack_rtt_ns = in.ts_ns - u.ts_ns;
      drop = true;
    } else if (gt_seq(in.ack, u.seq) && le_seq(in.ack, u.nextseq)) {
      u.seq = in.ack;  // partially acknowledged
      drop = false;
    } else {
      drop = !gt_seq(u.nextseq, in.ack);
    }
    if (!drop) list[--keep_end] = u;
  }
  list.erase(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(keep_end));
}

void bytes_in_flight(TcpSeqState& fwd, const TcpSeqState& rev, const TcpAnalysisInput& in,
                     TcpAnalysisResult& out) {
  if (in.seglen == 0 || !fwd.valid_bif) return;
  uint32_t in_flight;
  if (in.bif_seq_based) {
    // Raw numbers: before the peer's first ACK its lastack is 0, and tshark shows what that
    // gives when it stays below its 2^31 sanity bound.
    in_flight = fwd.nextseq - rev.lastack;
  } else {
    if (fwd.unacked.empty()) return;
    // The span of unacknowledged data, compared as relative numbers (unsigned) as tshark does.
    uint32_t lo = fwd.unacked.back().seq - in.base_seq;
    uint32_t hi = fwd.unacked.back().nextseq - in.base_seq;
    for (const TcpUnacked& u : fwd.unacked) {
      if (u.seq - in.base_seq < lo) lo = u.seq - in.base_seq;
      if (u.nextseq - in.base_seq > hi) hi = u.nextseq - in.base_seq;
    }
    in_flight = hi - lo;
  }
  for (uint8_t i = 0; i < rev.sack_blocks; ++i) in_flight -= rev.sack_bytes[i];
  if (in_flight > 0 && in_flight < 2000000000) {
    out.present = true;
    // SYN and FIN occupy sequence space but are not bytes.
    out.bytes_in_flight = in_flight - ((in.tcp_flags & (kTcpSyn | kTcpFin)) ? 1 : 0);
  }
  bool push = in.tcp_flags & kTcpPush;
  if (push || !fwd.push_set_last)
    fwd.push_bytes_sent = (push && fwd.push_set_last) ? in.seglen : fwd.push_bytes_sent + in.seglen;
  else
    fwd.push_bytes_sent = in.seglen;
  fwd.push_set_last = push;
  out.present = true;
  out.push_bytes_sent = fwd.push_bytes_sent;
}

}  // namespace

void tcp_analyze_segment(TcpSeqAnalysis& a, int dir, const TcpAnalysisInput& in,
                         TcpAnalysisResult& out) {
  TcpSeqState& fwd = a.dir[dir];
  TcpSeqState& rev = a.dir[dir ^ 1];
  const uint32_t seq = in.seq, ack = in.ack, seglen = in.seglen, window = in.window;
  const uint16_t f = in.tcp_flags;
  const bool syn_fin_rst = f & (kTcpSyn | kTcpFin | kTcpRst);
  uint16_t flags = 0;

  if (f & kTcpAck) rev.valid_bif = true;

  // The checks below run in Wireshark's order; some end the forward checks early.
  bool done = false;
  if (seglen == 1 && seq == fwd.nextseq && rev.window == 0) {
    flags |= kTaZeroWindowProbe;
    done = true;
  }
  if (!done) {
    if (window == 0 && !syn_fin_rst) flags |= kTaZeroWindow;
    if (fwd.nextseq && gt_seq(seq, fwd.nextseq) && !(f & kTcpRst)) {
      flags |= kTaLostPacket;
      fwd.valid_bif = false;  // until the peer ACKs again
    }
    if (seglen <= 1 && seq == fwd.nextseq - 1 && !syn_fin_rst) flags |= kTaKeepAlive;
    bool same_seq_ack = seglen == 0 && seq == fwd.nextseq && ack == fwd.lastack && !syn_fin_rst;
    if (same_seq_ack && window && window != fwd.window) flags |= kTaWindowUpdate;
    if (seglen > 0 && in.rev_win_scale != kWinScaleUnknown && !syn_fin_rst) {
      int shift = in.rev_win_scale == kWinScaleNone ? 0 : in.rev_win_scale;
      if (seq + seglen == rev.lastack + (rev.window << shift)) flags |= kTaWindowFull;
    }
    if (same_seq_ack && window && window == fwd.window && (rev.last_flags & kTaKeepAlive)) {
      flags |= kTaKeepAliveAck;
    } else if (same_seq_ack && window == 0 && fwd.window == 0 &&
               (rev.last_flags & kTaZeroWindowProbe)) {
      flags |= kTaZeroWindowProbeAck;
    } else if (same_seq_ack && window && window == fwd.window) {
      fwd.dupacknum = fwd.dupacknum == kDupAckAfterLost ? 1 : fwd.dupacknum + 1;
      flags |= kTaDuplicateAck;
      out.dupack_num = static_cast<uint32_t>(fwd.dupacknum);
      out.dupack_frame = fwd.lastnondupack;
    }
  }

  if (ack != fwd.lastack) {
    fwd.lastnondupack = static_cast<uint32_t>(in.frame);
    fwd.dupacknum = 0;
  }

  if (rev.maxseqtobeacked && gt_seq(ack, rev.maxseqtobeacked) && (f & kTcpAck)) {
    // Reported once per gap: when the peer has sent more than this side had to acknowledge,
    // else (the peer stalled, sending pure ACKs) only while no ACK of this side was counted.
    // The dup-ACK counter then gets tshark's -1 marker, which, unsigned, also passes the
    // fast-retransmission test (observed in tshark 4.0's output).
    if (lt_seq(rev.maxseqtobeacked, rev.nextseq)) {
      rev.maxseqtobeacked = rev.nextseq;
      flags |= kTaAckLostPacket;
    } else {
      if (rev.dupacknum == 0) flags |= kTaAckLostPacket;
      rev.dupacknum = kDupAckAfterLost;
    }
  }

  if ((seglen > 0 || (f & (kTcpSyn | kTcpFin))) && !(flags & kTaKeepAlive)) {
    uint16_t kind = classify_resent(a, fwd, rev, in);
    flags |= kind;
    if (kind == kTaRetransmission) {
      // Measured from the oldest unacknowledged segment, else from the newest data.
      const bool have = !fwd.unacked.empty();
      out.rto_ns = in.ts_ns - (have ? fwd.unacked.front().ts_ns : fwd.nextseq_ns);
      out.rto_frame = have ? fwd.unacked.front().frame : fwd.nextseq_frame;
    }
  }

  uint32_t nextseq = seq + seglen;
  if ((seglen || (f & (kTcpSyn | kTcpFin))) && fwd.unacked.size() < kTcpMaxUnackedSegments) {
    if (f & (kTcpSyn | kTcpFin)) ++nextseq;
    fwd.unacked.push_back({static_cast<uint32_t>(in.frame), seq, nextseq, in.ts_ns});
  }
  bool probe = flags & kTaZeroWindowProbe;  // probes do not advance the expected sequence
  if ((gt_seq(nextseq, fwd.nextseq) || !fwd.nextseq) && !probe) {
    fwd.nextseq = nextseq;
    fwd.nextseq_frame = static_cast<uint32_t>(in.frame);
    fwd.nextseq_ns = in.ts_ns;
  }
  if ((seq == fwd.maxseqtobeacked || !fwd.maxseqtobeacked) && !probe)
    fwd.maxseqtobeacked = fwd.nextseq;

  fwd.window = window;
  fwd.lastack = ack;
  fwd.lastack_ns = in.ts_ns;
  fwd.last_flags = flags;

  out.flags = flags;
  if (flags) out.present = true;
  process_ack(rev, in, out);
  bytes_in_flight(fwd, rev, in, out);
}

}  // namespace netsift
