#include "dissected.h"

#include <stdexcept>

#include "core/field_registry.h"
#include "dissectors/all.h"
#include "dissectors/frame.h"

namespace netsift::test {

std::vector<uint8_t> hex(std::string_view text) {
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
  bytes_ = std::move(bytes);
  frame_.data = bytes_.data();
  frame_.caplen = static_cast<uint32_t>(bytes_.size());
  frame_.len = wire_len ? wire_len : frame_.caplen;
  frame_.ts.sec = static_cast<int64_t>(1000 + number_);
  pkt_.reset(++number_, &frame_, &session_);
  dissect_packet(pkt_);
}

const Node* Dissected::node(std::string_view field, int occurrence) const {
  FieldId id = registry().find(field);
  if (id == kNoField) throw std::invalid_argument("unknown field " + std::string(field));
  for (const Node& n : pkt_.tree.nodes())
    if (n.field == id && occurrence-- == 0) return &n;
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
