#include "capture/gzip_source.h"

#include <cstdio>

#include <zlib.h>

#include <string>

#include "capture/capture_reader.h"

namespace netsift {

struct GzipSource::State {
  z_stream s{};
};

GzipSource::GzipSource(std::unique_ptr<ByteSource> compressed)
    : in_(std::move(compressed)), z_(std::make_unique<State>()), inbuf_(64 * 1024) {
  // 16 + MAX_WBITS: expect a gzip header and trailer (not raw zlib).
  if (inflateInit2(&z_->s, 16 + MAX_WBITS) != Z_OK)
    throw CaptureError("could not be read: zlib initialisation failed", 0, 0);
}

GzipSource::~GzipSource() {
  inflateEnd(&z_->s);
}

size_t GzipSource::read(uint8_t* buf, size_t max) {
  if (eof_ || max == 0) return 0;
  z_stream& s = z_->s;
  // zlib counts in uInt; a single call never needs more than that.
  if (max > 1u << 30) max = 1u << 30;
  s.next_out = buf;
  s.avail_out = static_cast<uInt>(max);
  for (;;) {
    if (s.avail_in == 0) {
      size_t n = in_->read(inbuf_.data(), inbuf_.size());
      if (n == 0) {
        size_t produced = max - s.avail_out;
        if (produced != 0) return produced;  // report the cut (if any) on the next call
        // End of input is clean only between members; otherwise the file was cut short.
        if (!member_done_)
          throw CaptureError("appears to have been cut short in the middle of a packet.", 0, 0);
        eof_ = true;
        return 0;
      }
      s.next_in = inbuf_.data();
      s.avail_in = static_cast<uInt>(n);
    }
    if (member_done_) {
      // More bytes after a finished member: another member follows.
      inflateReset(&s);
      member_done_ = false;
    }
    int rc = inflate(&s, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) {
      member_done_ = true;
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      std::string msg = s.msg ? s.msg : "inflate failed";
      throw CaptureError("appears to be damaged or corrupt.\n(gzip: " + msg + ")", 0, 0);
    }
    size_t produced = max - s.avail_out;
    // Hand back what we have rather than wait for more input: a reader of a live pipe gets
    // each frame as soon as its compressed bytes arrived.
    if (produced != 0) return produced;
  }
}

bool is_gzip_file(const std::string& path) {
  uint8_t magic[2] = {};
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  size_t n = std::fread(magic, 1, 2, f);
  std::fclose(f);
  return is_gzip_magic(magic, n);
}

}  // namespace netsift
