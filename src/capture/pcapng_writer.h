// CaptureWriter for pcapng: one section, one IDB per source interface (same numbering), EPBs
// with comments and flags.
#pragma once

#include "capture/capture_writer.h"
#include "capture/file_sink.h"

namespace netsift {

class PcapngWriter final : public CaptureWriter {
 public:
  PcapngWriter(const std::string& path, WriterOptions options);
  ~PcapngWriter() override;

  void start(const std::vector<InterfaceInfo>& interfaces) override;
  void write_frame(const CapturedFrame& frame,
                   const std::vector<InterfaceInfo>& interfaces) override;
  void flush() override { sink_.flush(); }
  void close() override;

 private:
  void write_shb();
  void write_idb(const InterfaceInfo& iface);
  // Writes IDBs up to and including `id`, so output interface ids equal the source's.
  void ensure_interfaces(uint32_t id, const std::vector<InterfaceInfo>& interfaces,
                         uint32_t linktype);
  void write_option(uint16_t code, const void* value, uint16_t len);
  static size_t option_size(size_t len) { return 4 + ((len + 3) & ~size_t(3)); }

  FileSink sink_;
  WriterOptions options_;
  std::vector<uint64_t> units_;  // ticks per second of each written IDB
  bool closed_ = false;
};

}  // namespace netsift
