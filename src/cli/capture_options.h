// Live-capture options (-p, -s, -B, -a, -b, -D, -L), spelled as tshark/dumpcap spell them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace netsift {

struct CaptureOptions {
  bool no_promiscuous = false;        // -p
  int snaplen = 0;                    // -s (0: the maximum)
  int buffer_mib = 2;                 // -B
  std::string snaplen_arg;            // -s and -B as given, checked by finish_capture_options
  std::string buffer_arg;
  std::vector<std::string> autostop;  // -a duration:N|filesize:KB|packets:N
  std::vector<std::string> ring;      // -b filesize:KB|duration:S|files:N
  bool list_interfaces = false;       // -D
  bool list_link_types = false;       // -L
  bool list_tstamp_types = false;     // --list-time-stamp-types
  bool monitor = false;               // -I
  std::string link_type;              // -y
  std::string tstamp_type;            // --time-stamp-type
};

// The -a and -b conditions, parsed.
struct StopLimits {
  uint64_t duration_s = 0;
  uint64_t filesize_kb = 0;
  uint64_t packets = 0;
};
struct RingLimits {
  uint64_t filesize_kb = 0;
  uint64_t duration_s = 0;
  uint64_t files = 0;
};

void add_capture_options(CLI::App& app, CaptureOptions& o);
// Converts -s and -B as tshark does; on a bad number prints its complaint and returns false.
bool finish_capture_options(CaptureOptions& o);
// Parse "-a"/"-b" values; on a bad one print tshark's complaint and return false.
bool parse_stop_limits(const std::vector<std::string>& specs, StopLimits& out);
bool parse_ring_limits(const std::vector<std::string>& specs, RingLimits& out);

}  // namespace netsift
