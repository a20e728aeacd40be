#include "capture/file_sink.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "capture/capture_reader.h"

namespace netsift {

namespace {
constexpr size_t kBufferSize = 64 * 1024;
}

FileSink::FileSink(const std::string& path, bool group_read) : buf_(kBufferSize) {
  if (path == "-") {
    fd_ = STDOUT_FILENO;
    return;
  }
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd_ < 0) {
    // tshark's sentences (wsutil's file_open_error_message for a file being written).
    const int err = errno;
    if (err == ENOENT) throw FileError("The path to the file \"" + path + "\" doesn't exist.");
    if (err == EACCES)
      throw FileError("You don't have permission to create or write to the file \"" + path + "\".");
    if (err == EISDIR) throw FileError("\"" + path + "\" is a directory (folder), not a file.");
    throw FileError("The file \"" + path + "\" could not be created: " + std::strerror(err) + ".");
  }
  path_ = path;
  struct stat st {};
  if (group_read && ::fstat(fd_, &st) == 0) ::fchmod(fd_, (st.st_mode & 07777) | S_IRGRP);
  owned_ = true;
}

FileSink::~FileSink() {
  try {
    close();
  } catch (const CaptureError&) {
    // Nothing sensible to do in a destructor; close() reports errors to callers that ask.
  }
}

void FileSink::write_all(const uint8_t* p, size_t n) {
  while (n != 0) {
    ssize_t w = ::write(fd_, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      throw FileError("An error occurred while writing to the file \"" + path_ + "\": " +
                      std::strerror(errno) + ".");
    }
    p += w;
    n -= static_cast<size_t>(w);
  }
}

void FileSink::write(const void* data, size_t n) {
  if (n == 0) return;  // `data` may be null then; memcpy must not see it
  const uint8_t* p = static_cast<const uint8_t*>(data);
  if (n > buf_.size() - used_) {
    flush();
    if (n >= buf_.size()) {  // too big to buffer: straight through
      write_all(p, n);
      return;
    }
  }
  std::memcpy(buf_.data() + used_, p, n);
  used_ += n;
}

void FileSink::write_zeros(size_t n) {
  static const uint8_t zeros[8] = {};
  while (n != 0) {
    size_t k = n < sizeof zeros ? n : sizeof zeros;
    write(zeros, k);
    n -= k;
  }
}

void FileSink::flush() {
  if (fd_ < 0 || used_ == 0) return;
  size_t n = used_;
  used_ = 0;  // even if the write fails, do not retry the same bytes forever
  write_all(buf_.data(), n);
}

void FileSink::close() {
  if (fd_ < 0) return;
  flush();
  if (owned_) ::close(fd_);
  fd_ = -1;
}

}  // namespace netsift
