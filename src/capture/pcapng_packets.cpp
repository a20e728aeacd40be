// pcapng blocks that carry packets: EPB, the obsolete OPB, and SPB.
#include <string>

#include "capture/capture_errors.h"
#include "capture/capture_limits.h"
#include "capture/pcapng_options.h"
#include "capture/pcapng_reader.h"
#include "capture/pcapng_time.h"
#include "capture/pcapng_types.h"

namespace netsift {

uint32_t PcapngReader::global_interface(uint32_t local_id, const Block& b) {
  size_t count = interfaces_.size() - section_first_if_;
  if (local_id >= count) {
    damaged("pcapng: interface index " + std::to_string(local_id) +
                " is not less than interface count " + std::to_string(count),
            b);
  }
  return static_cast<uint32_t>(section_first_if_ + local_id);
}

// Digits of the sub-second part tshark shows for an interface's if_tsresol, as wiretap maps a
// resolution onto its WTAP_TSPREC_* values (powers of two are approximated by decimal digits).
static uint8_t display_precision(uint8_t tsresol) {
  int digits;
  if (tsresol & 0x80) {
    int bits = tsresol & 0x7f;
    digits = bits == 0 ? 0 : (bits * 30103 + 99999) / 100000;  // ceil(bits * log10(2))
  } else {
    digits = tsresol;
  }
  if (digits <= 3) return static_cast<uint8_t>(digits);
  return digits <= 6 ? 6 : 9;
}

void PcapngReader::fill_frame(const Block& b, CapturedFrame& frame, uint32_t global_if,
                              const uint8_t* data, uint32_t caplen, uint32_t len, uint64_t ticks) {
  const InterfaceInfo& iface = interfaces_[global_if];
  frame.data = data;
  frame.caplen = caplen;
  frame.len = len;
  frame.ts = pcapng_timestamp(ticks, units_[global_if], iface.tsoffset);
  frame.interface_id = global_if;
  frame.linktype = iface.linktype;
  frame.comments = {};
  frame.pack_flags = 0;
  frame.has_pack_flags = false;
  frame.file_offset = b.offset;
  frame.section_number = sections_;
  frame.interface = &iface;
  frame.ts_precision = display_precision(iface.tsresol);
}

bool PcapngReader::parse_epb(const Block& b, CapturedFrame& frame, bool obsolete) {
  // EPB body: interface(4) ts_high(4) ts_low(4) caplen(4) len(4) data options
  // OPB body: interface(2) drops(2) ts_high(4) ts_low(4) caplen(4) len(4) data options
  constexpr size_t kFixed = 20;  // check_block_length ensured them
  const uint8_t* p = body_.data();
  uint32_t local_if = obsolete ? endian_.u16(p) : endian_.u32(p);
  uint32_t global_if = global_interface(local_if, b);
  uint64_t ticks = uint64_t(endian_.u32(p + 4)) << 32 | endian_.u32(p + 8);
  uint32_t caplen = endian_.u32(p + 12);
  uint32_t len = endian_.u32(p + 16);
  uint32_t max = max_packet_size(interfaces_[global_if].linktype);
  if (caplen > max) {
    damaged("pcapng: cap_len " + std::to_string(caplen) + " is larger than " + std::to_string(max),
            b);
  }
  if (caplen > body_size_ - kFixed) {
    damaged("pcapng: cap_len " + std::to_string(caplen) + " is larger than the block", b);
  }
  fill_frame(b, frame, global_if, p + kFixed, caplen, len, ticks);
  size_t options_at = kFixed + ((size_t(caplen) + 3) & ~size_t(3));
  if (options_at > body_size_) options_at = body_size_;  // missing padding: no options
  parse_packet_options(b, options_at, frame);
  ++frames_;  // counted only once the whole block proved sound
  return true;
}

void PcapngReader::parse_packet_options(const Block& b, size_t options_at, CapturedFrame& frame) {
  comment_count_ = 0;
  std::span<const uint8_t> opts(body_.data() + options_at, body_size_ - options_at);
  std::string err = walk_pcapng_options(opts, endian_, [&](PcapngOption o) {
    if (o.code == kOptComment) {
      // Reuse the strings of earlier frames so comments rarely allocate.
      if (comment_count_ == comments_.size()) comments_.emplace_back();
      comments_[comment_count_++] = option_string(o.value);
    } else if (o.code == kOptEpbFlags && o.value.size() == 4) {
      frame.pack_flags = endian_.u32(o.value.data());
      frame.has_pack_flags = true;
    }
  });
  if (!err.empty()) damaged(err, b);
  frame.comments = std::span<const std::string>(comments_.data(), comment_count_);
}

bool PcapngReader::parse_spb(const Block& b, CapturedFrame& frame) {
  // body: original length(4) data (padded to 4). No interface id (always the section's first),
  // no timestamp, no options; the captured length is implied by the block length.
  // check_block_length ensured the 4 bytes.
  // Unlike other blocks (read as if padded, see read_block), tshark 4.0 rejects an SPB whose
  // length is not a multiple of 4 (corpus: wiki-pcapng-test007), and so do we.
  if (b.total_length % 4 != 0) {
    damaged("pcapng: total block length " + std::to_string(b.total_length) +
                " of simple packet block is not a multiple of 4",
            b);
  }
  uint32_t global_if = global_interface(0, b);
  const uint8_t* p = body_.data();
  uint32_t len = endian_.u32(p);
  uint32_t caplen = static_cast<uint32_t>(body_size_ - 4);
  if (len < caplen) caplen = len;  // the rest is padding
  uint32_t snaplen = interfaces_[global_if].snaplen;
  if (snaplen != 0 && caplen > snaplen) caplen = snaplen;
  fill_frame(b, frame, global_if, p + 4, caplen, len, 0);
  comment_count_ = 0;
  ++frames_;
  return true;
}

}  // namespace netsift
