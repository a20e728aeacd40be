// CaptureWriter for classic pcap: one link type, micro- or nanosecond timestamps.
#pragma once

#include "capture/capture_writer.h"
#include "capture/file_sink.h"

namespace netsift {

class PcapWriter final : public CaptureWriter {
 public:
  PcapWriter(const std::string& path, WriterOptions options) : sink_(path, options.group_read), options_(options) {}
  ~PcapWriter() override;

  void start(const std::vector<InterfaceInfo>& interfaces) override;
  void write_frame(const CapturedFrame& frame,
                   const std::vector<InterfaceInfo>& interfaces) override;
  void flush() override { sink_.flush(); }
  void close() override;

 private:
  // The header is written lazily: its link type and precision come from the first frame's
  // interface.
  void write_header(const InterfaceInfo& iface);

  FileSink sink_;
  WriterOptions options_;
  bool header_written_ = false;
  bool closed_ = false;
  bool nsec_ = false;
  uint32_t linktype_ = kLinkEthernet;
};

}  // namespace netsift
