#include "capture/pcap_writer.h"

#include "capture/byte_order.h"
#include "capture/capture_limits.h"

namespace netsift {

PcapWriter::~PcapWriter() {
  try {
    close();
  } catch (const CaptureError&) {
  }
}

void PcapWriter::write_header(const InterfaceInfo& iface) {
  // Nanosecond files only when the source had sub-microsecond resolution; otherwise the
  // classic microsecond magic that every tool reads.
  nsec_ = iface.tsresol != 6;
  linktype_ = iface.linktype;
  uint8_t h[24];
  store_le32(h, nsec_ ? 0xa1b23c4d : 0xa1b2c3d4);
  store_le16(h + 4, 2);
  store_le16(h + 6, 4);
  store_le32(h + 8, 0);   // thiszone
  store_le32(h + 12, 0);  // sigfigs
  store_le32(h + 16, iface.snaplen != 0 ? iface.snaplen : kMaxPacketSize);
  store_le32(h + 20, iface.linktype);
  sink_.write(h, sizeof h);
  header_written_ = true;
}

void PcapWriter::start(const std::vector<InterfaceInfo>& interfaces) {
  if (!header_written_) write_header(interfaces.empty() ? InterfaceInfo{} : interfaces[0]);
}

void PcapWriter::write_frame(const CapturedFrame& frame,
                             const std::vector<InterfaceInfo>& interfaces) {
  if (!header_written_) {
    InterfaceInfo iface;
    if (frame.interface_id < interfaces.size()) {
      iface = interfaces[frame.interface_id];
    } else {
      iface.tsresol = 9;  // unknown source: keep every digit
    }
    iface.linktype = frame.linktype;
    write_header(iface);
  }
  if (frame.linktype != linktype_) {
    throw CaptureError(
        "can't be written: pcap files hold one link-layer type only; use pcapng for frames of "
        "type " +
            std::to_string(frame.linktype) + " after type " + std::to_string(linktype_),
        0, 0);
  }
  uint8_t h[16];
  store_le32(h, static_cast<uint32_t>(frame.ts.sec));
  store_le32(h + 4, nsec_ ? frame.ts.nsec : frame.ts.nsec / 1000);
  store_le32(h + 8, frame.caplen);
  store_le32(h + 12, frame.len);
  sink_.write(h, sizeof h);
  sink_.write(frame.data, frame.caplen);
  if (options_.flush_each_frame) sink_.flush();
}

void PcapWriter::close() {
  if (closed_) return;
  closed_ = true;
  if (!header_written_) write_header(InterfaceInfo{});  // an empty but valid file
  sink_.close();
}

}  // namespace netsift
