// A hand-made protocol with one field of each kind, and a packet to hang nodes on, so that
// printer tests control every byte and value.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/packet.h"
#include "core/session.h"

namespace netsift::testproto {

extern FieldId proto, u8_dec, u16_hex, u32_dechex, u8_names, u16_bits, flag, flag_named, ether,
    ipv4, ipv6, bytes, str, abs_time, rel_time, int16, port, none;

// Registers the "nstest" protocol once (and every real dissector).
void register_once();

// A packet over `bytes` (Ethernet link type, time 1491516383.915793 s), ready for nodes.
struct TestPacket {
  explicit TestPacket(std::vector<uint8_t> bytes);
  std::vector<uint8_t> data;
  CapturedFrame frame;
  Session session;
  Packet pkt;
  ByteReader reader() const { return ByteReader(data.data(), data.size(), data.size()); }
};

}  // namespace netsift::testproto
