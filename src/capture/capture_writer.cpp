// CaptureWriter::create: the factory choosing the writer for a format.
#include "capture/capture_writer.h"

#include "capture/pcap_writer.h"
#include "capture/pcapng_writer.h"

namespace netsift {

std::unique_ptr<CaptureWriter> CaptureWriter::create(const std::string& path, WriteFormat format,
                                                     WriterOptions options) {
  if (format == WriteFormat::kPcap) return std::make_unique<PcapWriter>(path, options);
  return std::make_unique<PcapngWriter>(path, options);
}

}  // namespace netsift
