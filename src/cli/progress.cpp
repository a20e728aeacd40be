#include "cli/progress.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "capture/gzip_source.h"

namespace netsift {

namespace {

constexpr auto kRedraw = std::chrono::milliseconds(250);

// How long a read runs before the line appears: a second, or NETSIFT_PROGRESS_DELAY seconds
// (as git's GIT_PROGRESS_DELAY; the tests use 0).
std::chrono::steady_clock::duration quiet_start() {
  const char* env = std::getenv("NETSIFT_PROGRESS_DELAY");
  double seconds = env && *env ? std::atof(env) : 1.0;
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(seconds < 0 ? 0 : seconds));
}

std::string bytes_text(uint64_t n) {
  if (n >= 1000000000) return fmt::format("{:.1f} GB", n / 1e9);
  if (n >= 1000000) return fmt::format("{:.1f} MB", n / 1e6);
  return fmt::format("{:.0f} kB", n / 1e3);
}

// 3456789 -> "3,456,789"
std::string grouped(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace

std::string progress_line(uint64_t bytes, uint64_t total, uint64_t packets, double seconds) {
  std::string line;
  if (total) line += fmt::format("{:3.0f}%  {} of {}  ", 100.0 * bytes / total, bytes_text(bytes),
                                 bytes_text(total));
  else
    line += bytes_text(bytes) + "  ";
  line += grouped(packets) + " packets";
  if (seconds > 0) line += "  " + grouped(static_cast<uint64_t>(packets / seconds)) + " packets/s";
  if (total && bytes && seconds > 0 && bytes < total) {
    auto left = static_cast<uint64_t>(seconds * (total - bytes) / bytes);
    line += fmt::format("  ETA {}:{:02}", left / 60, left % 60);
  }
  return line;
}

Progress::Progress(bool enabled, const std::string& path) {
  struct stat st {};
  if (!enabled || path == "-" || !::isatty(STDERR_FILENO) || ::stat(path.c_str(), &st) != 0 ||
      !S_ISREG(st.st_mode))
    return;
  active_ = true;
  total_ = is_gzip_file(path) ? 0 : static_cast<uint64_t>(st.st_size);
  start_ = std::chrono::steady_clock::now();
  quiet_start_ = quiet_start();
}

void Progress::tick(uint64_t packets, uint64_t bytes) {
  auto now = std::chrono::steady_clock::now();
  if (now - start_ < quiet_start_ || (drawn_ && now - last_draw_ < kRedraw)) return;
  last_draw_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  std::fprintf(stderr, "\r%s\033[K", progress_line(bytes, total_, packets, seconds).c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::finish() {
  if (!drawn_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace netsift
