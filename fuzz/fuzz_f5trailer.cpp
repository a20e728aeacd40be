// F5 Ethernet trailer parser over arbitrary trailing bytes: a minimal Ethernet + IPv4 frame whose
// L3 payload ends before the fuzzer's bytes, so they all reach the trailer heuristic. The frame
// is copied into a buffer of exactly its size, so AddressSanitizer catches any read past it.
#include <cstdint>
#include <cstring>
#include <memory>

#include "core/packet.h"
#include "core/session.h"
#include "dissectors/all.h"
#include "dissectors/frame.h"

namespace {

// Ethernet, then IPv4 (total length 20: no payload) carrying protocol 253 (experimental).
constexpr uint8_t kHeaders[] = {0x02, 0,    0,    0, 0,  2,  0x02, 0, 0,    0,  0,  1,
                                0x08, 0x00, 0x45, 0, 0,  20, 0,    1, 0x40, 0,  64, 253,
                                0,    0,    10,   1, 10, 51, 10,   1, 10,   201};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace netsift;
  register_all_dissectors();
  static Session session;
  static Packet pkt;
  size_t total = sizeof kHeaders + size;
  std::unique_ptr<uint8_t[]> frame_bytes(new uint8_t[total]);
  std::memcpy(frame_bytes.get(), kHeaders, sizeof kHeaders);
  if (size) std::memcpy(frame_bytes.get() + sizeof kHeaders, data, size);
  CapturedFrame frame;
  frame.data = frame_bytes.get();
  frame.caplen = frame.len = static_cast<uint32_t>(total);
  // Frame 2: past the f5fileinfo check, so the trailer parser is always what runs.
  pkt.reset(2, &frame, &session);
  dissect_packet(pkt);
  return 0;
}
