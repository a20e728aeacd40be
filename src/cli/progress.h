// Progress of a long file read on stderr: shown only when stderr is a terminal, the input a
// regular file and the run longer than a second (NETSIFT_PROGRESS_DELAY), never in pipes or CI
// logs; --no-progress turns it off. One line, rewritten in place and cleared at the end.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace netsift {

// The line itself: "  42%  1.2 GB of 2.9 GB  3,456,789 packets  812,345 packets/s  ETA 0:12".
// `total` 0 (unknown, e.g. a compressed file) leaves out the share and the ETA.
std::string progress_line(uint64_t bytes, uint64_t total, uint64_t packets, double seconds);

class Progress {
 public:
  // Enabled when `enabled` (no --no-progress), stderr is a terminal and `path` a regular file.
  Progress(bool enabled, const std::string& path);
  ~Progress() { finish(); }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Called per packet; looks at the clock every few thousand packets only.
  void update(uint64_t packets, uint64_t bytes) {
    if (active_ && (packets & 4095) == 0) tick(packets, bytes);
  }
  // Clears the line (if one was drawn).
  void finish();

 private:
  void tick(uint64_t packets, uint64_t bytes);

  bool active_ = false;
  bool drawn_ = false;
  uint64_t total_ = 0;  // the file's size when it is read as is (not compressed)
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::duration quiet_start_{};
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace netsift
