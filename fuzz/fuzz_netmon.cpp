// libFuzzer target: arbitrary bytes through open_capture_stream and the NetMon reader (the
// magic is forced half the time so the effort goes past it): header, frame table, record
// headers and trailers of every version, until the end or an error.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "capture/byte_source.h"
#include "capture/open_capture.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace netsift;
  static const uint8_t kMagic[4] = {'G', 'M', 'B', 'U'};
  std::vector<uint8_t> bytes(data, data + size);
  if (size >= 4 && (data[0] & 1)) std::copy(kMagic, kMagic + 4, bytes.begin());
  try {
    auto reader = open_capture_stream(std::make_unique<MemorySource>(bytes));
    CapturedFrame f;
    uint64_t sum = 0;
    while (reader->next(f)) {
      // Touch every byte so ASan sees any out-of-bounds frame.
      for (uint32_t i = 0; i < f.caplen; ++i) sum += f.data[i];
    }
    (void)sum;
  } catch (const CaptureError&) {
  }
  return 0;
}
