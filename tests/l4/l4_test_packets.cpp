#include "l4_test_packets.h"

#include "core/field_registry.h"
#include "dissectors/all.h"
#include "dissectors/frame.h"

namespace netsift::test {

namespace {
void put16(Bytes& b, uint16_t v) {
  b.push_back(v >> 8);
  b.push_back(v & 0xff);
}
void put32(Bytes& b, uint32_t v) {
  put16(b, v >> 16);
  put16(b, v & 0xffff);
}
}  // namespace

Bytes ipv4_frame(uint8_t proto, const Bytes& l4, uint8_t src_host, uint8_t dst_host) {
  Bytes f = {0, 1, 2, 3, 4, 5, 0, 6, 7, 8, 9, 10, 0x08, 0x00};
  Bytes ip = {0x45, 0};
  put16(ip, static_cast<uint16_t>(20 + l4.size()));
  Bytes rest = {0, 1, 0, 0, 64, proto, 0, 0, 10, 0, 0, src_host, 10, 0, 0, dst_host};
  ip.insert(ip.end(), rest.begin(), rest.end());
  f.insert(f.end(), ip.begin(), ip.end());
  f.insert(f.end(), l4.begin(), l4.end());
  return f;
}

Bytes tcp_header(uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack, uint16_t flags,
                 uint16_t window, const Bytes& options, const Bytes& payload) {
  Bytes t;
  put16(t, sport);
  put16(t, dport);
  put32(t, seq);
  put32(t, ack);
  put16(t, static_cast<uint16_t>(((20 + options.size()) / 4) << 12 | flags));
  put16(t, window);
  put16(t, 0x1234);  // checksum (not verified, as tshark by default)
  put16(t, 0);
  t.insert(t.end(), options.begin(), options.end());
  t.insert(t.end(), payload.begin(), payload.end());
  return t;
}

Bytes udp_header(uint16_t sport, uint16_t dport, uint16_t length, const Bytes& payload) {
  Bytes u;
  put16(u, sport);
  put16(u, dport);
  put16(u, length);
  put16(u, 0xabcd);
  u.insert(u.end(), payload.begin(), payload.end());
  return u;
}

void Dissection::run(const Bytes& frame, int64_t ms) {
  register_all_dissectors();
  bytes_ = frame;
  frame_ = CapturedFrame{};
  frame_.data = bytes_.data();
  frame_.caplen = frame_.len = static_cast<uint32_t>(bytes_.size());
  frame_.ts = Timestamp{1000 + ms / 1000, static_cast<uint32_t>(ms % 1000) * 1000000};
  pkt_.reset(++number_, &frame_, &session_);
  dissect_packet(pkt_);
}

int64_t Dissection::num(const char* abbrev, int occurrence) const {
  FieldId f = registry().find(abbrev);
  for (const Node& n : pkt_.tree.nodes())
    if (n.field == f && occurrence-- == 0) return n.value.i;
  return -999;
}

std::string Dissection::str(const char* abbrev) const {
  FieldId f = registry().find(abbrev);
  for (const Node& n : pkt_.tree.nodes())
    if (n.field == f) return std::string(n.value.str());
  return "";
}

}  // namespace netsift::test
