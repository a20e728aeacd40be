// Byte source over a file descriptor (regular file, pipe, or standard input), using read(2).
#pragma once

#include <memory>
#include <string>

#include "capture/byte_source.h"

namespace netsift {

class FdSource final : public ByteSource {
 public:
  // Takes ownership of `fd` when `owned` (closed in the destructor).
  FdSource(int fd, bool owned) : fd_(fd), owned_(owned) {}
  ~FdSource() override;
  FdSource(const FdSource&) = delete;
  FdSource& operator=(const FdSource&) = delete;

  size_t read(uint8_t* buf, size_t max) override;

 private:
  int fd_;
  bool owned_;
};

// Opens `path` for reading ("-" = standard input, not owned). Throws CaptureError with a
// tshark-style message ("doesn't exist.", "could not be opened due to lack of permissions.").
std::unique_ptr<FdSource> open_fd_source(const std::string& path);

}  // namespace netsift
