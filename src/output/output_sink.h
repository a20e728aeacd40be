// Buffered writer for everything netsift prints. Output is collected in memory and written in
// large chunks, or after every packet when line buffering (-l) or live input asks for it.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace netsift {

class OutputSink {
 public:
  explicit OutputSink(FILE* f = stdout) : file_(f) { buf_.reserve(kChunk * 2); }
  ~OutputSink() { flush(); }
  OutputSink(const OutputSink&) = delete;
  OutputSink& operator=(const OutputSink&) = delete;

  std::string& buffer() { return buf_; }
  void write(std::string_view s) { buf_.append(s); }
  void put(char c) { buf_.push_back(c); }
  // Called after each packet's output.
  void end_packet() {
    if (flush_every_packet || buf_.size() >= kChunk) flush();
  }
  // Between the lines of a long statistic: writes out what has collected past one chunk.
  void flush_if_full() {
    if (buf_.size() >= kChunk) flush();
  }
  void flush() {
    if (!buf_.empty()) {
      if (std::fwrite(buf_.data(), 1, buf_.size(), file_) != buf_.size()) failed_ = true;
      buf_.clear();
    }
    if (std::fflush(file_) != 0) failed_ = true;
  }
  bool failed() const { return failed_; }
  bool flush_every_packet = false;

 private:
  static constexpr size_t kChunk = 64 * 1024;
  FILE* file_;
  std::string buf_;
  bool failed_ = false;
};

}  // namespace netsift
