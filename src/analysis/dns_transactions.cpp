#include "analysis/dns_transactions.h"

namespace netsift {

DnsTransactions::Result DnsTransactions::query(const FlowKey& flow, uint32_t id, uint64_t frame,
                                               int64_t now_ns, int64_t retransmit_window_ns) {
  Key k{flow, id};
  Transaction* found = table_.find(k);
  if (found && found->request_frame != 0 && found->response_frame == 0 &&
      found->request_frame != frame && now_ns - found->request_ns < retransmit_window_ns)
    return {Outcome::kRetransmittedQuery, found};
  std::optional<std::pair<Key, Transaction>> evicted;
  Transaction& t = table_.insert(k, &evicted);
  t = Transaction{frame, 0, now_ns};
  // Only a query still awaiting its response is worth a note: an answered one is needed again
  // only to spot a retransmitted response, and big captures forget many of them.
  bool unanswered = evicted && evicted->second.response_frame == 0;
  return {Outcome::kNewQuery, &t, unanswered ? evicted->second.request_frame : 0};
}

DnsTransactions::Result DnsTransactions::response(const FlowKey& flow, uint32_t id,
                                                  uint64_t frame) {
  Transaction* t = table_.find(Key{flow, id});
  if (!t || t->request_frame == 0) return {Outcome::kUnsolicited, nullptr};
  if (t->response_frame == 0 || t->response_frame == frame) {
    t->response_frame = frame;
    return {Outcome::kAnswer, t};
  }
  return {Outcome::kRetransmittedResponse, t};
}

}  // namespace netsift
