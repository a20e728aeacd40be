// libFuzzer target: arbitrary bytes as a DER certificate through the BER header reader and the
// X.509 dissector. The first byte picks whether labels are built, whether only a few x509 fields
// are kept (the -T fields "fake tree"), and how many of the certificate's bytes were captured.
// Checked: every element header the reader accepts lies inside its limit; the dissector either
// finishes inside the bytes it was given or reports the bytes as short/malformed (BoundsError),
// and every tree node it adds lies inside the certificate.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/der_reader.h"
#include "core/field_registry.h"
#include "core/packet.h"
#include "core/protocols.h"
#include "core/session.h"
#include "dissectors/all.h"
#include "dissectors/x509.h"
#include "fuzz_common.h"

namespace {
using namespace netsift;

// Walks every element of the input as generic BER, bounded by depth.
void walk(const ByteReader& r, size_t off, size_t end, int depth) {
  while (off < end) {
    BerHeader h = read_ber_header(r, off, end);
    if (h.error != BerError::kNone) return;
    CHECK(h.offset == off && h.end() <= end && h.end() > off);
    if (h.constructed && depth < kMaxBerDepth) walk(r, h.content(), h.end(), depth + 1);
    off = h.end();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static bool registered = (register_all_dissectors(), true);
  static Session session;
  static Packet pkt;
  static std::vector<uint8_t> interest;
  static uint64_t number = 0;
  (void)registered;
  if (size < 1) return 0;
  uint8_t mode = data[0];
  const uint8_t* der = data + 1;
  size_t n = size - 1;
  size_t captured = mode & 0x20 ? n / 2 : n;

  ByteReader whole(der, captured, n);
  try {
    walk(whole, 0, n, 0);
  } catch (const BoundsError&) {
  }

  CapturedFrame frame;
  frame.data = der;
  frame.caplen = static_cast<uint32_t>(captured);
  frame.len = static_cast<uint32_t>(n);
  pkt.reset(++number, &frame, &session);
  pkt.labels = mode & 0x80;
  if (mode & 0x40) {
    const FieldRegistry& reg = registry();
    interest.assign(reg.size(), 0);
    for (const char* f : {"x509af.serialNumber", "x509ce.dNSName", "x509if.rdnSequence"})
      interest[reg.find(f)] = 1;
    pkt.tree.set_interest(&interest);
  } else {
    pkt.tree.set_interest(nullptr);
  }
  int item = pkt.add_item(-1, protocols::data_data, whole, 0, captured);
  try {
    size_t used = dissect_x509_certificate(whole, pkt, item);
    CHECK(used <= n);
  } catch (const BoundsError&) {
  }
  for (const Node& node : pkt.tree.nodes())
    if (!(node.flags & kGenerated)) CHECK(node.offset <= n && node.length <= n - node.offset);
  return 0;
}
