// Writing frames to pcap or pcapng files (or standard output), e.g. for `-w`.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "capture/capture_reader.h"
#include "core/captured_frame.h"

namespace netsift {

enum class WriteFormat { kPcap, kPcapng };

struct WriterOptions {
  // Push every frame to the file/pipe as soon as it is written (tshark -l / live pipes).
  bool flush_each_frame = false;
  // -g: the written files are readable by their group, whatever the umask.
  bool group_read = false;
};

class CaptureWriter {
 public:
  virtual ~CaptureWriter() = default;

  // Opens `path` ("-" = standard output) for writing in `format`; pcapng is tshark's default.
  // Throws CaptureError when the file cannot be created.
  static std::unique_ptr<CaptureWriter> create(const std::string& path,
                                               WriteFormat format = WriteFormat::kPcapng,
                                               WriterOptions options = {});

  // Optional: writes the file header(s) for `interfaces` at once instead of on the first frame
  // (useful when writing to a pipe whose reader should see the header early).
  virtual void start(const std::vector<InterfaceInfo>& interfaces) = 0;
  // Writes one frame. `interfaces` are the source's (CaptureReader::interfaces()), indexed by
  // frame.interface_id. Timestamps keep nanosecond precision when the source had it; pcapng
  // keeps comments, pack flags and the interface numbering. pcap can hold one link type only:
  // a frame of another link type throws CaptureError.
  virtual void write_frame(const CapturedFrame& frame,
                           const std::vector<InterfaceInfo>& interfaces) = 0;
  virtual void flush() = 0;
  // Flushes and closes; the destructor does this too but cannot report errors.
  virtual void close() = 0;
};

}  // namespace netsift
