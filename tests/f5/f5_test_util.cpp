#include "f5_test_util.h"

#include <cstdio>
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

std::vector<uint8_t> tcp_frame_with_trailer(const std::vector<uint8_t>& trailer) {
  std::vector<uint8_t> f =
      hex("02 00 00 00 00 02 02 00 00 00 00 01 08 00"                    // Ethernet
          "45 00 00 28 00 01 40 00 40 06 00 00 0a 01 0a 33 0a 01 0a c9"  // IPv4, total length 40
          "c3 05 00 50 00 00 00 01 00 00 00 00 50 02 fa f0 00 00 00 00"  // TCP SYN
      );
  f.insert(f.end(), trailer.begin(), trailer.end());
  return f;
}

F5Frames::F5Frames() {
  register_all_dissectors();
  frame_.linktype = kLinkEthernet;
}

void F5Frames::dissect(std::vector<uint8_t> bytes) {
  bytes_ = std::move(bytes);
  frame_.data = bytes_.data();
  frame_.caplen = frame_.len = static_cast<uint32_t>(bytes_.size());
  frame_.ts.sec = static_cast<int64_t>(1000 + number_);
  pkt_.reset(++number_, &frame_, &session_);
  dissect_packet(pkt_);
}

const Node* F5Frames::node(std::string_view field, int occurrence) const {
  FieldId id = registry().find(field);
  if (id == kNoField) throw std::invalid_argument("unknown field " + std::string(field));
  for (const Node& n : pkt_.tree.nodes())
    if (n.field == id && occurrence-- == 0) return &n;
  return nullptr;
}

int F5Frames::count(std::string_view field) const {
  int n = 0;
  while (node(field, n)) ++n;
  return n;
}

uint64_t F5Frames::uint(std::string_view field, int occurrence) const {
  const Node* n = node(field, occurrence);
  if (!n) throw std::out_of_range("no " + std::string(field));
  return n->value.u;
}

std::string F5Frames::str(std::string_view field, int occurrence) const {
  const Node* n = node(field, occurrence);
  if (!n) throw std::out_of_range("no " + std::string(field));
  return std::string(n->value.str());
}

std::string F5Frames::bytes(std::string_view field, int occurrence) const {
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

std::string run(const std::string& command) {
  std::string out;
  FILE* p = popen((command + " 2>/dev/null").c_str(), "r");
  if (!p) return out;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

bool have_tshark() {
  return !run("command -v tshark").empty();
}

}  // namespace netsift::test
