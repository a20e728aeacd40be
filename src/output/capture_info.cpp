#include "output/capture_info.h"

#include <fmt/format.h>

#include <ctime>

#include "core/field_registry.h"
#include "dissectors/f5ethtrailer.h"
#include "dissectors/f5fileinfo.h"

namespace netsift {

namespace {

// Wireshark's format_size(): SI prefix once the value reaches ten of that unit.
std::string format_size(int64_t size, const char* small_unit, const char* unit) {
  static constexpr const char* kPrefix[] = {" T", " G", " M", " k"};
  int64_t scaled[] = {size / 1000 / 1000 / 1000 / 1000, size / 1000 / 1000 / 1000,
                      size / 1000 / 1000, size / 1000};
  for (int i = 0; i < 4; ++i)
    if (scaled[i] >= 10) return fmt::format("{}{}{}", scaled[i], kPrefix[i], unit);
  return *small_unit ? fmt::format("{} {}", size, small_unit) : std::to_string(size);
}

// Wireshark's encapsulation (WTAP_ENCAP_*) for a link type: number, description, short name.
struct Encapsulation {
  int number;
  const char* description;
  const char* name;
};
Encapsulation encapsulation(uint32_t linktype) {
  switch (linktype) {
    case kLinkEthernet:
      return {1, "Ethernet", "ether"};
    case kLinkRaw:
    case 12:  // LINKTYPE_RAW's older numbers
    case 14:
      return {7, "Raw IP", "rawip"};
    case kLinkNull:
      return {15, "NULL/Loopback", "null"};
    case kLinkLinuxSll:
      return {25, "Linux cooked-mode capture v1", "linux-sll"};
    case kLinkFrameRelay:
      return {26, "Frame Relay", "frelay"};
    case kLinkTokenRing:
      return {2, "Token Ring", "tr"};
    case kLinkFddi:
      return {6, "FDDI with bit-swapped MAC addresses", "fddi-swapped"};
    case kLinkIpv4:
      return {129, "Raw IPv4", "rawip4"};
    case kLinkIpv6:
      return {130, "Raw IPv6", "rawip6"};
    case kLinkLoop:
      return {174, "OpenBSD loopback", "loop"};
    case kLinkLinuxSll2:
      return {210, "Linux cooked-mode capture v2", "linux-sll2"};
    default:
      return {-1, "Unknown", "unknown"};
  }
}

// Decimal digits of an interface's timestamps (if_tsresol; powers of two rounded down).
int precision_digits(const InterfaceInfo& i) {
  if (i.tsresol & 0x80) return (i.tsresol & 0x7f) * 3 / 10;
  return i.tsresol;
}

const char* precision_name(int digits) {
  switch (digits) {
    case 0:
      return "seconds";
    case 1:
      return "100 milliseconds";
    case 2:
      return "10 milliseconds";
    case 3:
      return "milliseconds";
    case 4:
      return "100 microseconds";
    case 5:
      return "10 microseconds";
    case 6:
      return "microseconds";
    case 7:
      return "100 nanoseconds";
    case 8:
      return "10 nanoseconds";
    default:
      return "nanoseconds";
  }
}

std::string fraction(uint32_t nsec, int digits) {
  if (digits <= 0) return "";
  uint32_t v = nsec;
  for (int i = digits; i < 9; ++i) v /= 10;
  return fmt::format(".{:0{}}", v, digits);
}

std::string local_time(const Timestamp& t, int digits) {
  std::time_t secs = static_cast<std::time_t>(t.sec);
  std::tm tm{};
  localtime_r(&secs, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf + fraction(t.nsec, digits);
}

const char* file_type(FileFormat f) {
  switch (f) {
    case FileFormat::kPcap:
      return "Wireshark/tcpdump/... - pcap";
    case FileFormat::kPcapNsec:
      return "Wireshark/tcpdump/... - nanosecond pcap";
    case FileFormat::kNetmon1:
      return "Microsoft NetMon 1.x";
    case FileFormat::kNetmon2:
      return "Microsoft NetMon 2.x";
    default:
      return "Wireshark/... - pcapng";
  }
}

// "Label:" padded to capinfos' value column.
std::string line(const char* label, const std::string& value) {
  return fmt::format("{:<20} {}\n", std::string(label) + ":", value);
}

std::string detail(const std::string& text) {
  return fmt::format("{:21}{}\n", "", text);
}

}  // namespace

void CaptureInfo::frame(const CapturedFrame& f, const Packet& pkt) {
  ++packets_;
  data_bytes_ += f.len;
  ++per_interface_[f.interface_id];
  ++per_linktype_[f.linktype];
  if (f.caplen < f.len) {
    min_truncated_ = min_truncated_ ? std::min(min_truncated_, f.caplen) : f.caplen;
    max_truncated_ = std::max(max_truncated_, f.caplen);
  }
  if (!have_time_ || f.ts.total_ns() < first_.total_ns()) {
    first_ = f.ts;
    first_digits_ = f.ts_precision;
  }
  if (!have_time_ || f.ts.total_ns() > last_.total_ns()) {
    last_ = f.ts;
    last_digits_ = f.ts_precision;
  }
  if (have_time_ && f.ts.total_ns() < prev_.total_ns()) time_ordered_ = false;
  prev_ = f.ts;
  have_time_ = true;
  f5_frame(pkt);
}

void CaptureInfo::f5_frame(const Packet& pkt) {
  using namespace f5_fields;
  bool trailer = false, tls = false, dpt = false;
  for (const Node& n : pkt.tree.nodes()) {
    if (n.field == proto)
      trailer = true;
    else if (n.field == low)
      low_ = true;
    else if (n.field == medium)
      medium_ = true;
    else if (n.field == high)
      high_ = true;
    else if (n.field == trailer_magic)
      dpt = true;
    else if (n.field == tls_data)
      tls = true;
    else if (pkt.number == 1 && registry().info(n.field).protocol == f5fileinfo_fields::proto)
      fileinfo_[n.field] = std::string(n.value.str());
  }
  trailer_frames_ += trailer;
  tls_frames_ += tls;
  dpt_ |= dpt;
  legacy_ |= trailer && !dpt;
}

std::string CaptureInfo::f5_report() const {
  std::string out;
  auto value = [&](FieldId field) {
    auto it = fileinfo_.find(field);
    return it == fileinfo_.end() ? std::string() : it->second;
  };
  if (!fileinfo_.empty()) {
    out += "BIG-IP capture information (first packet):\n";
    using namespace f5fileinfo_fields;
    const std::pair<const char*, StringField> rows[] = {{"Version", version},
                                                        {"Platform", platform},
                                                        {"Hostname", hostname},
                                                        {"Product", product},
                                                        {"Command line", cmdline}};
    for (auto [label, field] : rows) {
      std::string v = value(field);
      if (v.empty()) continue;
      if (field == platform)
        v += fmt::format(" ({})", f5_platform_name(v));
      out += detail(fmt::format("{} = {}", label, v));
    }
  }
  if (trailer_frames_ == 0) return out;
  std::string levels;
  for (auto [on, name] : {std::pair{low_, "low"}, {medium_, "medium"}, {high_, "high"}})
    if (on) levels += levels.empty() ? name : std::string(", ") + name;
  std::string formats = dpt_ && legacy_ ? "DPT (BIG-IP 14.0+) and legacy (9.4-13.x)"
                        : dpt_          ? "DPT (BIG-IP 14.0+)"
                                        : "legacy (BIG-IP 9.4-13.x)";
  out += line("F5 trailer frames", std::to_string(trailer_frames_));
  out += line("F5 trailer format", formats);
  out += line("F5 noise levels", levels.empty() ? "none" : levels);
  out += line("F5 TLS secrets", tls_frames_ ? fmt::format("in {} frames (--f5 ssl)", tls_frames_)
                                            : std::string("none"));
  return out;
}

std::string CaptureInfo::format(const std::string& name, uint64_t file_size, FileFormat format,
                                bool gzipped, const std::vector<InterfaceInfo>& interfaces,
                                const std::vector<NameRecord>& names) const {
  std::string out;
  out += line("File name", name);
  out += line("File type", std::string(file_type(format)) + (gzipped ? " (gzip compressed)" : ""));
  bool one_linktype = per_linktype_.size() <= 1;
  uint32_t linktype = !per_linktype_.empty() ? per_linktype_.begin()->first
                      : !interfaces.empty()  ? interfaces[0].linktype
                                             : kLinkEthernet;
  out +=
      line("File encapsulation", one_linktype ? encapsulation(linktype).description : "Per packet");
  if (!one_linktype) {
    out += "Encapsulation in use by packets (# of pkts):\n";
    for (auto [lt, n] : per_linktype_)
      out += detail(fmt::format("{} ({})", encapsulation(lt).description, n));
  }
  int digits = interfaces.empty() ? 6 : precision_digits(interfaces[0]);
  bool one_precision = true;
  for (const InterfaceInfo& i : interfaces) one_precision &= precision_digits(i) == digits;
  out += one_precision
             ? fmt::format("File timestamp precision:  {} ({})\n", precision_name(digits), digits)
             : std::string("File timestamp precision:  per-packet (-1)\n");
  const bool pcap = format == FileFormat::kPcap || format == FileFormat::kPcapNsec;
  if (pcap && !interfaces.empty())
    out += line("Packet size limit", fmt::format("file hdr: {} bytes", interfaces[0].snaplen));
  else
    out += line("Packet size limit", "file hdr: (not set)");
  if (max_truncated_) {
    out += line("Packet size limit", min_truncated_ == max_truncated_
                                         ? fmt::format("inferred: {} bytes", max_truncated_)
                                         : fmt::format("inferred: {} bytes - {} bytes (range)",
                                                       min_truncated_, max_truncated_));
  }
  out += line("Number of packets", format_size(static_cast<int64_t>(packets_), "", ""));
  out += line("File size", format_size(static_cast<int64_t>(file_size), "bytes", "B"));
  out += line("Data size", format_size(static_cast<int64_t>(data_bytes_), "bytes", "B"));
  int64_t duration_ns = have_time_ ? last_.total_ns() - first_.total_ns() : 0;
  // As capinfos: the difference of the two times as doubles (which rounds short durations).
  auto seconds = [](const Timestamp& t) {
    return static_cast<double>(t.sec) + static_cast<double>(t.nsec) / 1e9;
  };
  double duration = seconds(last_) - seconds(first_);
  if (have_time_) {
    out += line("Capture duration", fmt::format("{}{} seconds", duration_ns / 1000000000,
                                                fraction(duration_ns % 1000000000, digits)));
    // Each time with its own frame's precision (interfaces of a pcapng file may differ).
    out += line("First packet time", local_time(first_, first_digits_));
    out += line("Last packet time", local_time(last_, last_digits_));
  } else {
    out += line("Capture duration", "n/a");
    out += line("First packet time", "n/a");
    out += line("Last packet time", "n/a");
  }
  double byte_rate = duration > 0 ? static_cast<double>(data_bytes_) / duration : 0;
  double packet_rate = duration > 0 ? static_cast<double>(packets_) / duration : 0;
  out += line("Data byte rate", format_size(static_cast<int64_t>(byte_rate), "bytes/s", "Bps"));
  out += line("Data bit rate", format_size(static_cast<int64_t>(byte_rate * 8), "bits/s", "bps"));
  out += line("Average packet size",
              fmt::format("{:.2f} bytes", packets_ ? static_cast<double>(data_bytes_) /
                                                         static_cast<double>(packets_)
                                                   : 0.0));
  out += line("Average packet rate",
              format_size(static_cast<int64_t>(packet_rate), "packets/s", "packets/s"));
  out += line("Strict time order", time_ordered_ ? "True" : "False");
  out += line("Number of interfaces in file", std::to_string(interfaces.size()));
  for (size_t i = 0; i < interfaces.size(); ++i) {
    const InterfaceInfo& itf = interfaces[i];
    Encapsulation e = encapsulation(itf.linktype);
    int d = precision_digits(itf);
    out += fmt::format("Interface #{} info:\n", i);
    if (!itf.name.empty()) out += detail("Name = " + itf.name);
    if (!itf.description.empty()) out += detail("Description = " + itf.description);
    out += detail(fmt::format("Encapsulation = {} ({} - {})", e.description, e.number, e.name));
    out += detail(fmt::format("Capture length = {}", itf.snaplen ? itf.snaplen : 262144));
    out += detail(fmt::format("Time precision = {} ({})", precision_name(d), d));
    uint64_t ticks = 1;
    for (int k = 0; k < d; ++k) ticks *= 10;
    out += detail(fmt::format("Time ticks per second = {}", ticks));
    if (format == FileFormat::kPcapng || format == FileFormat::kPcapNsec)
      out += detail(fmt::format("Time resolution = 0x{:02x}", itf.tsresol));
    if (itf.tsoffset) out += detail(fmt::format("Timestamp offset = {}", itf.tsoffset));
    auto n = per_interface_.find(static_cast<uint32_t>(i));
    out += detail(fmt::format("Number of packets = {}", n == per_interface_.end() ? 0 : n->second));
  }
  size_t v4 = 0, v6 = 0;
  for (const NameRecord& r : names) (r.address.size() == 4 ? v4 : v6) += 1;
  if (v4) out += fmt::format("Number of resolved IPv4 addresses in file: {}\n", v4);
  if (v6) out += fmt::format("Number of resolved IPv6 addresses in file: {}\n", v6);
  return out + f5_report();
}

}  // namespace netsift
