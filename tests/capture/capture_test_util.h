// Helpers for the capture tests: building pcap/pcapng files byte by byte, gzip, reading all
// frames, and formatting like tshark.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "capture/capture_reader.h"

namespace netsift::test {

// Appends integers in a chosen byte order.
struct Bytes {
  std::vector<uint8_t> v;
  bool big = false;
  Bytes& u8(uint8_t x);
  Bytes& u16(uint16_t x);
  Bytes& u32(uint32_t x);
  Bytes& u64(uint64_t x);
  Bytes& raw(const std::vector<uint8_t>& b);
  Bytes& str(const std::string& s);
  Bytes& pad4();
};

std::vector<uint8_t> payload(size_t n, uint8_t seed = 0);

// Classic pcap.
struct PcapRecord {
  uint32_t sec, sub;
  std::vector<uint8_t> data;
  uint32_t len;  // 0 = data.size()
};
std::vector<uint8_t> make_pcap(bool big, bool nsec, uint32_t snaplen, uint32_t linktype,
                               const std::vector<PcapRecord>& records);

// pcapng, one block at a time.
struct Option {
  uint16_t code;
  std::vector<uint8_t> value;
};
Option text_option(uint16_t code, const std::string& s);
Option u32_option(uint16_t code, uint32_t v, bool big);
struct PcapngBuilder {
  bool big = false;
  std::vector<uint8_t> out;
  PcapngBuilder& block(uint32_t type, const std::vector<uint8_t>& body,
                       const std::vector<Option>& options = {});
  PcapngBuilder& shb(bool big_endian, const std::vector<Option>& options = {});
  PcapngBuilder& idb(uint16_t linktype, uint32_t snaplen, const std::vector<Option>& options = {});
  PcapngBuilder& epb(uint32_t iface, uint64_t ticks, const std::vector<uint8_t>& data,
                     uint32_t len = 0, const std::vector<Option>& options = {});
  PcapngBuilder& opb(uint16_t iface, uint64_t ticks, const std::vector<uint8_t>& data,
                     const std::vector<Option>& options = {});
  PcapngBuilder& spb(uint32_t len, const std::vector<uint8_t>& data);
};

std::vector<uint8_t> gzip(const std::vector<uint8_t>& in);

// Opens bytes held in memory (kept alive by the caller).
std::unique_ptr<CaptureReader> open_bytes(const std::vector<uint8_t>& bytes);

struct FrameCopy {
  Timestamp ts;
  uint32_t caplen, len, interface_id, linktype;
  std::vector<uint8_t> data;
  std::vector<std::string> comments;
  uint32_t pack_flags;
  bool has_pack_flags;
  uint64_t file_offset;
};
// Reads every frame; stores a thrown CaptureError's message/frame/offset in `error`.
struct ReadResult {
  std::vector<FrameCopy> frames;
  bool failed = false;
  std::string error;
  uint64_t error_frame = 0, error_offset = 0;
};
ReadResult read_all(CaptureReader& reader);

// frame.time_epoch as tshark 4.0 prints it (sub-second part as a signed 32-bit value).
std::string tshark_epoch(const Timestamp& ts);

}  // namespace netsift::test
