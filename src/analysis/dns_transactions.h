// DNS query/response matching as tshark does it in one pass: per conversation and transaction
// ID, a response finds the query seen earlier (dns.response_to, dns.time); a second query while
// the first is unanswered is a retransmission, as is a second response to an answered one; a
// response with no query is unsolicited. A query never learns about its later response
// (dns.response_in), which needs a second pass. The table is bounded by the memory budget's DNS
// share: past it the oldest transaction is forgotten for each new one (a later response to it
// reads as unsolicited), and the query that made room is told which.
#pragma once

#include <cstdint>

#include "core/flow_key.h"
#include "core/transaction_table.h"

namespace netsift {

class DnsTransactions {
 public:
  struct Transaction {
    uint64_t request_frame = 0;  // 0 when the transaction began with a response
    uint64_t response_frame = 0;
    int64_t request_ns = 0;
  };

  enum class Outcome {
    kNewQuery,               // the first query of a transaction
    kRetransmittedQuery,     // `t->request_frame` is the original
    kAnswer,                 // `t` is the query answered
    kRetransmittedResponse,  // `t->response_frame` is the original response
    kUnsolicited,            // no query seen
  };
  struct Result {
    Outcome outcome;
    const Transaction* t;
    uint64_t forgotten_frame = 0;  // nonzero: the query (or response) forgotten to make room
  };

  void use_budget(MemoryBudget& budget) { table_.use_budget(budget); }
  std::string limit_text() const { return table_.describe(); }

  // `id` is the transaction ID, or for DNS over HTTP/2 the stream ID (tshark's reqresp_id).
  // A repeated query counts as a retransmission only less than `retransmit_window_ns` after
  // the original (tshark's dns.retransmission_timer); later it starts a new transaction.
  Result query(const FlowKey& flow, uint32_t id, uint64_t frame, int64_t now_ns,
               int64_t retransmit_window_ns);
  Result response(const FlowKey& flow, uint32_t id, uint64_t frame);

 private:
  struct Key {
    FlowKey flow;
    uint32_t id;
    bool operator==(const Key& o) const { return id == o.id && flow == o.flow; }
  };
  struct KeyHash {
    size_t operator()(const Key& k) const { return k.flow.hash() * 31 + k.id; }
  };
  TransactionTable<Key, Transaction, KeyHash> table_{MemoryUse::kDnsTransactions};
};

}  // namespace netsift
