// IP Encapsulating Security Payload (RFC 4303) as IP protocol 50 and inside UDP port 4500
// (RFC 3948: NAT-keepalives, the non-ESP marker in front of IKE messages, ESP): the SPI and
// sequence number, tshark 4.0's per-SPI sequence analysis, and the Info column. The payload
// stays encrypted (no SA is known).
#include <fmt/format.h>

#include <functional>

#include "core/expert.h"
#include "core/field_registry.h"
#include "core/packet.h"
#include "core/preferences.h"
#include "core/protocol_state.h"
#include "core/session.h"
#include "core/transaction_table.h"
#include "dissectors/esp.h"
#include "dissectors/esp_decrypt.h"
#include "dissectors/esp_fields.h"
#include "dissectors/isakmp.h"
#include "dissectors/udpencap_fields.h"

namespace netsift {

namespace esp {
FieldId protocol;
}

namespace {

constexpr uint8_t kIpProtoEsp = 50;
constexpr uint16_t kPortIpsecNatT = 4500;

FieldId proto_udpencap;

BoolPref enable_null_heuristic, do_sequence_analysis, enable_encryption_decode,
    enable_authentication_check;

const PrefReg kEspPrefs[] = {
    pref_bool(&enable_null_heuristic, "enable_null_encryption_decode_heuristic",
              "This is done only if the Decoding is not SET or the packet does not belong to a SA. "
              "Tries ICV lengths of 12, 16, 24, and 32 bytes, checks for valid padding, and "
              "attempts to decode based on the derived Next Header field. Does not detect "
              "ENCR_NULL_AUTH_AES_GMAC (i.e. assumes 0 length IV)",
              false),
    pref_bool(&do_sequence_analysis, "do_esp_sequence_analysis",
              "Check that successive frames increase sequence number by 1 within an SPI.  This "
              "should work OK when only one host is sending frames on an SPI",
              true),
    pref_bool(&enable_encryption_decode, "enable_encryption_decode",
              "Attempt to decode based on the SAD described hereafter.", false),
    pref_bool(&enable_authentication_check, "enable_authentication_check",
              "Attempt to Check ESP Authentication based on the SAD described hereafter.", false),
};

// The run's SAs, read from the esp_sa table once.
struct EspKeys {
  bool loaded = false;
  EspSas sas;
};

// The last sequence number and frame seen for each SPI (tshark's esp sequence analysis,
// esp.do_esp_sequence_analysis, on by default).
// Bounded by the memory budget's per-capture tables pool: past it a new SPI forgets the oldest.
struct EspSequences {
  struct Last {
    uint32_t sequence;
    uint64_t frame;
  };
  TransactionTable<uint32_t, Last, std::hash<uint32_t>> by_spi{MemoryUse::kCaptureTables};
};

// netsift's own: the sequence table's memory budget made this packet forget the oldest SPI.
FieldId sequence_limit;

void analyse_sequence(Packet& pkt, int top, uint32_t spi, uint32_t sequence) {
  using namespace esp_fields;
  auto& seen = pkt.session->state<EspSequences>().by_spi;
  seen.use_budget(pkt.session->memory());
  EspSequences::Last* last = seen.find(spi);
  if (!last) {
    std::optional<std::pair<uint32_t, EspSequences::Last>> evicted;
    seen.insert(spi, &evicted) = {sequence, pkt.number};
    if (evicted)
      add_expert(pkt, top, sequence_limit, ByteReader(), 0, 0,
                 fmt::format("Sequence analysis of SPI {:08x} (frame {}) forgotten ({} used up)",
                             evicted->first, evicted->second.frame, seen.describe()),
                 kExpertNote, kGroupSequence);
    return;
  }
  EspSequences::Last previous = *last;
  *last = {sequence, pkt.number};
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
  int top = pkt.add_protocol(parent, esp::protocol, r, 0, r.reported_size());
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("ESP");
    pkt.cols.set_info("");
  }
  pkt.add_item(top, spi, r, 0, 4);
  uint32_t spi_value = r.u32(0);
  pkt.add_item(top, sequence, r, 4, 4);
  uint32_t seq = r.u32(4);
  // Like tshark, the Info column names the SPI once the header is there (not when cut short).
  if (pkt.cols.enabled) pkt.cols.set_info(fmt::format("ESP (SPI=0x{:08x})", spi_value));
  const PrefStore& prefs = pkt.session->prefs;
  if (prefs.get(do_sequence_analysis)) analyse_sequence(pkt, top, spi_value, seq);
  if (r.reported_size() <= 8) return r.reported_size();
  // The heuristic runs when decryption is off, or on and no SA matches.
  bool null_heuristic = prefs.get(enable_null_heuristic);
  if (prefs.get(enable_encryption_decode)) {
    EspKeys& keys = pkt.session->state<EspKeys>();
    if (!keys.loaded) {
      keys.loaded = true;
      if (const UatTable* t = prefs.find_uat("esp_sa")) keys.sas.load(*t);
    }
    if (const EspSa* sa = keys.sas.find(pkt.net_src, pkt.net_dst, spi_value)) {
      dissect_esp_decrypted(r, pkt, parent, top, *sa, prefs.get(enable_authentication_check));
      null_heuristic = false;
    }
  }
  if (null_heuristic) dissect_esp_null_heuristic(r, pkt, parent, top);
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
    // tshark's call_dissector hands a message ISAKMP rejects to the data dissector.
    size_t n = dissect_isakmp(r.sub(4), pkt, parent);
    return 4 + (n ? n : pkt.call_data(r.sub(4), parent));
  }
  pkt.add_protocol(parent, proto_udpencap, r, 0, 0);
  return dissect_esp(r, pkt, parent);
}

}  // namespace

void register_esp() {
  auto& reg = registry();
  esp::protocol = reg.add_protocol({"Encapsulating Security Payload", "ESP", "esp"});
  esp_fields::register_fields(esp::protocol);
  static const FieldReg kOwnFields[] = {
      {&sequence_limit,
       {.name = "Sequence analysis limit reached", .abbrev = "esp.sequence_analysis_limit"}},
  };
  reg.add_fields(esp::protocol, kOwnFields);
  proto_udpencap = reg.add_protocol({"UDP Encapsulation of IPsec Packets", "UDPENCAP", "udpencap"});
  udpencap_fields::register_fields(proto_udpencap);
  register_protocol_state<EspSequences>(StateScope::kCapture);
  register_protocol_state<EspKeys>(StateScope::kCapture);
  prefs_registry().add_module({"esp", "Encapsulating Security Payload"}, kEspPrefs);
  tables::ip_proto().add(kIpProtoEsp, dissect_esp, "esp");
  tables::udp_port().add(kPortIpsecNatT, dissect_udpencap, "udpencap");
}

}  // namespace netsift
