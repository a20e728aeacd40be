// IP Encapsulating Security Payload (RFC 4303) as IP protocol 50 and inside UDP port 4500
// (RFC 3948: NAT-keepalives, the non-ESP marker in front of IKE messages, ESP): the SPI and
// sequence number, tshark 4.0's per-SPI sequence analysis, and the Info column. The payload
// stays encrypted (no SA is known).
#include <fmt/format.h>

#include <unordered_map>

#include "core/expert.h"
#include "core/field_registry.h"
#include "core/packet.h"
#include "core/protocol_state.h"
#include "core/session.h"
#include "dissectors/esp_fields.h"
#include "dissectors/isakmp.h"
#include "dissectors/udpencap_fields.h"

namespace netsift {

namespace {

constexpr uint8_t kIpProtoEsp = 50;
constexpr uint16_t kPortIpsecNatT = 4500;

FieldId proto_esp, proto_udpencap;

// The last sequence number and frame seen for each SPI (tshark's esp sequence analysis,
// esp.do_esp_sequence_analysis, on by default).
struct EspSequences {
  struct Last {
    uint32_t sequence;
    uint64_t frame;
  };
  std::unordered_map<uint32_t, Last> by_spi;
};

void analyse_sequence(Packet& pkt, int top, uint32_t spi, uint32_t sequence) {
  using namespace esp_fields;
  auto& seen = pkt.session->state<EspSequences>().by_spi;
  auto [it, first] = seen.try_emplace(spi, EspSequences::Last{sequence, pkt.number});
  if (first) return;
  EspSequences::Last previous = it->second;
  it->second = {sequence, pkt.number};
  uint32_t expected = previous.sequence + 1;
  if (sequence == expected) return;
  int n = pkt.add_generated_uint(top, sequence_analysis_expected_sn, expected);
  std::string msg;
  if (sequence == previous.sequence) {
    msg = fmt::format("Wrong Sequence Number for SPI {:08x} - {} repeated", spi, sequence);
  } else if (sequence > expected) {
    uint32_t missing = sequence - expected;
    if (pkt.labels)
      pkt.set_label(n, fmt::format("Expected SN: {} ({} SNs missing)", expected, missing));
    msg = fmt::format("Wrong Sequence Number for SPI {:08x} - {} missing", spi, missing);
  } else {
    msg = fmt::format("Wrong Sequence Number for SPI {:08x} - {} less than expected", spi,
                      expected - sequence);
  }
  static const ByteReader kNoBytes;
  add_expert(pkt, n, sequence_analysis_wrong_sequence_number, kNoBytes, 0, 0, msg, kExpertWarn,
             kGroupSequence);
  pkt.tree.add_generated(top, sequence_analysis_previous_frame, Value::of_uint(previous.frame));
}

size_t dissect_esp(const ByteReader& r, Packet& pkt, int parent) {
  using namespace esp_fields;
  int top = pkt.add_protocol(parent, proto_esp, r, 0, r.reported_size());
  uint32_t spi_value = r.u32(0);
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("ESP");
    pkt.cols.set_info(fmt::format("ESP (SPI=0x{:08x})", spi_value));
  }
  pkt.add_item(top, spi, r, 0, 4);
  uint32_t seq = r.u32(4);
  pkt.add_item(top, sequence, r, 4, 4);
  analyse_sequence(pkt, top, spi_value, seq);
  return r.reported_size();
}

// RFC 3948 §2: a single 0xff byte is a NAT-keepalive, four zero bytes mark an IKE message,
// anything else is ESP.
size_t dissect_udpencap(const ByteReader& r, Packet& pkt, int parent) {
  using namespace udpencap_fields;
  if (r.reported_size() == 1 && r.u8(0) == 0xff) {
    int top = pkt.add_protocol(parent, proto_udpencap, r, 0, 1);
    if (pkt.cols.enabled) {
      pkt.cols.set_protocol("UDPENCAP");
      pkt.cols.set_info("NAT-keepalive");
    }
    pkt.tree.add(top, nat_keepalive, r, 0, 1, Value{});
    return 1;
  }
  if (r.u32(0) == 0) {
    int top = pkt.add_protocol(parent, proto_udpencap, r, 0, 4);
    pkt.tree.add(top, non_esp_marker, r, 0, 4, Value{});
    return 4 + dissect_isakmp(r.sub(4), pkt, parent);
  }
  pkt.add_protocol(parent, proto_udpencap, r, 0, 0);
  return dissect_esp(r, pkt, parent);
}

}  // namespace

void register_esp() {
  auto& reg = registry();
  proto_esp = reg.add_protocol({"Encapsulating Security Payload", "ESP", "esp"});
  esp_fields::register_fields(proto_esp);
  proto_udpencap = reg.add_protocol({"UDP Encapsulation of IPsec Packets", "UDPENCAP", "udpencap"});
  udpencap_fields::register_fields(proto_udpencap);
  register_protocol_state<EspSequences>(StateScope::kCapture);
  tables::ip_proto().add(kIpProtoEsp, dissect_esp, "esp");
  tables::udp_port().add(kPortIpsecNatT, dissect_udpencap, "udpencap");
}

}  // namespace netsift
