// Syslog (udp.port 514) as Wireshark 4.0's packet-syslog.c: the "<PRI>" priority split into
// facility and level, the message, and its header fields, read the RFC 5424 way after a "1 "
// version (ISO 8601 timestamp, host, app, process id, then the rest as message id) or the
// RFC 3164 way after a "Mmm dd hh:mm:ss " timestamp (host, process id, the rest as message id).
// The Info column and tree label are "FACILITY.LEVEL: message". Cisco's MTP3 MSUs in LOCAL0.DEBUG
// messages ("msu=<hex>") are not decoded (netsift has no MTP3).
#include <fmt/format.h>

#include <cctype>
#include <ctime>

#include "core/abs_time.h"
#include "core/field_registry.h"
#include "core/packet.h"
#include "core/text_format.h"

namespace netsift {

namespace {

constexpr uint16_t kPortSyslog = 514;
constexpr size_t kMaxPriorityDigits = 3;
constexpr uint32_t kFacilityMask = 0x03f8, kLevelMask = 0x0007;
constexpr uint32_t kBom = 0xefbbbf;
constexpr size_t kRfc3164TimestampLen = 15, kMaxProcIdScan = 32;

FieldId proto, facility, level, msg, version, timestamp, timestamp_old, hostname, appname, procid,
    msgid, msgid_utf8, msgid_bom;

constexpr ValueName kLevels[] = {
    {0, "EMERG - system is unusable"},   {1, "ALERT - action must be taken immediately"},
    {2, "CRIT - critical conditions"},   {3, "ERR - error conditions"},
    {4, "WARNING - warning conditions"}, {5, "NOTICE - normal but significant condition"},
    {6, "INFO - informational"},         {7, "DEBUG - debug-level messages"}};
constexpr ValueName kFacilities[] = {{0, "KERN - kernel messages"},
                                     {1, "USER - random user-level messages"},
                                     {2, "MAIL - mail system"},
                                     {3, "DAEMON - system daemons"},
                                     {4, "AUTH - security/authorization messages"},
                                     {5, "SYSLOG - messages generated internally by syslogd"},
                                     {6, "LPR - line printer subsystem"},
                                     {7, "NEWS - network news subsystem"},
                                     {8, "UUCP - UUCP subsystem"},
                                     {9, "CRON - clock daemon (BSD, Linux)"},
                                     {10, "AUTHPRIV - security/authorization messages (private)"},
                                     {11, "FTP - ftp daemon"},
                                     {12, "NTP - ntp subsystem"},
                                     {13, "LOGAUDIT - log audit"},
                                     {14, "LOGALERT - log alert"},
                                     {15, "CRON - clock daemon (Solaris)"},
                                     {16, "LOCAL0 - reserved for local use"},
                                     {17, "LOCAL1 - reserved for local use"},
                                     {18, "LOCAL2 - reserved for local use"},
                                     {19, "LOCAL3 - reserved for local use"},
                                     {20, "LOCAL4 - reserved for local use"},
                                     {21, "LOCAL5 - reserved for local use"},
                                     {22, "LOCAL6 - reserved for local use"},
                                     {23, "LOCAL7 - reserved for local use"}};
constexpr const char* kShortLevels[] = {"EMERG",   "ALERT",  "CRIT", "ERR",
                                        "WARNING", "NOTICE", "INFO", "DEBUG"};
constexpr const char* kShortFacilities[] = {
    "KERN",   "USER",   "MAIL",     "DAEMON", "AUTH",   "SYSLOG",   "LPR",      "NEWS",
    "UUCP",   "CRON",   "AUTHPRIV", "FTP",    "NTP",    "LOGAUDIT", "LOGALERT", "CRON",
    "LOCAL0", "LOCAL1", "LOCAL2",   "LOCAL3", "LOCAL4", "LOCAL5",   "LOCAL6",   "LOCAL7"};

using FT = FieldType;
const FieldReg kFields[] = {
    {&facility,
     {.name = "Facility",
      .abbrev = "syslog.facility",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kFacilities,
      .bitmask = kFacilityMask,
      .blurb = "Message facility"}},
    {&level,
     {.name = "Level",
      .abbrev = "syslog.level",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kLevels,
      .bitmask = kLevelMask,
      .blurb = "Message level"}},
    {&msg,
     {.name = "Message", .abbrev = "syslog.msg", .type = FT::kString, .blurb = "Message Text"}},
    {&version, {.name = "Syslog version", .abbrev = "syslog.version", .type = FT::kString}},
    {&timestamp,
     {.name = "Syslog timestamp",
      .abbrev = "syslog.timestamp",
      .type = FT::kAbsTime,
      .base = Base::kAbsUtc}},
    {&timestamp_old,
     {.name = "Syslog timestamp (RFC3164)",
      .abbrev = "syslog.timestamp_rfc3164",
      .type = FT::kString}},
    {&hostname, {.name = "Syslog hostname", .abbrev = "syslog.hostname", .type = FT::kString}},
    {&appname,
     {.name = "Syslog app name",
      .abbrev = "syslog.appname",
      .type = FT::kString,
      .blurb = "The name of the app that generated this message"}},
    {&procid, {.name = "Syslog process id", .abbrev = "syslog.procid", .type = FT::kString}},
    {&msgid, {.name = "Syslog message id", .abbrev = "syslog.msgid", .type = FT::kString}},
    {&msgid_utf8, {.name = "Syslog message id", .abbrev = "syslog.msgid", .type = FT::kString}},
    {&msgid_bom,
     {.name = "Syslog BOM", .abbrev = "syslog.msgid.bom", .type = FT::kUint24, .base = Base::kHex}},
};

// sscanf's "%Nu": optional white space and '+', then at most `width` digits (0: any number,
// kept modulo 2^32 as an unsigned int is). Returns false when no digit follows.
bool scan_uint(std::string_view s, size_t& pos, size_t width, uint32_t& out,
               size_t* digits = nullptr) {
  size_t p = pos;
  while (p < s.size() && std::isspace(static_cast<unsigned char>(s[p]))) ++p;
  if (p < s.size() && s[p] == '+') ++p;
  uint64_t v = 0;
  size_t n = 0;
  while (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p])) &&
         (width == 0 || n < width)) {
    if (v < (uint64_t{1} << 40)) v = v * 10 + static_cast<uint64_t>(s[p] - '0');
    ++p;
    ++n;
  }
  if (n == 0) return false;
  out = static_cast<uint32_t>(v);
  if (digits) *digits = p - pos;
  pos = p;
  return true;
}

