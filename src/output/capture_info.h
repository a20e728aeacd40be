// `netsift info`: a capture file's summary laid out as capinfos prints it (file type,
// encapsulation, packet count, sizes, times, rates, interfaces), followed by what a BIG-IP
// capture adds: the F5 capture-information packet and the trailer noise levels present.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "capture/capture_reader.h"
#include "core/packet.h"

namespace netsift {

class CaptureInfo {
 public:
  // Every frame of the file, in order; `pkt` is its dissection.
  void frame(const CapturedFrame& f, const Packet& pkt);
  // The report. `file_size` in bytes (of the file as stored, compressed or not); `interfaces`
  // and name records as the reader saw them.
  std::string format(const std::string& name, uint64_t file_size, FileFormat format, bool gzipped,
                     const std::vector<InterfaceInfo>& interfaces,
                     const std::vector<NameRecord>& names) const;

 private:
  void f5_frame(const Packet& pkt);
  std::string f5_report() const;

  uint64_t packets_ = 0, data_bytes_ = 0;
  bool have_time_ = false, time_ordered_ = true;
  Timestamp first_, last_, prev_;
  int first_digits_ = 6, last_digits_ = 6;
  uint32_t min_truncated_ = 0, max_truncated_ = 0;  // caplen of frames cut short (inferred snaplen)
  std::map<uint32_t, uint64_t> per_interface_;
  std::map<uint32_t, uint64_t> per_linktype_;
  // F5: the capture-information packet and the trailers.
  std::map<FieldId, std::string> fileinfo_;  // f5fileinfo field -> value
  uint64_t trailer_frames_ = 0, tls_frames_ = 0;
  bool low_ = false, medium_ = false, high_ = false, dpt_ = false, legacy_ = false;
};

}  // namespace netsift
