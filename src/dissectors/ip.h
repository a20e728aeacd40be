// Symbols the IP family shares: IPv4/IPv6 entry points (ICMP dissects the packets its errors
// quote), IP protocol names, address text for columns, and the expert-info helper.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "analysis/ip_reassembly.h"
#include "core/address_format.h"  // append_ipv4/append_ipv6 for column and label text
#include "core/expert.h"
#include "core/packet.h"
#include "dissectors/ip_fields.h"

namespace netsift {

size_t dissect_ipv4(const ByteReader& r, Packet& pkt, int parent);
size_t dissect_ipv6(const ByteReader& r, Packet& pkt, int parent);

// IANA protocol numbers with tshark's names ("ICMP", "UDP"), shared by ip.proto and ipv6.nxt.
std::span<const ValueName> ip_proto_names();
const char* ip_proto_name(uint8_t proto);  // "Unknown" when unnamed

// Differentiated services (ip.dsfield, ipv6.tclass): long value names and the short ones
// of the summary text ("CS0", "AF11"; "Not-ECT", "CE").
std::span<const ValueName> dscp_names();
std::span<const ValueName> ecn_names();
const char* dscp_short_name(unsigned dscp);
const char* ecn_short_name(unsigned ecn);

// Dissects the packet an ICMP/ICMPv6 error quotes with `d`, under `parent`, the way tshark
// does for "error packets": the outer packet keeps its addresses, ports and columns, and the
// quote ending early is not an error.
void dissect_quoted_packet(Packet& pkt, Dissector d, const ByteReader& r, int parent);

// The fields of a fragment tree ("ip.fragments" and its children; ISAKMP's too, which has no
// reassembled-data field: kNoField).
struct FragmentFields {
  const char* tag;  // what the list's label calls the fragments: "IPv4 Fragments"
  FieldId fragments, fragment, error, overlap, overlap_conflict, too_long, count,
      reassembled_length, reassembled_data, reassembled_in;
  FieldId multiple_tails = kNoField;  // for protocols whose reassembly can see two last ones
};
// The fragment list of a reassembled datagram under `tree`, as tshark shows it. A fragment with
// conflicting overlap, data past the end or a second last fragment is listed as a
// defragmentation error. In the first
// pass of -2 each earlier fragment's frame notes this one as where it is reassembled.
void add_fragment_tree(Packet& pkt, int tree, const ReassembledDatagram& dg,
                       const ByteReader& whole, const FragmentFields& f);
// -2: a fragment whose datagram the first pass completed in a later frame names that frame
// (IPv4 also in the Info column, " [Reassembled in #N]").
void add_reassembled_in(Packet& pkt, int tree, const FragmentFields& f, bool in_info);

// The last value of integer field `f` in the tree (e.g. the TTL of the enclosing IP header),
// or `fallback` when absent.
uint64_t last_uint(const Packet& pkt, UintField f, uint64_t fallback = 0);

// IPv6 extension headers (ipv6_ext.cpp): hop-by-hop, routing, fragment, destination options.
bool is_ipv6_extension(uint8_t next_header);
void register_ipv6_extensions();

}  // namespace netsift
