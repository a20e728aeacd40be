// The bytes TCP desegmentation keeps for one direction of a connection: the pending PDU an
// upper-layer dissector asked more bytes for, in sequence order, with the segments they came
// from, bounded per flow and in total. dissectors/tcp_desegment.h drives it (when to collect,
// when to call the dissector again) and shows it in the tree.
#pragma once

#include <cstddef>
#include <cstdint>
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
// core/memory_budget.h, one PDU at most 16 MiB, all flows at most 40 MiB. With a budget its TCP
// share and item limit apply (--max-memory scales them).
inline constexpr size_t kTcpMaxPendingPerFlow = MemoryBudget::kDefaultLimit / 6;
inline constexpr size_t kTcpMaxPendingTotal = MemoryBudget::kDefaultLimit / 96 * 40;

// A PDU being collected: its bytes so far and the frames they came from.
struct TcpPendingPdu {
  struct Segment {
    uint64_t frame;
    uint32_t length;
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
  // TCP reassembly budget of 40 MiB of --max-memory 96 MiB used up").
  std::string limit_hit(size_t more) const;
};

// The desegmentation state of one direction of a connection; freed with the connection.
struct TcpStreamReassembly {
  std::shared_ptr<TcpPendingPdu> pending;
};

// Drops any pending PDU (FIN, RST).
void tcp_reassembly_release(TcpStreamReassembly& state);
// Bytes held by pending PDUs of all flows.
size_t tcp_reassembly_buffered_bytes();

}  // namespace netsift
