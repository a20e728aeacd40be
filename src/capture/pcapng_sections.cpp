// pcapng blocks that describe the capture rather than carry packets: SHB, IDB, NRB, DSB.
#include <string>

#include "capture/capture_errors.h"
#include "capture/pcapng_options.h"
#include "capture/pcapng_reader.h"
#include "capture/pcapng_time.h"
#include "capture/pcapng_types.h"

namespace netsift {

void PcapngReader::parse_shb(const Block& b) {
  // body: byte-order magic(4) major(2) minor(2) section length(8) options
  const uint8_t* p = body_.data();
  uint16_t major = endian_.u16(p + 4);
  uint16_t minor = endian_.u16(p + 6);
  if (major != 1 || (minor != 0 && minor != 2)) {
    damaged("pcapng: unknown SHB version " + std::to_string(major) + "." + std::to_string(minor),
            b);
  }
  // A new section starts with no interfaces: its EPBs count from its own first IDB.
  section_first_if_ = interfaces_.size();
  ++sections_;
  std::string err = walk_pcapng_options({p + 16, body_size_ - 16}, endian_, [&](PcapngOption o) {
    if (o.code == kOptComment) section_comments_.push_back(option_string(o.value));
  });
  if (!err.empty()) damaged(err, b);
}

void PcapngReader::parse_idb(const Block& b) {
  // body: linktype(2) reserved(2) snaplen(4) options (check_block_length ensured the 8 bytes)
  const uint8_t* p = body_.data();
  InterfaceInfo iface;
  iface.linktype = endian_.u16(p);
  iface.snaplen = endian_.u32(p + 4);
  std::string err = walk_pcapng_options({p + 8, body_size_ - 8}, endian_, [&](PcapngOption o) {
    switch (o.code) {
      case kOptIfName:
        iface.name = option_string(o.value);
        break;
      case kOptIfDescription:
        iface.description = option_string(o.value);
        break;
      case kOptIfTsresol:
        if (o.value.size() == 1) iface.tsresol = o.value[0];
        break;
      case kOptIfTsoffset:
        if (o.value.size() == 8) iface.tsoffset = static_cast<int64_t>(endian_.u64(o.value.data()));
        break;
      default:
        break;
    }
  });
  if (!err.empty()) damaged(err, b);
  units_.push_back(pcapng_units_per_second(iface.tsresol));
  interfaces_.push_back(std::move(iface));
}

void PcapngReader::parse_nrb(const Block& b) {
  // body: records of type(2) length(2) value (padded to 4), ending with type 0; then options.
  const uint8_t* p = body_.data();
  size_t pos = 0;
  while (body_size_ - pos >= 4) {
    uint16_t type = endian_.u16(p + pos);
    uint16_t len = endian_.u16(p + pos + 2);
    pos += 4;
    if (type == kNrbEnd) break;
    size_t padded = (size_t(len) + 3) & ~size_t(3);
    if (padded > body_size_ - pos) {
      damaged("pcapng: NRB record length + padding " + std::to_string(padded) + " is too long", b);
    }
    size_t addr_len = type == kNrbIpv4 ? 4 : type == kNrbIpv6 ? 16 : 0;
    if (addr_len != 0) {
      if (len < addr_len) {
        damaged("pcapng: NRB record length for IPv" + std::string(addr_len == 4 ? "4" : "6") +
                    " record " + std::to_string(len) + " is too short",
                b);
      }
      // The address is followed by one or more NUL-terminated names.
      const uint8_t* addr = p + pos;
      size_t i = pos + addr_len, end = pos + len;
      while (i < end) {
        size_t start = i;
        while (i < end && p[i] != 0) ++i;
        if (i > start) {
          names_.push_back(
              NameRecord{std::vector<uint8_t>(addr, addr + addr_len),
                         std::string(reinterpret_cast<const char*>(p + start), i - start)});
        }
        ++i;  // the terminating NUL
      }
    }
    pos += padded;
  }
}

void PcapngReader::parse_dsb(const Block& b) {
  // body: secrets type(4) secrets length(4) data (padded to 4) options
  if (body_size_ < 8) damaged("pcapng: decryption secrets block is too short", b);
  const uint8_t* p = body_.data();
  uint32_t type = endian_.u32(p);
  uint32_t len = endian_.u32(p + 4);
  if (len > body_size_ - 8) {
    damaged("pcapng: secrets length " + std::to_string(len) + " is larger than the block", b);
  }
  if (type != kSecretsTlsKeyLog) return;  // WireGuard, ZigBee, ... not used by us
  // A key log is text, one secret per line (\n or \r\n).
  const char* text = reinterpret_cast<const char*>(p + 8);
  size_t start = 0;
  for (size_t i = 0; i <= len; ++i) {
    if (i == len || text[i] == '\n') {
      size_t end = i;
      if (end > start && text[end - 1] == '\r') --end;
      if (end > start) tls_key_log_.emplace_back(text + start, end - start);
      start = i + 1;
    }
  }
}

}  // namespace netsift
