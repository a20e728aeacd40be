// Reader for classic libpcap files (magic a1b2c3d4 = microseconds, a1b23c4d = nanoseconds, in
// either byte order).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "capture/byte_order.h"
#include "capture/capture_reader.h"
#include "capture/input_stream.h"

namespace netsift {

class PcapReader final : public CaptureReader {
 public:
  // Reads and checks the 24-byte file header from `in` (positioned at the start of the file).
  explicit PcapReader(std::unique_ptr<InputStream> in);

  bool next(CapturedFrame& frame) override;
  FileFormat format() const override { return nsec_ ? FileFormat::kPcapNsec : FileFormat::kPcap; }
  const std::vector<InterfaceInfo>& interfaces() const override { return interfaces_; }
  const std::vector<std::string>& section_comments() const override { return empty_strings_; }
  const std::vector<NameRecord>& names() const override { return empty_names_; }
  uint64_t bytes_read() const override;
  const std::vector<std::string>& tls_key_log() const override { return empty_strings_; }

 private:
  bool read_record(CapturedFrame& frame, uint64_t record_offset);

  std::unique_ptr<InputStream> in_;
  Endian endian_;
  bool nsec_ = false;
  std::vector<InterfaceInfo> interfaces_;
  std::vector<uint8_t> data_;  // the current frame's bytes, reused for every frame
  uint64_t frames_ = 0;        // frames delivered so far
  bool done_ = false;
  std::vector<std::string> empty_strings_;
  std::vector<NameRecord> empty_names_;
};

}  // namespace netsift