// sscanf's "%Nd" (the sign counts toward the width).
bool scan_int(std::string_view s, size_t& pos, size_t width, int& out) {
  size_t p = pos;
  while (p < s.size() && std::isspace(static_cast<unsigned char>(s[p]))) ++p;
  bool negative = false;
  size_t used = 0;
  if (p < s.size() && (s[p] == '+' || s[p] == '-')) {
    negative = s[p] == '-';
    ++p;
    ++used;
  }
  int v = 0, n = 0;
  while (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p])) && used < width) {
    v = v * 10 + (s[p] - '0');
    ++p;
    ++used;
    ++n;
  }
  if (n == 0) return false;
  out = negative ? -v : v;
  pos = p;
  return true;
}

// Wireshark's tm_is_valid, including its leap-year test on years since 1900.
bool tm_is_valid(const struct tm& tm) {
  constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  auto leap = [](int y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); };
  if (tm.tm_mon < 0 || tm.tm_mon > 11) return false;
  if (tm.tm_mday < 0 || tm.tm_mday > ((tm.tm_mon == 1 && leap(tm.tm_year)) ? 29 : kDays[tm.tm_mon]))
    return false;
  return tm.tm_hour >= 0 && tm.tm_hour <= 23 && tm.tm_min >= 0 && tm.tm_min <= 59 &&
         tm.tm_sec >= 0 && tm.tm_sec <= 60;
}

