// Hand-built Ethernet frames with F5 trailers, dissected, with their fields read back; and a
// shell runner for the end-to-end comparisons with tshark.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/packet.h"
#include "core/session.h"

namespace netsift::test {

std::vector<uint8_t> hex(std::string_view text);  // "ff ff 00.." (whitespace ignored)

// Ethernet + IPv4 + TCP (20-byte headers, no payload) from 10.1.10.51:49925 to 10.1.10.201:80,
// followed by `trailer`.
std::vector<uint8_t> tcp_frame_with_trailer(const std::vector<uint8_t>& trailer);

// Frames dissected one after the other in one session.
class F5Frames {
 public:
  F5Frames();
  F5Frames(const F5Frames&) = delete;
  void dissect(std::vector<uint8_t> bytes);

  bool has(std::string_view field) const { return count(field) > 0; }
  int count(std::string_view field) const;
  uint64_t uint(std::string_view field, int occurrence = 0) const;
  std::string str(std::string_view field, int occurrence = 0) const;
  std::string bytes(std::string_view field, int occurrence = 0) const;  // lowercase hex
  const Packet& packet() const { return pkt_; }
  Session& session() { return session_; }

 private:
  const Node* node(std::string_view field, int occurrence) const;

  std::vector<uint8_t> bytes_;
  CapturedFrame frame_;
  Session session_;
  Packet pkt_;
  uint64_t number_ = 0;
};

// Runs a shell command; returns its standard output (stderr discarded).
std::string run(const std::string& command);
bool have_tshark();

}  // namespace netsift::test
