#include "capture/pcapng_writer.h"

#include <algorithm>
#include <cstring>

#include "capture/byte_order.h"
#include "capture/capture_limits.h"
#include "capture/pcapng_types.h"

namespace netsift {

namespace {
constexpr uint16_t kOptShbUserAppl = 4;
constexpr const char kUserAppl[] = "netsift";
// Option strings are limited to 65535 bytes by the 16-bit length field.
uint16_t clamp_len(size_t n) {
  return static_cast<uint16_t>(std::min<size_t>(n, 0xFFFF));
}
}  // namespace

PcapngWriter::PcapngWriter(const std::string& path, WriterOptions options)
    : sink_(path, options.group_read), options_(options) {
  write_shb();  // a reader of a pipe can identify the format at once
}

PcapngWriter::~PcapngWriter() {
  try {
    close();
  } catch (const CaptureError&) {
  }
}

void PcapngWriter::write_option(uint16_t code, const void* value, uint16_t len) {
  uint8_t h[4];
  store_le16(h, code);
  store_le16(h + 2, len);
  sink_.write(h, 4);
  sink_.write(value, len);
  sink_.write_zeros(((len + 3u) & ~3u) - len);
}

void PcapngWriter::write_shb() {
  uint16_t appl_len = sizeof kUserAppl - 1;
  uint32_t total = 28 + static_cast<uint32_t>(option_size(appl_len)) + 4;
  uint8_t h[24];
  store_le32(h, kBlockShb);
  store_le32(h + 4, total);
  store_le32(h + 8, kByteOrderMagic);
  store_le16(h + 12, 1);
  store_le16(h + 14, 0);
  store_le64(h + 16, ~uint64_t{0});  // section length unknown (we stream)
  sink_.write(h, sizeof h);
  write_option(kOptShbUserAppl, kUserAppl, appl_len);
  write_option(kOptEndOfOpt, nullptr, 0);
  uint8_t t[4];
  store_le32(t, total);
  sink_.write(t, 4);
}

void PcapngWriter::write_idb(const InterfaceInfo& iface) {
  // Timestamps are already absolute nanoseconds; write them in microseconds when the source
  // interface was microsecond-resolution (smaller numbers, same values), else nanoseconds.
  uint8_t tsresol = iface.tsresol == 6 ? 6 : 9;
  uint16_t name_len = clamp_len(iface.name.size());
  uint16_t desc_len = clamp_len(iface.description.size());
  size_t options = option_size(1) + 4;
  if (name_len) options += option_size(name_len);
  if (desc_len) options += option_size(desc_len);
  uint32_t total = static_cast<uint32_t>(16 + options + 4);
  uint8_t h[16];
  store_le32(h, kBlockIdb);
  store_le32(h + 4, total);
  store_le16(h + 8, static_cast<uint16_t>(iface.linktype));
  store_le16(h + 10, 0);
  store_le32(h + 12, iface.snaplen);
  sink_.write(h, sizeof h);
  if (name_len) write_option(kOptIfName, iface.name.data(), name_len);
  if (desc_len) write_option(kOptIfDescription, iface.description.data(), desc_len);
  write_option(kOptIfTsresol, &tsresol, 1);
  write_option(kOptEndOfOpt, nullptr, 0);
  uint8_t t[4];
  store_le32(t, total);
  sink_.write(t, 4);
  units_.push_back(tsresol == 6 ? 1000000 : 1000000000);
}

void PcapngWriter::ensure_interfaces(uint32_t id, const std::vector<InterfaceInfo>& interfaces,
                                     uint32_t linktype) {
  while (units_.size() <= id) {
    size_t next = units_.size();
    if (next < interfaces.size()) {
      write_idb(interfaces[next]);
    } else {
      // The caller gave no description of this interface: make one from the frame.
      InterfaceInfo iface;
      iface.linktype = linktype;
      iface.tsresol = 9;
      write_idb(iface);
    }
  }
}

void PcapngWriter::start(const std::vector<InterfaceInfo>& interfaces) {
  if (!interfaces.empty()) {
    ensure_interfaces(static_cast<uint32_t>(interfaces.size() - 1), interfaces,
                      interfaces.back().linktype);
  }
}

void PcapngWriter::write_frame(const CapturedFrame& frame,
                               const std::vector<InterfaceInfo>& interfaces) {
  ensure_interfaces(frame.interface_id, interfaces, frame.linktype);
  uint64_t units = units_[frame.interface_id];
  // Unsigned arithmetic: well defined for any input (pre-1970 times wrap as pcapng must).
  uint64_t ticks =
      static_cast<uint64_t>(frame.ts.sec) * units + frame.ts.nsec / (1000000000 / units);
  size_t padded = (size_t(frame.caplen) + 3) & ~size_t(3);
  size_t options = 0;
  for (const std::string& c : frame.comments) options += option_size(clamp_len(c.size()));
  if (frame.has_pack_flags) options += option_size(4);
  if (options) options += 4;  // opt_endofopt
  uint32_t total = static_cast<uint32_t>(32 + padded + options);
  uint8_t h[28];
  store_le32(h, kBlockEpb);
  store_le32(h + 4, total);
  store_le32(h + 8, frame.interface_id);
  store_le32(h + 12, static_cast<uint32_t>(ticks >> 32));
  store_le32(h + 16, static_cast<uint32_t>(ticks));
  store_le32(h + 20, frame.caplen);
  store_le32(h + 24, frame.len);
  sink_.write(h, sizeof h);
  sink_.write(frame.data, frame.caplen);
  sink_.write_zeros(padded - frame.caplen);
  for (const std::string& c : frame.comments)
    write_option(kOptComment, c.data(), clamp_len(c.size()));
  if (frame.has_pack_flags) {
    uint8_t f[4];
    store_le32(f, frame.pack_flags);
    write_option(kOptEpbFlags, f, 4);
  }
  if (options) write_option(kOptEndOfOpt, nullptr, 0);
  uint8_t t[4];
  store_le32(t, total);
  sink_.write(t, 4);
  if (options_.flush_each_frame) sink_.flush();
}

void PcapngWriter::close() {
  if (closed_) return;
  closed_ = true;
  sink_.close();
}

}  // namespace netsift
