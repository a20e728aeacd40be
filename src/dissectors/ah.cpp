// IP Authentication Header (RFC 4302), IP protocol 51: next header, length, SPI, sequence
// number and ICV, then the protected protocol. Within IPv6 it nests in the IPv6 tree as the
// other extension headers do (dissectors/ipv6_ext.cpp) and the protected protocol goes beside
// IPv6, as tshark shows it.
#include <fmt/format.h>

#include "core/field_registry.h"
#include "core/packet.h"
#include "dissectors/ah_fields.h"
#include "dissectors/ip_fields.h"

namespace netsift {

namespace {

constexpr uint8_t kIpProtoAh = 51;
constexpr size_t kFixedSize = 12;

FieldId proto_ah;

size_t dissect_ah(const ByteReader& r, Packet& pkt, int parent) {
  using namespace ah_fields;
  uint8_t words = r.u8(1);
  size_t size = (size_t{words} + 2) * 4;  // the length counts 32-bit words, minus 2
  int top = pkt.add_protocol(parent, proto_ah, r, 0, size);
  uint32_t spi_value = r.u32(4);
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("AH");
    pkt.cols.set_info(fmt::format("AH (SPI=0x{:08x})", spi_value));
  }
  uint8_t next = r.u8(0);
  pkt.add_item(top, next_header, r, 0, 1);
  int len = pkt.add_item(top, length, r, 1, 1);
  pkt.set_label(len, fmt::format("Length: {} ({} bytes)", words, size));
  pkt.add_item(top, reserved, r, 2, 2);
  pkt.add_item(top, spi, r, 4, 4);
  pkt.add_item(top, sequence, r, 8, 4);
  size_t icv_len = size > kFixedSize ? size - kFixedSize : 0;
  pkt.add_item(top, icv, r, kFixedSize, icv_len);
  int upper = parent;
  if (parent >= 0 && pkt.tree[parent].field == ipv6_fields::protocol)
    upper = pkt.tree[parent].parent;
  return size + pkt.call_next(tables::ip_proto(), next, r.sub(size), upper);
}

}  // namespace

void register_ah() {
  proto_ah = registry().add_protocol({"Authentication Header", "AH", "ah"});
  ah_fields::register_fields(proto_ah);
  tables::ip_proto().add(kIpProtoAh, dissect_ah, "ah");
}

}  // namespace netsift
