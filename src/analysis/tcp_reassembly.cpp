#include "analysis/tcp_reassembly.h"

#include <atomic>

namespace netsift {

namespace {
std::atomic<size_t> total_pending{0};
}  // namespace

TcpPendingPdu::~TcpPendingPdu() {
  total_pending -= bytes.size();
  if (budget) budget->release(MemoryUse::kTcpReassembly, bytes.size());
}

void TcpPendingPdu::append(const uint8_t* p, size_t n) {
  bytes.insert(bytes.end(), p, p + n);
  total_pending += n;
  if (budget) budget->charge(MemoryUse::kTcpReassembly, n);
}

bool TcpPendingPdu::within_limits(size_t more) const {
  if (budget)
    return bytes.size() + more <= budget->item_limit() &&
           budget->fits(MemoryUse::kTcpReassembly, more);
  return bytes.size() + more <= kTcpMaxPendingPerFlow &&
         total_pending.load() + more <= kTcpMaxPendingTotal;
}

std::string TcpPendingPdu::limit_hit(size_t more) const {
  size_t per_pdu = budget ? budget->item_limit() : kTcpMaxPendingPerFlow;
  if (bytes.size() + more > per_pdu) return "over " + byte_size_text(per_pdu) + " per PDU";
  if (budget) return budget->describe(MemoryUse::kTcpReassembly) + " used up";
  return byte_size_text(kTcpMaxPendingTotal) + " for all flows used up";
}

void tcp_reassembly_release(TcpStreamReassembly& st) {
  st.pending.reset();
}

size_t tcp_reassembly_buffered_bytes() {
  return total_pending.load();
}

}  // namespace netsift
