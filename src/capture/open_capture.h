// Opening a capture from any byte source (open_capture(path) in capture_reader.h wraps this).
#pragma once

#include <memory>

#include "capture/byte_source.h"
#include "capture/capture_reader.h"

namespace netsift {

// Detects gzip, pcap and pcapng from the first bytes of `source` and returns the matching
// reader. Throws CaptureError for anything else. Used by tests and fuzzers with MemorySource.
// With `read_ahead`, reading and decompression run on a thread of their own (ReadAheadSource):
// only for sources whose reads always return.
std::unique_ptr<CaptureReader> open_capture_stream(std::unique_ptr<ByteSource> source,
                                                   bool read_ahead = false);

}  // namespace netsift
