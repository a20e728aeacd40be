// TCP conversation tracking as tshark does it in a single pass: port reuse (a new tcp.stream on
// the same ports), relative sequence numbers, window scaling and conversation completeness. The
// stream numbers and per-stream times are the generic conversation table's
// (core/conversation.h); TCP's own state is a per-conversation protocol state, TcpConversation,
// with one TcpDirection per direction, where sequence analysis keeps its data.
#pragma once

#include <cstdint>

#include "analysis/tcp_reassembly.h"
#include "analysis/tcp_sequence_analysis.h"
#include "core/conversation.h"
#include "core/dissector_table.h"

namespace netsift {

// TCP header flag bits (the 12-bit flags field).
enum TcpFlags : uint16_t {
  kTcpFin = 0x001,
  kTcpSyn = 0x002,
  kTcpRst = 0x004,
  kTcpPush = 0x008,
  kTcpAck = 0x010,
  kTcpUrg = 0x020,
  kTcpEce = 0x040,
  kTcpCwr = 0x080,
  kTcpAe = 0x100,
  kTcpReserved = 0xe00,
};

// tcp.completeness bits: what of the connection's life the capture has shown so far.
enum TcpCompleteness : uint8_t {
  kCompleteSyn = 0x01,
  kCompleteSynAck = 0x02,
  kCompleteAck = 0x04,
  kCompleteData = 0x08,
  kCompleteFin = 0x10,
  kCompleteRst = 0x20,
};

// Window scale shift as tshark keeps it: a shift count, or one of these.
inline constexpr int8_t kWinScaleUnknown = -1;
inline constexpr int8_t kWinScaleNone = -2;

struct TcpDirection {
  uint32_t base_seq = 0;  // relative sequence numbers count from here
  bool base_seq_set = false;
  int8_t win_scale = kWinScaleUnknown;
  bool closing_initiator = false;  // sent a FIN before the peer did (tcp.connection.fin_active)
  TcpStreamReassembly reassembly;  // the PDU this direction's payload is still completing
};

// TCP's state of one connection (registered by the TCP dissector, StateScope::kConversation).
struct TcpConversation {
  uint8_t completeness = 0;
  // What a first segment without SYN showed: tshark 4.0 shows none of it on the frames of the
  // first pass, but its final value (-2) has it.
  uint8_t unseen_first_bits = 0;
  uint8_t final_completeness() const { return completeness | unseen_first_bits; }
  TcpDirection dir[2];          // indexed by FlowKey direction (0: from the key's `lo` endpoint)
  TcpSeqAnalysis seq_analysis;  // tcp.analysis.*
  // The payload's protocol once a heuristic claimed the connection (tshark's conversation
  // dissector); tried before the ports.
  Dissector app_dissector = nullptr;

  bool finished() const { return completeness & (kCompleteFin | kCompleteRst); }
};

// What the dissector needs to know about one segment, in header order.
struct TcpSegment {
  uint32_t seq = 0;
  uint32_t ack = 0;
  uint16_t flags = 0;
};

class TcpConversations {
 public:
  // The conversation (in `table`, the Session's tcp table) of a segment travelling in direction
  // `dir` of `key`. A SYN whose sequence number differs from the ISN recorded for that direction
  // opens a new conversation with a new stream number (tshark's "reused ports"); `*created`
  // tells a new conversation, `*reused_ports` one that replaced an earlier conversation on the
  // same ports.
  static Conversation& lookup(ConversationTable& table, const FlowKey& key, int dir,
                              const TcpSegment& seg, int64_t now_ns, bool* created,
                              bool* reused_ports);

  // Records the ISNs of a segment with a known length, for relative sequence numbers: the SYN's
  // sequence number, or the one before the first seen; the peer's from the first ACK.
  static void note_sequence(TcpConversation& c, int dir, const TcpSegment& seg);
  // A SYN or SYN/ACK has been dissected (with its options): decide whether scaling is in use.
  static void verify_window_scaling(TcpConversation& c, int dir, bool is_synack);
  // Adds what a dissected segment shows of the connection's life to tcp.completeness.
  static void update_completeness(TcpConversation& c, uint16_t flags, uint32_t seglen,
                                  bool first_segment);

 private:
  // The bits any segment after the first adds: a plain ACK (with data or without), FIN with
  // ACK, RST.
  static void add_later_bits(uint8_t& bits, uint16_t flags, uint32_t seglen);
};

// The text tshark shows for a tcp.completeness value: "Complete, WITH_DATA (31)".
const char* tcp_completeness_name(uint8_t completeness);

}  // namespace netsift
