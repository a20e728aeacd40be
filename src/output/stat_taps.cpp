#include "output/stat_taps.h"

#include <algorithm>

#include "core/field_registry.h"
#include "core/protocols.h"
#include "core/session.h"

namespace netsift {

namespace {

FieldId field(const char* abbrev) {
  return registry().find(abbrev);
}

Address ipv4_address(uint64_t host_order) {
  uint8_t b[4] = {static_cast<uint8_t>(host_order >> 24), static_cast<uint8_t>(host_order >> 16),
                  static_cast<uint8_t>(host_order >> 8), static_cast<uint8_t>(host_order)};
  return Address::ipv4(b);
}

}  // namespace

TapReader::TapReader(TapLayer layer) : layer_(layer) {
  ip_ = field("ip");
  ip_src_ = field("ip.src");
  ip_dst_ = field("ip.dst");
  ipv6_ = field("ipv6");
  ipv6_src_ = field("ipv6.src");
  ipv6_dst_ = field("ipv6.dst");
  icmp_ = field("icmp");
  icmpv6_ = field("icmpv6");
  fraghdr_offset_ = field("ipv6.fraghdr.offset");
  fraghdr_more_ = field("ipv6.fraghdr.more");
  ipv6_fragments_ = field("ipv6.fragments");
  switch (layer) {
    case TapLayer::kEth:
      proto_ = field("eth"), src_ = field("eth.src"), dst_ = field("eth.dst");
      break;
    case TapLayer::kIpv4:
      proto_ = ip_, src_ = ip_src_, dst_ = ip_dst_;
      break;
    case TapLayer::kIpv6:
      proto_ = ipv6_, src_ = ipv6_src_, dst_ = ipv6_dst_;
      break;
    case TapLayer::kTcp:
      proto_ = field("tcp"), src_port_ = field("tcp.srcport"), dst_port_ = field("tcp.dstport");
      stream_ = field("tcp.stream");
      tcp_hdr_len_ = field("tcp.hdr_len");
      src_ = dst_ = kNoField;
      break;
    case TapLayer::kUdp:
      proto_ = field("udp"), src_port_ = field("udp.srcport"), dst_port_ = field("udp.dstport");
      stream_ = field("udp.stream");
      src_ = dst_ = kNoField;
      break;
  }
}

void TapReader::fields_read(std::vector<std::string>& names) {
  for (const char* f :
       {"eth.src", "eth.dst", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst", "tcp.srcport",
        "tcp.dstport", "tcp.stream", "tcp.hdr_len", "udp.srcport", "udp.dstport", "udp.stream",
        "ipv6.fraghdr.offset", "ipv6.fraghdr.more", "ipv6.fragments"})
    names.emplace_back(f);
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
    if (f == protocols::malformed || f == protocols::short_frame) flagged = true;
  }
  return flagged;
}

// An IPv6 fragment that does not complete a datagram in this frame: tshark taps IPv6 only
// when the payload is dissected.
bool TapReader::unreassembled_fragment(const Packet& pkt, size_t i) const {
  bool fragment = false;
  for (size_t j = i + 1; j < pkt.tree.size(); ++j) {
    const Node& n = pkt.tree[j];
    if (n.field == ipv6_fragments_) return false;
    if ((n.field == fraghdr_offset_ || n.field == fraghdr_more_) && n.value.u != 0) fragment = true;
  }
  return fragment;
}

bool TapReader::inside_icmp(const Packet& pkt, size_t i) const {
  for (int p = pkt.tree[i].parent; p >= 0; p = pkt.tree[p].parent)
    if (pkt.tree[p].field == icmp_ || pkt.tree[p].field == icmpv6_) return true;
  return false;
}

// Source and destination of the header at `proto_node` (Ethernet or IP), from its children.
bool TapReader::read_addresses(const Packet& pkt, size_t proto_node, TapEvent& ev) const {
  FieldId proto = pkt.tree[proto_node].field;
  FieldId src = proto == ip_ ? ip_src_ : proto == ipv6_ ? ipv6_src_ : src_;
  FieldId dst = proto == ip_ ? ip_dst_ : proto == ipv6_ ? ipv6_dst_ : dst_;
  bool have_src = false, have_dst = false;
  for (size_t j = proto_node + 1; j < pkt.tree.size() && !(have_src && have_dst); ++j) {
    const Node& n = pkt.tree[j];
    if (n.parent != static_cast<int32_t>(proto_node)) continue;
    if (n.field != src && n.field != dst) continue;
    Address a = proto == ip_     ? ipv4_address(n.value.u)
                : proto == ipv6_ ? Address::ipv6(n.value.bytes.p)
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
    if (n.field == src_port_ && !have_src)
      ev.src_port = static_cast<uint16_t>(n.value.u), have_src = true;
    else if (n.field == dst_port_ && !have_dst)
      ev.dst_port = static_cast<uint16_t>(n.value.u), have_dst = true;
    else if (n.field == stream_ && !have_stream)
      ev.stream = static_cast<uint32_t>(n.value.u), have_stream = true;
    // tshark gives up on a TCP header shorter than 20 bytes before tapping it.
    else if (layer_ == TapLayer::kTcp && n.field == tcp_hdr_len_ && n.value.u < 20)
      return false;
  }
  if (!have_src || !have_dst) return false;
  for (size_t j = i; j-- > 0;) {
    FieldId f = pkt.tree[j].field;
    if ((f == ip_ || f == ipv6_) && !inside_icmp(pkt, j)) return read_addresses(pkt, j, ev);
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
