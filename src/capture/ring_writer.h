// -w with -b: a CaptureWriter that switches to a new file when the current one reaches a size
// or an age, naming files as dumpcap does (PREFIX_00001_YYYYMMDDhhmmss.EXT) and keeping only
// the newest N when asked. Without limits it writes the one file named by -w. It also counts
// the bytes written, for -a filesize.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "capture/capture_writer.h"

namespace netsift {

struct RingOptions {
  uint64_t filesize_kb = 0;  // -b filesize:KB (0: no limit); kB of 1000 bytes, as dumpcap
  uint64_t duration_s = 0;   // -b duration:S
  uint64_t files = 0;        // -b files:N, how many files to keep (0: all)
  bool rotates() const { return filesize_kb != 0 || duration_s != 0; }
};

class RingWriter final : public CaptureWriter {
 public:
  RingWriter(std::string path, WriteFormat format, WriterOptions options, RingOptions ring);

  void start(const std::vector<InterfaceInfo>& interfaces) override;
  void write_frame(const CapturedFrame& frame,
                   const std::vector<InterfaceInfo>& interfaces) override;
  void flush() override;
  void close() override;

  // Bytes written to the current file so far (approximate: record headers plus frame bytes).
  uint64_t file_bytes() const { return file_bytes_; }
  // The files created so far, oldest first (those removed by files:N are gone from the list).
  const std::deque<std::string>& files() const { return files_; }

 private:
  void open_next();
  std::string next_name();

  std::string path_;
  WriteFormat format_;
  WriterOptions options_;
  RingOptions ring_;
  std::unique_ptr<CaptureWriter> current_;
  std::chrono::steady_clock::time_point opened_at_;
  uint64_t file_bytes_ = 0;
  uint64_t file_number_ = 0;
  std::deque<std::string> files_;
};

}  // namespace netsift
