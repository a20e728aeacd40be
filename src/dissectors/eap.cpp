// The Extensible Authentication Protocol (RFC 3748) as tshark 4.0 shows it: code, identifier,
// length and, for requests and responses, the method type with the data of Identity,
// Notification, Legacy Nak and MD5-Challenge, of EAP-MSCHAPv2, EAP-SIM and EAP-AKA
// (eap_methods.cpp) and the EAP-TLS family's framing with TLS inside (eap_tls.cpp); other
// methods' data as EAP Data. A repeated
// identifier in the same direction of a conversation is flagged as a retransmission, a
// Request/Identity starting the conversation's state afresh (as tshark starts a new one).
#include "dissectors/eap.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/conversation.h"
#include "core/expert.h"
#include "core/field_registry.h"
#include "core/protocol_state.h"
#include "dissectors/eap_internal.h"

namespace netsift {

namespace {

enum Code : uint8_t { kRequest = 1, kResponse = 2, kSuccess = 3, kFailure = 4, kInitiate = 5 };
enum Method : uint8_t {
  kIdentity = 1,
  kNotification = 2,
  kNak = 3,
  kMd5Challenge = 4,
  kTls = 13,
  kSim = 18,
  kTtls = 21,
  kAka = 23,
  kPeap = 25,
  kMsChapV2 = 26,  // as Microsoft sends it (IANA: MS-Authentication EAP), tshark decodes 26
  kAkaPrime = 50,
};

constexpr size_t kHeaderSize = 4;

FieldId proto, code, identifier, length, type, desired_type, identity, notification,
    md5_value_size, md5_value, md5_extra_data, data, ei_mitm_attacks, ei_md5_value_size_overflow,
    ei_identity_nonascii, ei_retransmission, ei_bad_length;

constexpr ValueName kCodes[] = {{1, "Request"}, {2, "Response"}, {3, "Success"},
                                {4, "Failure"}, {5, "Initiate"}, {6, "Finish"}};
constexpr ValueName kMethods[] = {
    {1, "Identity"},
    {2, "Notification"},
    {3, "Legacy Nak (Response Only)"},
    {4, "MD5-Challenge EAP (EAP-MD5-CHALLENGE)"},
    {5, "One-Time Password EAP (EAP-OTP)"},
    {6, "Generic Token Card EAP (EAP-GTC)"},
    {7, "Allocated"},
    {8, "Allocated"},
    {9, "RSA Public Key Authentication EAP (EAP-RSA-PKA)"},
    {10, "DSS Unilateral EAP (EAP-DSS)"},
    {11, "KEA EAP (EAP-KEA)"},
    {12, "KEA Validate EAP (EAP-KEA-VALIDATE)"},
    {13, "TLS EAP (EAP-TLS)"},
    {14, "Defender Token EAP (EAP-AXENT)"},
    {15, "RSA Security SecurID EAP (EAP-RSA-SECURID)"},
    {16, "Arcot Systems EAP (EAP-ARCOT-SYSTEMS)"},
    {17, "Cisco Wireless EAP / Lightweight EAP (EAP-LEAP)"},
    {18, "GSM Subscriber Identity Modules EAP (EAP-SIM)"},
    {19, "Secure Remote Password SHA1 Part 1 EAP (EAP-SRP-SHA1-PART1)"},
    {20, "Secure Remote Password SHA1 Part 2 EAP (EAP-SRP-SHA1-PART2)"},
    {21, "Tunneled TLS EAP (EAP-TTLS)"},
    {22, "Remote Access Service EAP (EAP-RAS)"},
    {23, "UMTS Authentication and Key Agreement EAP (EAP-AKA)"},
    {24, "3Com Wireless EAP (EAP-3COM-WIRELESS)"},
    {25, "Protected EAP (EAP-PEAP)"},
    {26, "MS-Authentication EAP (EAP-MS-AUTH)"},
    {27, "Mutual Authentication w/Key Exchange EAP (EAP-MAKE)"},
    {28, "CRYPTOCard EAP (EAP-CRYPTOCARD)"},
    {29, "MS-CHAP-v2 EAP (EAP-MS-CHAP-V2)"},
    {30, "DynamID EAP (EAP-DYNAMID)"},
    {31, "Rob EAP (EAP-ROB)"},
    {32, "Protected One-Time Password EAP (EAP-POTP)"},
    {33, "MS-Authentication TLV EAP (EAP-MS-AUTH-TLV)"},
    {34, "SentriNET (EAP-SENTRINET)"},
    {35, "Actiontec Wireless EAP (EAP-ACTIONTEC-WIRELESS)"},
    {36, "Cogent Systems Biometrics Authentication EAP (EAP-COGENT-BIOMETRIC)"},
    {37, "AirFortress EAP (EAP-AIRFORTRESS)"},
    {38, "HTTP Digest EAP (EAP-HTTP-DIGEST)"},
    {39, "SecureSuite EAP (EAP-SECURESUITE)"},
    {40, "DeviceConnect EAP (EAP-DEVICECONNECT)"},
    {41, "Simple Password Exponential Key Exchange EAP (EAP-SPEKE)"},
    {42, "MOBAC EAP (EAP-MOBAC)"},
    {43, "Flexible Authentication via Secure Tunneling EAP (EAP-FAST)"},
    {44, "ZoneLabs EAP (EAP-ZLXEAP)"},
    {45, "Link EAP (EAP-LINK)"},
    {46, "Password Authenticated eXchange EAP (EAP-PAX)"},
    {47, "Pre-Shared Key EAP (EAP-PSK)"},
    {48, "Shared-secret Authentication and Key Establishment EAP (EAP-SAKE)"},
    {49, "Internet Key Exchange v2 EAP (EAP-IKEv2)"},
    {50, "UMTS Authentication and Key Agreement' EAP (EAP-AKA')"},
    {51, "Generalized Pre-Shared Key EAP (EAP-GPSK)"},
    {52, "Password EAP (EAP-pwd)"},
    {53, "Encrypted Key Exchange v1 EAP (EAP-EKEv1)"},
    {55, "Tunneled EAP protocol"},
    {254, "Expanded Type"},
    {255, "Experimental"},
};

using FT = FieldType;
const FieldReg kFields[] = {
    {&code,
     {.name = "Code", .abbrev = "eap.code", .type = FT::kUint8, .base = Base::kDec,
      .values = kCodes}},
    {&identifier, {.name = "Id", .abbrev = "eap.id", .type = FT::kUint8, .base = Base::kDec}},
    {&length, {.name = "Length", .abbrev = "eap.len", .type = FT::kUint16, .base = Base::kDec}},
    {&type,
     {.name = "Type", .abbrev = "eap.type", .type = FT::kUint8, .base = Base::kDec,
      .values = kMethods}},
    {&desired_type,
     {.name = "Desired Auth Type",
      .abbrev = "eap.desired_type",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kMethods}},
    {&identity, {.name = "Identity", .abbrev = "eap.identity", .type = FT::kString}},
    {&notification, {.name = "Notification", .abbrev = "eap.notification", .type = FT::kString}},
    {&md5_value_size,
     {.name = "EAP-MD5 Value-Size",
      .abbrev = "eap.md5.value_size",
      .type = FT::kUint8,
      .base = Base::kDec}},
    {&md5_value, {.name = "EAP-MD5 Value", .abbrev = "eap.md5.value", .type = FT::kBytes}},
    {&md5_extra_data,
     {.name = "EAP-MD5 Extra Data", .abbrev = "eap.md5.extra_data", .type = FT::kBytes}},
    {&data, {.name = "EAP Data", .abbrev = "eap.data", .type = FT::kBytes}},
    {&ei_mitm_attacks,
     {.name = "Vulnerable to MITM attacks. If possible, change EAP type.",
      .abbrev = "eap.mitm_attacks",
      .type = FT::kNone}},
    {&ei_md5_value_size_overflow,
     {.name = "Overflow", .abbrev = "eap.md5.value_size.overflow", .type = FT::kNone}},
    {&ei_identity_nonascii,
     {.name = "Non-ASCII characters within identity",
      .abbrev = "eap.identity.nonascii",
      .type = FT::kNone}},
    {&ei_retransmission,
     {.name = "This packet is a retransmission", .abbrev = "eap.retransmission", .type = FT::kNone}},
    {&ei_bad_length,
     {.name = "Bad length (too small or too large)", .abbrev = "eap.bad_length", .type = FT::kNone}},
};

// The identifiers last seen per direction (requests, responses) on the conversation, for
// tshark's retransmission check; -1 when none yet.
struct EapConversation {
  int last_request = -1, last_response = -1;
};

bool printable_ascii(const ByteReader& r, size_t off, size_t len) {
  for (uint8_t c : r.text(off, len))
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

// Whether the packet repeats its direction's last identifier (flagged as a retransmission).
bool note_retransmission(Packet& pkt, int id_node, const ByteReader& r, uint8_t c, uint8_t id,
                         bool restart) {
  if (!pkt.conversation || (c != kRequest && c != kResponse && c != kInitiate && c != 6))
    return false;
  EapConversation& conv = pkt.conversation->state<EapConversation>();
  if (restart) conv = EapConversation{};
  int& last = c == kRequest || c == kInitiate ? conv.last_request : conv.last_response;
  bool repeated = last == id;
  last = id;
  if (repeated)
    add_expert(pkt, id_node, ei_retransmission, r, 1, 1, "This packet is a retransmission",
               kExpertNote, kGroupSequence);
  return repeated;
}

// The method data of a request or response r[off, off+size).
void dissect_method(Packet& pkt, int top, int type_node, uint8_t method, const ByteReader& r,
                    size_t off, size_t size, bool retransmission) {
  switch (method) {
    case kIdentity:
      if (size > 0) eap::dissect_identity(pkt, r, off, size, top);
      eap::end_tls_reassembly(pkt);  // an identity exchange starts authentication afresh
      break;
    case kNotification:
      pkt.add_ascii(top, notification, r, off, size);
      break;
    case kNak:
      pkt.add_item(top, desired_type, r, off, 1);
      break;
    case kMd5Challenge: {
      add_expert(pkt, type_node, ei_mitm_attacks, r, 4, 1,
                 "Vulnerable to MITM attacks. If possible, change EAP type.", kExpertWarn,
                 kGroupSecurity);
      size_t value_size = r.u8(off);
      int n = pkt.add_item(top, md5_value_size, r, off, 1);
      if (value_size > size - 1) {
        add_expert(pkt, n, ei_md5_value_size_overflow, r, off, 1, "Overflow", kExpertWarn,
                   kGroupProtocol);
        value_size = size - 1;
      }
      pkt.add_item(top, md5_value, r, off + 1, value_size);
      if (size - 1 > value_size)
        pkt.add_item(top, md5_extra_data, r, off + 1 + value_size, size - 1 - value_size);
      break;
    }
    case kMsChapV2:
      eap::dissect_mschapv2(pkt, r, off, size, top);
      break;
    case kSim:
      eap::dissect_sim_aka(pkt, false, r, off, size, top);
      break;
    case kAka:
    case kAkaPrime:
      eap::dissect_sim_aka(pkt, true, r, off, size, top);
      break;
    case kTls:
    case kTtls:
    case kPeap:
      eap::dissect_tls_family(pkt, method, r, off, size, top, retransmission);
      break;
    default:
      pkt.add_item(top, data, r, off, size);
      break;
  }
}

}  // namespace

namespace eap {

void dissect_identity(Packet& pkt, const ByteReader& r, size_t off, size_t size, int parent) {
  int n = pkt.add_ascii(parent, identity, r, off, size);
  if (!printable_ascii(r, off, size))
    add_expert(pkt, n, ei_identity_nonascii, r, off, size, "Non-ASCII characters within identity",
               kExpertWarn, kGroupProtocol);
}

}  // namespace eap

size_t dissect_eap(const ByteReader& r, Packet& pkt, int parent) {
  uint8_t c = r.u8(0);
  uint8_t id = r.u8(1);
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("EAP");
    const char* name = value_name(kCodes, c);
    pkt.cols.set_info(name ? name : fmt::format("Unknown code (0x{:02X})", c));
  }
  // tshark reads a request's type before the tree, to see whether it starts a conversation.
  bool restart = c == kRequest && r.u8(4) == kIdentity;
  uint16_t len = r.u16(2);
  int top = pkt.add_protocol(parent, proto, r, 0,
                             std::min<size_t>(len, r.reported_size()));
  pkt.add_item(top, code, r, 0, 1);
  int id_node = pkt.add_item(top, identifier, r, 1, 1);
  int len_node = pkt.add_item(top, length, r, 2, 2);
  if (len < kHeaderSize || len > r.reported_size())
    add_expert(pkt, len_node, ei_bad_length, r, 2, 2, "Bad length (too small or too large)",
               kExpertWarn, kGroupProtocol);
  bool retransmission = note_retransmission(pkt, id_node, r, c, id, restart);
  if (c != kRequest && c != kResponse) return r.reported_size();
  uint8_t method = r.u8(4);
  if (pkt.cols.enabled) {
    const char* name = value_name(kMethods, method);
    pkt.cols.append_info(", " + (name ? std::string(name) : fmt::format("Unknown type (0x{:02x})",
                                                                        method)));
  }
  int type_node = pkt.add_item(top, type, r, 4, 1);
  if (len > 5 || (len == 5 && method == kIdentity))
    dissect_method(pkt, top, type_node, method, r, 5, len - 5, retransmission);
  return r.reported_size();
}

void register_eap() {
  FieldRegistry& reg = registry();
  proto = reg.add_protocol({"Extensible Authentication Protocol", "EAP", "eap"});
  reg.add_fields(proto, kFields);
  register_protocol_state<EapConversation>(StateScope::kConversation);
  eap::register_method_fields(proto);
  eap::register_tls_family(proto);
}

}  // namespace netsift
