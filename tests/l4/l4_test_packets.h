// Builds Ethernet/IPv4 frames carrying hand-written TCP or UDP headers, dissects them in one
// Session, and reads fields back by name.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/packet.h"
#include "core/session.h"

namespace netsift::test {

using Bytes = std::vector<uint8_t>;

Bytes ipv4_frame(uint8_t proto, const Bytes& l4, uint8_t src_host, uint8_t dst_host);
Bytes tcp_header(uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack, uint16_t flags,
                 uint16_t window, const Bytes& options = {}, const Bytes& payload = {});
Bytes udp_header(uint16_t sport, uint16_t dport, uint16_t length, const Bytes& payload);

class Dissection {
 public:
  // Dissects `frame` as the next packet of the session, `ms` milliseconds into the capture.
  void run(const Bytes& frame, int64_t ms = 0);
  // Unsigned/signed value of the first node of `abbrev`; -999 when absent.
  int64_t num(const char* abbrev, int occurrence = 0) const;
  std::string str(const char* abbrev) const;
  const std::string& info() const { return pkt_.cols.info; }
  const Session& session() const { return session_; }

 private:
  Session session_;
  Packet pkt_;
  CapturedFrame frame_;
  Bytes bytes_;
  uint64_t number_ = 0;
};

}  // namespace netsift::test
