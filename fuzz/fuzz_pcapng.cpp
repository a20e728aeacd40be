// libFuzzer target: arbitrary bytes after a valid pcapng section header, through the pcapng
// reader until the end or an error.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "capture/byte_source.h"
#include "capture/open_capture.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace netsift;
  // A little-endian SHB (28 bytes) unless the input brings its own, so mutations start at the
  // interesting blocks instead of at the magic.
  static const uint8_t kShb[28] = {0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0,    0,    0x4d, 0x3c,
                                   0x2b, 0x1a, 1,    0,    0,  0, 0xff, 0xff, 0xff, 0xff,
                                   0xff, 0xff, 0xff, 0xff, 28, 0, 0,    0};
  std::vector<uint8_t> bytes;
  if (size < 4 || data[0] != 0x0a) bytes.assign(kShb, kShb + sizeof kShb);
  bytes.insert(bytes.end(), data, data + size);
  try {
    auto reader = open_capture_stream(std::make_unique<MemorySource>(bytes));
    CapturedFrame f;
    uint64_t sum = 0;
    while (reader->next(f)) {
      for (uint32_t i = 0; i < f.caplen; ++i) sum += f.data[i];
      for (const auto& c : f.comments) sum += c.size();
      if (f.interface_id >= reader->interfaces().size()) __builtin_trap();
    }
    sum += reader->names().size() + reader->tls_key_log().size();
    (void)sum;
  } catch (const CaptureError&) {
  }
  return 0;
}
