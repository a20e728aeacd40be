#include "analysis/dns_transactions.h"

namespace netsift {

DnsTransactions::Transaction& DnsTransactions::insert(const Key& k) {
  auto [it, added] = table_.try_emplace(k);
  if (added) {
    order_.push_back(k);
    if (order_.size() > kMaxEntries) {
      table_.erase(order_.front());
      order_.pop_front();
    }
  }
  return it->second;
}

DnsTransactions::Result DnsTransactions::query(const FlowKey& flow, uint32_t id, uint64_t frame,
                                               int64_t now_ns, int64_t retransmit_window_ns) {
  Key k{flow, id};
  auto it = table_.find(k);
  if (it != table_.end() && it->second.request_frame != 0 && it->second.response_frame == 0 &&
      it->second.request_frame != frame && now_ns - it->second.request_ns < retransmit_window_ns)
    return {Outcome::kRetransmittedQuery, &it->second};
  Transaction& t = insert(k);
  t = Transaction{frame, 0, now_ns};
  return {Outcome::kNewQuery, &t};
}

DnsTransactions::Result DnsTransactions::response(const FlowKey& flow, uint32_t id,
                                                  uint64_t frame) {
  auto it = table_.find(Key{flow, id});
  if (it == table_.end() || it->second.request_frame == 0) return {Outcome::kUnsolicited, nullptr};
  Transaction& t = it->second;
  if (t.response_frame == 0 || t.response_frame == frame) {
    t.response_frame = frame;
    return {Outcome::kAnswer, &t};
  }
  return {Outcome::kRetransmittedResponse, &t};
}

}  // namespace netsift
