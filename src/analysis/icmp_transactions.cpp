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

void IcmpTransactions::request(bool v6, const Address& src, const Address& dst, uint64_t match,
                               uint64_t frame, int64_t time_ns) {
  if (requests_.size() >= kMaxEntries) requests_.clear();
  Key k{src, dst, match, v6};
  // A later request with the same identifiers (sequence wrap-around) starts a new transaction.
  requests_.insert_or_assign(k, Request{frame, time_ns});
}

const IcmpTransactions::Request* IcmpTransactions::reply(bool v6, const Address& src,
                                                         const Address& dst, uint64_t match) const {
  auto it = requests_.find(Key{dst, src, match, v6});
  return it == requests_.end() ? nullptr : &it->second;
}

}  // namespace netsift
