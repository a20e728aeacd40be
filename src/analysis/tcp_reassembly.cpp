#include "analysis/tcp_reassembly.h"

#include <atomic>

namespace netsift {

namespace {
std::atomic<size_t> total_pending{0};
}  // namespace

TcpPendingPdu::~TcpPendingPdu() {
  total_pending -= bytes.size();
}

void TcpPendingPdu::append(const uint8_t* p, size_t n) {
  bytes.insert(bytes.end(), p, p + n);
  total_pending += n;
}

bool TcpPendingPdu::within_limits(size_t more) const {
  return bytes.size() + more <= kTcpMaxPendingPerFlow &&
         total_pending.load() + more <= kTcpMaxPendingTotal;
}

void tcp_reassembly_release(TcpStreamReassembly& st) {
  st.pending.reset();
}

size_t tcp_reassembly_buffered_bytes() {
  return total_pending.load();
}

}  // namespace netsift
