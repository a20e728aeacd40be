// What the run loop needs for live capture and streams: choosing the input (file, stdin pipe,
// interface, or an already-open stream such as netsift remote's), -D/-L, the -a autostop
// conditions, the -w writer with its -b ring buffer, and the final "N packets captured".
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "capture/capture_reader.h"
#include "capture/capture_writer.h"
#include "capture/ring_writer.h"
#include "cli/options.h"

namespace netsift {

// -D / -L: prints the list and returns the exit status; nullopt when neither was asked for.
std::optional<int> run_capture_listing(const Options& opts);
// Input that arrives over time (interface, pipe, remote): print and write packet by packet.
bool is_streaming_input(const Options& opts);
// Opens the input the options name (-r FILE, -i - or -i IFACE); a capture (-i) is announced
// with "Capturing on '...'" on stderr as tshark does.
// Throws CaptureError.
std::unique_ptr<CaptureReader> open_input(const Options& opts);

// The -a/-b limits of one run; also installs the stop-signal handlers.
class CaptureLimits {
 public:
  // Parses -a/-b, arms the duration timer; prints the complaint and returns the exit status on
  // bad values, else 0.
  int setup(const Options& opts);
  // The -w writer (nullptr without -w), rotating as -b asks, flushed per frame when streaming.
  std::unique_ptr<CaptureWriter> create_writer(const Options& opts);
  // Should the loop stop before reading another frame? `frames` counts frames read so far.
  bool reached(uint64_t frames) const;
  // After the loop: for a capture (-i, netsift remote) prints "N packets captured" to stderr
  // as tshark does, after "N packets dropped from IFACE" when libpcap lost packets of `reader`.
  void finish(const Options& opts, uint64_t frames, const CaptureReader* reader) const;

 private:
  StopLimits stop_;
  RingLimits ring_;
  RingWriter* writer_ = nullptr;  // owned by the run loop
};

}  // namespace netsift
