// The items of a flow (sequence) graph as tshark's sequence analysis collects them: one arrow
// per packet from its source to its destination host, with a label and a comment. Shared by
// -z flow (text) and --flow-graph (SVG/HTML).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/address.h"
#include "core/field.h"
#include "core/packet.h"

namespace netsift {

enum class FlowKind { kAny, kTcp, kIcmp, kIcmpv6 };

struct FlowItem {
  uint64_t frame = 0;
  int64_t rel_ns = 0;  // since the first frame of the capture
  std::string time;    // as the Time column shows it
  Address src, dst;
  uint32_t src_port = 0, dst_port = 0;
  uint32_t conv = 0;  // tcp.stream for TCP, 0 otherwise
  std::string label;
  std::string comment;
  // TCP only: the numbers a sequence diagram shows (relative as tshark shows them).
  uint16_t tcp_flags = 0;
  uint32_t seq = 0, ack = 0, len = 0, window = 0;
  size_t src_node = 0, dst_node = 0;
};

class FlowCollector {
 public:
  // `network`: hosts are network-layer addresses (tshark's "network"), else the packet's
  // source and destination columns ("standard").
  FlowCollector(FlowKind kind, bool network);
  // Adds the packet's item, if it has one for this kind of graph.
  void packet(const Packet& pkt);
  // Numbers the hosts in order of first appearance; returns the node addresses.
  const std::vector<Address>& assign_nodes();
  const std::vector<FlowItem>& items() const { return items_; }
  bool needs_columns() const { return kind_ != FlowKind::kTcp; }

 private:
  bool add_tcp(const Packet& pkt, FlowItem& item) const;
  bool add_icmp(const Packet& pkt, FlowItem& item) const;

  FlowKind kind_;
  bool network_;
  // ICMP's or ICMPv6's, by kind_.
  ProtocolField icmp_;
  UintField icmp_type_, icmp_code_;
  std::vector<FlowItem> items_;
  std::vector<Address> nodes_;
};

// The TCP flag names of a flow item, least significant first ("SYN, ACK"), "<None>" if none.
void append_tcp_flag_names(std::string& out, uint16_t flags);

}  // namespace netsift
