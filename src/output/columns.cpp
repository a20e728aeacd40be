#include "output/columns.h"
#include "core/append_format.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <ctime>

#include "core/address_format.h"
#include "core/column_prefs.h"
#include "core/field_registry.h"
#include "core/session.h"
#include "output/label_format.h"
#include "output/time_format.h"

namespace netsift {

namespace {

// Numbers in every summary line: digits appended directly, no format string parsed.
void append_decimal(std::string& out, uint64_t v) {
  fmt::format_int digits(v);
  out.append(digits.data(), digits.size());
}

struct NamedTimeDisplay {
  std::string_view name;
  TimeDisplay display;
};
constexpr NamedTimeDisplay kTimeDisplays[] = {
    {"a", TimeDisplay::kAbsolute},        {"ad", TimeDisplay::kAbsoluteDate},
    {"adoy", TimeDisplay::kAbsoluteDoy},  {"d", TimeDisplay::kDelta},
    {"dd", TimeDisplay::kDeltaDisplayed}, {"e", TimeDisplay::kEpoch},
    {"r", TimeDisplay::kRelative},        {"u", TimeDisplay::kUtc},
    {"ud", TimeDisplay::kUtcDate},        {"udoy", TimeDisplay::kUtcDoy},
};

// "1h  2m  3.000000s" style (Wireshark's hours-minutes-seconds display of a time difference).
void append_hms(std::string& out, int64_t ns, int digits) {
  if (ns < 0) out.append("- ");  // tshark separates the sign here
  uint64_t mag = ns < 0 ? 0 - static_cast<uint64_t>(ns) : static_cast<uint64_t>(ns);
  uint64_t secs = mag / 1000000000;
  uint64_t rest_ns = mag % 1000000000;
  std::string seconds;
  append_relative_time(seconds, static_cast<int64_t>(secs % 60 * 1000000000 + rest_ns), digits);
  if (secs >= 3600)
    append_format(out, "{}h {:>2}m {:>{}}s", secs / 3600, secs / 60 % 60,
                   seconds, digits > 0 ? digits + 3 : 2);
  else if (secs >= 60)
    append_format(out, "{}m {:>{}}s", secs / 60, seconds,
                   digits > 0 ? digits + 3 : 2);
  else
    append_format(out, "{}s", seconds);
}

void append_difference(std::string& out, int64_t ns, int digits, bool hms) {
  if (hms)
    append_hms(out, ns, digits);
  else
    append_relative_time(out, ns, digits);
}

// Wall-clock time of the frame, in local time or UTC, with the date as the display asks.
void append_clock_time(std::string& out, const Timestamp& ts, int digits, TimeDisplay d) {
  bool utc = d == TimeDisplay::kUtc || d == TimeDisplay::kUtcDate || d == TimeDisplay::kUtcDoy;
  std::time_t secs = static_cast<std::time_t>(ts.sec);
  std::tm tm{};
  if (!(utc ? gmtime_r(&secs, &tm) : localtime_r(&secs, &tm))) {
    out.append("Not representable");
    return;
  }
  if (d == TimeDisplay::kAbsoluteDate || d == TimeDisplay::kUtcDate)
    append_format(out, "{:04}-{:02}-{:02} ", tm.tm_year + 1900, tm.tm_mon + 1,
                   tm.tm_mday);
  else if (d == TimeDisplay::kAbsoluteDoy || d == TimeDisplay::kUtcDoy)
    append_format(out, "{:04}/{:03} ", tm.tm_year + 1900, tm.tm_yday + 1);
  append_format(out, "{:02}:{:02}:{:02}", tm.tm_hour, tm.tm_min, tm.tm_sec);
  if (digits > 0) {
    uint32_t frac = ts.nsec;
    for (int i = digits; i < 9; ++i) frac /= 10;
    append_format(out, ".{:0{}}", frac, digits);
  }
}

void append_time(std::string& out, const Packet& pkt, TimeDisplay display) {
  const Session& s = *pkt.session;
  const CapturedFrame& f = *pkt.frame;
  int digits = f.ts_precision;
  bool hms = s.display.time_hms;
  switch (display) {
    case TimeDisplay::kRelative: {
      uint64_t rel = static_cast<uint64_t>(f.ts.total_ns()) -
                     static_cast<uint64_t>(s.timing.first.total_ns());  // wraps on damaged times
      append_difference(out, static_cast<int64_t>(rel), digits, hms);
      break;
    }
    case TimeDisplay::kDelta:
      append_difference(out, pkt.delta_ns, digits, hms);
      break;
    case TimeDisplay::kDeltaDisplayed:
      append_difference(out, pkt.delta_displayed_ns, digits, hms);
      break;
    case TimeDisplay::kEpoch:
      append_relative_time(out, f.ts.total_ns(), digits);
      break;
    default:
      append_clock_time(out, f.ts, digits, display);
  }
}

// A port column: the service name when ports are resolved and it has one, else the number.
void append_port(std::string& out, const Packet& pkt, uint16_t port, bool unresolved) {
  if (pkt.port_type == PortType::kNone) return;
  const Session& s = *pkt.session;
  bool tcp = pkt.port_type == PortType::kTcp;
  const char* name = nullptr;
  if (!unresolved && s.resolve.transport)
    name = tcp ? s.names.tcp_port_name(port) : s.names.udp_port_name(port);
  if (name)
    out.append(name);
  else
    append_decimal(out, port);
}

void append_addr(std::string& out, const Packet& pkt, const Address& a, bool unresolved) {
  const Session& s = *pkt.session;
  static const NameResolutionFlags kNone{false, false, false, false, false};
  append_address(out, a, s.names, unresolved ? kNone : s.resolve);
}

// The values of a custom column's fields, in the order the fields are written and, for each,
// in tree order; then the occurrence it asks for.
void append_custom(std::string& out, const Packet& pkt, const ColumnSpec& c) {
  std::vector<const Node*> found;
  for (const std::vector<FieldId>& ids : c.fields)
    for (const Node& n : pkt.tree.nodes())
      if (std::find(ids.begin(), ids.end(), n.field) != ids.end()) found.push_back(&n);
  size_t first = 0, last = found.size();
  if (c.occurrence > 0) {
    if (static_cast<size_t>(c.occurrence) > found.size()) return;
    first = static_cast<size_t>(c.occurrence) - 1;
    last = first + 1;
  } else if (c.occurrence < 0) {
    if (static_cast<size_t>(-c.occurrence) > found.size()) return;
    first = found.size() - static_cast<size_t>(-c.occurrence);
    last = first + 1;
  }
  for (size_t i = first; i < last; ++i) {
    if (i != first) out.push_back(',');
    append_custom_value(out, pkt, *found[i], !c.unresolved);
  }
}

struct ColumnFormat {
  std::string_view code;
  Column column;
  bool unresolved = false;
  std::optional<TimeDisplay> time = std::nullopt;
  bool padded_time = false;
};
const ColumnFormat kFormats[] = {
    {"%m", Column::kNumber},
    {"%t", Column::kTime, false, std::nullopt, true},
    {"%Rt", Column::kTime, false, TimeDisplay::kRelative, true},
    {"%At", Column::kTime, false, TimeDisplay::kAbsolute, true},
    {"%Yt", Column::kTime, false, TimeDisplay::kAbsoluteDate, true},
    {"%YDOYt", Column::kTime, false, TimeDisplay::kAbsoluteDoy, true},
    {"%Aut", Column::kTime, false, TimeDisplay::kUtc, true},
    {"%Yut", Column::kTime, false, TimeDisplay::kUtcDate, true},
    {"%YDOYut", Column::kTime, false, TimeDisplay::kUtcDoy, true},
    {"%Tt", Column::kTime, false, TimeDisplay::kDelta, false},
    {"%Gt", Column::kTime, false, TimeDisplay::kDeltaDisplayed, false},
    {"%s", Column::kSource},
    {"%rs", Column::kSource},
    {"%us", Column::kSource, true},
    {"%d", Column::kDestination},
    {"%rd", Column::kDestination},
    {"%ud", Column::kDestination, true},
    {"%hs", Column::kLinkSource},
    {"%rhs", Column::kLinkSource},
    {"%uhs", Column::kLinkSource, true},
    {"%hd", Column::kLinkDestination},
    {"%rhd", Column::kLinkDestination},
    {"%uhd", Column::kLinkDestination, true},
    {"%ns", Column::kNetworkSource},
    {"%rns", Column::kNetworkSource},
    {"%uns", Column::kNetworkSource, true},
    {"%nd", Column::kNetworkDestination},
    {"%rnd", Column::kNetworkDestination},
    {"%und", Column::kNetworkDestination, true},
    {"%S", Column::kSourcePort},
    {"%rS", Column::kSourcePort},
    {"%uS", Column::kSourcePort, true},
    {"%D", Column::kDestinationPort},
    {"%rD", Column::kDestinationPort},
    {"%uD", Column::kDestinationPort, true},
    {"%p", Column::kProtocol},
    {"%L", Column::kLength},
    {"%i", Column::kInfo},
};

}  // namespace

bool is_column_format(std::string_view code) {
  for (const ColumnFormat& f : kFormats)
    if (f.code == code) return true;
  return false;
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// "%Cus:tcp.srcport || udp.srcport:2:U": the fields (joined by "||" or "or"), the occurrence
// and R (resolved, the default) or U.
void parse_custom(std::string_view spec, ColumnSpec& c) {
  c.column = Column::kCustom;
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    size_t colon = spec.find(':', start);
    parts.push_back(spec.substr(start, colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  if (parts.size() > 1) {
    std::string_view occ = trim(parts[1]);
    int v = 0;
    std::from_chars(occ.data(), occ.data() + occ.size(), v);
    c.occurrence = v;
  }
  if (parts.size() > 2) c.unresolved = trim(parts[2]) == "U";
  std::string_view names = parts[0];
  while (!names.empty()) {
    size_t bars = names.find("||"), word = names.find(" or ");
    size_t cut = std::min(bars, word);
    std::string_view name = trim(names.substr(0, cut));
    names = cut == std::string_view::npos ? std::string_view{}
                                          : names.substr(cut + (cut == bars ? 2 : 4));
    std::vector<FieldId> ids;
    for (FieldId id = registry().find(std::string(name)); id != kNoField;
         id = registry().info(id).same_name_next)
      ids.push_back(id);
    if (!ids.empty()) c.fields.push_back(std::move(ids));
  }
}

}  // namespace

ColumnLayout column_layout(const PrefStore& prefs) {
  const std::vector<std::string>& list = prefs.get(column_prefs::format);
  ColumnLayout layout;
  for (size_t i = 0; i + 1 < list.size(); i += 2) {
    ColumnSpec c;
    c.title = list[i];
    std::string_view code = list[i + 1];
    constexpr std::string_view kCustom = "%Cus:";
    if (code.starts_with(kCustom)) {
      parse_custom(code.substr(kCustom.size()), c);
    } else {
      for (const ColumnFormat& f : kFormats)
        if (f.code == code) {
          c.column = f.column;
          c.unresolved = f.unresolved;
          c.time = f.time;
          c.padded_time = f.padded_time;
        }
    }
    layout.push_back(std::move(c));
  }
  return layout;
}

ColumnLayout default_column_layout() {
  return column_layout(PrefStore{});
}

const ColumnSpec* column_by_title(const ColumnLayout& layout, std::string_view title) {
  for (const ColumnSpec& c : layout)
    if (c.title == title) return &c;
  return nullptr;
}

std::vector<FieldId> custom_column_fields(const ColumnLayout& layout) {
  std::vector<FieldId> out;
  for (const ColumnSpec& c : layout)
    for (const std::vector<FieldId>& ids : c.fields) out.insert(out.end(), ids.begin(), ids.end());
  return out;
}

void append_column(std::string& out, const Packet& pkt, const ColumnSpec& c) {
  const Session& s = *pkt.session;
  switch (c.column) {
    case Column::kNumber:
      append_decimal(out, pkt.number);
      break;
    case Column::kTime:
      append_time(out, pkt, c.time.value_or(s.display.time_display));
      break;
    case Column::kSource:
      append_addr(out, pkt, pkt.src, c.unresolved);
      break;
    case Column::kDestination:
      append_addr(out, pkt, pkt.dst, c.unresolved);
      break;
    case Column::kLinkSource:
      append_addr(out, pkt, pkt.dl_src, c.unresolved);
      break;
    case Column::kLinkDestination:
      append_addr(out, pkt, pkt.dl_dst, c.unresolved);
      break;
    case Column::kNetworkSource:
      append_addr(out, pkt, pkt.net_src, c.unresolved);
      break;
    case Column::kNetworkDestination:
      append_addr(out, pkt, pkt.net_dst, c.unresolved);
      break;
    case Column::kSourcePort:
      append_port(out, pkt, pkt.src_port, c.unresolved);
      break;
    case Column::kDestinationPort:
      append_port(out, pkt, pkt.dst_port, c.unresolved);
      break;
    case Column::kProtocol:
      out.append(pkt.cols.protocol);
      break;
    case Column::kLength:
      append_decimal(out, pkt.frame->len);
      break;
    case Column::kInfo: {
      // tshark's Info column holds at most COL_MAX_INFO_LEN - 1 bytes (a very long HTTP line).
      constexpr size_t kMaxInfo = 4095;
      std::string_view info = pkt.cols.info;
      if (info.size() > kMaxInfo) {
        size_t cut = kMaxInfo;
        while (cut > 0 && (static_cast<unsigned char>(info[cut]) & 0xc0) == 0x80) --cut;
        info = info.substr(0, cut);
      }
      out.append(info);
      break;
    }
    case Column::kCustom:
      append_custom(out, pkt, c);
      break;
    case Column::kOther:
      break;
  }
}

bool parse_time_display(std::string_view arg, TimeDisplay& out) {
  for (const NamedTimeDisplay& t : kTimeDisplays)
    if (t.name == arg) {
      out = t.display;
      return true;
    }
  return false;
}

bool parse_seconds_display(std::string_view arg, bool& hms) {
  if (arg != "s" && arg != "hms") return false;
  hms = arg == "hms";
  return true;
}

}  // namespace netsift
