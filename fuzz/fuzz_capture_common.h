// The capture-file fuzz targets' shared body: bytes through open_capture_stream and whichever
// reader the magic picks, every frame read to the end or the first error, every byte touched
// so AddressSanitizer sees a frame that points outside its buffer.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "capture/byte_source.h"
#include "capture/open_capture.h"

namespace netsift::fuzz {

inline void read_every_frame(const std::vector<uint8_t>& bytes) {
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
}

}  // namespace netsift::fuzz
