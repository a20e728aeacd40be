// libFuzzer target: arbitrary bytes through open_capture_stream and the NetMon reader (the
// magic is forced half the time so the effort goes past it): header, frame table, record
// headers and trailers of every version, until the end or an error.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz_capture_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace netsift;
  static const uint8_t kMagic[4] = {'G', 'M', 'B', 'U'};
  std::vector<uint8_t> bytes(data, data + size);
  if (size >= 4 && (data[0] & 1)) std::copy(kMagic, kMagic + 4, bytes.begin());
  fuzz::read_every_frame(bytes);
  return 0;
}
