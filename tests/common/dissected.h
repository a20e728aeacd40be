// Dissects hand-built frames and reads back fields, for the dissector unit tests; builds the
// Ethernet/IPv4 frames with TCP or UDP headers the transport tests write by hand.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/packet.h"
#include "core/session.h"

namespace netsift::test {

using Bytes = std::vector<uint8_t>;

Bytes hex(std::string_view text);  // "ff ff 00.." (spaces ignored)

// An Ethernet frame with an IPv4 header from 10.0.0.<src_host> to 10.0.0.<dst_host>.
Bytes ipv4_frame(uint8_t proto, const Bytes& l4, uint8_t src_host, uint8_t dst_host);
Bytes tcp_header(uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack, uint16_t flags,
                 uint16_t window, const Bytes& options = {}, const Bytes& payload = {});
Bytes udp_header(uint16_t sport, uint16_t dport, uint16_t length, const Bytes& payload);

// One dissected frame: owns the bytes, capture record, session and packet.
class Dissected {
 public:
  Dissected(uint32_t linktype, std::vector<uint8_t> bytes, uint32_t wire_len = 0);
  // No frame yet: the first comes with next().
  explicit Dissected(uint32_t linktype);
  Dissected(const Dissected&) = delete;

  // Dissects another frame in the same session (cross-packet state such as ARP duplicates),
  // one second after the previous one.
  void next(std::vector<uint8_t> bytes, uint32_t wire_len = 0);
  // Dissects another frame captured `ms` milliseconds after the start of the capture.
  void next_at(int64_t ms, std::vector<uint8_t> bytes);

  bool has(std::string_view field) const;
  uint64_t uint(std::string_view field, int occurrence = 0) const;
  // Signed integers and times (nanoseconds).
  int64_t num(std::string_view field, int occurrence = 0) const;
  std::string bytes(std::string_view field, int occurrence = 0) const;  // lowercase hex
  std::string str(std::string_view field, int occurrence = 0) const;
  int count(std::string_view field) const;
  std::string protocols() const;  // frame.protocols
  const std::string& info() const { return pkt_.cols.info; }
  const Packet& packet() const { return pkt_; }
  Session& session() { return session_; }

 private:
  const Node* node(std::string_view field, int occurrence) const;
  void dissect(std::vector<uint8_t> bytes, uint32_t wire_len, Timestamp ts);

  std::vector<uint8_t> bytes_;
  CapturedFrame frame_;
  Session session_;
  Packet pkt_;
  uint64_t number_ = 0;
};

}  // namespace netsift::test
