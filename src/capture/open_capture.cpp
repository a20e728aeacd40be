// open_capture(): picks the reader from the first bytes of the input, unwrapping gzip first.
#include <sys/stat.h>

#include <memory>

#include "capture/byte_order.h"
#include "capture/capture_errors.h"
#include "capture/capture_reader.h"
#include "capture/fd_source.h"
#include "capture/gzip_source.h"
#include "capture/input_stream.h"
#include "capture/netmon_reader.h"
#include "capture/open_capture.h"
#include "capture/pcap_reader.h"
#include "capture/pcapng_reader.h"
#include "capture/pcapng_types.h"
#include "capture/read_ahead_source.h"

namespace netsift {

namespace {

// An empty input: tshark reads it as a capture with no packets (exit 0, nothing printed).
class EmptyCapture : public CaptureReader {
 public:
  bool next(CapturedFrame&) override { return false; }
  FileFormat format() const override { return FileFormat::kPcapng; }
  const std::vector<InterfaceInfo>& interfaces() const override { return none_.interfaces; }
  const std::vector<std::string>& section_comments() const override { return none_.strings; }
  const std::vector<NameRecord>& names() const override { return none_.names; }
  const std::vector<std::string>& tls_key_log() const override { return none_.strings; }

 private:
  struct {
    std::vector<InterfaceInfo> interfaces;
    std::vector<std::string> strings;
    std::vector<NameRecord> names;
  } none_;
};

}  // namespace

std::unique_ptr<CaptureReader> open_capture_stream(std::unique_ptr<ByteSource> source,
                                                   bool read_ahead) {
  auto in = std::make_unique<InputStream>(std::move(source));
  size_t got = 0;
  const uint8_t* p = in->peek(4, got);
  if (is_gzip_magic(p, got)) {
    // The peeked bytes are still unread in `in`, so the decompressor sees the whole stream;
    // offsets reported from here on count decompressed bytes.
    std::unique_ptr<ByteSource> inflated = std::make_unique<GzipSource>(std::move(in));
    if (read_ahead) inflated = std::make_unique<ReadAheadSource>(std::move(inflated));
    in = std::make_unique<InputStream>(std::move(inflated));
    p = in->peek(4, got);
  } else if (read_ahead) {
    // The stream keeps its peeked bytes: the thread reads them first.
    in = std::make_unique<InputStream>(std::make_unique<ReadAheadSource>(std::move(in)));
    p = in->peek(4, got);
  }
  if (got == 0) return std::make_unique<EmptyCapture>();
  if (got < 4) {
    // A tiny file is neither damaged nor a capture (tshark reads some as one-packet text
    // files, which netsift does not).
    throw CaptureError(kNotCapture, 0, 0);
  }
  uint32_t le = load_le32(p);
  uint32_t be = load_be32(p);
  if (le == kBlockShb) return std::make_unique<PcapngReader>(std::move(in));
  if (is_netmon_magic(p, got)) return std::make_unique<NetmonReader>(std::move(in));
  for (uint32_t magic : {0xa1b2c3d4u, 0xa1b23c4du}) {
    if (le == magic || be == magic) return std::make_unique<PcapReader>(std::move(in));
  }
  throw CaptureError(kNotCapture, 0, 0);
}

std::unique_ptr<CaptureReader> open_capture(const std::string& path, bool read_ahead) {
  // Only a regular file's reads always end: a pipe's could wait forever for a writer.
  struct stat st {};
  read_ahead = read_ahead && path != "-" && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
  return open_capture_stream(open_fd_source(path), read_ahead);
}

}  // namespace netsift
