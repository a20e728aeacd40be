#include "output/stat_taps.h"

#include <algorithm>

#include "core/field_registry.h"
#include "core/protocols.h"
#include "core/session.h"
#include "dissectors/eth.h"
#include "dissectors/icmp_fields.h"
#include "dissectors/ip_fields.h"
#include "dissectors/tcp_fields.h"
#include "dissectors/udp_fields.h"

namespace netsift {

namespace {

Address ipv4_address(uint64_t host_order) {
  uint8_t b[4] = {static_cast<uint8_t>(host_order >> 24), static_cast<uint8_t>(host_order >> 16),
                  static_cast<uint8_t>(host_order >> 8), static_cast<uint8_t>(host_order)};
  return Address::ipv4(b);
}

}  // namespace

TapReader::TapReader(TapLayer layer) : layer_(layer) {
  switch (layer) {
    case TapLayer::kEth:
      proto_ = eth_fields::proto;
      break;
    case TapLayer::kIpv4:
      proto_ = ip_fields::protocol;
      break;
    case TapLayer::kIpv6:
      proto_ = ipv6_fields::protocol;
      break;
    case TapLayer::kTcp:
      proto_ = tcp_fields::proto;
      src_port_ = tcp_fields::srcport, dst_port_ = tcp_fields::dstport;
      stream_ = tcp_fields::stream;
      break;
    case TapLayer::kUdp:
      proto_ = udp_fields::proto;
      src_port_ = udp_fields::srcport, dst_port_ = udp_fields::dstport;
      stream_ = udp_fields::stream;
      break;
  }
}

void TapReader::fields_read(std::vector<std::string>& names) {
  for (FieldId f : std::initializer_list<FieldId>{
           eth_fields::src, eth_fields::dst, ip_fields::src, ip_fields::dst, ipv6_fields::src,
           ipv6_fields::dst, tcp_fields::srcport, tcp_fields::dstport, tcp_fields::stream,
           tcp_fields::hdr_len, udp_fields::srcport, udp_fields::dstport, udp_fields::stream,
           ipv6_fields::frag_offset, ipv6_fields::frag_more, ipv6_fields::fragments})
    names.emplace_back(registry().info(f).def.abbrev);
}

// Whether the header at node `i` was cut short by an exception: the packet was flagged while
// its protocol was the last layer entered, and it is that protocol's last header. Wireshark
// queues a tap only once the header is parsed, so such headers are not tapped.
bool TapReader::aborted(const Packet& pkt, size_t i) const {
  FieldId proto = pkt.tree[i].field;
  if (pkt.layers.empty() || pkt.layers.back() != proto) return false;
  bool flagged = false;
  for (size_t j = i + 1; j < pkt.tree.size(); ++j) {
    FieldId f = pkt.tree[j].field;
    if (f == proto) return false;
    // The exception's item is top-level (a hidden _ws.malformed beside a Malformed note is not).
    bool exception = f == protocols::malformed || f == protocols::short_frame ||
                     f == protocols::unreassembled;
    if (exception && pkt.tree[j].parent == -1 && !(pkt.tree[j].flags & kHidden)) flagged = true;
  }
  return flagged;
}

// An IPv6 fragment that does not complete a datagram in this frame: tshark taps IPv6 only
// when the payload is dissected.
bool TapReader::unreassembled_fragment(const Packet& pkt, size_t i) const {
  bool fragment = false;
  for (size_t j = i + 1; j < pkt.tree.size(); ++j) {
    const Node& n = pkt.tree[j];
    if (n.field == ipv6_fields::fragments) return false;
    auto offset = field_value(n, ipv6_fields::frag_offset);
    auto more = field_value(n, ipv6_fields::frag_more);
    if ((offset && *offset != 0) || (more && *more != 0)) fragment = true;
  }
  return fragment;
}

bool TapReader::inside_icmp(const Packet& pkt, size_t i) const {
  for (int p = pkt.tree[i].parent; p >= 0; p = pkt.tree[p].parent)
    if (pkt.tree[p].field == icmp_fields::icmp || pkt.tree[p].field == icmpv6_fields::icmpv6)
      return true;
  return false;
}

// Source and destination of the header at `proto_node` (Ethernet or IP), from its children.
bool TapReader::read_addresses(const Packet& pkt, size_t proto_node, TapEvent& ev) const {
  const FieldId proto = pkt.tree[proto_node].field;
  const bool ipv4 = proto == ip_fields::protocol, ipv6 = proto == ipv6_fields::protocol;
  FieldId src = eth_fields::src, dst = eth_fields::dst;
  if (ipv4) src = ip_fields::src, dst = ip_fields::dst;
  if (ipv6) src = ipv6_fields::src, dst = ipv6_fields::dst;
  bool have_src = false, have_dst = false;
  for (size_t j = proto_node + 1; j < pkt.tree.size() && !(have_src && have_dst); ++j) {
    const Node& n = pkt.tree[j];
    if (n.parent != static_cast<int32_t>(proto_node)) continue;
    if (n.field != src && n.field != dst) continue;
    Address a = ipv4   ? ipv4_address(n.value.u)
                : ipv6 ? Address::ipv6(n.value.bytes.p)
                       : Address::ether(n.value.bytes.p);
    if (n.field == src && !have_src)
      ev.src = a, have_src = true;
    else if (n.field == dst && !have_dst)
      ev.dst = a, have_dst = true;
  }
  return have_src && have_dst;
}

// A heuristic dissector (F5 file info) can claim an Ethernet frame before the header is put in
// the tree (the frame lists "eth" without a node); the tap still gets the header's addresses.
bool TapReader::untreed_eth(const Packet& pkt, TapEvent& ev) const {
  if (pkt.frame->linktype != kLinkEthernet || pkt.frame->caplen < 12) return false;
  if (std::find(pkt.layers.begin(), pkt.layers.end(), proto_) == pkt.layers.end()) return false;
  if (pkt.tree.find(proto_) >= 0) return false;
  ev.dst = Address::ether(pkt.frame->data);
  ev.src = Address::ether(pkt.frame->data + 6);
  return true;
}

bool TapReader::next_event(const Packet& pkt, size_t i, TapEvent& ev) const {
  if (pkt.tree[i].field != proto_ || inside_icmp(pkt, i) || aborted(pkt, i)) return false;
  if (layer_ == TapLayer::kIpv6 && unreassembled_fragment(pkt, i)) return false;
  if (layer_ != TapLayer::kTcp && layer_ != TapLayer::kUdp) return read_addresses(pkt, i, ev);

  bool have_src = false, have_dst = false, have_stream = false;
  for (size_t j = i + 1; j < pkt.tree.size(); ++j) {
    const Node& n = pkt.tree[j];
    if (n.parent != static_cast<int32_t>(i)) continue;
    auto src_port = field_value(n, src_port_), dst_port = field_value(n, dst_port_);
    auto stream = field_value(n, stream_);
    if (src_port && !have_src)
      ev.src_port = static_cast<uint16_t>(*src_port), have_src = true;
    else if (dst_port && !have_dst)
      ev.dst_port = static_cast<uint16_t>(*dst_port), have_dst = true;
    else if (stream && !have_stream)
      ev.stream = static_cast<uint32_t>(*stream), have_stream = true;
    // tshark gives up on a TCP header shorter than 20 bytes before tapping it.
    else if (auto hdr_len = field_value(n, tcp_fields::hdr_len); hdr_len && *hdr_len < 20)
      return false;
  }
  if (!have_src || !have_dst) return false;
  for (size_t j = i; j-- > 0;) {
    FieldId f = pkt.tree[j].field;
    if ((f == ip_fields::protocol || f == ipv6_fields::protocol) && !inside_icmp(pkt, j))
      return read_addresses(pkt, j, ev);
  }
  return false;
}

int64_t relative_ns(const Packet& pkt) {
  return pkt.frame->ts.total_ns() - pkt.session->timing.first.total_ns();
}

double ns_to_seconds(int64_t ns) {
  return static_cast<double>(ns / 1000000000) + static_cast<double>(ns % 1000000000) / 1e9;
}

}  // namespace netsift
