#include "cli/info_command.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "capture/capture_errors.h"
#include "capture/capture_reader.h"
#include "capture/gzip_source.h"
#include "core/field_registry.h"
#include "core/packet.h"
#include "core/session.h"
#include "dissectors/all.h"
#include "dissectors/f5ethtrailer.h"
#include "dissectors/f5fileinfo.h"
#include "dissectors/frame.h"
#include "output/capture_info.h"

namespace netsift {

namespace {

constexpr const char* kUsage =
    "Usage: netsift info FILE...\n"
    "Prints each capture file's summary as capinfos does (type, encapsulation, packets, sizes,\n"
    "times, rates, interfaces), then the BIG-IP capture information and F5 trailer noise\n"
    "levels when present.\n";

// The tree nodes the report reads: the F5 trailer's and FILEINFO's (other items are checked but
// not stored), plus protocol nodes and fields dissectors read back.
std::vector<uint8_t> fields_read() {
  std::vector<uint8_t> wanted(registry().size());
  for (const FieldInfo& f : registry().all())
    wanted[f.id] = f.def.type == FieldType::kProtocol || f.read_back ||
                   f.protocol == f5_fields::proto || f.protocol == f5fileinfo_fields::proto;
  return wanted;
}

// Reads the whole file; returns 0, or 2 (after a message) when it is damaged or unreadable.
int describe(const std::string& path, bool first, const std::vector<uint8_t>& wanted) {
  CaptureInfo info;
  Session session;
  Packet pkt;
  pkt.payloads = false;  // the report reads nothing above TCP/UDP
  pkt.tree.set_interest(&wanted);
  uint64_t number = 0;
  try {
    std::unique_ptr<CaptureReader> reader = open_capture(path);
    CapturedFrame frame;
    while (reader->next(frame)) {
      pkt.reset(++number, &frame, &session);
      pkt.cols.enabled = false;
      pkt.labels = false;
      dissect_packet(pkt);
      info.frame(frame, pkt);
    }
    std::error_code ec;
    uint64_t size = std::filesystem::file_size(path, ec);
    std::string text = info.format(path, ec ? 0 : size, reader->format(), is_gzip_file(path),
                                   reader->interfaces(), reader->names());
    if (!first) std::fputc('\n', stdout);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
  } catch (const CaptureError& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "netsift: %s\n", describe_capture_error(e, path).c_str());
    return 2;
  }
}

}  // namespace

int run_info(int argc, char** argv) {
  if (argc < 3 || !std::strcmp(argv[2], "-h") || !std::strcmp(argv[2], "--help")) {
    bool help = argc >= 3;
    std::fputs(kUsage, help ? stdout : stderr);
    return help ? 0 : 1;
  }
  register_all_dissectors();
  const std::vector<uint8_t> wanted = fields_read();
  int status = 0;
  for (int i = 2; i < argc; ++i)
    if (int s = describe(argv[i], i == 2, wanted)) status = s;
  return status;
}

}  // namespace netsift
