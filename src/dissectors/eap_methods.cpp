// EAP methods with their own data layout, as tshark 4.0's EAP dissector shows them:
// EAP-MSCHAPv2 (draft-kamath-pppext-eap-mschapv2: opcode, id, length, then per opcode the
// challenge, the response with its peer challenge and NT-Response, or a message), and
// EAP-SIM / EAP-AKA / EAP-AKA' (RFC 4186, 4187, 5448: subtype, reserved, then attributes whose
// length counts 4-byte words).
#include <fmt/format.h>

#include "core/expert.h"
#include "core/field_registry.h"
#include "dissectors/eap_internal.h"

namespace netsift::eap {

namespace {

FieldId ms_opcode, ms_id, ms_length, ms_value_size, ms_challenge, ms_name, ms_peer_challenge,
    ms_reserved, ms_nt_response, ms_flags, ms_response, ms_message, ms_failure_request, ms_data,
    ei_ms_length;

// EAP-SIM's and EAP-AKA's fields: the same items under two prefixes.
struct SimAkaFields {
  FieldId subtype, reserved, attribute, type, length, notification, error_code, value;
};
SimAkaFields sim, aka;
FieldId identity_actual_len, identity_padding;

enum MsChapV2Opcode : uint8_t { kChallenge = 1, kResponse = 2, kSuccess = 3, kFailure = 4 };
enum SimAkaAttribute : uint8_t { kAtNotification = 12, kAtIdentity = 14, kAtClientErrorCode = 22 };
constexpr size_t kMsChapV2ResponseSize = 49;  // peer challenge, reserved, NT-Response, flags

constexpr ValueName kMsChapV2Opcodes[] = {
    {1, "Challenge"}, {2, "Response"}, {3, "Success"}, {4, "Failure"}, {7, "Change-Password"}};
constexpr ValueName kSimSubtypes[] = {{10, "Start"},
                                      {11, "Challenge"},
                                      {12, "Notification"},
                                      {13, "Re-authentication"},
                                      {14, "Client-Error"}};
constexpr ValueName kAkaSubtypes[] = {{1, "AKA-Challenge"},
                                      {2, "AKA-Authentication-Reject"},
                                      {4, "AKA-Synchronization-Failure"},
                                      {5, "AKA-Identity"},
                                      {12, "Notification"},
                                      {13, "Re-authentication"},
                                      {14, "Client-Error"}};
constexpr ValueName kAttributes[] = {
    {1, "AT_RAND"},
    {2, "AT_AUTN"},
    {3, "AT_RES"},
    {4, "AT_AUTS"},
    {6, "AT_PADDING"},
    {7, "AT_NONCE_MT"},
    {10, "AT_PERMANENT_ID_REQ"},
    {11, "AT_MAC"},
    {12, "AT_NOTIFICATION"},
    {13, "AT_ANY_ID_REQ"},
    {14, "AT_IDENTITY"},
    {15, "AT_VERSION_LIST"},
    {16, "AT_SELECTED_VERSION"},
    {17, "AT_FULLAUTH_ID_REQ"},
    {19, "AT_COUNTER"},
    {20, "AT_COUNTER_TOO_SMALL"},
    {21, "AT_NONCE_S"},
    {22, "AT_CLIENT_ERROR_CODE"},
    {23, "AT_KDF_INPUT"},
    {24, "AT_KDF"},
    {128, "Unassigned"},
    {129, "AT_IV"},
    {130, "AT_ENCR_DATA"},
    {131, "Unassigned"},
    {132, "AT_NEXT_PSEUDONYM"},
    {133, "AT_NEXT_REAUTH_ID"},
    {134, "AT_CHECKCODE"},
    {135, "AT_RESULT_IND"},
    {136, "AT_BIDDING"},
    {137, "AT_IPMS_IND"},
    {138, "AT_IPMS_RES"},
    {139, "AT_TRUST_IND"},
    {140, "AT_SHORT_NAME_FOR_NETWORK"},
    {141, "AT_FULL_NAME_FOR_NETWORK"},
    {142, "AT_RQSI_IND"},
    {143, "AT_RQSI_RES"},
    {144, "AT_TWAN_CONN_MODE"},
    {145, "AT_VIRTUAL_NETWORK_ID"},
    {146, "AT_VIRTUAL_NETWORK_REQ"},
    {147, "AT_CONNECTIVITY_TYPE"},
    {148, "AT_HANDOVER_INDICATION"},
    {149, "AT_HANDOVER_SESSION_ID"},
    {150, "AT_MN_SERIAL_ID"},
    {151, "AT_DEVICE_IDENTITY"},
};
constexpr ValueName kNotifications[] = {
    {0, "General Failure after Authentication"},
    {1026, "User has been temporarily denied access"},
    {1031, "User has not subscribed to the requested service"},
    {8192, "Failure to Terminate the Authentication Exchange"},
    {16384, "General Failure"},
    {32768, "Success"},
};
constexpr ValueName kClientErrors[] = {{0, "Unable to process packet"},
                                       {1, "Unsupported version"},
                                       {2, "Insufficient number of challenges"},
                                       {3, "RANDs are not fresh"}};

using FT = FieldType;
FieldReg bytes_field(FieldId* id, const char* name, const char* abbrev) {
  return {id, {.name = name, .abbrev = abbrev, .type = FT::kBytes}};
}
FieldReg string_field(FieldId* id, const char* name, const char* abbrev) {
  return {id, {.name = name, .abbrev = abbrev, .type = FT::kString}};
}

const FieldReg kMsChapV2Fields[] = {
    {&ms_opcode,
     {.name = "EAP-MS-CHAP-v2 OpCode",
      .abbrev = "eap.ms_chap_v2.opcode",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kMsChapV2Opcodes}},
    {&ms_id,
     {.name = "EAP-MS-CHAP-v2 Id",
      .abbrev = "eap.ms_chap_v2.id",
      .type = FT::kUint8,
      .base = Base::kDec}},
    {&ms_length,
     {.name = "EAP-MS-CHAP-v2 Length",
      .abbrev = "eap.ms_chap_v2.length",
      .type = FT::kUint16,
      .base = Base::kDec}},
    {&ms_value_size,
     {.name = "EAP-MS-CHAP-v2 Value-Size",
      .abbrev = "eap.ms_chap_v2.value_size",
      .type = FT::kUint8,
      .base = Base::kDec}},
    bytes_field(&ms_challenge, "EAP-MS-CHAP-v2 Challenge", "eap.ms_chap_v2.challenge"),
    string_field(&ms_name, "EAP-MS-CHAP-v2 Name", "eap.ms_chap_v2.name"),
    bytes_field(&ms_peer_challenge, "EAP-MS-CHAP-v2 Peer-Challenge",
                "eap.ms_chap_v2.peer_challenge"),
    bytes_field(&ms_reserved, "EAP-MS-CHAP-v2 Reserved", "eap.ms_chap_v2.reserved"),
    bytes_field(&ms_nt_response, "EAP-MS-CHAP-v2 NT-Response", "eap.ms_chap_v2.nt_response"),
    {&ms_flags,
     {.name = "EAP-MS-CHAP-v2 Flags",
      .abbrev = "eap.ms_chap_v2.flags",
      .type = FT::kUint8,
      .base = Base::kHex}},
    bytes_field(&ms_response, "EAP-MS-CHAP-v2 Response (Unknown Length)",
                "eap.ms_chap_v2.response"),
    string_field(&ms_message, "EAP-MS-CHAP-v2 Message", "eap.ms_chap_v2.message"),
    string_field(&ms_failure_request, "EAP-MS-CHAP-v2 Failure-Request",
                 "eap.ms_chap_v2.failure_request"),
    bytes_field(&ms_data, "EAP-MS-CHAP-v2 Data", "eap.ms_chap_v2.data"),
    {&identity_actual_len,
     {.name = "Identity Actual Length",
      .abbrev = "eap.identity.actual_len",
      .type = FT::kUint16,
      .base = Base::kDec}},
    bytes_field(&identity_padding, "Padding", "eap.identity.padding"),
    {&ei_ms_length,
     {.name = "Invalid Length", .abbrev = "eap.ms_chap_v2.length.invalid", .type = FT::kNone}},
};

// EAP-SIM's and EAP-AKA's field names and abbreviations, in SimAkaFields' order.
constexpr const char* kSimNames[] = {
    "EAP-SIM Subtype", "EAP-SIM Reserved",          "EAP-SIM Attribute",  "EAP-SIM Type",
    "EAP-SIM Length",  "EAP-SIM Notification Type", "EAP-SIM Error Code", "EAP-SIM Value"};
constexpr const char* kSimAbbrevs[] = {"eap.sim.subtype",           "eap.sim.reserved",
                                       "eap.sim.subtype.attribute", "eap.sim.subtype.type",
                                       "eap.sim.subtype.len",       "eap.sim.notification_type",
                                       "eap.sim.error_code",        "eap.sim.subtype.value"};
constexpr const char* kAkaNames[] = {
    "EAP-AKA Subtype", "EAP-AKA Reserved",          "EAP-AKA Attribute",  "EAP-AKA Type",
    "EAP-AKA Length",  "EAP-AKA Notification Type", "EAP-AKA Error Code", "EAP-AKA Value"};
constexpr const char* kAkaAbbrevs[] = {"eap.aka.subtype",           "eap.aka.reserved",
                                       "eap.aka.subtype.attribute", "eap.aka.subtype.type",
                                       "eap.aka.subtype.len",       "eap.aka.notification_type",
                                       "eap.aka.error_code",        "eap.aka.subtype.value"};

void register_sim_aka(FieldId proto, SimAkaFields& f, const char* const* n, const char* const* a,
                      std::span<const ValueName> subtypes) {
  const FieldReg regs[] = {
      {&f.subtype,
       {.name = n[0], .abbrev = a[0], .type = FT::kUint8, .base = Base::kDec, .values = subtypes}},
      {&f.reserved, {.name = n[1], .abbrev = a[1], .type = FT::kUint16, .base = Base::kHex}},
      {&f.attribute, {.name = n[2], .abbrev = a[2], .type = FT::kNone}},
      {&f.type,
       {.name = n[3],
        .abbrev = a[3],
        .type = FT::kUint8,
        .base = Base::kDec,
        .values = kAttributes}},
      {&f.length, {.name = n[4], .abbrev = a[4], .type = FT::kUint8, .base = Base::kDec}},
      {&f.notification,
       {.name = n[5],
        .abbrev = a[5],
        .type = FT::kUint16,
        .base = Base::kDec,
        .values = kNotifications}},
      {&f.error_code,
       {.name = n[6],
        .abbrev = a[6],
        .type = FT::kUint16,
        .base = Base::kDec,
        .values = kClientErrors}},
      {&f.value, {.name = n[7], .abbrev = a[7], .type = FT::kBytes}},
  };
  registry().add_fields(proto, regs);
}

}  // namespace

void dissect_mschapv2(Packet& pkt, const ByteReader& r, size_t off, size_t size, int parent) {
  uint8_t opcode = r.u8(off);
  pkt.add_item(parent, ms_opcode, r, off, 1);
  // tshark counts what is left in a signed int: the length item can take it below zero.
  long left = static_cast<long>(size) - 1;
  if (left <= 0) return;
  pkt.add_item(parent, ms_id, r, off + 1, 1);
  if (--left <= 0) return;
  int len_node = pkt.add_item(parent, ms_length, r, off + 2, 2);
  if (r.u16(off + 2) != size)
    add_expert(pkt, len_node, ei_ms_length, r, off + 2, 2, "Invalid Length", kExpertWarn,
               kGroupProtocol);
  off += 4;
  left -= 2;
  // Whatever is left after the fixed items: to the end of the bytes there when tshark's count
  // went negative (its length -1).
  auto rest = [&] { return left < 0 ? r.size() - off : static_cast<size_t>(left); };
  switch (opcode) {
    case kChallenge:
    case kResponse: {
      if (left <= 0) break;
      uint8_t value_size = r.u8(off);
      pkt.add_item(parent, ms_value_size, r, off, 1);
      ++off;
      --left;
      if (opcode == kResponse && value_size == kMsChapV2ResponseSize) {
        pkt.add_item(parent, ms_peer_challenge, r, off, 16);
        pkt.add_item(parent, ms_reserved, r, off + 16, 8);
        pkt.add_item(parent, ms_nt_response, r, off + 24, 24);
        pkt.add_item(parent, ms_flags, r, off + 48, 1);
      } else {
        pkt.add_item(parent, opcode == kChallenge ? ms_challenge : ms_response, r, off, value_size);
      }
      off += value_size;
      left -= value_size;
      if (left <= 0) break;
      pkt.add_ascii(parent, ms_name, r, off, rest());
      break;
    }
    case kSuccess:
      if (left > 0) pkt.add_ascii(parent, ms_message, r, off, rest());
      break;
    case kFailure:
      if (left > 0) pkt.add_ascii(parent, ms_failure_request, r, off, rest());
      break;
    default:
      pkt.add_item(parent, ms_data, r, off, rest());
      break;
  }
}

void dissect_sim_aka(Packet& pkt, bool aka, const ByteReader& r, size_t off, size_t size,
                     int parent) {
  const SimAkaFields& f = aka ? eap::aka : eap::sim;
  pkt.add_item(parent, f.subtype, r, off, 1);
  long left = static_cast<long>(size) - 1;
  ++off;
  if (left < 2) return;
  pkt.add_item(parent, f.reserved, r, off, 2);
  off += 2;
  left -= 2;
  while (left >= 2) {
    uint8_t type = r.u8(off);
    uint8_t words = r.u8(off + 1);
    size_t attr_len = 4u * words;
    r.need(off, attr_len);
    int attr = pkt.tree.add(parent, f.attribute, r, off, attr_len, Value{});
    if (pkt.labels) {
      const char* name = value_name(kAttributes, type);
      pkt.set_label(attr, fmt::format("EAP-{} Attribute: {} ({})", aka ? "AKA" : "SIM",
                                      name ? name : "Unknown", type));
    }
    pkt.add_uint(attr, f.type, r, off, 1, type);
    if (attr_len <= 1) break;  // a zero length: tshark stops at the type
    pkt.add_item(attr, f.length, r, off + 1, 1);
    size_t value_off = off + 2;
    switch (type) {
      case kAtIdentity: {
        pkt.add_item(attr, identity_actual_len, r, value_off, 2);
        size_t actual = r.u16(value_off);
        dissect_identity(pkt, r, value_off + 2, actual, attr);
        long padding = (static_cast<long>(words) - 1) * 4 - static_cast<long>(actual);
        if (padding < 0) throw BoundsError{false};  // a negative length tshark refuses
        if (padding > 0)
          pkt.add_item(attr, identity_padding, r, value_off + 2 + actual,
                       static_cast<size_t>(padding));
        break;
      }
      case kAtNotification:
        pkt.add_item(attr, f.notification, r, value_off, 2);
        break;
      case kAtClientErrorCode:
        pkt.add_item(attr, f.error_code, r, value_off, 2);
        break;
      default:
        pkt.add_item(attr, f.value, r, value_off, attr_len - 2);
        break;
    }
    off += attr_len;
    left -= static_cast<long>(attr_len);
  }
}

void register_method_fields(FieldId proto) {
  registry().add_fields(proto, kMsChapV2Fields);
  register_sim_aka(proto, sim, kSimNames, kSimAbbrevs, kSimSubtypes);
  register_sim_aka(proto, aka, kAkaNames, kAkaAbbrevs, kAkaSubtypes);
}

}  // namespace netsift::eap
