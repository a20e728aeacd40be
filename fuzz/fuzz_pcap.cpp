// libFuzzer target: arbitrary bytes through open_capture_stream and the pcap reader (and gzip,
// pcapng when the magic says so) until the end or an error.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz_capture_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace netsift;
  // Force the pcap magic half the time so the fuzzer spends its effort past the header check.
  static const uint8_t kMagic[4] = {0xd4, 0xc3, 0xb2, 0xa1};
  std::vector<uint8_t> bytes(data, data + size);
  if (size > 0 && (data[0] & 1) && size >= 4) std::copy(kMagic, kMagic + 4, bytes.begin());
  fuzz::read_every_frame(bytes);
  return 0;
}
