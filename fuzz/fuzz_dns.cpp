// libFuzzer target: arbitrary bytes as the payload of a DNS, mDNS or LLMNR datagram or a DNS
// over TCP segment. The first byte picks the transport; the rest is the payload. One Session
// across inputs, so transaction matching also sees hostile sequences.
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
  static constexpr uint16_t kPorts[] = {53, 5353, 5355, 53};
  unsigned pick = data[0] % 4;
  CapturedFrame frame;
  frame.data = data + 1;
  frame.caplen = frame.len = static_cast<uint32_t>(size - 1);
  pkt.reset(++number, &frame, &session);
  pkt.cols.enabled = data[0] & 0x80;
  pkt.port_type = pick == 3 ? PortType::kTcp : PortType::kUdp;
  pkt.src_port = 40000;
  pkt.dst_port = kPorts[pick];
  const DissectorTable& table = pick == 3 ? tables::tcp_port() : tables::udp_port();
  ByteReader r(frame.data, frame.caplen, frame.len);
  try {
    if (Dissector d = table.find(kPorts[pick])) d(r, pkt, -1);
  } catch (const BoundsError&) {
  }
  return 0;
}
