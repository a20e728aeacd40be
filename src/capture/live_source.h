// Live capture from a network interface through libpcap (-i IFACE), delivering frames through
// the same CaptureReader interface as the file readers so the run loop does not care.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "capture/capture_reader.h"

typedef struct pcap pcap_t;

namespace netsift {

struct LiveOptions {
  std::string interface;
  int snaplen = 262144;     // -s (0 = the maximum, as tshark)
  bool promiscuous = true;  // -p turns it off
  int buffer_mib = 2;       // -B, as dumpcap's default
  std::string filter;       // -f, compiled by libpcap for the interface
  bool monitor = false;     // -I: 802.11 monitor mode
  std::string link_type;    // -y: a DLT name ("EN10MB"), empty for the default
  std::string tstamp_type;  // --time-stamp-type: a libpcap name ("host", "adapter"...)
};

class LiveSource final : public CaptureReader {
 public:
  // Opens and activates the interface and sets the filter. Throws CaptureError with libpcap's
  // own message (tshark-style wording for unknown devices and bad filters).
  explicit LiveSource(const LiveOptions& opts);
  ~LiveSource() override;
  LiveSource(const LiveSource&) = delete;
  LiveSource& operator=(const LiveSource&) = delete;

  // Waits for the next packet; returns false once a stop was requested (request_stop()).
  bool next(CapturedFrame& frame) override;
  FileFormat format() const override { return nsec_ ? FileFormat::kPcapNsec : FileFormat::kPcap; }
  const std::vector<InterfaceInfo>& interfaces() const override { return interfaces_; }
  const std::vector<std::string>& section_comments() const override { return empty_strings_; }
  const std::vector<NameRecord>& names() const override { return empty_names_; }
  const std::vector<std::string>& tls_key_log() const override { return empty_strings_; }

  // Packets lost before netsift read them (libpcap's ps_drop: the kernel buffer was full).
  uint64_t dropped() const;

  // The name tshark shows in "Capturing on '...'": "Loopback: lo", or just the name.
  const std::string& display_name() const { return display_name_; }

 private:
  pcap_t* handle_ = nullptr;
  bool nsec_ = false;  // time stamps in nanoseconds
  std::vector<InterfaceInfo> interfaces_;
  std::string display_name_;
  std::vector<std::string> empty_strings_;
  std::vector<NameRecord> empty_names_;
};

// -D: prints the capture interfaces as dumpcap does ("1. eth0", "3. lo (Loopback)").
// Returns the exit status.
int print_interfaces(FILE* out);
// -L: prints the interface's link types ("Data link types of interface lo (use option -y to
// set):" then "  EN10MB (Ethernet)"). Returns the exit status; errors go to stderr.
int print_link_types(const std::string& interface, FILE* out);
// --list-time-stamp-types: the interface's time stamp types, as tshark lists them.
int print_time_stamp_types(const std::string& interface, FILE* out);
// Whether libpcap knows `name` as a link type (-y), as tshark checks it.
bool is_link_type_name(const std::string& name);

}  // namespace netsift
