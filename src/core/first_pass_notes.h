// -2: what the first pass over a capture learnt that tshark's second pass shows on frames read
// before it happened (forward references): a query's dns.response_in, a request's
// http.response_in, a stream's final tcp.completeness and its iRTT on the handshake's first
// frames, the frame a segment's PDU is reassembled in.
//
// A dissector notes a value under (field, key, subkey) while the first pass runs (`recording`)
// and finds it in the second pass. Keys are what the field's owner chooses: a frame number for
// a per-frame link, a stream index (and exchange number) for a per-flow summary. Only values a
// second pass shows are kept, one per transaction, stream or reassembled segment, never packets.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>

#include "core/field.h"

namespace netsift {

class FirstPassNotes {
 public:
  // True in the first pass of -2: dissectors note what they learn.
  bool recording() const { return recording_; }
  // True in the second pass of -2: what the first pass noted is there to find.
  bool available() const { return available_; }

  void start_recording() { recording_ = true; }
  // The first pass is over: its notes become the second pass's.
  void hand_over_to(FirstPassNotes& second) {
    second.values_ = std::move(values_);
    second.available_ = true;
    second.recording_ = false;
    recording_ = false;
  }

  // Keeps `value` for (field, key, subkey), replacing an earlier one: the last word wins.
  void note(FieldId field, uint64_t key, uint64_t subkey, uint64_t value) {
    if (recording_) values_[Key{field, key, subkey}] = value;
  }
  std::optional<uint64_t> find(FieldId field, uint64_t key, uint64_t subkey = 0) const {
    if (!available_) return std::nullopt;
    auto it = values_.find(Key{field, key, subkey});
    if (it == values_.end()) return std::nullopt;
    return it->second;
  }

 private:
  struct Key {
    FieldId field;
    uint64_t key, subkey;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const {
      return (k.key * 0x9e3779b97f4a7c15ULL) ^ (k.subkey * 0xc2b2ae3d27d4eb4fULL) ^ k.field;
    }
  };
  bool recording_ = false, available_ = false;
  std::unordered_map<Key, uint64_t, KeyHash> values_;
};

}  // namespace netsift
