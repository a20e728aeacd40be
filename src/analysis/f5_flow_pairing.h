// Pairs the two TCP connections a BIG-IP proxies (client side and server side) from what the F5
// trailer says: this side's flow id, the peer side's flow id, and (high noise) the peer side's
// addresses and ports. Each tcp.stream with a trailer is recorded once; a pairing, once found,
// is fixed. Single pass: a stream learns its peer when the peer's first trailer is seen or when
// this stream's own ids/tuple point at a stream seen earlier, whichever comes first.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>

#include "core/flow_key.h"

namespace netsift {

// What one packet's trailer and headers say about its connection.
struct F5FlowSighting {
  uint32_t stream = 0;  // tcp.stream
  FlowKey own;          // the packet's own TCP 4-tuple
  uint64_t flow_id = 0, peer_id = 0;
  std::optional<FlowKey> peer;  // the peer flow's 4-tuple, from high noise
};

class F5FlowPairing {
 public:
  // Records a sighting; returns the peer stream when it is known by now.
  std::optional<uint32_t> observe(const F5FlowSighting& s);
  std::optional<uint32_t> peer_of(uint32_t stream) const;
  // Pairings found by an earlier pass over the same input (-2): every stream knows its peer
  // from its first packet on.
  void preset(const F5FlowPairing& earlier) { peers_ = earlier.peers_; }

 private:
  struct KeyHash {
    size_t operator()(const FlowKey& k) const { return static_cast<size_t>(k.hash()); }
  };
  void pair(uint32_t a, uint32_t b);
  // Flow ids are unique only per TMM and are reused over time: an id match is believed only
  // when the two sides' peer tuples and peer ids, where known, do not contradict it.
  bool compatible(const F5FlowSighting& a, const F5FlowSighting& b) const;
  template <class Map, class Key>
  bool pair_from(Map& map, const Key& key, const F5FlowSighting& s);

  // Bounds the tables on captures with millions of connections: past this many entries a
  // table is cleared (pairings already found are kept in peers_, which grows by 8 bytes per
  // paired stream).
  static constexpr size_t kMaxEntries = 1 << 20;

  std::unordered_map<uint32_t, F5FlowSighting> streams_;         // what each unpaired stream said
  std::unordered_map<uint64_t, uint32_t> by_flow_id_;            // latest stream with this flow id
  std::unordered_map<FlowKey, uint32_t, KeyHash> by_tuple_;      // latest stream with this 4-tuple
  std::unordered_map<uint64_t, uint32_t> wanted_id_;             // peer id a stream waits for
  std::unordered_map<FlowKey, uint32_t, KeyHash> wanted_tuple_;  // peer tuple a stream waits for
  std::unordered_map<uint32_t, uint32_t> peers_;
};

}  // namespace netsift
