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

// The checksum at r[off, off+2), verified: `sum` is the ones' complement sum (not folded) of
// all the octets it covers, the checksum field included.
void add_verified_checksum(Packet& pkt, int tree, const ByteReader& r, size_t off, uint64_t sum,
                           const ChecksumItems& items);
// The checksum at r[off, off+2) left unverified; `note` is appended to its label.
void add_unverified_checksum(Packet& pkt, int tree, const ByteReader& r, size_t off,
                             const ChecksumItems& items, std::string_view note = {});

}  // namespace netsift
