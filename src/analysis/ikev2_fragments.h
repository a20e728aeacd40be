// Reassembly of IKEv2 messages sent as Encrypted and Authenticated Fragments (RFC 7383), as
// tshark 4.0 keeps them: the decrypted content of each fragment (padding removed) filed by the
// message's addresses and Message ID under its Fragment Number; a message completes when the
// fragment numbered Total Fragments has arrived and every one before it. Like tshark in one pass,
// only the frame that completes a message learns about it. Bounded: the bytes held for messages
// not yet complete and their number are capped, the least recently added to dropped first.
#pragma once

#include <cstdint>
#include <list>
#include <optional>
#include <span>
#include <vector>

#include "analysis/ip_reassembly.h"
#include "core/address.h"

namespace netsift {

struct Ikev2FragmentKey {
  Address src, dst;
  uint32_t message_id = 0;
  bool operator==(const Ikev2FragmentKey& o) const {
    return src == o.src && dst == o.dst && message_id == o.message_id;
  }
};

// A message completed by the current frame, its fragments in Fragment Number order (offsets
// into `data`, as the ISAKMP fragment list shows them).
struct Ikev2ReassembledMessage {
  std::vector<uint8_t> data;
  std::vector<FragmentRecord> fragments;
};

class Ikev2Fragments {
 public:
  static constexpr size_t kMaxPendingBytes = 4 * 1024 * 1024;
  static constexpr size_t kMaxPendingMessages = 1024;

  // Adds fragment `number` (1-based; the last one when it is not below `total`) of message
  // `key`, seen in `frame`. A fragment number already held is ignored (a retransmission).
  std::optional<Ikev2ReassembledMessage> add(const Ikev2FragmentKey& key, uint64_t frame,
                                             uint16_t number, uint16_t total,
                                             std::span<const uint8_t> content);

  size_t pending_bytes() const { return pending_bytes_; }

 private:
  struct Piece {
    uint16_t number;
    uint64_t frame;
    std::vector<uint8_t> content;
  };
  struct Pending {
    Ikev2FragmentKey key;
    std::vector<Piece> pieces;  // in Fragment Number order
    uint16_t last = 0;          // the last fragment's number, once it has arrived
  };

  void drop(std::list<Pending>::iterator it);

  std::list<Pending> pending_;  // least recently added to first
  size_t pending_bytes_ = 0;
};

}  // namespace netsift
