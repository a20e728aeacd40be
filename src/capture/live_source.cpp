#include "capture/live_source.h"

#include <pcap/pcap.h>

#include <atomic>

#include "capture/stop_signal.h"

namespace netsift {

namespace {

// The handle a stop signal must wake; one live capture runs at a time.
std::atomic<pcap_t*> g_active{nullptr};

void break_active_loop() {
  if (pcap_t* h = g_active.load()) pcap_breakloop(h);
}

// libpcap reports timeouts by returning 0 from pcap_next_ex; this bounds how late a stop flag
// set without a wake-up (e.g. from another thread) is noticed.
constexpr int kPollTimeoutMs = 250;

// "Loopback" is what dumpcap calls an interface that libpcap flags as loopback and leaves
// without a description; elsewhere on Linux it shows the bare name.
std::string friendly_name(const pcap_if_t* dev) {
  if (dev->flags & PCAP_IF_LOOPBACK) return "Loopback";
  return "";
}

std::string find_friendly_name(const std::string& name) {
  char err[PCAP_ERRBUF_SIZE];
  pcap_if_t* devs = nullptr;
  if (pcap_findalldevs(&devs, err) != 0) return "";
  std::string friendly;
  for (pcap_if_t* d = devs; d; d = d->next)
    if (name == d->name) friendly = friendly_name(d);
  pcap_freealldevs(devs);
  return friendly;
}

// Turns libpcap's activation failure into tshark's wording where tshark has one.
std::string activation_error(pcap_t* h, int rc, const std::string& iface) {
  if (rc == PCAP_ERROR_NO_SUCH_DEVICE)
    return "There is no device named \"" + iface + "\".\n(" + pcap_geterr(h) + ")";
  if (rc == PCAP_ERROR_RFMON_NOTSUP)
    return "Capturing in monitor mode is not supported on device \"" + iface + "\".\n(" +
           pcap_statustostr(rc) + ")";
  if (rc == PCAP_ERROR_PERM_DENIED)
    return "You don't have permission to capture on that device.\n(" + std::string(pcap_geterr(h)) +
           ")";
  return std::string(pcap_statustostr(rc)) + ": " + pcap_geterr(h);
}

}  // namespace

LiveSource::LiveSource(const LiveOptions& opts) {
  char err[PCAP_ERRBUF_SIZE] = "";
  handle_ = pcap_create(opts.interface.c_str(), err);
  if (!handle_) throw CaptureError(err, 0, 0);
  int snaplen = opts.snaplen > 0 ? opts.snaplen : 262144;
  pcap_set_snaplen(handle_, snaplen);
  pcap_set_promisc(handle_, opts.promiscuous ? 1 : 0);
  pcap_set_buffer_size(handle_, opts.buffer_mib * 1024 * 1024);
  // As dumpcap: no immediate mode, packets are handed over when a block fills or after the
  // 250 ms timeout. Immediate mode makes Linux libpcap use a TPACKET_V2 ring of one
  // MTU-sized slot per packet (about 1,300 in the default 2 MiB) instead of TPACKET_V3's packed
  // blocks: a burst of 100,000 small frames on a veth lost three quarters of them.
  pcap_set_timeout(handle_, kPollTimeoutMs);
  if (opts.monitor) pcap_set_rfmon(handle_, 1);
  // An unknown time stamp type is ignored, as dumpcap does.
  if (!opts.tstamp_type.empty()) {
    int type = pcap_tstamp_type_name_to_val(opts.tstamp_type.c_str());
    if (type >= 0) pcap_set_tstamp_type(handle_, type);
  }
  // Nanosecond time stamps where the kernel has them, as dumpcap asks for.
  nsec_ = pcap_set_tstamp_precision(handle_, PCAP_TSTAMP_PRECISION_NANO) == 0;
  int rc = pcap_activate(handle_);
  if (rc < 0) {
    std::string msg = activation_error(handle_, rc, opts.interface);
    pcap_close(handle_);
    handle_ = nullptr;
    throw CaptureError(msg, 0, 0);
  }
  if (!opts.link_type.empty() &&
      pcap_set_datalink(handle_, pcap_datalink_name_to_val(opts.link_type.c_str())) != 0) {
    std::string msg = "The capture session could not be initiated on interface '" +
                      opts.interface + "' (" + pcap_geterr(handle_) + ").";
    pcap_close(handle_);
    handle_ = nullptr;
    throw CaptureError(msg, 0, 0);
  }
  std::string friendly = find_friendly_name(opts.interface);
  display_name_ = friendly.empty() ? opts.interface : friendly + ": " + opts.interface;
  if (!opts.filter.empty()) {
    bpf_program prog{};
    if (pcap_compile(handle_, &prog, opts.filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0 ||
        pcap_setfilter(handle_, &prog) != 0) {
      std::string msg = "Invalid capture filter \"" + opts.filter + "\" for interface '" +
                        (friendly.empty() ? opts.interface : friendly) +
                        "'.\n\nThat string isn't a valid capture filter (" + pcap_geterr(handle_) +
                        ").\nSee the User's Guide for a description of the capture filter syntax.";
      pcap_freecode(&prog);
      pcap_close(handle_);
      handle_ = nullptr;
      throw CaptureError(msg, 0, 0);
    }
    pcap_freecode(&prog);
  }
  InterfaceInfo info;
  info.linktype = static_cast<uint32_t>(pcap_datalink(handle_));
  info.snaplen = static_cast<uint32_t>(pcap_snapshot(handle_));
  info.name = opts.interface;
  info.tsresol = nsec_ ? 9 : 6;
  interfaces_.push_back(info);
  g_active.store(handle_);
  set_stop_waker(break_active_loop);
}

LiveSource::~LiveSource() {
  set_stop_waker(nullptr);
  g_active.store(nullptr);
  if (handle_) pcap_close(handle_);
}

uint64_t LiveSource::dropped() const {
  struct pcap_stat st {};
  if (!handle_ || pcap_stats(handle_, &st) != 0) return 0;
  return st.ps_drop;
}

bool LiveSource::next(CapturedFrame& frame) {
  for (;;) {
    if (stop_requested()) return false;
    pcap_pkthdr* hdr = nullptr;
    const u_char* data = nullptr;
    int rc = pcap_next_ex(handle_, &hdr, &data);
    if (rc == 0) continue;                     // poll timeout: look at the stop flag again
    if (rc == PCAP_ERROR_BREAK) return false;  // pcap_breakloop from a stop signal
    if (rc < 0) throw CaptureError(pcap_geterr(handle_), 0, 0);
    frame = CapturedFrame{};
    frame.data = data;
    frame.caplen = hdr->caplen;
    frame.len = hdr->len;
    frame.ts.sec = hdr->ts.tv_sec;
    frame.ts.nsec = static_cast<uint32_t>(hdr->ts.tv_usec) * (nsec_ ? 1 : 1000);
    frame.ts_precision = nsec_ ? 9 : 6;
    frame.linktype = interfaces_[0].linktype;
    return true;
  }
}

int print_interfaces(FILE* out) {
  char err[PCAP_ERRBUF_SIZE];
  pcap_if_t* devs = nullptr;
  if (pcap_findalldevs(&devs, err) != 0) {
    std::fprintf(stderr, "netsift: %s\n", err);
    return 2;
  }
  int n = 0;
  for (pcap_if_t* d = devs; d; d = d->next) {
    std::string friendly = friendly_name(d);
    std::fprintf(out, "%d. %s", ++n, d->name);
    if (!friendly.empty()) std::fprintf(out, " (%s)", friendly.c_str());
    std::fputc('\n', out);
  }
  pcap_freealldevs(devs);
  if (n == 0) {
    std::fputs("netsift: There are no interfaces on which a capture can be done\n", stderr);
    return 2;
  }
  return 0;
}

int print_link_types(const std::string& interface, FILE* out) {
  char err[PCAP_ERRBUF_SIZE] = "";
  pcap_t* h = pcap_create(interface.c_str(), err);
  if (!h) {
    std::fprintf(stderr, "netsift: %s\n", err);
    return 2;
  }
  int rc = pcap_activate(h);
  if (rc < 0) {
    std::fprintf(stderr, "netsift: %s\n", activation_error(h, rc, interface).c_str());
    pcap_close(h);
    return 2;
  }
  int* types = nullptr;
  int count = pcap_list_datalinks(h, &types);
  std::fprintf(out, "Data link types of interface %s (use option -y to set):\n", interface.c_str());
  for (int i = 0; i < count; ++i) {
    const char* name = pcap_datalink_val_to_name(types[i]);
    const char* desc = pcap_datalink_val_to_description(types[i]);
    if (name)
      std::fprintf(out, "  %s (%s)\n", name, desc ? desc : "not supported");
    else
      std::fprintf(out, "  DLT %d (not supported)\n", types[i]);
  }
  if (count >= 0) pcap_free_datalinks(types);
  pcap_close(h);
  return 0;
}

int print_time_stamp_types(const std::string& interface, FILE* out) {
  char err[PCAP_ERRBUF_SIZE] = "";
  pcap_t* h = pcap_create(interface.c_str(), err);
  if (!h) {
    std::fprintf(stderr, "netsift: %s\n", err);
    return 2;
  }
  int* types = nullptr;
  int count = pcap_list_tstamp_types(h, &types);
  std::fputs("Timestamp types of the interface (use option --time-stamp-type to set):\n", out);
  // libpcap lists none when only the default, host time, is available.
  if (count == 0) std::fputs("  host (Host)\n", out);
  for (int i = 0; i < count; ++i) {
    const char* name = pcap_tstamp_type_val_to_name(types[i]);
    const char* desc = pcap_tstamp_type_val_to_description(types[i]);
    std::fprintf(out, "  %s (%s)\n", name ? name : "unknown", desc ? desc : "unknown");
  }
  if (count > 0) pcap_free_tstamp_types(types);
  pcap_close(h);
  return 0;
}

bool is_link_type_name(const std::string& name) {
  return pcap_datalink_name_to_val(name.c_str()) >= 0;
}

}  // namespace netsift
