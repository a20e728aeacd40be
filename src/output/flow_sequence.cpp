#include "output/flow_sequence.h"
#include "core/append_format.h"

#include <fmt/format.h>

#include "core/field_registry.h"
#include "core/session.h"
#include "dissectors/icmp_fields.h"
#include "dissectors/tcp_fields.h"
#include "output/time_format.h"

namespace netsift {

namespace {

// The first node of protocol `proto` at the top level (not quoted inside an ICMP error).
int top_level(const PacketTree& t, FieldId proto) {
  for (size_t i = 0; i < t.size(); ++i)
    if (t[i].field == proto && t[i].parent < 0) return static_cast<int>(i);
  return -1;
}

}  // namespace

void append_tcp_flag_names(std::string& out, uint16_t f) {
  static const char* const kNames[] = {"FIN", "SYN", "RST", "PSH", "ACK",
                                       "URG", "ECE", "CWR", "AE"};
  size_t start = out.size();
  for (int bit = 0; bit < 9; ++bit)
    if (f & (1u << bit)) {
      if (out.size() > start) out.append(", ");
      out.append(kNames[bit]);
    }
  if (f & 0xe00) {
    if (out.size() > start) out.append(", ");
    out.append("Reserved");
  }
  if (out.size() == start) out.append("<None>");
}

FlowCollector::FlowCollector(FlowKind kind, bool network) : kind_(kind), network_(network) {
  const bool v6 = kind == FlowKind::kIcmpv6;
  icmp_ = v6 ? icmpv6_fields::icmpv6 : icmp_fields::icmp;
  icmp_type_ = v6 ? icmpv6_fields::type : icmp_fields::type;
  icmp_code_ = v6 ? icmpv6_fields::code : icmp_fields::code;
}

bool FlowCollector::add_tcp(const Packet& pkt, FlowItem& item) const {
  const PacketTree& t = pkt.tree;
  int top = top_level(t, tcp_fields::proto);
  if (top < 0) return false;
  uint32_t seq = 0, ack = 0, len = 0;
  uint16_t flags = 0;
  bool have_len = false, header_whole = false;
  for (size_t i = static_cast<size_t>(top) + 1; i < t.size() && t[i].parent >= top; ++i) {
    const Node& n = t[i];
    // tcp.time_relative sits in the [Timestamps] subtree; the rest are the header's items.
    if (n.field == tcp_fields::time_relative) header_whole = true;
    if (n.parent != top) continue;
    if (auto v = field_value(n, tcp_fields::stream))
      item.conv = static_cast<uint32_t>(*v);
    else if (auto v = field_value(n, tcp_fields::seq))
      seq = static_cast<uint32_t>(*v);
    else if (auto v = field_value(n, tcp_fields::ack))
      ack = static_cast<uint32_t>(*v);
    else if (auto v = field_value(n, tcp_fields::flags))
      flags = static_cast<uint16_t>(*v);
    else if (auto v = field_value(n, tcp_fields::window_size))
      item.window = static_cast<uint32_t>(*v);
    else if (auto v = field_value(n, tcp_fields::len)) {
      len = static_cast<uint32_t>(*v);
      have_len = true;
    }
  }
  // TCP taps a segment once its header and options are whole (tcp.time_relative follows them).
  if (!header_whole) return false;
  item.tcp_flags = flags;
  item.seq = seq;
  item.ack = ack;
  item.len = len;
  append_tcp_flag_names(item.label, flags);
  if (have_len && len) append_format(item.label, " - Len: {}", len);
  if (flags & 0x010)
    item.comment = fmt::format("Seq = {} Ack = {}", seq, ack);
  else
    item.comment = fmt::format("Seq = {}", seq);
  return true;
}

bool FlowCollector::add_icmp(const Packet& pkt, FlowItem& item) const {
  const PacketTree& t = pkt.tree;
  int top = top_level(t, icmp_);
  if (top < 0) return false;
  uint32_t type = 0, code = 0;
  for (size_t i = static_cast<size_t>(top) + 1; i < t.size() && t[i].parent >= top; ++i) {
    if (t[i].parent != top) continue;
    if (auto v = field_value(t[i], icmp_type_)) type = static_cast<uint32_t>(*v);
    if (auto v = field_value(t[i], icmp_code_)) code = static_cast<uint32_t>(*v);
  }
  // ICMP taps only the echo requests and replies it pairs into transactions.
  bool echo = kind_ == FlowKind::kIcmp ? (type == 0 || type == 8) : (type == 128 || type == 129);
  if (!echo) return false;
  if (pkt.port_type == PortType::kNone) {
    item.src_port = 0;
    item.dst_port = type * 256 + code;
  }
  return true;
}

void FlowCollector::packet(const Packet& pkt) {
  FlowItem item;
  item.src = network_ ? pkt.net_src : pkt.src;
  item.dst = network_ ? pkt.net_dst : pkt.dst;
  if (item.src.type == AddressType::kNone || item.dst.type == AddressType::kNone) return;
  item.frame = pkt.number;
  item.src_port = pkt.src_port;
  item.dst_port = pkt.dst_port;
  if (kind_ == FlowKind::kTcp) {
    if (!add_tcp(pkt, item)) return;
  } else {
    if ((kind_ == FlowKind::kIcmp || kind_ == FlowKind::kIcmpv6) && !add_icmp(pkt, item)) return;
    item.label = pkt.cols.info;
    item.comment = fmt::format("{}: {}", pkt.cols.protocol, pkt.cols.info);
  }
  uint64_t rel = static_cast<uint64_t>(pkt.frame->ts.total_ns()) -
                 static_cast<uint64_t>(pkt.session->timing.first.total_ns());
  item.rel_ns = static_cast<int64_t>(rel);
  append_relative_time(item.time, item.rel_ns, pkt.frame->ts_precision);
  items_.push_back(std::move(item));
}

const std::vector<Address>& FlowCollector::assign_nodes() {
  auto node_of = [this](const Address& a) {
    for (size_t i = 0; i < nodes_.size(); ++i)
      if (nodes_[i] == a) return i;
    nodes_.push_back(a);
    return nodes_.size() - 1;
  };
  for (FlowItem& it : items_) {
    it.src_node = node_of(it.src);
    it.dst_node = node_of(it.dst);
  }
  return nodes_;
}

}  // namespace netsift