// An ISO 8601 date and time in the extended format (Wireshark's iso8601_to_nstime with
// ISO8601_DATETIME): nanoseconds since the epoch, or kUnsetAbsTime when it does not parse.
int64_t parse_iso8601(std::string_view s) {
  size_t pos = 0;
  while (pos < s.size() && s[pos] == ' ') ++pos;
  struct tm tm {};
  tm.tm_isdst = -1;
  for (int i = 0; i < 4; ++i, ++pos) {
    if (pos >= s.size() || !std::isdigit(static_cast<unsigned char>(s[pos]))) return kUnsetAbsTime;
    tm.tm_year = tm.tm_year * 10 + (s[pos] - '0');
  }
  if (pos >= s.size() || s[pos] != '-') return kUnsetAbsTime;
  ++pos;
  tm.tm_year -= 1900;
  uint32_t mon = 0, mday = 0, hour = 0, min = 0, sec = 0, frac = 0;
  if (!scan_uint(s, pos, 2, mon) || pos >= s.size() || s[pos++] != '-' ||
      !scan_uint(s, pos, 2, mday))
    return kUnsetAbsTime;
  tm.tm_mon = static_cast<int>(mon) - 1;
  tm.tm_mday = static_cast<int>(mday);
  if (pos >= s.size() || (s[pos] != 'T' && s[pos] != ' ')) return kUnsetAbsTime;
  ++pos;
  if (!scan_uint(s, pos, 2, hour) || pos >= s.size() || s[pos++] != ':' ||
      !scan_uint(s, pos, 2, min))
    return kUnsetAbsTime;
  tm.tm_hour = static_cast<int>(hour);
  tm.tm_min = static_cast<int>(min);
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!scan_uint(s, pos, 2, sec)) return kUnsetAbsTime;
    tm.tm_sec = static_cast<int>(sec);
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      size_t chars = 0;
      if (scan_uint(s, pos, 0, frac, &chars)) {
        if (frac >= 1000000000 || frac == 0) {
          frac = 0;
        } else {
          for (size_t n = chars; n < 9; ++n) frac *= 10;  // leading zeros count as digits
        }
      }
    }
  }
  if (!tm_is_valid(tm)) return kUnsetAbsTime;
  char sign = pos < s.size() ? s[pos] : '\0';
  int off_hr = 0, off_min = 0;
  bool have_offset = false;
  if (sign == 'Z') {
    have_offset = true;
  } else if (sign == '+' || sign == '-') {
    if (scan_int(s, pos, 3, off_hr)) {
      have_offset = true;
      size_t p = pos;
      if (p < s.size() && s[p] == ':') ++p;
      if (scan_int(s, p, 2, off_min)) pos = p;
    }
  }
  int64_t secs;
  if (have_offset) {
    secs = timegm(&tm);
    if (sign == '+')
      secs -= off_hr * 3600 + off_min * 60;
    else if (sign == '-')
      secs += -off_hr * 3600 + off_min * 60;
  } else {
    secs = mktime(&tm);  // no offset: local time, as ISO 8601 says
  }
  return secs * 1000000000 + frac;
}

std::string_view text_at(const ByteReader& r, size_t off, size_t len) {
  return {reinterpret_cast<const char*>(r.ptr(off, len)), len};
}

// A string field read as ASCII (tshark's ENC_ASCII): up to a NUL, each byte above 0x7f a
// replacement character.
void add_ascii(Packet& pkt, int tree, FieldId f, const ByteReader& r, size_t off, size_t len) {
  std::string_view raw = text_at(r, off, len);
  std::string text;
  for (char c : raw) {
    if (c == '\0') break;
    if (static_cast<unsigned char>(c) < 0x80)
      text.push_back(c);
    else
      text.append("\uFFFD");
  }
  std::string_view copy = pkt.arena.copy(text);
  pkt.tree.add(tree, f, r, off, len,
               Value::of_bytes(reinterpret_cast<const uint8_t*>(copy.data()), copy.size()));
}

// dissect_syslog_info: a field up to the next space; false when no space follows.
bool add_word(Packet& pkt, int tree, const ByteReader& r, size_t& off, FieldId f) {
  size_t end = off;
  while (end < r.size() && r.u8(end) != ' ') ++end;
  if (end >= r.size()) return false;
  add_ascii(pkt, tree, f, r, off, end - off);
  off = end + 1;
  return true;
}

