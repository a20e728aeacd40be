#include "dissectors/checksum_items.h"

#include <fmt/format.h>

#include "core/value_strings.h"

namespace netsift {

namespace {

uint16_t fold64(uint64_t sum) {
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(sum);
}

}  // namespace

void add_verified_checksum(Packet& pkt, int tree, const ByteReader& r, size_t off, uint64_t sum,
                           const ChecksumItems& items) {
  uint16_t value = r.u16(off);
  int n = pkt.add_item(tree, items.value, r, off, 2);
  if (fold64(sum) == 0xffff) {
    if (pkt.labels) pkt.set_label(n, fmt::format("Checksum: 0x{:04x} [correct]", value));
    add_checksum_item(pkt, tree, items.status, r, off, 0, kChecksumGood);
    return;
  }
  // The value the field should hold: the complement of the sum without it.
  uint16_t expected = static_cast<uint16_t>(~fold64(sum + 0xffff - value));
  if (pkt.labels)
    pkt.set_label(n,
                  fmt::format("Checksum: 0x{:04x} incorrect, should be 0x{:04x}", value, expected));
  add_checksum_item(pkt, tree, items.status, r, off, 0, kChecksumBad);
  add_expert(pkt, n, items.bad, r, off, 2,
             fmt::format("Bad checksum [should be 0x{:04x}]", expected), items.severity,
             kGroupChecksum);
}

void add_unverified_checksum(Packet& pkt, int tree, const ByteReader& r, size_t off,
                             const ChecksumItems& items, std::string_view note) {
  int n = pkt.add_item(tree, items.value, r, off, 2);
  if (pkt.labels)
    pkt.set_label(n, fmt::format("Checksum: 0x{:04x} [unverified]{}", r.u16(off), note));
  add_checksum_item(pkt, tree, items.status, r, off, 0, kChecksumUnverified);
}

}  // namespace netsift
