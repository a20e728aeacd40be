// tcp.read_seq_as_syn_cookie: every segment's raw sequence number, and its timestamp value, read
// as a Linux SYN cookie encodes them (packet-tcp.c's syncookie items), under the items they
// decode.
#pragma once

#include "core/byte_reader.h"
#include "core/packet.h"

namespace netsift {

// Under the "Sequence Number (raw)" node `seq_raw_node` of the TCP header `r`: the cookie's
// time counter (5 bits), MSS index (3 bits) and hash (24 bits).
void add_syn_cookie_sequence(Packet& pkt, int seq_raw_node, const ByteReader& r);

// Under the "Timestamp value" node `tsval_node` of the timestamp option `o` (kind and length
// first): the cookie's timestamp (26 bits, in units of 64 seconds), ECN, SACK and window scale.
void add_syn_cookie_timestamp(Packet& pkt, int tsval_node, const ByteReader& o);

}  // namespace netsift
