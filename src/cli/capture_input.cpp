#include "cli/capture_input.h"

#include <unistd.h>

#include <cstdio>

#include "capture/live_source.h"
#include "capture/stop_signal.h"

namespace netsift {

std::optional<int> run_capture_listing(const Options& opts) {
  if (opts.capture.list_interfaces) return print_interfaces(stdout);
  if (opts.capture.list_link_types) {
    if (opts.interface.empty() || opts.interface == "-") {
      std::fputs("netsift: -L needs an interface: -i IFACE\n", stderr);
      return 1;
    }
    return print_link_types(opts.interface, stdout);
  }
  if (opts.capture.list_tstamp_types) {
    if (opts.interface.empty() || opts.interface == "-") {
      std::fputs("netsift: --list-time-stamp-types needs an interface: -i IFACE\n", stderr);
      return 1;
    }
    return print_time_stamp_types(opts.interface, stdout);
  }
  return std::nullopt;
}

bool is_streaming_input(const Options& opts) {
  return opts.read_file == "-" || (opts.read_file.empty() && !opts.interface.empty());
}

std::unique_ptr<CaptureReader> open_input(const Options& opts) {
  if (!opts.read_file.empty()) return open_capture(opts.read_file, opts.threads > 1);
  if (opts.interface == "-") {
    // tshark treats -i - as a capture: it announces it and counts the packets at the end.
    if (!opts.really_quiet) std::fputs("Capturing on '-'\n", stderr);
    return open_capture("-");
  }
  LiveOptions live;
  live.interface = opts.interface;
  live.snaplen = opts.capture.snaplen;
  live.promiscuous = !opts.capture.no_promiscuous;
  live.buffer_mib = opts.capture.buffer_mib;
  live.filter = opts.capture_filter;
  live.monitor = opts.capture.monitor;
  live.link_type = opts.capture.link_type;
  live.tstamp_type = opts.capture.tstamp_type;
  auto source = std::make_unique<LiveSource>(live);
  if (!opts.really_quiet)
    std::fprintf(stderr, "Capturing on '%s'\n", source->display_name().c_str());
  return source;
}

int CaptureLimits::setup(const Options& opts) {
  if (!parse_stop_limits(opts.capture.autostop, stop_)) return 1;
  if (!parse_ring_limits(opts.capture.ring, ring_)) return 1;
  if (!opts.capture.ring.empty() && opts.write_file.empty()) {
    std::fputs("netsift: Ring buffer requested, but capture isn't being saved to a file.\n",
               stderr);
    return 1;
  }
  if (!opts.capture.ring.empty() && ring_.filesize_kb == 0 && ring_.duration_s == 0) {
    std::fputs(
        "netsift: Multiple capture files requested, but no maximum capture file size, "
        "duration, interval or packets were specified.\n",
        stderr);
    return 1;
  }
  install_stop_handlers();
  // The duration timer raises SIGALRM, which stops the run like Ctrl-C, waking a blocked read.
  if (stop_.duration_s != 0) ::alarm(static_cast<unsigned>(stop_.duration_s));
  return 0;
}

std::unique_ptr<CaptureWriter> CaptureLimits::create_writer(const Options& opts) {
  if (opts.write_file.empty()) return nullptr;
  WriterOptions wopts;
  wopts.flush_each_frame = is_streaming_input(opts) || opts.line_buffered;
  wopts.group_read = opts.group_read;
  RingOptions ring{ring_.filesize_kb, ring_.duration_s, ring_.files};
  auto format = opts.write_format == "pcap" ? WriteFormat::kPcap : WriteFormat::kPcapng;
  auto writer = std::make_unique<RingWriter>(opts.write_file, format, wopts, ring);
  writer_ = writer.get();
  return writer;
}

bool CaptureLimits::reached(uint64_t frames) const {
  if (stop_requested()) return true;
  if (stop_.packets != 0 && frames >= stop_.packets) return true;
  return stop_.filesize_kb != 0 && writer_ && writer_->file_bytes() >= stop_.filesize_kb * 1000;
}

void CaptureLimits::finish(const Options& opts, uint64_t frames,
                           const CaptureReader* reader) const {
  if (!opts.read_file.empty() || opts.interface.empty()) return;  // a file, not a capture
  if (opts.really_quiet) return;                                  // -Q
  // dumpcap reports its drops before tshark counts the packets.
  auto* live = dynamic_cast<const LiveSource*>(reader);
  if (uint64_t lost = live ? live->dropped() : 0)
    std::fprintf(stderr, "%llu packet%s dropped from %s\n", static_cast<unsigned long long>(lost),
                 lost == 1 ? "" : "s", live->display_name().c_str());
  std::fprintf(stderr, "%llu packet%s captured\n", static_cast<unsigned long long>(frames),
               frames == 1 ? "" : "s");
}

}  // namespace netsift
