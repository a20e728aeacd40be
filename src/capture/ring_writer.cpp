#include "capture/ring_writer.h"

#include <fmt/format.h>
#include <unistd.h>

#include <ctime>

namespace netsift {

namespace {

// File and record header sizes, to estimate the file size without asking the file system.
uint64_t header_bytes(WriteFormat f) {
  return f == WriteFormat::kPcap ? 24 : 28 + 20;
}
uint64_t record_overhead(WriteFormat f) {
  return f == WriteFormat::kPcap ? 16 : 32;
}

}  // namespace

RingWriter::RingWriter(std::string path, WriteFormat format, WriterOptions options,
                       RingOptions ring)
    : path_(std::move(path)), format_(format), options_(options), ring_(ring) {
  open_next();
}

std::string RingWriter::next_name() {
  ++file_number_;
  if (!ring_.rotates()) return path_;
  // dumpcap splits the name at the last dot of the file name part: "out.pcapng" gives
  // "out_00001_20240101120000.pcapng"; a name without an extension gets none.
  size_t slash = path_.rfind('/');
  size_t dot = path_.rfind('.');
  bool has_ext = dot != std::string::npos && (slash == std::string::npos || dot > slash + 1);
  std::string prefix = has_ext ? path_.substr(0, dot) : path_;
  std::string ext = has_ext ? path_.substr(dot) : "";
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[16];
  std::strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &local);
  return fmt::format("{}_{:05}_{}{}", prefix, file_number_, stamp, ext);
}

void RingWriter::open_next() {
  if (current_) current_->close();
  std::string name = next_name();
  current_ = CaptureWriter::create(name, format_, options_);
  files_.push_back(name);
  if (ring_.files != 0) {
    while (files_.size() > ring_.files) {
      ::unlink(files_.front().c_str());
      files_.pop_front();
    }
  }
  file_bytes_ = header_bytes(format_);
  opened_at_ = std::chrono::steady_clock::now();
}

void RingWriter::start(const std::vector<InterfaceInfo>& interfaces) {
  current_->start(interfaces);
}

void RingWriter::write_frame(const CapturedFrame& frame,
                             const std::vector<InterfaceInfo>& interfaces) {
  if (ring_.rotates() && file_bytes_ > header_bytes(format_)) {
    bool full = ring_.filesize_kb != 0 && file_bytes_ >= ring_.filesize_kb * 1000;
    bool old = ring_.duration_s != 0 && std::chrono::steady_clock::now() - opened_at_ >=
                                            std::chrono::seconds(ring_.duration_s);
    if (full || old) open_next();
  }
  current_->write_frame(frame, interfaces);
  file_bytes_ += record_overhead(format_) + ((frame.caplen + 3u) & ~3u);
}

void RingWriter::flush() {
  current_->flush();
}

void RingWriter::close() {
  if (current_) current_->close();
}

}  // namespace netsift
