// The bytes TCP desegmentation keeps for one direction of a connection: the multi-segment PDUs
// upper-layer dissectors asked more bytes for, each with the segments added to it by sequence
// number (through capture gaps, as tshark), bounded per PDU and in total.
// dissectors/tcp_desegment.h drives it (when to collect, when to call the dissector again) and
// shows it in the tree. TcpPendingPdu is the in-order variant TLS uses for PDUs that span
// decrypted records.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/memory_budget.h"

namespace netsift {

// desegment_len meaning "the length is not known yet; at least one more segment".
inline constexpr uint32_t kDesegmentOneMoreSegment = 0x0fffffff;
// desegment_len meaning "everything until the sender's FIN" (an HTTP body without a length).
inline constexpr uint32_t kDesegmentUntilFin = 0x0ffffffe;

// Memory bounds without a Session's budget (unit tests, fuzz drivers): the defaults of
// core/memory_budget.h, one PDU at most 16 MiB, all flows at most 32 MiB. With a budget its TCP
// share and item limit apply (--max-memory scales them).
inline constexpr size_t kTcpMaxPendingPerFlow = MemoryBudget::kDefaultLimit / 6;
inline constexpr size_t kTcpMaxPendingTotal = MemoryBudget::kDefaultLimit / 96 * 32;

// A PDU being collected in order (over decrypted TLS records): its bytes so far and the frames
// they came from.
struct TcpPendingPdu {
  struct Segment {
    uint64_t frame;
    uint32_t length;
    int64_t offset = -1;  // where it starts in the PDU; -1: after the previous one
  };
  uint32_t next_seq = 0;  // raw sequence number of the byte expected next
  uint32_t needed = 0;    // total PDU length, kDesegmentOneMoreSegment or kDesegmentUntilFin
  std::vector<uint8_t> bytes;
  std::vector<Segment> segments;
  bool frames_pdus = false;        // the dissector frames PDUs (TcpPayloadContext::frames_pdus)
  MemoryBudget* budget = nullptr;  // the Session's, charged with `bytes`; null: fixed bounds

  TcpPendingPdu() = default;
  TcpPendingPdu(const TcpPendingPdu&) = delete;
  TcpPendingPdu& operator=(const TcpPendingPdu&) = delete;
  ~TcpPendingPdu();
  void append(const uint8_t* p, size_t n);
  // Whether `more` bytes may be added within the per-flow and total bounds.
  bool within_limits(size_t more) const;
  // Which bound refuses `more` bytes, in words for the expert info ("over 16 MiB per PDU", "the
  // TCP reassembly budget of 32 MiB of --max-memory 96 MiB used up").
  std::string limit_hit(size_t more) const;
};

// Why adding a segment to a multi-segment PDU failed, as tshark's reassembly throws it (shown
// as "[Reassembly error, protocol TCP: ...]").
struct TcpReassemblyError {
  const char* message;  // "New fragment overlaps old data (retransmission?)"
};

// One multi-segment PDU as tshark's desegment_tcp keeps it (a tcp_multisegment_pdu and its
// reassembly fragment_head): the sequence range [seq, nxtpdu) an upper dissector asked for, and
// the segments added to it by offset, holes and overlaps included, until they cover it. Once
// dissected it keeps only its range and frames (a segment falling in it later is a reassembly
// error, as in tshark), unless the dissector asked for more (partial reassembly).
struct TcpMsp {
  struct Fragment {
    uint64_t frame;
    uint32_t offset;
    std::vector<uint8_t> bytes;
  };
  uint32_t seq = 0;     // raw sequence number of the PDU's first byte
  uint32_t nxtpdu = 0;  // raw sequence number after it (a guess until the length is known)
  uint64_t first_frame = 0;
  uint64_t last_frame = 0;
  bool entire_segment = false;      // the next segment is taken whole (DESEGMENT_ONE_MORE_SEGMENT)
  bool frames_pdus = false;         // the dissector frames PDUs (TcpPayloadContext::frames_pdus)
  std::vector<Fragment> fragments;  // sorted by offset
  uint64_t max_frame = 0;           // the latest frame added
  uint32_t datalen = 0;             // the PDU's length, once a last segment has been added
  bool datalen_set = false;
  bool defragmented = false;
  bool partial = false;  // defragmented, but the dissector asked for more
  uint64_t reassembled_in = 0;
  std::vector<uint8_t> whole;      // the reassembled bytes, while defragmented and still needed
  MemoryBudget* budget = nullptr;  // the Session's, charged with the bytes held; null: fixed

  TcpMsp() = default;
  TcpMsp(const TcpMsp&) = delete;
  TcpMsp& operator=(const TcpMsp&) = delete;
  ~TcpMsp();
  // tshark's fragment_add: `n` bytes at `offset` from `frame`; `more` false for the segment
  // that reaches the PDU's end. True when the PDU is now whole (`whole` holds it). Throws
  // TcpReassemblyError where tshark's reassembly throws.
  bool add(uint64_t frame, uint32_t offset, const uint8_t* p, uint32_t n, bool more);
  // The dissector of the reassembled PDU asked for more bytes: the next segment reaching the
  // end restarts the reassembly (fragment_set_partial_reassembly).
  void set_partial() { partial = true; }
  // Splits off the bytes from `split` on (a PDU was dissected, the next one starts there) as
  // a new PDU starting at seq + split, and truncates this one to `split` bytes (split_msp).
  std::shared_ptr<TcpMsp> split(uint32_t split, uint64_t frame);
  // The bytes held by this PDU's fragments and reassembled copy.
  size_t held() const { return held_; }
  // Whether `more` bytes may be added within the per-PDU and total bounds.
  bool within_limits(size_t more) const;
  std::string limit_hit(size_t more) const;
  // Forgets the bytes of a PDU that was dissected and needs them no more.
  void drop_bytes();

 private:
  void charge(size_t n);
  void release(size_t n);
  size_t held_ = 0;
};

// The desegmentation state of one direction of a connection (tshark's multisegment_pdus tree
// and flow flags); freed with the connection.
struct TcpStreamReassembly {
  // PDUs by raw starting sequence number, as tshark's wmem tree (unsigned order).
  std::map<uint32_t, std::shared_ptr<TcpMsp>> msps;
  bool until_fin = false;  // a dissector asked for everything until the FIN
  uint64_t fin_frame = 0;  // the frame of this direction's FIN, once seen

  // The PDU starting exactly at `seq`, or null.
  TcpMsp* find(uint32_t seq) const;
  // The PDU starting at the greatest sequence number <= `seq`, or null.
  TcpMsp* find_le(uint32_t seq) const;
  // Adds a PDU (replacing one starting at the same number); keeps at most kMaxPdus PDUs,
  // dropping the one whose last segment came first (tshark keeps all: only retransmissions
  // of long-finished PDUs are shown differently).
  TcpMsp& insert(std::shared_ptr<TcpMsp> msp);
  static constexpr size_t kMaxPdus = 64;
};

// Drops every PDU of the direction.
void tcp_reassembly_release(TcpStreamReassembly& state);
// Bytes held by pending PDUs of all flows.
size_t tcp_reassembly_buffered_bytes();

}  // namespace netsift
