// Where capture bytes come from: a file, a pipe, memory, or a decompressor layered on another
// source. Readers never see which; they pull bytes through an InputStream (input_stream.h).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

namespace netsift {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Copies up to `max` bytes into `buf` and returns how many; 0 means end of input. Blocks only
  // until at least one byte is available (read(2) semantics), never until `max` are: this is
  // what lets a frame on a pipe reach the reader as soon as its last byte was written.
  // Throws CaptureError on an I/O or decoding error.
  virtual size_t read(uint8_t* buf, size_t max) = 0;
};

// A source over bytes held in memory (tests, fuzzers). The bytes must outlive the source.
class MemorySource final : public ByteSource {
 public:
  explicit MemorySource(std::span<const uint8_t> bytes) : bytes_(bytes) {}
  size_t read(uint8_t* buf, size_t max) override {
    size_t n = std::min(max, bytes_.size() - pos_);
    if (n != 0) std::memcpy(buf, bytes_.data() + pos_, n);
    pos_ += n;
    return n;
  }

 private:
  std::span<const uint8_t> bytes_;
  size_t pos_ = 0;
};

}  // namespace netsift
