// pcapng block framing: reading whole blocks with their length checks, and dispatch by type.
#include "capture/pcapng_reader.h"

#include <cstdio>
#include <cstring>
#include <string>

#include "capture/capture_errors.h"
#include "capture/capture_limits.h"
#include "capture/pcapng_types.h"

namespace netsift {

PcapngReader::PcapngReader(std::unique_ptr<InputStream> in) : in_(std::move(in)) {
  Block b;
  try {
    if (!read_block(b) || b.type != kBlockShb) throw CaptureError(kNotCapture, 0, 0);
  } catch (const CaptureError& e) {
    rethrow_positioned(e, 0, 0);
  }
  parse_shb(b);
}

void PcapngReader::damaged(const std::string& detail, const Block& b) const {
  throw_damaged(detail, frames_ + 1, b.offset);
}

bool PcapngReader::read_block(Block& b) {
  b.offset = in_->offset();
  uint8_t h[12];
  size_t got = in_->read_exact(h, 8);
  if (got == 0) return false;  // end of input between blocks: the clean end
  if (got < 8) throw_cut_short(frames_ + 1, b.offset);

  // The SHB type reads the same in both byte orders; its byte-order magic, which follows the
  // length, sets the order for the whole section, the SHB's own length included.
  size_t prefix = 0;
  if (load_le32(h) == kBlockShb) {
    if (in_->read_exact(h + 8, 4) < 4) throw_cut_short(frames_ + 1, b.offset);
    uint32_t bom = load_le32(h + 8);
    if (bom == kByteOrderMagic) {
      endian_.big = false;
    } else if (load_be32(h + 8) == kByteOrderMagic) {
      endian_.big = true;
    } else {
      throw_damaged(
          "pcapng: unknown byte-order magic number 0x" +
              [&] {
                char buf[9];
                std::snprintf(buf, sizeof buf, "%08x", bom);
                return std::string(buf);
              }(),
          frames_ + 1, b.offset);
    }
    prefix = 4;
  }
  b.type = endian_.u32(h);
  b.total_length = endian_.u32(h + 4);
  check_block_length(b);

  // A length that is not a multiple of 4 is read as if rounded up (the block is padded in the
  // file); wiretap reads such files, and tshark shows their packets, so we do too.
  body_size_ = ((size_t(b.total_length) + 3) & ~size_t(3)) - kMinBlockLength;
  if (body_.size() < body_size_) body_.resize(body_size_);  // grows to the largest block once
  if (prefix != 0) std::memcpy(body_.data(), h + 8, prefix);
  if (in_->read_exact(body_.data() + prefix, body_size_ - prefix) < body_size_ - prefix ||
      in_->read_exact(h, 4) < 4) {
    throw_cut_short(frames_ + 1, b.offset);
  }
  // wiretap rounds both lengths up to a multiple of 4 before comparing them.
  auto round4 = [](uint32_t n) { return (uint64_t{n} + 3) & ~uint64_t{3}; };
  uint64_t first = round4(b.total_length), second = round4(endian_.u32(h));
  if (second != first) {
    damaged("pcapng: total block lengths (first " + std::to_string(first) + " and second " +
                std::to_string(second) + ") don't match",
            b);
  }
  return true;
}

namespace {

// The smallest block of each type wiretap reads, with the words of its message: "less than the
// minimum X size N" or "too small (< N)" (pcapng.c's per-type readers).
struct MinimumLength {
  uint32_t bytes;
  const char* block;    // "an EPB"
  const char* minimum;  // "the minimum EPB size", or nullptr for "too small (< N)"
};

MinimumLength minimum_length(uint32_t type) {
  switch (type) {
    case kBlockShb:
      return {kMinShbLength, "an SHB", "the minimum SHB size"};
    case kBlockIdb:
      return {20, "an IDB", "the minimum IDB size"};
    case kBlockOpb:
      return {32, "a PB", "the minimum PB size"};
    case kBlockSpb:
      return {16, "an SPB", "the minimum SPB size"};
    case kBlockNrb:
      return {16, "an NRB", "the minimum NRB size"};
    case kBlockIsb:
      return {24, "an ISB", nullptr};
    case kBlockEpb:
      return {32, "an EPB", "the minimum EPB size"};
    case kBlockSystemdJournal:
      return {35, "a systemd journal export block", nullptr};  // one "__REALTIME_TIMESTAMP=0\n"
    case kBlockDsb:
      return {kMinBlockLength, "a DSB", "the minimum block size"};
    case kBlockSysdigEvent:
      return {36, "a Sysdig event block", nullptr};
    case kBlockSysdigEventV2:
    case kBlockSysdigEventV2Large:
      return {40, "a Sysdig event block", nullptr};
    case kBlockCustomCopy:
    case kBlockCustomNoCopy:
      return {16, "a CB", nullptr};
    default:
      return {kMinBlockLength, "an unknown block type", "the minimum block size"};
  }
}

}  // namespace

// wiretap's order: lengths are rounded up to a multiple of 4 first; an SHB is checked for its
// minimum before the maximum, other blocks for the maximum (in the generic block reader) before
// their type's minimum.
void PcapngReader::check_block_length(const Block& b) const {
  uint64_t rounded = (uint64_t{b.total_length} + 3) & ~uint64_t{3};
  const std::string len_text = std::to_string(rounded);
  MinimumLength min = minimum_length(b.type);
  auto check_minimum = [&] {
    if (rounded >= min.bytes) return;
    damaged("pcapng: total block length " + len_text + " of " + min.block +
                (min.minimum ? " is less than " + std::string(min.minimum) + " "
                             : " is too small (< ") +
                std::to_string(min.bytes) + (min.minimum ? "" : ")"),
            b);
  };
  if (b.type == kBlockShb) check_minimum();
  if (rounded > kMaxPcapngBlock) {
    damaged("pcapng: total block length " + len_text + " is too large (> " +
                std::to_string(kMaxPcapngBlock) + ")",
            b);
  }
  check_minimum();
}

bool PcapngReader::next(CapturedFrame& frame) {
  if (done_) return false;
  uint64_t offset = in_->offset();
  try {
    Block b;
    while (read_block(b)) {
      if (dispatch(b, frame)) return true;
      offset = in_->offset();
    }
    done_ = true;
    return false;
  } catch (const CaptureError& e) {
    done_ = true;  // never deliver anything after an error
    rethrow_positioned(e, frames_ + 1, offset);
  }
}

bool PcapngReader::dispatch(const Block& b, CapturedFrame& frame) {
  switch (b.type) {
    case kBlockShb:
      parse_shb(b);
      return false;
    case kBlockIdb:
      parse_idb(b);
      return false;
    case kBlockEpb:
      return parse_epb(b, frame, false);
    case kBlockOpb:
      return parse_epb(b, frame, true);
    case kBlockSpb:
      return parse_spb(b, frame);
    case kBlockNrb:
      parse_nrb(b);
      return false;
    case kBlockDsb:
      parse_dsb(b);
      return false;
    default:
      // ISB, custom blocks (0x00000BAD / 0x40000BAD), systemd journal, and anything unknown:
      // the length checks above were all we needed to step over them safely.
      return false;
  }
}

uint64_t PcapngReader::bytes_read() const { return in_->offset(); }

}  // namespace netsift
