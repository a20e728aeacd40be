// libFuzzer target: arbitrary bytes after a valid pcapng section header, through the pcapng
// reader until the end or an error.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz_capture_common.h"

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
  fuzz::read_every_frame(bytes);
  return 0;
}