// RFC 5424: VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP, then the rest.
void add_rfc5424(Packet& pkt, int tree, const ByteReader& r, size_t off) {
  if (!add_word(pkt, tree, r, off, version)) return;
  size_t end = off;
  while (end < r.size() && r.u8(end) != ' ') ++end;
  if (end >= r.size()) return;
  if (end != off)
    pkt.tree.add(tree, timestamp, r, off, end - off,
                 Value::of_int(parse_iso8601(text_at(r, off, end - off))));
  off = end + 1;
  if (!add_word(pkt, tree, r, off, hostname) || !add_word(pkt, tree, r, off, appname) ||
      !add_word(pkt, tree, r, off, procid))
    return;
  if (r.u24(off) == kBom) {
    pkt.add_item(tree, msgid_bom, r, off, 3);
    off += 3;
    pkt.add_item(tree, msgid_utf8, r, off, r.reported_remaining(off));
  } else {
    add_ascii(pkt, tree, msgid, r, off, r.reported_remaining(off));
  }
}

// RFC 3164: "Mmm dd hh:mm:ss " HOSTNAME SP, an alphanumeric process id, then the rest.
void add_rfc3164(Packet& pkt, int tree, const ByteReader& r, size_t off) {
  if (r.u8(off + 3) != ' ' || r.u8(off + 6) != ' ' || r.u8(off + 9) != ':' ||
      r.u8(off + 12) != ':' || r.u8(off + 15) != ' ')
    return;
  add_ascii(pkt, tree, timestamp_old, r, off, kRfc3164TimestampLen);
  off += kRfc3164TimestampLen + 1;
  if (!add_word(pkt, tree, r, off, hostname)) return;
  // The scan reads up to 32 bytes whatever the message's length, as tshark's does.
  for (size_t i = off; i < off + kMaxProcIdScan; ++i) {
    if (!std::isalnum(r.u8(i))) {
      add_ascii(pkt, tree, procid, r, off, i - off);
      off = i;
      break;
    }
  }
  add_ascii(pkt, tree, msgid, r, off, r.reported_remaining(off));
}

size_t dissect_syslog(const ByteReader& r, Packet& pkt, int parent) {
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("Syslog");
    pkt.cols.set_info("");
  }
  size_t msg_off = 0;
  int pri = -1;
  if (r.u8(0) == '<') {
    msg_off = 1;
    pri = 0;
    while (r.has(msg_off, 1) && std::isdigit(r.u8(msg_off)) && msg_off <= kMaxPriorityDigits) {
      pri = pri * 10 + (r.u8(msg_off) - '0');
      ++msg_off;
    }
    if (r.u8(msg_off) == '>') ++msg_off;
  }
  r.need(msg_off, 0);
  size_t msg_len = r.remaining(msg_off);
  std::string text;
  append_formatted_text(text, text_at(r, msg_off, msg_len));
  std::string summary;
  if (pri >= 0) {
    unsigned fac = (static_cast<unsigned>(pri) & kFacilityMask) >> 3, lev = pri & kLevelMask;
    summary = fmt::format("{}.{}: {}",
                          fac < std::size(kShortFacilities) ? kShortFacilities[fac] : "UNKNOWN",
                          kShortLevels[lev], text);
  }
  if (pkt.cols.enabled) pkt.cols.set_info(pri >= 0 ? summary : text);
  int tree = pkt.add_protocol(parent, proto, r, 0, r.size());
  if (pkt.labels)
    pkt.set_label(tree, "Syslog message: " + (pri >= 0 ? summary : "(unknown): " + text));
  if (pri >= 0) {
    pkt.add_uint(tree, facility, r, 0, msg_off, (static_cast<unsigned>(pri) & kFacilityMask) >> 3);
    pkt.add_uint(tree, level, r, 0, msg_off, pri & kLevelMask);
  }
  int m = pkt.add_item(tree, msg, r, msg_off, msg_len);
  // tshark reads the header fields only when it builds a tree: a summary run neither shows
  // them nor meets the exceptions they can raise.
  if (!pkt.tree.wants(msg)) return r.reported_size();
  if (msg_len > 2 && r.u16(msg_off) == 0x3120)  // "1 ": RFC 5424's version
    add_rfc5424(pkt, m, r, msg_off);
  else if (msg_len > kRfc3164TimestampLen)
    add_rfc3164(pkt, m, r, msg_off);
  return r.reported_size();
}

}  // namespace

void register_syslog() {
  FieldRegistry& reg = registry();
  proto = reg.add_protocol({"Syslog message", "Syslog", "syslog"});
  reg.add_fields(proto, kFields);
  tables::udp_port().add(kPortSyslog, dissect_syslog, "syslog");
}

}  // namespace netsift
