// libFuzzer target: arbitrary bytes as a gRPC body (gRPC, gRPC-Web, gRPC-Web-Text: base64,
// compressed messages, trailers) and its messages through Protocol Buffers and JSON, and the
// same bytes as one Protocol Buffers message. The first byte picks the media type, the
// carrier's path, direction and grpc-encoding, and whether labels and columns are built.
// Checked: nothing but the bounds errors of a malformed body escapes, and every item stays
// inside the data source it points into.
#include <cstddef>
#include <cstdint>

#include "core/byte_reader.h"
#include "core/packet.h"
#include "core/session.h"
#include "dissectors/all.h"
#include "dissectors/grpc.h"
#include "dissectors/media.h"
#include "dissectors/protobuf.h"
#include "fuzz_common.h"

namespace {
using namespace netsift;

void check_items_in_sources(const Packet& pkt, size_t frame_len) {
  for (size_t i = 0; i < pkt.tree.size(); ++i) {
    const auto& node = pkt.tree[static_cast<int>(i)];
    size_t limit = node.source == 0 ? frame_len : pkt.sources[node.source - 1].length;
    CHECK(node.offset <= limit && node.length <= limit - node.offset);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static bool registered = (register_all_dissectors(), true);
  static Session session;
  static Packet pkt;
  static uint64_t number = 0;
  (void)registered;
  if (size < 1) return 0;
  static const char* const kTypes[] = {"application/grpc", "application/grpc+json",
                                       "application/grpc-web", "application/grpc-web-text"};
  static const char* const kEncodings[] = {"", "gzip", "deflate", "identity"};
  const uint8_t mode = data[0];
  const uint8_t* body = data + 1;
  const size_t n = size - 1;
  CapturedFrame frame;
  frame.data = body;
  frame.caplen = frame.len = static_cast<uint32_t>(n);

  for (int pass = 0; pass < 2; ++pass) {
    pkt.reset(++number, &frame, &session);
    pkt.cols.enabled = mode & 0x80;
    pkt.labels = mode & 0x40;
    ByteReader r(body, n, n);
    try {
      if (pass == 0) {
        BodyCarrier& c = pkt.scratch<BodyCarrier>();
        c.has_path = mode & 0x20;
        c.path = "/pkg.Service/Method";
        c.request = mode & 0x10;
        c.grpc_encoding = kEncodings[(mode >> 2) & 3];
        dissect_grpc(pkt, r, kTypes[mode & 3], -1);
      } else {
        dissect_protobuf(pkt, r, "application/grpc,/pkg.Service/Method,request", -1);
      }
    } catch (const BoundsError&) {
    }
    check_items_in_sources(pkt, n);
  }
  return 0;
}
