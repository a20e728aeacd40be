#include "dissectors/icmp_error.h"

#include <string>

namespace netsift {

void dissect_quoted_packet(Packet& pkt, Dissector d, const ByteReader& r, int parent) {
  Address net_src = pkt.net_src, net_dst = pkt.net_dst, src = pkt.src, dst = pkt.dst;
  PortType port_type = pkt.port_type;
  uint16_t src_port = pkt.src_port, dst_port = pkt.dst_port;
  int ip_depth = pkt.ip_depth;
  // The quoted packet's protocols must not change the summary columns; they still build their
  // tree labels, so columns stay enabled and their text is put back afterwards.
  std::string protocol, info;
  size_t fence = pkt.cols.info_fence;
  if (pkt.cols.enabled) {
    protocol = pkt.cols.protocol;
    info = pkt.cols.info;
  }
  bool in_error_pkt = pkt.in_error_pkt;
  pkt.in_error_pkt = true;
  try {
    d(r, pkt, parent);
  } catch (const BoundsError&) {
    // tshark stops decoding a quoted packet where its bytes end, without flagging the packet:
    // error messages quote only the start of the offending datagram.
  }
  pkt.in_error_pkt = in_error_pkt;
  pkt.net_src = net_src;
  pkt.net_dst = net_dst;
  pkt.src = src;
  pkt.dst = dst;
  pkt.port_type = port_type;
  pkt.src_port = src_port;
  pkt.dst_port = dst_port;
  pkt.ip_depth = ip_depth;
  if (pkt.cols.enabled) {
    pkt.cols.protocol = std::move(protocol);
    pkt.cols.info = std::move(info);
    pkt.cols.info_fence = fence;
  }
}

uint64_t last_uint(const Packet& pkt, FieldId f, uint64_t fallback) {
  for (size_t i = pkt.tree.size(); i-- > 0;)
    if (pkt.tree[i].field == f) return pkt.tree[i].value.u;
  return fallback;
}

}  // namespace netsift
