#include "capture/read_ahead_source.h"

#include <algorithm>
#include <cstring>

namespace netsift {

ReadAheadSource::ReadAheadSource(std::unique_ptr<ByteSource> source) : source_(std::move(source)) {
  for (Chunk& c : chunks_) c.bytes.resize(kChunkSize);
  thread_ = std::thread([this] { fill(); });
}

ReadAheadSource::~ReadAheadSource() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void ReadAheadSource::fill() {
  for (;;) {
    Chunk* chunk;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stopping_ || filled_ - consumed_ < kChunks; });
      if (stopping_) break;
      chunk = &chunks_[filled_ % kChunks];  // free: the reader is past it
    }
    // The source's own read(2) semantics: take what one call gives (a short chunk is fine).
    size_t n = 0;
    std::exception_ptr error;
    try {
      n = source_->read(chunk->bytes.data(), chunk->bytes.size());
    } catch (...) {
      error = std::current_exception();
    }
    std::lock_guard lock(mutex_);
    if (error || n == 0) {
      error_ = error;
      ended_ = true;
      break;
    }
    chunk->size = n;
    ++filled_;
    changed_.notify_all();
  }
  changed_.notify_all();
}

size_t ReadAheadSource::read(uint8_t* buf, size_t max) {
  if (max == 0) return 0;
  std::unique_lock lock(mutex_);
  for (;;) {
    if (consumed_ < filled_) {
      Chunk& chunk = chunks_[consumed_ % kChunks];
      lock.unlock();  // the thread never touches a filled chunk the reader has not released
      size_t take = std::min(max, chunk.size - pos_);
      std::memcpy(buf, chunk.bytes.data() + pos_, take);
      pos_ += take;
      if (pos_ == chunk.size) {
        pos_ = 0;
        lock.lock();
        ++consumed_;
        lock.unlock();
        changed_.notify_all();
      }
      return take;
    }
    if (ended_) {
      if (error_) std::rethrow_exception(error_);
      return 0;
    }
    changed_.wait(lock);
  }
}

}  // namespace netsift
