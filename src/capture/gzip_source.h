// Transparent gzip decompression (zlib inflate, streaming) over another byte source.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "capture/byte_source.h"

namespace netsift {

class GzipSource final : public ByteSource {
 public:
  explicit GzipSource(std::unique_ptr<ByteSource> compressed);
  ~GzipSource() override;
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;

  // Returns decompressed bytes as soon as inflate produces any; reads more compressed input
  // only when inflate needs it. Concatenated gzip members are decoded one after another, as
  // gzip(1) does. Throws CaptureError on corrupt data or a stream cut off mid-member.
  size_t read(uint8_t* buf, size_t max) override;

 private:
  struct State;
  std::unique_ptr<ByteSource> in_;
  std::unique_ptr<State> z_;
  std::vector<uint8_t> inbuf_;
  bool member_done_ = false;  // the last member ended cleanly (so EOF here is a clean end)
  bool eof_ = false;
};

// True when `p` (n bytes) starts with the gzip magic 1f 8b.
inline bool is_gzip_magic(const uint8_t* p, size_t n) {
  return n >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

// True when the file at `path` starts with the gzip magic (false when it cannot be read).
bool is_gzip_file(const std::string& path);

}  // namespace netsift
