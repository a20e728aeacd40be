#include "capture/fd_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "capture/capture_reader.h"
#include "capture/stop_signal.h"

namespace netsift {

FdSource::~FdSource() {
  if (owned_ && fd_ >= 0) ::close(fd_);
}

size_t FdSource::read(uint8_t* buf, size_t max) {
  for (;;) {
    // A single read(2): on a pipe it returns whatever is there as soon as anything is, so the
    // caller asking for a large chunk never waits for the chunk to fill.
    ssize_t n = ::read(fd_, buf, max);
    if (n >= 0) return static_cast<size_t>(n);
    // A stop signal interrupts a read blocked on a quiet pipe: that is the end of input.
    if (errno == EINTR) {
      if (stop_requested()) return 0;
      continue;
    }
    throw CaptureError(std::string("could not be read: ") + std::strerror(errno), 0, 0);
  }
}

std::unique_ptr<FdSource> open_fd_source(const std::string& path) {
  if (path == "-") return std::make_unique<FdSource>(STDIN_FILENO, false);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT) throw FileError("The file \"" + path + "\" doesn't exist.");
    if (err == EACCES) throw FileError("You don't have permission to read the file \"" + path + "\".");
    throw FileError("The file \"" + path + "\" could not be opened: " + std::strerror(err) + ".");
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw FileError("\"" + path + "\" is a directory (folder), not a file.");
  }
  return std::make_unique<FdSource>(fd, true);
}

}  // namespace netsift
