// Dissects hand-built frames and reads back fields, for the dissector unit tests.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/packet.h"
#include "core/session.h"

namespace netsift::test {

std::vector<uint8_t> hex(std::string_view text);  // "ff ff 00.." (spaces ignored)

// One dissected frame: owns the bytes, capture record, session and packet.
class Dissected {
 public:
  Dissected(uint32_t linktype, std::vector<uint8_t> bytes, uint32_t wire_len = 0);
  // No frame yet: the first comes with next().
  explicit Dissected(uint32_t linktype);
  Dissected(const Dissected&) = delete;

  // Dissects another frame in the same session (cross-packet state such as ARP duplicates).
  void next(std::vector<uint8_t> bytes, uint32_t wire_len = 0);

  bool has(std::string_view field) const;
  uint64_t uint(std::string_view field, int occurrence = 0) const;
  std::string bytes(std::string_view field, int occurrence = 0) const;  // lowercase hex
  std::string str(std::string_view field, int occurrence = 0) const;
  int count(std::string_view field) const;
  std::string protocols() const;  // frame.protocols
  const Packet& packet() const { return pkt_; }
  Session& session() { return session_; }

 private:
  const Node* node(std::string_view field, int occurrence) const;
  void dissect();

  std::vector<uint8_t> bytes_;
  CapturedFrame frame_;
  Session session_;
  Packet pkt_;
  uint64_t number_ = 0;
};

}  // namespace netsift::test
