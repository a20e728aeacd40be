// GDOI's payloads (RFC 6407, RFC 3547) as tshark 4.0 reads them: the SA KEK payload (a second
// payload header inside the body, the protocol, source and destination identities, SPI and
// IPsec attributes) and the SA TEK payloads it announces, Key Download (key packets with their
// TEK attributes) and Sequence Number.
#include <fmt/format.h>

#include <algorithm>

#include "core/expert.h"
#include "dissectors/isakmp_fields.h"
#include "dissectors/isakmp_internal.h"

namespace netsift::isakmp {

using namespace isakmp_fields;

namespace {

constexpr uint8_t kTekProtocolEsp = 1, kTekProtocolAh = 2;

// The TEK key attribute types (RFC 6407 §5.6.2.1), tshark's tek_key_attr_type.
constexpr RangeName kTekAttributeTypes[] = {
    {1, 1, "TEK_ALGORITHM_KEY"},         {2, 2, "TEK_INTEGRITY_KEY"},
    {3, 3, "TEK_SOURCE_AUTH_KEY"},       {4, 137, "Unassigned (Future use)"},
    {128, 255, "Private use"},           {256, 32767, "Unassigned (Future use)"},
};

// One identity of an SA TEK: type, port, 16-bit length and the data, its text appended.
size_t dissect_tek_identity(Packet& pkt, const ByteReader& r, size_t off, int node, bool source) {
  uint8_t type = r.u8(off);
  pkt.add_item(node, source ? sat_src_id_type : sat_dst_id_type, r, off, 1);
  pkt.add_item(node, source ? sat_src_id_port : sat_dst_id_port, r, off + 1, 2);
  uint16_t len = r.u16(off + 3);
  pkt.add_item(node, source ? sat_src_id_length : sat_dst_id_length, r, off + 3, 2);
  off += 5;
  if (len) {
    int data = pkt.add_item(node, source ? sat_src_id_data : sat_dst_id_data, r, off, len);
    std::string text = dissect_id_data(pkt, r, off, len, type, data);
    if (!text.empty()) append_label(pkt, data, text);
  }
  return off + len;
}

// An SA TEK payload at r[off] (its own generic header); returns where it ends and whether an
// SA TEK follows. `length` is tshark's bound for the data of a TEK it cannot read: the length
// of the payload body it was called for, counted from this TEK.
size_t dissect_one_sa_tek(Message& m, const ByteReader& r, size_t off, size_t length, int parent,
                          bool& more) {
  Packet& pkt = m.pkt;
  size_t end = off + length;
  more = r.u8(off) == kSaTek;
  uint16_t len = r.u16(off + 2);
  size_t payload_end = off + len;
  int node = pkt.add_uint(parent, typepayload, r, off, len, kSaTek);
  pkt.set_label(node, fmt::format("Payload: {} ({})", value_text(typepayload, kSaTek), +kSaTek));
  pkt.add_item(node, sat_nextpayload, r, off, 1);
  pkt.add_item(node, sat_reserved, r, off + 1, 1);
  pkt.add_item(node, sat_payload_len, r, off + 2, 2);
  off += 4;
  uint8_t protocol = r.u8(off);
  pkt.add_item(node, sat_protocol_id, r, off, 1);
  ++off;
  if (protocol != kTekProtocolEsp && protocol != kTekProtocolAh) {
    more = false;
    pkt.add_item(node, sat_payload, r, off, end - off);
    return end;
  }
  pkt.add_item(node, sat_protocol, r, off, 1);
  off = dissect_tek_identity(pkt, r, off + 1, node, true);
  off = dissect_tek_identity(pkt, r, off, node, false);
  pkt.add_item(node, sat_transform_id, r, off, 1);
  pkt.add_item(node, sat_spi, r, off + 1, 4);
  off += 5;
  if (off < payload_end) dissect_ipsec_attributes(m, r, off, payload_end, node);
  return std::max(off, payload_end);
}

// SA TEK payloads from r[off] while each announces another (tshark recurses).
void dissect_sa_teks(Message& m, const ByteReader& r, size_t off, size_t length, int parent) {
  for (bool more = true; more;) off = dissect_one_sa_tek(m, r, off, length, parent, more);
}

void dissect_sa_kek(Message& m, const ByteReader& r, size_t off, size_t length, int node) {
  Packet& pkt = m.pkt;
  uint8_t next = r.u8(off);
  size_t payload_end = off + r.u16(off + 2);
  pkt.add_item(node, sak_nextpayload, r, off, 1);
  pkt.add_item(node, sak_reserved, r, off + 1, 1);
  pkt.add_item(node, sak_payload_len, r, off + 2, 2);
  pkt.add_item(node, sak_protoid, r, off + 4, 1);
  off += 5;
  for (bool source : {true, false}) {
    pkt.add_item(node, source ? sak_src_id_type : sak_dst_id_type, r, off, 1);
    pkt.add_item(node, source ? sak_src_id_port : sak_dst_id_port, r, off + 1, 2);
    uint8_t len = r.u8(off + 3);
    pkt.add_item(node, source ? sak_src_id_length : sak_dst_id_length, r, off + 3, 1);
    off += 4;
    if (len) pkt.add_item(node, source ? sak_src_id_data : sak_dst_id_data, r, off, len);
    off += len;
  }
  pkt.add_item(node, sak_spi, r, off, 16);
  pkt.add_item(node, reserved, r, off + 16, 4);
  off += 20;
  if (off < payload_end) dissect_ipsec_attributes(m, r, off, payload_end, node);
  off = std::max(off, payload_end);
  if (next == kSaTek) dissect_sa_teks(m, r, off, length, node);
}

void dissect_key_download(Message& m, const ByteReader& r, size_t off, size_t end, int node) {
  static const AttributeFields kTekAttribute{key_download_attr,   key_download_attr_type,
                                             key_download_attr_format, key_download_attr_length,
                                             key_download_attr_value,  kTekAttributeTypes};
  Packet& pkt = m.pkt;
  if (m.version != 1) return;  // IKEv2's G-IKEv2 is a draft tshark does not read
  uint16_t packets = r.u16(off);
  pkt.add_item(node, kd_num_pkt, r, off, 2);
  pkt.add_item(node, reserved, r, off + 2, 2);
  off += 4;
  for (; packets > 0 && off < end; --packets) {
    int kp = pkt.add_item(node, kd_payload, r, off, r.u16(off + 2));
    pkt.add_item(kp, kd_payload_type, r, off, 1);
    pkt.add_item(kp, reserved, r, off + 1, 1);
    size_t packet_end = off + r.u16(off + 2);
    pkt.add_item(kp, kd_payload_length, r, off + 2, 2);
    uint8_t spi_size = r.u8(off + 4);
    pkt.add_item(kp, kd_payload_spi_size, r, off + 4, 1);
    off += 5;
    if (spi_size) pkt.add_item(kp, kd_payload_spi, r, off, spi_size);
    off += spi_size;
    while (off < packet_end) {
      Attribute a = dissect_attribute_header(pkt, r, off, kp, kTekAttribute);
      if (!a.length)
        add_expert(pkt, a.node, attribute_value_empty, r, off, 0, "Attribute value is empty",
                   kExpertNote, kGroupProtocol);
      off += a.size;
    }
  }
}

}  // namespace

void dissect_gdoi_payload(Message& m, uint8_t type, const ByteReader& r, size_t off, size_t len,
                          int node) {
  Packet& pkt = m.pkt;
  size_t end = off + len;
  switch (type) {
    case kSaKek:
      dissect_sa_kek(m, r, off, len, node);
      break;
    case kSaTek:
      dissect_sa_teks(m, r, off, len, node);
      break;
    case kKeyDownload:
      dissect_key_download(m, r, off, end, node);
      break;
    case kSequence:
      if (len != 4) {
        std::string text = fmt::format("Payload (bogus, length is {}, should be 4", len);
        add_expert_text(pkt, node, payloadlength_invalid, *m.msg, 0, 0, text, kExpertError,
                        kGroupMalformed);
        break;
      }
      pkt.add_item(node, seq_seq, r, off, 4);
      break;
    default:
      break;
  }
}

}  // namespace netsift::isakmp
