// Reassembly of IKEv2 messages sent as Encrypted and Authenticated Fragments (RFC 7383), as
// tshark 4.0 keeps them (its fragment_add_seq_check over block numbers): the decrypted content
// of each fragment (padding removed) filed by the message's addresses and Message ID under
// Fragment Number - 1 (a zero Fragment Number wraps to the top); the fragment numbered Total
// Fragments or above is a last one, and a later last one that disagrees is a second tail. A
// message completes when a last fragment has arrived and every number from 1 up to it; its data
// is each distinct number's first content in order (those past the last one too), repeated
// numbers listed as overlaps (conflicting when their content differs). Like tshark in one
// pass, only the frame that completes a message learns about it, and a fragment after that
// starts a new message. Bounded: the bytes held for messages not yet complete and their number
// are capped, the least recently added to dropped first.
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

// A message completed by the current frame: its fragments in Fragment Number order, repeated
// ones included (offsets into `data`, flags as the ISAKMP fragment list shows them), and
// whether any is illegal (conflicting overlap, a second tail, beyond the last).
struct Ikev2ReassembledMessage {
  std::vector<uint8_t> data;
  std::vector<FragmentRecord> fragments;
  bool illegal = false;
};

class Ikev2Fragments {
 public:
  static constexpr size_t kMaxPendingBytes = 4 * 1024 * 1024;
  static constexpr size_t kMaxPendingMessages = 1024;

  // Adds fragment `number` of `total` of message `key`, seen in `frame`.
  std::optional<Ikev2ReassembledMessage> add(const Ikev2FragmentKey& key, uint64_t frame,
                                             uint16_t number, uint16_t total,
                                             std::span<const uint8_t> content);

  size_t pending_bytes() const { return pending_bytes_; }

 private:
  struct Piece {
    uint32_t block;  // Fragment Number - 1
    uint64_t frame;
    std::vector<uint8_t> content;
    bool multiple_tails = false, too_long = false;
  };
  struct Pending {
    Ikev2FragmentKey key;
    std::vector<Piece> pieces;     // by block, repeated blocks in arrival order
    std::optional<uint32_t> last;  // the first last fragment's block
  };

  static Ikev2ReassembledMessage defragment(const Pending& p);
  void drop(std::list<Pending>::iterator it);

  std::list<Pending> pending_;  // least recently added to first
  size_t pending_bytes_ = 0;
};

}  // namespace netsift
