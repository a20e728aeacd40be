// Buffered, offset-tracking reader over a ByteSource: what the pcap and pcapng readers use.
//
// Refills call the source once per missing chunk and take whatever it returns, so a read of
// n bytes blocks only until those n bytes exist (never for a whole buffer). The buffer is
// allocated once; reads into caller buffers do not allocate.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "capture/byte_source.h"

namespace netsift {

class InputStream final : public ByteSource {
 public:
  explicit InputStream(std::unique_ptr<ByteSource> source, size_t buffer_size = 64 * 1024);

  // Reads exactly `n` bytes unless the input ends first; returns the number read.
  size_t read_exact(uint8_t* dst, size_t n);
  // Discards up to `n` bytes; returns the number discarded.
  size_t skip(size_t n);
  // Makes up to `n` (<= buffer size) bytes available without consuming them; returns a pointer
  // to them and sets `got` to how many there are (< n only at end of input).
  const uint8_t* peek(size_t n, size_t& got);
  // Bytes consumed so far: the offset of the next byte in this stream.
  uint64_t offset() const { return offset_; }

  // ByteSource: lets a decompressor sit on top of a stream whose first bytes were peeked.
  size_t read(uint8_t* buf, size_t max) override;

 private:
  // Reads once from the source into free buffer space; returns bytes added (0 = end).
  size_t refill();

  std::unique_ptr<ByteSource> source_;
  std::vector<uint8_t> buf_;
  size_t begin_ = 0;  // first unconsumed byte in buf_
  size_t end_ = 0;    // one past the last valid byte in buf_
  uint64_t offset_ = 0;
  bool eof_ = false;
};

}  // namespace netsift
