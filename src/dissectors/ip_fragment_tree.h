// The fragment list of a reassembled IPv4 or IPv6 datagram ("ip.fragments", "ipv6.fragments"
// and their children), as tshark shows it in the frame that completes the datagram.
#pragma once

#include "analysis/ip_reassembly.h"
#include "core/packet.h"

namespace netsift {

// The fields of one IP version's fragment tree.
struct FragmentFields {
  const char* version;  // "IPv4", "IPv6"
  FieldId fragments, fragment, error, overlap, overlap_conflict, too_long, count,
      reassembled_length, reassembled_data;
};
// Adds the fragment list of `dg` under `tree`. A fragment with conflicting overlap or data past
// the end is listed as a defragmentation error.
void add_fragment_tree(Packet& pkt, int tree, const ReassembledDatagram& dg,
                       const ByteReader& whole, const FragmentFields& f);

}  // namespace netsift
