// f5ethtrailer.perform_analysis: tshark's check of the trailer's flow ids against the frame's
// TCP flags. An ingress SYN (without ACK) that already has a flow id is "Flow reuse or SYN
// retransmit"; an ingress ACK without a flow id is "Flow lost". As tshark's ip/tcp taps, only
// the frame's first IP header counts, it must be an unfragmented IPv4 header carrying TCP
// (tshark's IPv6 tap never sets the fragment flag the check needs, so IPv6 frames get none).
#include <optional>

#include "core/byte_reader.h"
#include "core/expert.h"
#include "dissectors/f5ethtrailer.h"
#include "dissectors/ip_fields.h"
#include "dissectors/tcp_fields.h"

namespace netsift {

namespace {
using namespace f5_fields;

constexpr uint8_t kIpProtoTcp = 6;
constexpr uint16_t kTcpSyn = 0x002, kTcpAck = 0x010;

// The frame bytes a protocol node covers (empty unless they are frame bytes). Protocol nodes
// are kept in every run, so this works whatever the output asks for.
ByteReader header_of(const Packet& pkt, const Node& n) {
  if (n.source != 0 || n.offset > pkt.frame->caplen || n.length > pkt.frame->caplen - n.offset)
    return ByteReader();
  return ByteReader(pkt.frame->data + n.offset, n.length, n.length);
}

// The frame's first IP header is IPv4, unfragmented and carries TCP.
bool first_ip_is_whole_tcp(const Packet& pkt) {
  for (const Node& n : pkt.tree.nodes()) {
    if (n.field == ipv6_fields::protocol) return false;
    if (n.field != ip_fields::protocol) continue;
    ByteReader ip = header_of(pkt, n);
    if (ip.size() < 20) return false;
    bool fragment = (ip.u16(6) & 0x3fff) != 0;  // MF or a fragment offset
    return ip.u8(9) == kIpProtoTcp && !fragment;
  }
  return false;
}

// The flags of the frame's first TCP header, or nullopt.
std::optional<uint16_t> first_tcp_flags(const Packet& pkt) {
  for (const Node& n : pkt.tree.nodes()) {
    if (n.field != tcp_fields::proto) continue;
    ByteReader tcp = header_of(pkt, n);
    if (tcp.size() < 14) return std::nullopt;
    return tcp.u16(12) & 0x0fff;
  }
  return std::nullopt;
}

}  // namespace

void f5_add_analysis(F5Dissection& d, const ByteReader& trailer) {
  Packet& pkt = d.pkt;
  if (!d.ingress || !d.flows_set || !first_ip_is_whole_tcp(pkt)) return;
  std::optional<uint16_t> tcp_flags = first_tcp_flags(pkt);
  if (!tcp_flags) return;
  uint16_t flags = *tcp_flags;
  bool has_flow = d.flow_id != 0;
  bool reuse = (flags & kTcpSyn) && !(flags & kTcpAck) && has_flow;
  bool lost = (flags & kTcpAck) && !has_flow;
  if (!reuse && !lost) return;
  int node = pkt.tree.add_generated(d.tree, analysis, Value{});
  if (reuse)
    add_expert(pkt, node, ei_flowreuse, trailer, 0, 0, "Flow reuse or SYN retransmit",
               kExpertWarn, kGroupSequence);
  if (lost)
    add_expert(pkt, node, ei_flowlost, trailer, 0, 0,
               "Flow lost, incorrect VLAN, loose initiation, tunnel, or SYN cookie use",
               kExpertWarn, kGroupSequence);
}

}  // namespace netsift
