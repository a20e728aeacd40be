// Buffered output to a file descriptor with write(2), for the capture writers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace netsift {

class FileSink {
 public:
  // Creates/truncates `path`, or uses standard output for "-". Throws FileError.
  // With `group_read`, the file is made readable by its group (tshark -g).
  explicit FileSink(const std::string& path, bool group_read = false);
  ~FileSink();
  FileSink(const FileSink&) = delete;
  FileSink& operator=(const FileSink&) = delete;

  void write(const void* data, size_t n);
  void write_zeros(size_t n);
  void flush();
  void close();

 private:
  void write_all(const uint8_t* p, size_t n);

  int fd_ = -1;
  bool owned_ = false;
  std::string path_;  // for the write error's message
  std::vector<uint8_t> buf_;
  size_t used_ = 0;
};

}  // namespace netsift
