#include "capture/netmon_reader.h"

#include <cstring>
#include <ctime>
#include <string>

#include "capture/byte_order.h"
#include "capture/capture_errors.h"
#include "capture/capture_limits.h"

namespace netsift {

namespace {

// Header: magic, version, network type, capture start as a SYSTEMTIME (local time), then
// offset/length pairs of the frame table and the optional tables.
constexpr size_t kHeaderSize = 64;
constexpr size_t kOffVersionMinor = 4;
constexpr size_t kOffVersionMajor = 5;
constexpr size_t kOffNetwork = 6;
constexpr size_t kOffStartTime = 8;  // year, month, day of week, day, hour, min, sec, msec
constexpr size_t kOffFrameTable = 24;
constexpr size_t kOffFrameTableLength = 28;

constexpr size_t kRecordHeader1 = 8;   // u32 ms delta, u16 orig_len, u16 incl_len
constexpr size_t kRecordHeader2 = 16;  // u64 us delta, u32 orig_len, u32 incl_len
// A frame table of more entries than this cannot describe a file of 32-bit offsets.
constexpr uint32_t kMaxFrames = 512u * 1024 * 1024;

// NDIS media types in the header (and 2.1+ record trailers), as LINKTYPE_ values; 0 = none.
// Type 0 is Ethernet too: NetMon 3.4 VPN captures use it for Ethernet frames.
constexpr uint32_t kNoLinkType = 0xFFFFFFFF;
constexpr uint32_t kMediaLinkTypes[] = {
    kLinkEthernet,
    kLinkEthernet,
    6,            // Token Ring
    kNoLinkType,  // FDDI (bit-swapped): netsift has no FDDI dissector
    kNoLinkType,  // NDIS WAN (ATM with a pseudo-header)
    kNoLinkType,  // LocalTalk / IP over IEEE 1394
    kNoLinkType,  // 802.11 with NetMon's radio header
    kLinkRaw,
    kLinkRaw,
    kLinkRaw,  // tunnels, wireless WAN, raw IP frames
    kNoLinkType,
    kNoLinkType,
};
constexpr size_t kMediaCount = sizeof kMediaLinkTypes / sizeof kMediaLinkTypes[0];

// 2.1+ per-record network values beyond the NDIS table.
constexpr uint16_t kPcapBase = 0xE000;  // converted pcap: 0xE000 | LINKTYPE_
constexpr uint16_t kPayloadHeader = 0xFFFC;
constexpr uint16_t kNetworkInfo = 0xFFFD;
constexpr uint16_t kDnsCache = 0xFFFE;

std::string unsupported_network(uint32_t network) {
  return "netmon: network type " + std::to_string(network) + " unknown or unsupported";
}

uint64_t load_le64(const uint8_t* p) {
  return uint64_t(load_le32(p + 4)) << 32 | load_le32(p);
}

}  // namespace

bool is_netmon_magic(const uint8_t* p, size_t got) {
  return got >= 4 && (std::memcmp(p, "RTSS", 4) == 0 || std::memcmp(p, "GMBU", 4) == 0);
}

NetmonReader::NetmonReader(std::unique_ptr<InputStream> in) {
  try {
    uint8_t chunk[64 * 1024];
    while (size_t got = in->read_exact(chunk, sizeof chunk)) {
      if (file_.size() + got > (uint64_t(1) << 32))
        throw_damaged("netmon: file larger than its 32-bit offsets can address", 0, 0);
      file_.insert(file_.end(), chunk, chunk + got);
      if (got < sizeof chunk) break;
    }
  } catch (const CaptureError& e) {
    rethrow_positioned(e, 0, file_.size());
  }
  if (!is_netmon_magic(file_.data(), file_.size())) throw CaptureError(kNotCapture, 0, 0);
  if (file_.size() < kHeaderSize) throw_cut_short(0, file_.size());
  const uint8_t* h = file_.data();
  major_ = h[kOffVersionMajor];
  minor_ = h[kOffVersionMinor];
  if (major_ != 1 && major_ != 2)
    throw_unsupported("netmon: major version " + std::to_string(major_) + " unsupported", 0, 0);
  uint16_t network = load_le16(h + kOffNetwork);
  if (network >= kMediaCount || kMediaLinkTypes[network] == kNoLinkType)
    throw_unsupported(unsupported_network(network), 0, 0);
  file_linktype_ = kMediaLinkTypes[network];

  // The start time is local time, read with mktime as wiretap does.
  std::tm tm{};
  tm.tm_year = load_le16(h + kOffStartTime) - 1900;
  tm.tm_mon = load_le16(h + kOffStartTime + 2) - 1;
  tm.tm_mday = load_le16(h + kOffStartTime + 6);
  tm.tm_hour = load_le16(h + kOffStartTime + 8);
  tm.tm_min = load_le16(h + kOffStartTime + 10);
  tm.tm_sec = load_le16(h + kOffStartTime + 12);
  tm.tm_isdst = -1;
  start_sec_ = std::mktime(&tm);
  start_nsec_ = int64_t(load_le16(h + kOffStartTime + 14)) * 1000000;

  table_offset_ = load_le32(h + kOffFrameTable);
  uint32_t table_length = load_le32(h + kOffFrameTableLength);
  std::string length_text = "netmon: frame table length is " + std::to_string(table_length);
  if (table_length % 4 != 0)
    throw_damaged(length_text + ", which is not a multiple of the size of an entry", 0,
                  kOffFrameTableLength);
  if (table_length == 0)
    throw_damaged(length_text + ", which means it's less than one entry in size", 0,
                  kOffFrameTableLength);
  if (table_length / 4 > kMaxFrames)
    throw_damaged(length_text + ", which is larger than we support", 0, kOffFrameTableLength);
  if (uint64_t(table_offset_) + table_length > file_.size()) throw_cut_short(0, table_offset_);
  table_entries_ = table_length / 4;

  InterfaceInfo iface;
  iface.linktype = file_linktype_;
  iface.tsresol = major_ == 1 ? 3 : 9;
  interfaces_.push_back(std::move(iface));
}

uint32_t NetmonReader::frame_offset(size_t index) const {
  return load_le32(file_.data() + table_offset_ + 4 * index);
}

bool NetmonReader::next(CapturedFrame& frame) {
  while (!done_ && next_index_ < table_entries_) {
    uint32_t offset = frame_offset(next_index_++);
    try {
      if (read_record(frame, offset) == Record::kFrame) return true;
    } catch (const CaptureError& e) {
      done_ = true;  // never deliver anything after an error
      rethrow_positioned(e, frames_ + 1, offset);
    }
  }
  done_ = true;
  return false;
}

NetmonReader::Record NetmonReader::read_record(CapturedFrame& frame, uint32_t offset) {
  const size_t header = major_ == 1 ? kRecordHeader1 : kRecordHeader2;
  if (uint64_t(offset) + header > file_.size()) throw_cut_short(frames_ + 1, offset);
  const uint8_t* r = file_.data() + offset;
  uint32_t orig_len = major_ == 1 ? load_le16(r + 4) : load_le32(r + 8);
  uint32_t caplen = major_ == 1 ? load_le16(r + 6) : load_le32(r + 12);
  if (caplen > kMaxPacketSize)
    throw_damaged("netmon: File has " + std::to_string(caplen) +
                      "-byte packet, bigger than maximum of " + std::to_string(kMaxPacketSize),
                  frames_ + 1, offset);
  const uint64_t data_offset = uint64_t(offset) + header;
  if (data_offset + caplen > file_.size()) throw_cut_short(frames_ + 1, offset);

  // 1.x: milliseconds since the start. 2.x: "microseconds" that NetMon multiplies by ten and
  // reads as signed 100-ns units, so a huge delta becomes a time before the start.
  int64_t delta_ns = major_ == 1 ? int64_t(load_le32(r)) * 1000000
                                 : static_cast<int64_t>(load_le64(r) * 10u * 100u);
  int64_t t = start_nsec_ + delta_ns;
  int64_t sec = start_sec_ + t / 1000000000;
  int64_t nsec = t % 1000000000;
  if (nsec < 0) {
    nsec += 1000000000;
    --sec;
  }

  uint32_t linktype = file_linktype_;
  if (major_ == 2 && minor_ >= 1) {
    const size_t trailer = minor_ == 1 ? 2 : minor_ == 2 ? 6 : 15;
    const uint64_t trailer_offset = data_offset + caplen;
    if (trailer_offset + trailer > file_.size()) throw_cut_short(frames_ + 1, offset);
    const uint8_t* tr = file_.data() + trailer_offset;
    uint16_t network = load_le16(tr);
    if (network == kPayloadHeader || network == kNetworkInfo || network == kDnsCache)
      return Record::kSkip;  // NetMon's own metadata records, not frames
    if ((network & 0xF000) == kPcapBase && !(network >= 0xE080 && network <= 0xE08A)) {
      linktype = network & 0x0FFF;
    } else if (network < kMediaCount && kMediaLinkTypes[network] != kNoLinkType) {
      linktype = kMediaLinkTypes[network];
    } else {
      throw_unsupported(unsupported_network(network), frames_ + 1, offset);
    }
    if (minor_ >= 3) {
      // A UTC FILETIME per record: 100-ns units since 1601-01-01.
      constexpr uint64_t kFiletimeEpochOffset = 11644473600ull;  // 1601 -> 1970, seconds
      uint64_t filetime = load_le64(tr + 6);
      sec = static_cast<int64_t>(filetime / 10000000) - static_cast<int64_t>(kFiletimeEpochOffset);
      nsec = static_cast<int64_t>(filetime % 10000000) * 100;
    }
  }

  ++frames_;
  frame.data = file_.data() + data_offset;
  frame.caplen = caplen;
  frame.len = orig_len;
  frame.ts.sec = sec;
  frame.ts.nsec = static_cast<uint32_t>(nsec);
  frame.ts_precision = major_ == 1 ? 3 : 9;
  frame.interface_id = 0;
  frame.linktype = linktype;
  frame.comments = {};
  frame.pack_flags = 0;
  frame.has_pack_flags = false;
  frame.file_offset = offset;
  return Record::kFrame;
}

}  // namespace netsift
