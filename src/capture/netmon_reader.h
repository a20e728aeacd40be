// Reader for Microsoft Network Monitor capture files: 1.x ("RTSS") and 2.x ("GMBU").
//
// A NetMon file is not a stream: its frames are found through a table of offsets stored at
// an offset given in the header (usually at the end of the file), and the frames need not be
// in file order. The reader therefore takes the whole input in memory first. The format's
// offsets are 32-bit, so this never exceeds 4 GiB, and NetMon files are rare and small; every
// other format is read as a stream.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "capture/capture_reader.h"
#include "capture/input_stream.h"

namespace netsift {

class NetmonReader final : public CaptureReader {
 public:
  // Reads all of `in` and checks the header and frame table, as wiretap's netmon_open does.
  explicit NetmonReader(std::unique_ptr<InputStream> in);

  bool next(CapturedFrame& frame) override;
  FileFormat format() const override {
    return major_ == 1 ? FileFormat::kNetmon1 : FileFormat::kNetmon2;
  }
  const std::vector<InterfaceInfo>& interfaces() const override { return interfaces_; }
  const std::vector<std::string>& section_comments() const override { return empty_strings_; }
  const std::vector<NameRecord>& names() const override { return empty_names_; }
  const std::vector<std::string>& tls_key_log() const override { return empty_strings_; }

 private:
  enum class Record { kFrame, kSkip };
  Record read_record(CapturedFrame& frame, uint32_t offset);
  uint32_t frame_offset(size_t index) const;

  std::vector<uint8_t> file_;  // the whole input
  uint8_t major_ = 2;
  uint8_t minor_ = 0;
  uint32_t file_linktype_ = 1;
  int64_t start_sec_ = 0;
  int64_t start_nsec_ = 0;
  uint32_t table_offset_ = 0;
  size_t table_entries_ = 0;
  size_t next_index_ = 0;  // next frame-table entry to read
  uint64_t frames_ = 0;    // frames delivered so far
  bool done_ = false;
  std::vector<InterfaceInfo> interfaces_;
  std::vector<std::string> empty_strings_;
  std::vector<NameRecord> empty_names_;
};

// True when the first four bytes are a NetMon magic number ("RTSS" or "GMBU").
bool is_netmon_magic(const uint8_t* p, size_t got);

}  // namespace netsift
