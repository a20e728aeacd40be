#include "capture/input_stream.h"

#include <algorithm>
#include <cstring>

namespace netsift {

InputStream::InputStream(std::unique_ptr<ByteSource> source, size_t buffer_size)
    : source_(std::move(source)), buf_(std::max<size_t>(buffer_size, 64)) {}

size_t InputStream::refill() {
  if (eof_) return 0;
  if (begin_ == end_) begin_ = end_ = 0;
  if (end_ == buf_.size()) {  // compact so the free space is at the end
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  size_t n = source_->read(buf_.data() + end_, buf_.size() - end_);
  if (n == 0) eof_ = true;
  end_ += n;
  return n;
}

size_t InputStream::read_exact(uint8_t* dst, size_t n) {
  size_t done = 0;
  while (done < n) {
    if (begin_ == end_) {
      // Large remainders go straight from the source to the caller (no double copy); each
      // source read still returns as soon as some bytes exist.
      if (n - done >= buf_.size() && !eof_) {
        size_t got = source_->read(dst + done, n - done);
        if (got == 0) {
          eof_ = true;
          break;
        }
        done += got;
        offset_ += got;
        continue;
      }
      if (refill() == 0) break;
    }
    size_t take = std::min(n - done, end_ - begin_);
    std::memcpy(dst + done, buf_.data() + begin_, take);
    begin_ += take;
    done += take;
    offset_ += take;
  }
  return done;
}

size_t InputStream::skip(size_t n) {
  size_t done = 0;
  while (done < n) {
    if (begin_ == end_ && refill() == 0) break;
    size_t take = std::min(n - done, end_ - begin_);
    begin_ += take;
    done += take;
    offset_ += take;
  }
  return done;
}

const uint8_t* InputStream::peek(size_t n, size_t& got) {
  n = std::min(n, buf_.size());
  if (end_ - begin_ < n && begin_ != 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  while (end_ - begin_ < n && refill() != 0) {
  }
  got = std::min(n, end_ - begin_);
  return buf_.data() + begin_;
}

size_t InputStream::read(uint8_t* buf, size_t max) {
  if (max == 0) return 0;
  if (begin_ == end_ && refill() == 0) return 0;
  size_t take = std::min(max, end_ - begin_);
  std::memcpy(buf, buf_.data() + begin_, take);
  begin_ += take;
  offset_ += take;
  return take;
}

}  // namespace netsift
