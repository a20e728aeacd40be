#include "cli/capture_options.h"

#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdio>

#include "capture/live_source.h"
#include "cli/number_args.h"

namespace netsift {

namespace {

// Splits "key:value" and parses the value as a non-negative integer.
bool split_limit(const std::string& spec, std::string& key, uint64_t& value) {
  size_t colon = spec.find(':');
  if (colon == std::string::npos) return false;
  key = spec.substr(0, colon);
  const char* first = spec.data() + colon + 1;
  const char* last = spec.data() + spec.size();
  auto [end, ec] = std::from_chars(first, last, value);
  return ec == std::errc() && end == last && first != last;
}

}  // namespace

void add_capture_options(CLI::App& app, CaptureOptions& o) {
  app.add_flag("-p", o.no_promiscuous, "Don't capture in promiscuous mode");
  app.add_option("-s", o.snaplen_arg, "Packet snapshot length (0: maximum)");
  app.add_option("-B", o.buffer_arg, "Capture buffer size in MiB");
  app.add_option("-a", o.autostop, "Autostop: duration:N|filesize:KB|packets:N")
      ->allow_extra_args(false);
  app.add_option("-b", o.ring, "Ring buffer: filesize:KB|duration:S|files:N")
      ->allow_extra_args(false);
  app.add_flag("-D", o.list_interfaces, "Print the list of capture interfaces and exit");
  app.add_flag("-L", o.list_link_types, "Print the interface's link-layer types and exit");
  app.add_flag("--list-time-stamp-types", o.list_tstamp_types,
               "Print the interface's time stamp types and exit");
  app.add_flag("-I", o.monitor, "Capture in monitor mode, if available");
  app.add_option("-y", o.link_type, "Link-layer type to capture (see -L)");
  app.add_option("--time-stamp-type", o.tstamp_type, "Time stamp type (see --list-time-stamp-types)");
}

bool finish_capture_options(CaptureOptions& o) {
  if (!o.link_type.empty() && !is_link_type_name(o.link_type)) {
    std::fprintf(stderr, "netsift: The specified data link type \"%s\" isn't valid\n",
                 o.link_type.c_str());
    return false;
  }
  if (!o.snaplen_arg.empty()) {
    std::optional<int> n = natural_int_arg(o.snaplen_arg, "snapshot length");
    if (!n) return false;
    o.snaplen = *n;
  }
  if (!o.buffer_arg.empty()) {
    std::optional<int> n = positive_int_arg(o.buffer_arg, "buffer size");
    if (!n) return false;
    o.buffer_mib = *n;
  }
  return true;
}

bool parse_stop_limits(const std::vector<std::string>& specs, StopLimits& out) {
  for (const auto& spec : specs) {
    std::string key;
    uint64_t v = 0;
    bool ok = split_limit(spec, key, v);
    if (ok && key == "duration")
      out.duration_s = v;
    else if (ok && key == "filesize")
      out.filesize_kb = v;
    else if (ok && key == "packets")
      out.packets = v;
    else {
      std::fprintf(stderr, "netsift: Invalid or unknown -a flag \"%s\"\n", spec.c_str());
      return false;
    }
  }
  return true;
}

bool parse_ring_limits(const std::vector<std::string>& specs, RingLimits& out) {
  for (const auto& spec : specs) {
    std::string key;
    uint64_t v = 0;
    bool ok = split_limit(spec, key, v);
    if (ok && key == "filesize")
      out.filesize_kb = v;
    else if (ok && key == "duration")
      out.duration_s = v;
    else if (ok && key == "files")
      out.files = v;
    else {
      std::fprintf(stderr, "netsift: Invalid or unknown -b arg \"%s\"\n", spec.c_str());
      return false;
    }
  }
  return true;
}

}  // namespace netsift
