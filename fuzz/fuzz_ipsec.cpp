// libFuzzer target: arbitrary bytes as an ISAKMP message (UDP 500), a UDP-encapsulated IPsec
// datagram (UDP 4500: NAT-keepalive, non-ESP marker + ISAKMP, ESP), or an ESP or AH header as
// IP protocol 50/51. The first byte picks the carrier and whether the tree's labels and the
// columns are built; the rest is the payload. One Session across inputs, so ESP's per-SPI
// sequence analysis also sees hostile sequences.
#include <cstddef>
#include <cstdint>

#include "core/dissector_table.h"
#include "core/packet.h"
#include "core/session.h"
#include "dissectors/all.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace netsift;
  static bool registered = (register_all_dissectors(), true);
  static Session session;
  static Packet pkt;
  static uint64_t number = 0;
  (void)registered;
  if (size < 1) return 0;
  unsigned pick = data[0] % 4;
  CapturedFrame frame;
  frame.data = data + 1;
  frame.caplen = frame.len = static_cast<uint32_t>(size - 1);
  pkt.reset(++number, &frame, &session);
  pkt.cols.enabled = data[0] & 0x80;
  pkt.labels = data[0] & 0x40;
  ByteReader r(frame.data, frame.caplen, frame.len);
  static constexpr uint16_t kPorts[] = {500, 4500};
  static constexpr uint8_t kProtocols[] = {50, 51};
  Dissector d = pick < 2 ? tables::udp_port().find(kPorts[pick])
                         : tables::ip_proto().find(kProtocols[pick - 2]);
  try {
    if (d) d(r, pkt, -1);
  } catch (const BoundsError&) {
  }
  return 0;
}
