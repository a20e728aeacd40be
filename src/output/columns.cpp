#include "output/columns.h"

#include <fmt/format.h>

#include <ctime>

#include "core/address_format.h"
#include "core/session.h"
#include "output/time_format.h"

namespace netsift {

namespace {

struct TitledColumn {
  std::string_view title;
  Column column;
};
constexpr TitledColumn kTitles[] = {
    {"No.", Column::kNumber},        {"Time", Column::kTime},
    {"Source", Column::kSource},     {"Destination", Column::kDestination},
    {"Protocol", Column::kProtocol}, {"Length", Column::kLength},
    {"Info", Column::kInfo},
};

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
    fmt::format_to(std::back_inserter(out), "{}h {:>2}m {:>{}}s", secs / 3600, secs / 60 % 60,
                   seconds, digits > 0 ? digits + 3 : 2);
  else if (secs >= 60)
    fmt::format_to(std::back_inserter(out), "{}m {:>{}}s", secs / 60, seconds,
                   digits > 0 ? digits + 3 : 2);
  else
    fmt::format_to(std::back_inserter(out), "{}s", seconds);
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
    fmt::format_to(std::back_inserter(out), "{:04}-{:02}-{:02} ", tm.tm_year + 1900, tm.tm_mon + 1,
                   tm.tm_mday);
  else if (d == TimeDisplay::kAbsoluteDoy || d == TimeDisplay::kUtcDoy)
    fmt::format_to(std::back_inserter(out), "{:04}/{:03} ", tm.tm_year + 1900, tm.tm_yday + 1);
  fmt::format_to(std::back_inserter(out), "{:02}:{:02}:{:02}", tm.tm_hour, tm.tm_min, tm.tm_sec);
  if (digits > 0) {
    uint32_t frac = ts.nsec;
    for (int i = digits; i < 9; ++i) frac /= 10;
    fmt::format_to(std::back_inserter(out), ".{:0{}}", frac, digits);
  }
}

void append_time(std::string& out, const Packet& pkt) {
  const Session& s = *pkt.session;
  const CapturedFrame& f = *pkt.frame;
  int digits = f.ts_precision;
  bool hms = s.display.time_hms;
  switch (s.display.time_display) {
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
      append_clock_time(out, f.ts, digits, s.display.time_display);
  }
}

}  // namespace

std::optional<Column> column_by_title(std::string_view title) {
  for (const TitledColumn& t : kTitles)
    if (t.title == title) return t.column;
  return std::nullopt;
}

void append_column(std::string& out, const Packet& pkt, Column c) {
  const Session& s = *pkt.session;
  switch (c) {
    case Column::kNumber:
      fmt::format_to(std::back_inserter(out), "{}", pkt.number);
      break;
    case Column::kTime:
      append_time(out, pkt);
      break;
    case Column::kSource:
      append_address(out, pkt.src, s.names, s.resolve);
      break;
    case Column::kDestination:
      append_address(out, pkt.dst, s.names, s.resolve);
      break;
    case Column::kProtocol:
      out.append(pkt.cols.protocol);
      break;
    case Column::kLength:
      fmt::format_to(std::back_inserter(out), "{}", pkt.frame->len);
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
