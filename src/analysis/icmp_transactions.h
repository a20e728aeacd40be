// Echo request/response matching for ICMP and ICMPv6, as tshark does it in one pass: a reply
// finds the request seen earlier (icmp.resp_to, icmp.resptime); a request never learns about a
// later reply, because that needs a second pass. The requests are bounded by the memory budget's
// ICMP share: past it the oldest request is forgotten for each new one (a later reply to it finds
// no request), and the request that made room is told which.
#pragma once

#include <cstdint>
#include <string>

#include "core/address.h"
#include "core/transaction_table.h"

namespace netsift {

class IcmpTransactions {
 public:
  struct Request {
    uint64_t frame = 0;
    int64_t time_ns = 0;
    bool answered = false;  // a reply matched it (forgetting it then is worth no note)
  };

  // Records an echo request from `src` to `dst`; `match` is what a reply must carry to
  // answer it (identifier, sequence number and whatever else the protocol compares). Returns
  // the frame of the unanswered request forgotten to make room for it, or 0.
  uint64_t request(bool v6, const Address& src, const Address& dst, uint64_t match, uint64_t frame,
                   int64_t time_ns);
  // The request a reply from `src` to `dst` answers, or nullptr.
  const Request* reply(bool v6, const Address& src, const Address& dst, uint64_t match);

  void use_budget(MemoryBudget& budget) { requests_.use_budget(budget); }
  std::string limit_text() const { return requests_.describe(); }

 private:
  struct Key {
    Address a, b;  // the request's source and destination
    uint64_t match;
    bool v6;
    bool operator==(const Key& o) const {
      return a == o.a && b == o.b && match == o.match && v6 == o.v6;
    }
  };
  struct KeyHash {
    size_t operator()(const Key& k) const;
  };
  TransactionTable<Key, Request, KeyHash> requests_{MemoryUse::kIcmpTransactions};
};

}  // namespace netsift
