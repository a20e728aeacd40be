// Reading capture files and streams (pcap, pcapng, gzip-compressed either) frame by frame.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/captured_frame.h"

namespace netsift {

enum class FileFormat { kPcap, kPcapNsec, kPcapng, kNetmon1, kNetmon2 };

// A damaged or unreadable input. `frame` is the number of the frame being read when the damage
// was found (1-based; 0 when before any frame), `offset` the byte offset in the input.
class CaptureError : public std::runtime_error {
 public:
  CaptureError(const std::string& what, uint64_t frame, uint64_t offset)
      : std::runtime_error(what), frame(frame), offset(offset) {}
  uint64_t frame;
  uint64_t offset;
};

// Opening or writing a file failed: the message is tshark's whole sentence, naming the file
// (`The file "x" doesn't exist.`, `The path to the file "y" doesn't exist.`), printed as it is.
class FileError : public CaptureError {
 public:
  explicit FileError(const std::string& sentence) : CaptureError(sentence, 0, 0) {}
};

// Name resolution record from a pcapng NRB.
struct NameRecord {
  std::vector<uint8_t> address;  // 4 bytes (IPv4) or 16 (IPv6)
  std::string name;
};

class CaptureReader {
 public:
  virtual ~CaptureReader() = default;
  // Reads the next frame. Returns false at the clean end of the input; throws CaptureError
  // when the input is damaged. Blocks only for the bytes of the frame being read, so frames
  // from a pipe are delivered as soon as they are complete.
  virtual bool next(CapturedFrame& frame) = 0;
  virtual FileFormat format() const = 0;
  // Interfaces seen so far (pcap: exactly one).
  virtual const std::vector<InterfaceInfo>& interfaces() const = 0;
  // Section-level data seen so far (pcapng): SHB comments and fields, NRB names, DSB secrets.
  virtual const std::vector<std::string>& section_comments() const = 0;
  virtual const std::vector<NameRecord>& names() const = 0;
  // TLS key log lines from decryption-secrets blocks, in file order.
  virtual const std::vector<std::string>& tls_key_log() const = 0;
  // Bytes of the (decompressed) input read so far, for progress reports; 0 where unknown.
  virtual uint64_t bytes_read() const { return 0; }
};

// Opens `path` ("-" for standard input), detecting gzip, pcap and pcapng from the first bytes.
// Throws CaptureError when the file cannot be opened or is not a capture. With `read_ahead`, a
// regular file is read and decompressed on a thread of its own (--threads 2 and more).
std::unique_ptr<CaptureReader> open_capture(const std::string& path, bool read_ahead = false);

}  // namespace netsift
