// What tshark's statistics taps see in a packet. Each Ethernet, IPv4, IPv6, TCP and UDP header
// a dissector added is one tap event (tunnels give several), except the headers quoted inside
// ICMP errors, which tshark's dissectors do not tap.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/address.h"
#include "core/field.h"
#include "core/packet.h"

namespace netsift {

enum class TapLayer : uint8_t { kEth, kIpv4, kIpv6, kTcp, kUdp };

struct TapEvent {
  Address src, dst;
  uint16_t src_port = 0, dst_port = 0;
  uint32_t stream = 0;  // tcp.stream / udp.stream; 0 for other layers
};

// Finds a layer's headers in dissected packets.
class TapReader {
 public:
  explicit TapReader(TapLayer layer);
  // The fields it reads (besides protocol nodes, always kept), for Statistic::reads_only.
  static void fields_read(std::vector<std::string>& names);
  // Calls fn(const TapEvent&) for each header of the layer in `pkt`, outermost first.
  template <typename Fn>
  void for_each(const Packet& pkt, Fn&& fn) const {
    TapEvent ev;
    for (size_t i = 0; i < pkt.tree.size(); ++i)
      if (next_event(pkt, i, ev)) fn(static_cast<const TapEvent&>(ev));
    if (layer_ == TapLayer::kEth && untreed_eth(pkt, ev)) fn(static_cast<const TapEvent&>(ev));
  }

 private:
  // Whether node `i` is a tapped header of the layer; fills `ev` (network addresses of TCP and
  // UDP come from the closest IP header before them, as pinfo->src does in Wireshark).
  bool next_event(const Packet& pkt, size_t i, TapEvent& ev) const;
  bool inside_icmp(const Packet& pkt, size_t i) const;
  bool untreed_eth(const Packet& pkt, TapEvent& ev) const;
  bool aborted(const Packet& pkt, size_t i) const;
  bool unreassembled_fragment(const Packet& pkt, size_t i) const;
  bool read_addresses(const Packet& pkt, size_t proto_node, TapEvent& ev) const;

  TapLayer layer_;
  ProtocolField proto_;
  UintField src_port_, dst_port_, stream_;  // TCP's or UDP's; none for the other layers
};

// A packet's time relative to the capture's first frame (pinfo->rel_ts), in nanoseconds.
int64_t relative_ns(const Packet& pkt);
// Wireshark's nstime_to_sec: whole seconds plus the nanoseconds' fraction, as a double.
double ns_to_seconds(int64_t ns);

}  // namespace netsift
