#include "dissected.h"

#include <stdexcept>

#include "core/field_registry.h"
#include "dissectors/all.h"
#include "dissectors/frame.h"

namespace netsift::test {

namespace {

void put16(Bytes& b, uint16_t v) {
  b.push_back(static_cast<uint8_t>(v >> 8));
  b.push_back(static_cast<uint8_t>(v & 0xff));
}

void put32(Bytes& b, uint32_t v) {
  put16(b, static_cast<uint16_t>(v >> 16));
  put16(b, static_cast<uint16_t>(v & 0xffff));
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

Bytes hex(std::string_view text) {
  std::vector<uint8_t> out;
  int high = -1;
  for (char c : text) {
    int v = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (v < 0) continue;
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<uint8_t>(high << 4 | v));
      high = -1;
    }
  }
  return out;
}

Dissected::Dissected(uint32_t linktype) {
  register_all_dissectors();
  frame_.linktype = linktype;
}

Dissected::Dissected(uint32_t linktype, std::vector<uint8_t> bytes, uint32_t wire_len)
    : Dissected(linktype) {
  next(std::move(bytes), wire_len);
}

void Dissected::next(std::vector<uint8_t> bytes, uint32_t wire_len) {
  dissect(std::move(bytes), wire_len, Timestamp{static_cast<int64_t>(1000 + number_), 0});
}

void Dissected::next_at(int64_t ms, std::vector<uint8_t> bytes) {
  dissect(std::move(bytes), 0,
          Timestamp{1000 + ms / 1000, static_cast<uint32_t>(ms % 1000) * 1000000});
}

void Dissected::dissect(std::vector<uint8_t> bytes, uint32_t wire_len, Timestamp ts) {
  bytes_ = std::move(bytes);
  frame_.data = bytes_.data();
  frame_.caplen = static_cast<uint32_t>(bytes_.size());
  frame_.len = wire_len ? wire_len : frame_.caplen;
  frame_.ts = ts;
  pkt_.reset(++number_, &frame_, &session_);
  dissect_packet(pkt_);
}

const Node* Dissected::node(std::string_view field, int occurrence) const {
  FieldId id = registry().find(field);
  if (id == kNoField) throw std::invalid_argument("unknown field " + std::string(field));
  // Every definition of the name counts, as in a display filter (vlan.priority has five).
  auto named = [&](FieldId f) {
    for (FieldId same = id; same != kNoField; same = registry().info(same).same_name_next)
      if (f == same) return true;
    return false;
  };
  for (const Node& n : pkt_.tree.nodes())
    if (named(n.field) && occurrence-- == 0) return &n;
  return nullptr;
}

bool Dissected::has(std::string_view field) const {
  return node(field, 0) != nullptr;
}

int Dissected::count(std::string_view field) const {
  int n = 0;
  while (node(field, n)) ++n;
  return n;
}

uint64_t Dissected::uint(std::string_view field, int occurrence) const {
  const Node* n = node(field, occurrence);
  if (!n) throw std::out_of_range("no " + std::string(field));
  return n->value.u;
}

int64_t Dissected::num(std::string_view field, int occurrence) const {
  const Node* n = node(field, occurrence);
  if (!n) throw std::out_of_range("no " + std::string(field));
  return n->value.i;
}

std::string Dissected::bytes(std::string_view field, int occurrence) const {
  const Node* n = node(field, occurrence);
  if (!n) throw std::out_of_range("no " + std::string(field));
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (uint32_t i = 0; i < n->value.bytes.n; ++i) {
    out.push_back(kHex[n->value.bytes.p[i] >> 4]);
    out.push_back(kHex[n->value.bytes.p[i] & 15]);
  }
  return out;
}

std::string Dissected::str(std::string_view field, int occurrence) const {
  const Node* n = node(field, occurrence);
  if (!n) throw std::out_of_range("no " + std::string(field));
  return std::string(n->value.str());
}

std::string Dissected::protocols() const {
  return str("frame.protocols");
}

}  // namespace netsift::test
