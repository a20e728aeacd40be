// The tree items of a 16-bit Internet checksum as tshark's proto_tree_add_checksum shows them
// (ICMP, ICMPv6, IGMP): "Checksum: 0x1234 [correct]" or "incorrect, should be 0x...", the
// generated status and, when wrong, the expert item.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/expert.h"
#include "core/packet.h"

namespace netsift {

struct ChecksumItems {
  FieldId value, status, bad;  // <proto>.checksum, <proto>.checksum.status, the expert field
  ExpertSeverity severity;     // of the "Bad checksum [should be 0x...]" item
};

// A generated item about the checksum at r[off, ...) as tshark adds it: its status at the
// checksum's offset covering no bytes (`len` 0), a calculated value over the checksum's bytes.
inline int add_checksum_item(Packet& pkt, int tree, FieldId f, const ByteReader& r, size_t off,
                             size_t len, uint64_t value) {
  return pkt.tree.add(tree, f, r, off, len, Value::of_uint(value), kGenerated);
}

// The checksum at r[off, off+2), verified: `sum` is the ones' complement sum (not folded) of
// all the octets it covers, the checksum field included.
void add_verified_checksum(Packet& pkt, int tree, const ByteReader& r, size_t off, uint64_t sum,
                           const ChecksumItems& items);
// The checksum at r[off, off+2) left unverified; `note` is appended to its label.
void add_unverified_checksum(Packet& pkt, int tree, const ByteReader& r, size_t off,
                             const ChecksumItems& items, std::string_view note = {});

}  // namespace netsift
