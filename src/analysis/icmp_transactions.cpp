#include "analysis/icmp_transactions.h"

namespace netsift {

size_t IcmpTransactions::KeyHash::operator()(const Key& k) const {
  uint64_t h = 1469598103934665603ULL;
  auto mix = [&h](const uint8_t* p, size_t n) {
    for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ULL;
  };
  mix(k.a.bytes, k.a.size());
  mix(k.b.bytes, k.b.size());
  mix(reinterpret_cast<const uint8_t*>(&k.match), sizeof k.match);
  return static_cast<size_t>(h ^ k.v6);
}

uint64_t IcmpTransactions::request(bool v6, const Address& src, const Address& dst, uint64_t match,
                                   uint64_t frame, int64_t time_ns) {
  std::optional<std::pair<Key, Request>> evicted;
  // A later request with the same identifiers (sequence wrap-around) starts a new transaction.
  requests_.insert(Key{src, dst, match, v6}, &evicted) = Request{frame, time_ns};
  return evicted && !evicted->second.answered ? evicted->second.frame : 0;
}

const IcmpTransactions::Request* IcmpTransactions::reply(bool v6, const Address& src,
                                                         const Address& dst, uint64_t match) {
  Request* r = requests_.find(Key{dst, src, match, v6});
  if (r) r->answered = true;
  return r;
}

}  // namespace netsift
