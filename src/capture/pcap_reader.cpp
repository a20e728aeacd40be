#include "capture/pcap_reader.h"

#include <string>

#include "capture/capture_errors.h"
#include "capture/capture_limits.h"

namespace netsift {

namespace {
constexpr uint32_t kMagicUsec = 0xa1b2c3d4;
constexpr uint32_t kMagicNsec = 0xa1b23c4d;
constexpr size_t kFileHeaderSize = 24;
constexpr size_t kRecordHeaderSize = 16;
// The linktype field's upper bits carry FCS information (LT_FCS_*); libpcap masks them off.
constexpr uint32_t kLinktypeMask = 0x03FFFFFF;
}  // namespace

PcapReader::PcapReader(std::unique_ptr<InputStream> in) : in_(std::move(in)) {
  uint8_t h[kFileHeaderSize];
  size_t got;
  try {
    got = in_->read_exact(h, sizeof h);
  } catch (const CaptureError& e) {
    rethrow_positioned(e, 0, 0);
  }
  if (got < 4) throw CaptureError(kNotCapture, 0, 0);
  uint32_t magic = load_le32(h);
  if (magic == kMagicUsec || magic == kMagicNsec) {
    endian_.big = false;
  } else {
    magic = load_be32(h);
    if (magic != kMagicUsec && magic != kMagicNsec) throw CaptureError(kNotCapture, 0, 0);
    endian_.big = true;
  }
  nsec_ = magic == kMagicNsec;
  if (got < sizeof h) throw_cut_short(0, 0);
  uint16_t major = endian_.u16(h + 4);
  if (major != 2)
    throw_damaged("pcap: major version " + std::to_string(major) + " unsupported", 0, 0);
  InterfaceInfo iface;
  iface.snaplen = endian_.u32(h + 16);
  iface.linktype = endian_.u32(h + 20) & kLinktypeMask;
  iface.tsresol = nsec_ ? 9 : 6;
  interfaces_.push_back(std::move(iface));
}

bool PcapReader::next(CapturedFrame& frame) {
  if (done_) return false;
  uint64_t record_offset = in_->offset();
  try {
    return read_record(frame, record_offset);
  } catch (const CaptureError& e) {
    done_ = true;  // never deliver anything after an error
    rethrow_positioned(e, frames_ + 1, record_offset);
  }
}

bool PcapReader::read_record(CapturedFrame& frame, uint64_t record_offset) {
  uint8_t h[kRecordHeaderSize];
  size_t got = in_->read_exact(h, sizeof h);
  if (got == 0) {
    done_ = true;
    return false;
  }
  if (got < sizeof h) throw_cut_short(frames_ + 1, record_offset);
  const InterfaceInfo& iface = interfaces_[0];
  uint32_t caplen = endian_.u32(h + 8);
  uint32_t len = endian_.u32(h + 12);
  uint32_t max = max_packet_size(iface.linktype);
  if (caplen > max) {
    throw_damaged("pcap: File has " + std::to_string(caplen) +
                      "-byte packet, bigger than maximum of " + std::to_string(max),
                  frames_ + 1, record_offset);
  }
  if (data_.size() < caplen) data_.resize(caplen);  // grows to the largest frame, then stays
  if (in_->read_exact(data_.data(), caplen) < caplen) throw_cut_short(frames_ + 1, record_offset);

  ++frames_;
  frame.data = data_.data();
  frame.caplen = caplen;
  frame.len = len;
  // Kept raw, as wiretap does: a sub-second field >= 10^9 is shown by tshark as it is.
  frame.ts.sec = endian_.u32(h);
  uint32_t sub = endian_.u32(h + 4);
  frame.ts.nsec = nsec_ ? sub : sub * 1000u;  // wraps like wiretap's 32-bit multiply
  frame.interface_id = 0;
  frame.linktype = iface.linktype;
  frame.comments = {};
  frame.pack_flags = 0;
  frame.has_pack_flags = false;
  frame.file_offset = record_offset;
  frame.ts_precision = nsec_ ? 9 : 6;
  return true;
}

uint64_t PcapReader::bytes_read() const { return in_->offset(); }

}  // namespace netsift
