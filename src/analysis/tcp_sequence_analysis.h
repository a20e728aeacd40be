// TCP sequence analysis as tshark 4.0 does it in one pass (tcp.analysis.*): retransmissions,
// out-of-order and lost segments, duplicate ACKs, window events, keep-alives, which frame an ACK
// acknowledges, RTTs and bytes in flight. The rules follow Wireshark's
// tcp_analyze_sequence_number() with its default preferences (analyze_sequence_numbers on,
// track_bytes_in_flight on; tcp.bif_seq_based chosen per segment); state is kept per direction, on raw (absolute) sequence numbers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace netsift {

// What the analysis found for one segment (tshark's "tcp_acked" record).
enum TcpAnalysisFlag : uint16_t {
  kTaRetransmission = 0x0001,
  kTaLostPacket = 0x0002,
  kTaAckLostPacket = 0x0004,
  kTaKeepAlive = 0x0008,
  kTaDuplicateAck = 0x0010,
  kTaZeroWindow = 0x0020,
  kTaZeroWindowProbe = 0x0040,
  kTaZeroWindowProbeAck = 0x0080,
  kTaKeepAliveAck = 0x0100,
  kTaOutOfOrder = 0x0200,
  kTaFastRetransmission = 0x0400,
  kTaWindowUpdate = 0x0800,
  kTaWindowFull = 0x1000,
  kTaReusedPorts = 0x2000,
  kTaSpuriousRetransmission = 0x4000,
};

struct TcpAnalysisResult {
  bool present = false;  // tshark shows [SEQ/ACK analysis] only when it kept a record
  uint16_t flags = 0;
  uint32_t frame_acked = 0;
  int64_t ack_rtt_ns = 0;
  uint32_t bytes_in_flight = 0;
  uint32_t push_bytes_sent = 0;
  uint32_t dupack_num = 0;
  uint32_t dupack_frame = 0;
  int64_t rto_ns = 0;
  uint32_t rto_frame = 0;
};

inline constexpr size_t kTcpMaxSackBlocks = 4;

// A segment sent but not yet acknowledged.
struct TcpUnacked {
  uint32_t frame;
  uint32_t seq;
  uint32_t nextseq;
  int64_t ts_ns;
};

// Sequence-analysis state of one direction.
struct TcpSeqState {
  std::vector<TcpUnacked> unacked;  // oldest first
  uint32_t nextseq = 0;             // highest next sequence number seen (0: none yet)
  uint32_t nextseq_frame = 0;
  int64_t nextseq_ns = 0;
  uint32_t maxseqtobeacked = 0;  // end of the contiguous data seen
  uint32_t lastack = 0;
  int64_t lastack_ns = 0;
  uint32_t lastnondupack = 0;
  uint32_t dupacknum = 0;
  uint32_t window = 0;  // last window value (unscaled), for window updates and dup ACKs
  uint32_t push_bytes_sent = 0;
  uint16_t last_flags = 0;  // analysis flags of the last segment in this direction
  bool valid_bif = true;
  bool push_set_last = false;
  // SACK blocks of the last segment sent in this direction: data the peer already holds is
  // not in flight.
  uint8_t sack_blocks = 0;
  uint32_t sack_bytes[kTcpMaxSackBlocks] = {};
};

struct TcpSeqAnalysis {
  TcpSeqState dir[2];
  int64_t mru_syn_ns = 0;    // time of the most recent SYN (not SYN/ACK)
  int64_t first_rtt_ns = 0;  // tcp.analysis.initial_rtt, 0 until the handshake's ACK
};

// One segment as the analysis sees it: raw numbers, header flags, the window field as sent.
struct TcpAnalysisInput {
  uint64_t frame;
  int64_t ts_ns;
  uint32_t seq, ack, seglen;
  uint16_t tcp_flags;
  uint32_t window;
  uint32_t base_seq;     // relative numbering origin of this direction (bytes in flight)
  int8_t rev_win_scale;  // the receiver's window scale shift (-1 unknown, -2 none)
  // tcp.bif_seq_based: bytes in flight from the highest sequence number sent and the peer's
  // last ACK, instead of the span of the unacknowledged segments.
  bool bif_seq_based = false;
};

// tshark never keeps more unacknowledged segments than this per direction.
inline constexpr size_t kTcpMaxUnackedSegments = 10000;

// Runs the analysis of one segment travelling in direction `dir`, updating `a`.
void tcp_analyze_segment(TcpSeqAnalysis& a, int dir, const TcpAnalysisInput& in,
                         TcpAnalysisResult& out);

}  // namespace netsift
