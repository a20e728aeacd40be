// Network Time Protocol (RFC 5905; RFC 1305 for versions 1-3, udp.port 123): the header of the
// time-exchange modes (1-5), its extension fields (RFC 7822) and MAC, as tshark 4.0's
// packet-ntp.c shows them. Control (mode 6) and private (mode 7) messages show only their flags
// octet; their bodies are not dissected.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/field_registry.h"
#include "core/packet.h"
#include "core/text_format.h"

namespace netsift {

namespace {

constexpr uint16_t kPortNtp = 123;
constexpr size_t kHeaderLen = 48;
constexpr size_t kMinExtensionLen = 16;  // RFC 7822: extension fields are at least 16 octets
constexpr uint8_t kModeControl = 6, kModePrivate = 7;

FieldId proto, flags, flags_li, flags_vn, flags_mode, stratum, ppoll, precision, rootdelay,
    rootdispersion, refid, reftime, org, rec, xmt, keyid, mac, ext, ext_type, ext_length, ext_value;

constexpr ValueName kLeapIndicators[] = {{0, "no warning"},
                                         {1, "last minute of the day has 61 seconds"},
                                         {2, "last minute of the day has 59 seconds"},
                                         {3, "unknown (clock unsynchronized)"}};
constexpr ValueName kVersions[] = {{0, "reserved"},      {1, "NTP Version 1"}, {2, "NTP Version 2"},
                                   {3, "NTP Version 3"}, {4, "NTP Version 4"}, {5, "reserved"},
                                   {6, "reserved"},      {7, "reserved"}};
constexpr ValueName kModes[] = {{0, "reserved"},
                                {1, "symmetric active"},
                                {2, "symmetric passive"},
                                {3, "client"},
                                {4, "server"},
                                {5, "broadcast"},
                                {6, "reserved for NTP control message"},
                                {7, "reserved for private use"}};
// The Info column's shorter names for modes 6 and 7.
constexpr const char* kInfoModes[] = {"reserved", "symmetric active", "symmetric passive",
                                      "client",   "server",           "broadcast",
                                      "control",  "private"};
constexpr RangeName kStrata[] = {{0, 0, "unspecified or invalid"},
                                 {1, 1, "primary reference"},
                                 {2, 15, "secondary reference"},
                                 {16, 16, "unsynchronized"},
                                 {17, 255, "reserved"}};
constexpr ValueName kExtensionTypes[] = {
    {0x0002, "No-Operation Request"},
    {0x0102, "Association Message Request"},
    {0x0104, "Unique Identifier"},
    {0x0202, "Certificate Message Request"},
    {0x0204, "NTS Cookie"},
    {0x0302, "Cookie Message Request"},
    {0x0304, "NTS Cookie Placeholder"},
    {0x0402, "Autokey Message Request"},
    {0x0404, "NTS Authenticator and Encrypted Extension Fields"},
    {0x0502, "Leapseconds Message Request"},
    {0x0602, "Sign Message Request"},
    {0x0702, "IFF Identity Message Request"},
    {0x0802, "GQ Identity Message Request"},
    {0x0902, "MV Identity Message Request"},
    {0x2005, "Checksum Complement"},
    {0x8002, "No-Operation Response"},
    {0x8102, "Association Message Response"},
    {0x8202, "Certificate Message Response"},
    {0x8302, "Cookie Message Response"},
    {0x8402, "Autokey Message Response"},
    {0x8502, "Leapseconds Message Response"},
    {0x8602, "Sign Message Response"},
    {0x8702, "IFF Identity Message Response"},
    {0x8802, "GQ Identity Message Response"},
    {0x8902, "MV Identity Message Response"},
    {0xc002, "No-Operation Error Response"},
    {0xc102, "Association Message Error Response"},
    {0xc202, "Certificate Message Error Response"},
    {0xc302, "Cookie Message Error Response"},
    {0xc402, "Autokey Message Error Response"},
    {0xc502, "Leapseconds Message Error Response"},
    {0xc602, "Sign Message Error Response"},
    {0xc702, "IFF Identity Message Error Response"},
    {0xc802, "GQ Identity Message Error Response"},
    {0xc902, "MV Identity Message Error Response"},
};

// Reference IDs of stratum 0 and 1 servers (RFC 5905 and common unofficial codes).
struct ReferenceSource {
  char id[4];
  const char* name;
};
constexpr ReferenceSource kReferenceSources[] = {
    {{'G', 'O', 'E', 'S'}, "Geostationary Orbit Environment Satellite"},
    {{'G', 'P', 'S', 0}, "Global Position System"},
    {{'G', 'A', 'L', 0}, "Galileo Positioning System"},
    {{'P', 'P', 'S', 0}, "Generic pulse-per-second"},
    {{'I', 'R', 'I', 'G'}, "Inter-Range Instrumentation Group"},
    {{'W', 'W', 'V', 'B'}, "LF Radio WWVB Ft. Collins, CO 60 kHz"},
    {{'D', 'C', 'F', 0}, "LF Radio DCF77 Mainflingen, DE 77.5 kHz"},
    {{'H', 'B', 'G', 0}, "LF Radio HBG Prangins, HB 75 kHz"},
    {{'M', 'S', 'F', 0}, "LF Radio MSF Anthorn, UK 60 kHz"},
    {{'J', 'J', 'Y', 0}, "LF Radio JJY Fukushima, JP 40 kHz, Saga, JP 60 kHz"},
    {{'L', 'O', 'R', 'C'}, "MF Radio LORAN C station, 100 kHz"},
    {{'T', 'D', 'F', 0}, "MF Radio Allouis, FR 162 kHz"},
    {{'C', 'H', 'U', 0}, "HF Radio CHU Ottawa, Ontario"},
    {{'W', 'W', 'V', 0}, "HF Radio WWV Ft. Collins, CO"},
    {{'W', 'W', 'V', 'H'}, "HF Radio WWVH Kauai, HI"},
    {{'N', 'I', 'S', 'T'}, "NIST telephone modem"},
    {{'A', 'C', 'T', 'S'}, "NIST telephone modem"},
    {{'U', 'S', 'N', 'O'}, "USNO telephone modem"},
    {{'P', 'T', 'B', 0}, "European telephone modem"},
    {{'L', 'O', 'C', 'L'}, "uncalibrated local clock"},
    {{'C', 'E', 'S', 'M'}, "calibrated Cesium clock"},
    {{'R', 'B', 'D', 'M'}, "calibrated Rubidium clock"},
    {{'O', 'M', 'E', 'G'}, "OMEGA radionavigation system"},
    {{'D', 'C', 'N', 0}, "DCN routing protocol"},
    {{'T', 'S', 'P', 0}, "TSP time protocol"},
    {{'D', 'T', 'S', 0}, "Digital Time Service"},
    {{'A', 'T', 'O', 'M'}, "Atomic clock (calibrated)"},
    {{'V', 'L', 'F', 0}, "VLF radio (OMEGA,, etc.)"},
    {{'1', 'P', 'P', 'S'}, "External 1 PPS input"},
    {{'F', 'R', 'E', 'E'}, "(Internal clock)"},
    {{'I', 'N', 'I', 'T'}, "(Initialization)"},
    {{0, 0, 0, 0}, "NULL"},
};

using FT = FieldType;
const FieldReg kFields[] = {
    {&flags,
     {.name = "Flags",
      .abbrev = "ntp.flags",
      .type = FT::kUint8,
      .base = Base::kHex,
      .blurb = "Flags (Leap/Version/Mode)"}},
    {&flags_li,
     {.name = "Leap Indicator",
      .abbrev = "ntp.flags.li",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kLeapIndicators,
      .bitmask = 0xc0,
      .blurb = "Warning of an impending leap second to be inserted or deleted in the last minute "
               "of the current month"}},
    {&flags_vn,
     {.name = "Version number",
      .abbrev = "ntp.flags.vn",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kVersions,
      .bitmask = 0x38}},
    {&flags_mode,
     {.name = "Mode",
      .abbrev = "ntp.flags.mode",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kModes,
      .bitmask = 0x07}},
    {&stratum,
     {.name = "Peer Clock Stratum",
      .abbrev = "ntp.stratum",
      .type = FT::kUint8,
      .base = Base::kDec,
      .ranges = kStrata}},
    {&ppoll,
     {.name = "Peer Polling Interval",
      .abbrev = "ntp.ppoll",
      .type = FT::kUint8,
      .base = Base::kDec,
      .blurb = "Maximum interval between successive messages"}},
    {&precision,
     {.name = "Peer Clock Precision",
      .abbrev = "ntp.precision",
      .type = FT::kUint8,
      .base = Base::kDec,
      .blurb = "The precision of the system clock"}},
    {&rootdelay,
     {.name = "Root Delay",
      .abbrev = "ntp.rootdelay",
      .type = FT::kUint32,
      .base = Base::kDec,
      .blurb = "Total round-trip delay to the reference clock"}},
    {&rootdispersion,
     {.name = "Root Dispersion",
      .abbrev = "ntp.rootdispersion",
      .type = FT::kUint32,
      .base = Base::kDec,
      .blurb = "Total dispersion to the reference clock"}},
    {&refid,
     {.name = "Reference ID",
      .abbrev = "ntp.refid",
      .type = FT::kBytes,
      .blurb = "Particular server or reference clock being used"}},
    {&reftime,
     {.name = "Reference Timestamp",
      .abbrev = "ntp.reftime",
      .type = FT::kAbsTime,
      .base = Base::kAbsNtpUtc,
      .blurb = "Time when the system clock was last set or corrected"}},
    {&org,
     {.name = "Origin Timestamp",
      .abbrev = "ntp.org",
      .type = FT::kAbsTime,
      .base = Base::kAbsNtpUtc,
      .blurb = "Time at the client when the request departed for the server"}},
    {&rec,
     {.name = "Receive Timestamp",
      .abbrev = "ntp.rec",
      .type = FT::kAbsTime,
      .base = Base::kAbsNtpUtc,
      .blurb = "Time at the server when the request arrived from the client"}},
    {&xmt,
     {.name = "Transmit Timestamp",
      .abbrev = "ntp.xmt",
      .type = FT::kAbsTime,
      .base = Base::kAbsNtpUtc,
      .blurb = "Time at the server when the response left for the client"}},
    {&keyid, {.name = "Key ID", .abbrev = "ntp.keyid", .type = FT::kBytes}},
    {&mac, {.name = "Message Authentication Code", .abbrev = "ntp.mac", .type = FT::kBytes}},
    {&ext, {.name = "Extension", .abbrev = "ntp.ext", .type = FT::kNone}},
    {&ext_type,
     {.name = "Field Type",
      .abbrev = "ntp.ext.type",
      .type = FT::kUint16,
      .base = Base::kHex,
      .values = kExtensionTypes}},
    {&ext_length,
     {.name = "Length",
      .abbrev = "ntp.ext.length",
      .type = FT::kUint16,
      .base = Base::kDec,
      .blurb = "Entire extension length including padding"}},
    {&ext_value,
     {.name = "Value",
      .abbrev = "ntp.ext.value",
      .type = FT::kBytes,
      .blurb = "Type-specific value"}},
};

// An NTP timestamp (seconds since 1900 and a binary fraction) in nanoseconds since 1970. As
// RFC 4330 3 says, a clear top bit means era 1 (from 2036); all zeroes means "not set" (shown as
// "NULL"), kept as time zero.
int64_t ntp_time_ns(uint32_t secs, uint32_t fraction) {
  constexpr int64_t k1900To1970 = 2208988800LL, k1970To2036 = 2085978496LL;
  if (secs == 0 && fraction == 0) return 0;
  int64_t unix_secs =
      (secs & 0x80000000u) ? int64_t{secs} - k1900To1970 : int64_t{secs} + k1970To2036;
  auto ns = static_cast<int64_t>(fraction / 4294967296.0 * 1e9);
  return unix_secs * 1000000000 + ns;
}

void add_timestamp(Packet& pkt, int tree, FieldId f, const ByteReader& r, size_t off) {
  pkt.tree.add(tree, f, r, off, 8, Value::of_int(ntp_time_ns(r.u32(off), r.u32(off + 4))));
}

// Seconds in RFC 5905's 16.16 fixed-point short format.
double short_format_seconds(uint32_t v) {
  return (v >> 16) + (v & 0xffff) / 65536.0;
}

void add_short_format(Packet& pkt, int tree, FieldId f, const char* name, const ByteReader& r,
                      size_t off) {
  uint32_t v = r.u32(off);
  int n = pkt.add_uint(tree, f, r, off, 4, v);
  if (pkt.labels)
    pkt.set_label(n, fmt::format("{}: {:8.6f} seconds", name, short_format_seconds(v)));
}

// The reference ID's text: a reference source's name for stratum 0 and 1, the upstream server's
// IPv4 address above.
std::string refid_text(const ByteReader& r, uint8_t stratum_value) {
  const uint8_t* id = r.ptr(12, 4);
  if (stratum_value > 1) return fmt::format("{}.{}.{}.{}", id[0], id[1], id[2], id[3]);
  for (const ReferenceSource& s : kReferenceSources)
    if (std::equal(s.id, s.id + 4, id)) return s.name;
  std::string code;
  for (int i = 0; i < 4 && id[i] != 0; ++i) code.push_back(static_cast<char>(id[i]));
  return fmt::format("Unidentified reference source '{}'", code);
}

void add_header_flags(Packet& pkt, int tree, const ByteReader& r) {
  uint8_t v = r.u8(0);
  int n = pkt.add_item(tree, flags, r, 0, 1);
  if (pkt.labels)
    pkt.set_label(
        n, fmt::format("Flags: 0x{:02x}, Leap Indicator: {}, Version number: {}, Mode: {}", v,
                       kLeapIndicators[v >> 6].name, kVersions[(v >> 3) & 7].name,
                       kModes[v & 7].name));
  pkt.add_item(n, flags_li, r, 0, 1);
  pkt.add_item(n, flags_vn, r, 0, 1);
  pkt.add_item(n, flags_mode, r, 0, 1);
}

// Extension fields from `off` to `end`, each a type, a length covering the whole field and a value.
void add_extensions(Packet& pkt, int tree, const ByteReader& r, size_t off, size_t end) {
  while (off < end) {
    uint16_t len = r.u16(off + 2);
    int n = pkt.add_item(tree, ext, r, off, len);
    pkt.add_item(n, ext_type, r, off, 2);
    pkt.add_item(n, ext_length, r, off + 2, 2);
    pkt.add_item(n, ext_value, r, off + 4, len - 4u);
    off += len;
  }
}

// Extension fields, then the MAC (a key ID and a digest). Their sizes are not announced, so as
// tshark: take extension fields while their lengths are plausible, and when what follows is too
// short for a MAC (other than a 4-octet crypto-NAK), the last one was the MAC's start.
void add_extensions_and_mac(Packet& pkt, int tree, const ByteReader& r) {
  size_t size = r.reported_size(), end = kHeaderLen, last_len = 0;
  while (size - end >= kMinExtensionLen) {
    uint16_t len = r.u16(end + 2);
    if (len < kMinExtensionLen || size - end < len) break;
    end += len;
    last_len = len;
  }
  size_t mac_len = size - end;
  bool crypto_nak = mac_len == 4 && r.u32(end) == 0;
  if (mac_len != 0 && !crypto_nak && mac_len < 20) end -= last_len;
  add_extensions(pkt, tree, r, kHeaderLen, end);
  if (size - end < 4) return;
  pkt.add_item(tree, keyid, r, end, 4);
  if (size - end > 4) pkt.add_item(tree, mac, r, end + 4, size - end - 4);
}

void add_time_header(Packet& pkt, int tree, const ByteReader& r) {
  uint8_t stratum_value = r.u8(1);
  pkt.add_item(tree, stratum, r, 1, 1);
  uint8_t poll = r.u8(2);
  int n = pkt.add_item(tree, ppoll, r, 2, 1);
  if (pkt.labels) {
    // RFC 5905's MINPOLL and MAXPOLL bound the poll exponent.
    if (poll < 4 || poll > 17)
      pkt.set_label(n, fmt::format("Peer Polling Interval: invalid ({})", poll));
    else
      pkt.set_label(n, fmt::format("Peer Polling Interval: {} ({} seconds)", poll, 1u << poll));
  }
  n = pkt.add_item(tree, precision, r, 3, 1);
  if (pkt.labels)
    pkt.set_label(n, fmt::format("Peer Clock Precision: {:8.6f} seconds",
                                 std::ldexp(1.0, static_cast<int8_t>(r.u8(3)))));
  add_short_format(pkt, tree, rootdelay, "Root Delay", r, 4);
  add_short_format(pkt, tree, rootdispersion, "Root Dispersion", r, 8);
  n = pkt.add_item(tree, refid, r, 12, 4);
  if (pkt.labels) pkt.set_label(n, "Reference ID: " + refid_text(r, stratum_value));
  add_timestamp(pkt, tree, reftime, r, 16);
  add_timestamp(pkt, tree, org, r, 24);
  add_timestamp(pkt, tree, rec, r, 32);
  add_timestamp(pkt, tree, xmt, r, 40);
  add_extensions_and_mac(pkt, tree, r);
}

size_t dissect_ntp(const ByteReader& r, Packet& pkt, int parent) {
  uint8_t first = r.u8(0);
  uint8_t mode = first & 7;
  std::string summary = fmt::format("{}, {}", kVersions[(first >> 3) & 7].name, kInfoModes[mode]);
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("NTP");
    pkt.cols.set_info(summary);
  }
  int tree = pkt.add_protocol(parent, proto, r, 0, r.size());
  pkt.set_label(tree, "Network Time Protocol (" + summary + ")");
  add_header_flags(pkt, tree, r);
  if (mode != kModeControl && mode != kModePrivate) add_time_header(pkt, tree, r);
  return r.reported_size();
}

}  // namespace

void register_ntp() {
  FieldRegistry& reg = registry();
  proto = reg.add_protocol({"Network Time Protocol", "NTP", "ntp"});
  reg.add_fields(proto, kFields);
  tables::udp_port().add(kPortNtp, dissect_ntp, "ntp");
}

}  // namespace netsift
