// The filters a run applies: -f (BPF on captured frames), -R with -2 (read filter: failing
// frames are dropped and later frames renumbered, as tshark's two-pass mode does) and -Y
// (display filter: which dissected packets are printed or written).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "capture/bpf_filter.h"
#include "cli/options.h"
#include "filter/display_filter.h"

namespace netsift {

struct PacketFilters {
  std::unique_ptr<BpfFilter> capture;
  std::optional<DisplayFilter> read;
  std::optional<DisplayFilter> display;

  // Compiles the filters the options ask for; prints tshark-style errors and returns the exit
  // status on failure, 0 on success.
  int setup(const Options& opts);
  bool pass_capture(const CapturedFrame& f) const { return !capture || capture->matches(f); }
  bool pass_read(const Packet& pkt) const { return !read || read->matches(pkt); }
  bool pass_display(const Packet& pkt) const { return !display || display->matches(pkt); }
  // Whether a filter looks at dissected packets (the BPF filter reads raw frames).
  bool need_dissection() const { return read || display; }
};

// --check-filter EXPR: prints the normalised filter (or the error) and returns 0 or 2.
int check_display_filter(const std::string& expr);

}  // namespace netsift
