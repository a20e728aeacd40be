#include "analysis/f5_flow_pairing.h"

namespace netsift {

namespace {

template <class Map, class Key>
void remember(Map& map, const Key& key, uint32_t stream, size_t cap) {
  if (map.size() >= cap) map.clear();
  map[key] = stream;
}

}  // namespace

void F5FlowPairing::pair(uint32_t a, uint32_t b) {
  peers_.emplace(a, b);
  peers_.emplace(b, a);
}

bool F5FlowPairing::compatible(const F5FlowSighting& a, const F5FlowSighting& b) const {
  if ((a.peer && !(*a.peer == b.own)) || (b.peer && !(*b.peer == a.own))) return false;
  if (a.peer_id && b.flow_id && a.peer_id != b.flow_id) return false;
  return !(b.peer_id && a.flow_id && b.peer_id != a.flow_id);
}

// Pairs `s` with the stream `map` holds for `key`, if that is another unpaired stream whose
// trailers agree.
template <class Map, class Key>
bool F5FlowPairing::pair_from(Map& map, const Key& key, const F5FlowSighting& s) {
  auto it = map.find(key);
  if (it == map.end() || it->second == s.stream || peers_.count(it->second)) return false;
  auto other = streams_.find(it->second);
  if (other == streams_.end() || !compatible(s, other->second)) return false;
  const uint32_t stream = s.stream;  // `s` lives in streams_
  pair(stream, it->second);
  streams_.erase(other);
  streams_.erase(stream);
  return true;
}

std::optional<uint32_t> F5FlowPairing::observe(const F5FlowSighting& sighting) {
  if (auto known = peer_of(sighting.stream)) return known;
  // What the stream said so far, completed with this frame (ids and tuples come and go).
  if (streams_.size() >= kMaxEntries && !streams_.count(sighting.stream)) streams_.clear();
  F5FlowSighting& s = streams_[sighting.stream];
  s.stream = sighting.stream;
  s.own = sighting.own;
  if (sighting.flow_id) s.flow_id = sighting.flow_id;
  if (sighting.peer_id) s.peer_id = sighting.peer_id;
  if (sighting.peer) s.peer = sighting.peer;
  // This stream names its peer: look for a stream seen earlier with that id or tuple.
  bool paired = (s.peer_id != 0 && pair_from(by_flow_id_, s.peer_id, s)) ||
                (s.peer && pair_from(by_tuple_, *s.peer, s));
  // An earlier stream named this one as its peer.
  paired = paired || (s.flow_id != 0 && pair_from(wanted_id_, s.flow_id, s)) ||
           pair_from(wanted_tuple_, s.own, s);
  if (paired) return peer_of(sighting.stream);
  if (s.flow_id != 0) remember(by_flow_id_, s.flow_id, s.stream, kMaxEntries);
  remember(by_tuple_, s.own, s.stream, kMaxEntries);
  if (s.peer_id != 0) remember(wanted_id_, s.peer_id, s.stream, kMaxEntries);
  if (s.peer) remember(wanted_tuple_, *s.peer, s.stream, kMaxEntries);
  return std::nullopt;
}

std::optional<uint32_t> F5FlowPairing::peer_of(uint32_t stream) const {
  auto it = peers_.find(stream);
  if (it == peers_.end()) return std::nullopt;
  return it->second;
}

}  // namespace netsift
