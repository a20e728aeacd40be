// Reader for pcapng files: any number of sections in either byte order, each with its own
// interfaces; packets from EPB, SPB and the obsolete OPB; names from NRB; TLS secrets from DSB.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "capture/byte_order.h"
#include "capture/capture_reader.h"
#include "capture/input_stream.h"

namespace netsift {

class PcapngReader final : public CaptureReader {
 public:
  // Reads the first section header block from `in` (positioned at the start of the file).
  explicit PcapngReader(std::unique_ptr<InputStream> in);

  bool next(CapturedFrame& frame) override;
  FileFormat format() const override { return FileFormat::kPcapng; }
  // All interfaces of all sections so far. frame.interface_id indexes this list (section-local
  // ids are offset by the interfaces of earlier sections, as wiretap numbers them).
  const std::vector<InterfaceInfo>& interfaces() const override { return interfaces_; }
  const std::vector<std::string>& section_comments() const override { return section_comments_; }
  const std::vector<NameRecord>& names() const override { return names_; }
  uint64_t bytes_read() const override;
  const std::vector<std::string>& tls_key_log() const override { return tls_key_log_; }

 private:
  // One block, read whole into body_ (the bytes between the length fields).
  struct Block {
    uint32_t type = 0;
    uint32_t total_length = 0;
    uint64_t offset = 0;
  };
  // Reads the next block; false at a clean end of input.
  bool read_block(Block& b);
  // Refuses a block shorter than its type's minimum or longer than any block may be, with
  // wiretap's messages.
  void check_block_length(const Block& b) const;
  // Handles a block; returns true when it produced a frame.
  bool dispatch(const Block& b, CapturedFrame& frame);

  // pcapng_sections.cpp: blocks that describe rather than carry packets.
  void parse_shb(const Block& b);
  void parse_idb(const Block& b);
  void parse_nrb(const Block& b);
  void parse_dsb(const Block& b);

  // pcapng_packets.cpp: blocks that carry packets.
  bool parse_epb(const Block& b, CapturedFrame& frame, bool obsolete);
  bool parse_spb(const Block& b, CapturedFrame& frame);
  void parse_packet_options(const Block& b, size_t options_at, CapturedFrame& frame);
  void fill_frame(const Block& b, CapturedFrame& frame, uint32_t global_if, const uint8_t* data,
                  uint32_t caplen, uint32_t len, uint64_t ticks);
  // Global index of section-local interface `local_id`, or a damaged-file error.
  uint32_t global_interface(uint32_t local_id, const Block& b);

  [[noreturn]] void damaged(const std::string& detail, const Block& b) const;

  std::unique_ptr<InputStream> in_;
  Endian endian_;
  std::vector<uint8_t> body_;  // reused for every block: no allocation per frame
  size_t body_size_ = 0;       // valid bytes of body_ for the current block
  std::vector<InterfaceInfo> interfaces_;
  std::vector<uint64_t> units_;  // ticks per second of each interface
  size_t section_first_if_ = 0;  // index in interfaces_ of this section's interface 0
  uint32_t sections_ = 0;        // sections seen so far (frame.section_number is 1-based)
  std::vector<std::string> section_comments_;
  std::vector<NameRecord> names_;
  std::vector<std::string> tls_key_log_;
  std::vector<std::string> comments_;  // the current frame's comments (frame.comments views it)
  size_t comment_count_ = 0;           // entries of comments_ in use (strings are reused)
  uint64_t frames_ = 0;
  bool done_ = false;
};

}  // namespace netsift
