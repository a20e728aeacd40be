// A byte source whose underlying source (file reads, gzip inflation) runs on a thread of its
// own, filling a few chunks ahead of the reader: the --threads pipeline's reader stage.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "capture/byte_source.h"

namespace netsift {

class ReadAheadSource final : public ByteSource {
 public:
  // Starts the thread. Only for sources that never block indefinitely (regular files and
  // decompressors over them): a read blocked on a quiet pipe could not be stopped.
  explicit ReadAheadSource(std::unique_ptr<ByteSource> source);
  ~ReadAheadSource() override;
  ReadAheadSource(const ReadAheadSource&) = delete;
  ReadAheadSource& operator=(const ReadAheadSource&) = delete;

  // The bytes in the source's order; an error the source raised is rethrown here once every
  // byte read before it has been returned, so readers see it at the same position as without
  // the thread.
  size_t read(uint8_t* buf, size_t max) override;

 private:
  struct Chunk {
    std::vector<uint8_t> bytes;
    size_t size = 0;
  };
  void fill();  // the thread: reads chunks until the end, an error, or the destructor

  static constexpr size_t kChunks = 4;
  static constexpr size_t kChunkSize = 1 << 20;

  std::unique_ptr<ByteSource> source_;
  Chunk chunks_[kChunks];
  std::mutex mutex_;
  std::condition_variable changed_;
  size_t filled_ = 0;    // chunks the thread has completed (a running count)
  size_t consumed_ = 0;  // chunks the reader has finished with
  bool ended_ = false;   // the thread has stopped: end of input, or error_ is set
  bool stopping_ = false;
  std::exception_ptr error_;
  size_t pos_ = 0;  // read position in the current chunk (chunks_[consumed_ % kChunks])
  std::thread thread_;
};

}  // namespace netsift
