// The Notify payload (RFC 2408 §3.14, RFC 7296 §3.10): its header, the message type named as
// tshark 4.0 names it (3GPP TS 24.302 names in IKEv2's private ranges) and the notification
// data of every type tshark decodes: IKEv1's RESPONDER-LIFETIME attributes and DPD / Cisco
// Unity sequence numbers; IKEv2's INVALID_KE_PAYLOAD, IPCOMP_SUPPORTED, AUTH_LIFETIME,
// REDIRECT / REDIRECTED_FROM (RFC 5685), session resumption tickets (RFC 5723), ROHC_SUPPORTED
// (RFC 5857), QUICK_CRASH_DETECTION (RFC 6290), the HA synchronisation notifies (RFC 6311),
// SECURE_PASSWORD_METHODS, SIGNATURE_HASH_ALGORITHMS (RFC 7427) and 3GPP's DEVICE_IDENTITY,
// BACKOFF_TIMER and EMERGENCY_CALL_NUMBERS.
#include <fmt/format.h>

#include <algorithm>

#include "core/expert.h"
#include "core/field_registry.h"
#include "core/text_format.h"
#include "dissectors/gsm_gprs_timer.h"
#include "dissectors/isakmp_fields.h"
#include "dissectors/isakmp_internal.h"

namespace netsift::isakmp {

using namespace isakmp_fields;

namespace {

enum NotifyType : uint16_t {
  kInvalidKePayload = 17,
  kIpcompSupported = 16387,
  kAuthLifetime = 16403,
  kRedirect = 16407,
  kRedirectedFrom = 16408,
  kTicketLtOpaque = 16409,
  kTicketOpaque = 16413,
  kRohcSupported = 16416,
  kQuickCrashDetection = 16419,
  kMessageIdSync = 16422,
  kReplayCounterSync = 16423,
  kSecurePasswordMethods = 16424,
  kSignatureHashAlgorithms = 16431,
  kResponderLifetime = 24576,  // IKEv1
  kRUThere = 36136,            // IKEv1 (RFC 3706)
  kRUThereAck = 36137,
  kUnityLoadBalance = 40501,
  k3gppBackoffTimer = 41041,
  k3gppDeviceIdentity = 41101,
  k3gppEmergencyCallNumbers = 41134,
};

constexpr uint8_t kGatewayIpv4 = 1, kGatewayIpv6 = 2, kGatewayFqdn = 3;
constexpr uint8_t kProtoIsakmp = 1;
constexpr uint32_t kDoiIpsec = 1;

// 3GPP TS 24.302 §8.1.2 names of IKEv2's private error (8192-16383) and status (40960-65535)
// types, the table tshark 4.0 names them from.
constexpr RangeName k3gppNotifyTypes[] = {
    {8192, 8192, "PDN_CONNECTION_REJECTION"},
    {8193, 8193, "MAX_CONNECTION_REACHED"},
    {8194, 8240, "Private Use - Errors"},
    {8241, 8241, "SEMANTIC_ERROR_IN_THE_TFT_OPERATION"},
    {8242, 8242, "SYNTACTICAL_ERROR_IN_THE_TFT_OPERATION"},
    {8243, 8243, "Private Use - Errors"},
    {8244, 8244, "SEMANTIC_ERRORS_IN_PACKET_FILTERS"},
    {8245, 8245, "SYNTACTICAL_ERRORS_IN_PACKET_FILTERS"},
    {8246, 8999, "Private Use - Errors"},
    {9000, 9000, "NON_3GPP_ACCESS_TO_EPC_NOT_ALLOWED"},
    {9001, 9001, "USER_UNKNOWN"},
    {9002, 9002, "NO_APN_SUBSCRIPTION"},
    {9003, 9003, "AUTHORIZATION_REJECTED"},
    {9004, 9005, "Private Use - Errors"},
    {9006, 9006, "ILLEGAL_ME"},
    {9007, 10499, "Private Use - Errors"},
    {10500, 10500, "NETWORK_FAILURE"},
    {10501, 11000, "Private Use - Errors"},
    {11001, 11001, "RAT_TYPE_NOT_ALLOWED"},
    {11002, 11004, "Private Use - Errors"},
    {11005, 11005, "IMEI_NOT_ACCEPTED"},
    {11006, 11010, "Private Use - Errors"},
    {11011, 11011, "PLMN_NOT_ALLOWED"},
    {11012, 11054, "Private Use - Errors"},
    {11055, 11055, "UNAUTHENTICATED_EMERGENCY_NOT_SUPPORTED"},
    {11056, 15499, "Private Use - Errors"},
    {15500, 15500, "CONGESTION"},
    {15501, 16383, "Private Use - Errors"},
    {40960, 40960, "Private Use - STATUS TYPES"},
    {40961, 40961, "REACTIVATION_REQUESTED_CAUSE"},
    {40962, 41040, "Private Use - STATUS TYPES"},
    {41041, 41041, "BACKOFF_TIMER"},
    {41042, 41049, "Private Use - STATUS TYPES"},
    {41050, 41050, "PDN_TYPE_IPv4_ONLY_ALLOWED"},
    {41051, 41051, "PDN_TYPE_IPv6_ONLY_ALLOWED"},
    {41052, 41100, "Private Use - STATUS TYPES"},
    {41101, 41101, "DEVICE_IDENTITY"},
    {41102, 41111, "Private Use - STATUS TYPES"},
    {41112, 41112, "EMERGENCY_SUPPORT"},
    {41113, 41133, "Private Use - STATUS TYPES"},
    {41134, 41134, "EMERGENCY_CALL_NUMBERS"},
    {41135, 41287, "Private Use - STATUS TYPES"},
    {41288, 41288, "NBIFOM_GENERIC"},
    {41289, 41303, "Private Use - STATUS TYPES"},
    {41304, 41304, "P-CSCF_RESELECTION_SUPPORT"},
    {41305, 41501, "Private Use - STATUS TYPES"},
    {41502, 41502, "PTI"},
    {41503, 42010, "Private Use - STATUS TYPES"},
    {42011, 42011, "IKEV2_MULTIPLE_BEARER_PDN_CONNECTIVITY"},
    {42012, 42013, "Private Use - STATUS TYPES"},
    {42014, 42014, "EPS_QOS"},
    {42015, 42015, "EXTENDED_EPS_QOS"},
    {42016, 42016, "Private Use - STATUS TYPES"},
    {42017, 42017, "TFT"},
    {42018, 42019, "Private Use - STATUS TYPES"},
    {42020, 42020, "MODIFIED_BEARER"},
    {42021, 42093, "Private Use - STATUS TYPES"},
    {42094, 42094, "APN_AMBR"},
    {42095, 42095, "EXTENDED_APN_AMBR"},
    {42096, 51014, "Private Use - STATUS TYPES"},
    {51015, 51015, "N1_MODE_CAPABILITY"},
    {51016, 65535, "Private Use - STATUS TYPES"},
};

// tshark names IKEv2 types in the private error and status ranges from 3GPP's table.
bool private_v2_type(uint16_t t) { return (t >= 8192 && t <= 16383) || t >= 40959; }

std::string v2_type_name(uint16_t type) {
  if (!private_v2_type(type)) return value_text(notify_msgtype_v2, type);
  for (const RangeName& n : k3gppNotifyTypes)
    if (type >= n.low && type <= n.high) return n.name;
  return "Unknown";
}

// An IKE or IPsec life type / life duration attribute of RESPONDER-LIFETIME (RFC 2407 §4.5.4),
// as tshark's dissect_resp_lifetime_*_attribute shows it; returns its size.
struct LifetimeFields {
  AttributeFields header;
  uint16_t life_type, life_duration;  // the attribute types
  FieldId type, duration32, duration64, duration_bytes;
};
// (Made on first use: the field ids are set when the fields are registered.)
const LifetimeFields& ike_lifetime() {
  static const LifetimeFields f{
      {notify_data_resp_lifetime_ike_attr, notify_data_resp_lifetime_ike_attr_type,
       notify_data_resp_lifetime_ike_attr_format, notify_data_resp_lifetime_ike_attr_length,
       notify_data_resp_lifetime_ike_attr_value},
      11,
      12,
      notify_data_resp_lifetime_ike_attr_life_type,
      notify_data_resp_lifetime_ike_attr_life_duration,
      notify_data_resp_lifetime_ike_attr_life_duration64,
      notify_data_resp_lifetime_ike_attr_life_duration_bytes};
  return f;
}
const LifetimeFields& ipsec_lifetime() {
  static const LifetimeFields f{
      {notify_data_resp_lifetime_ipsec_attr, notify_data_resp_lifetime_ipsec_attr_type,
       notify_data_resp_lifetime_ipsec_attr_format, notify_data_resp_lifetime_ipsec_attr_length,
       notify_data_resp_lifetime_ipsec_attr_value},
      1,
      2,
      notify_data_resp_lifetime_ipsec_attr_life_type,
      notify_data_resp_lifetime_ipsec_attr_life_duration,
      notify_data_resp_lifetime_ipsec_attr_life_duration64,
      notify_data_resp_lifetime_ipsec_attr_life_duration_bytes};
  return f;
}

size_t dissect_lifetime_attribute(Packet& pkt, const ByteReader& r, size_t off, int parent,
                                  const LifetimeFields& f) {
  Attribute a = dissect_attribute_header(pkt, r, off, parent, f.header);
  size_t v = a.value_offset, len = a.length;
  if (len == 0) {
    add_expert(pkt, a.node, attribute_value_empty, r, off, 0, "Attribute value is empty",
               kExpertNote, kGroupProtocol);
  } else if (a.type == f.life_type) {
    pkt.add_item(a.node, f.type, r, v, len);
    append_label(pkt, a.node, ": " + value_text(f.type, r.u16(v), "Unknown "));
  } else if (a.type == f.life_duration) {  // tshark's dissect_life_duration
    if (len <= 8) {
      uint64_t x = r.uint(v, len);
      pkt.add_uint(a.node, len <= 4 ? f.duration32 : f.duration64, r, v, len, x);
      append_label(pkt, a.node, fmt::format(": {}", x));
    } else {
      pkt.add_item(a.node, f.duration_bytes, r, v, len);
      append_label(pkt, a.node, fmt::format(": {:x} ...", r.u64(v)));
    }
  }
  return a.size;
}

// A ROHC attribute of ROHC_SUPPORTED (RFC 5857 §3.1); returns its size.
size_t dissect_rohc_attribute(Packet& pkt, const ByteReader& r, size_t off, int parent) {
  static const AttributeFields kRohc{notify_data_rohc_attr, notify_data_rohc_attr_type,
                                     notify_data_rohc_attr_format, notify_data_rohc_attr_length,
                                     notify_data_rohc_attr_value};
  Attribute a = dissect_attribute_header(pkt, r, off, parent, kRohc);
  if (a.length == 0) {
    add_expert(pkt, a.node, attribute_value_empty, r, off, 0, "Attribute value is empty",
               kExpertNote, kGroupProtocol);
    return a.size;
  }
  static const FieldId kValues[] = {notify_data_rohc_attr_max_cid, notify_data_rohc_attr_profile,
                                    notify_data_rohc_attr_integ, notify_data_rohc_attr_icv_len,
                                    notify_data_rohc_attr_mrru};
  if (a.type >= 1 && a.type <= 5)
    pkt.add_item(a.node, kValues[a.type - 1], r, a.value_offset, a.length);
  return a.size;
}

// REDIRECT and REDIRECTED_FROM (RFC 5685 §8): a gateway identity and, for REDIRECT, a nonce.
void dissect_redirect(Packet& pkt, const ByteReader& r, size_t off, size_t end, int node,
                      bool redirect) {
  uint8_t type = r.u8(off);
  uint8_t len = r.u8(off + 1);
  pkt.add_item(node, notify_data_redirect_gw_ident_type, r, off, 1);
  pkt.add_item(node, notify_data_redirect_gw_ident_len, r, off + 1, 1);
  if (type == kGatewayIpv4)
    pkt.add_item(node,
                 redirect ? notify_data_redirect_new_resp_gw_ident_ipv4
                          : notify_data_redirect_org_resp_gw_ident_ipv4,
                 r, off + 2, 4);
  else if (type == kGatewayIpv6)
    pkt.add_item(node,
                 redirect ? notify_data_redirect_new_resp_gw_ident_ipv6
                          : notify_data_redirect_org_resp_gw_ident_ipv6,
                 r, off + 2, 16);
  else if (type == kGatewayFqdn && redirect)
    pkt.add_ascii(node, notify_data_redirect_new_resp_gw_ident_fqdn, r, off + 2, len);
  else
    pkt.add_item(node,
                 redirect ? notify_data_redirect_new_resp_gw_ident_data
                          : notify_data_redirect_org_resp_gw_ident_data,
                 r, off + 2, len);
  off += 2 + len;
  if (redirect && off < end) pkt.add_item(node, notify_data_redirect_nonce_data, r, off, end - off);
}

// Digits packed two to an octet, low nibble first, up to a 0xF filler (ENC_BCD_DIGITS_0_9).
std::string bcd_digits(const ByteReader& r, size_t off, size_t len) {
  static const char kDigits[] = "0123456789??????";
  std::string out;
  for (size_t i = 0; i < len; ++i) {
    uint8_t b = r.u8(off + i);
    out += kDigits[b & 0xf];
    if ((b >> 4) == 0xf) break;
    out += kDigits[b >> 4];
  }
  return out;
}

// A string field holding the BCD digits of r[off, off+len).
void add_digits(Packet& pkt, int parent, FieldId f, const ByteReader& r, size_t off, size_t len) {
  std::string_view s = pkt.arena.copy(bcd_digits(r, off, len));
  pkt.tree.add(parent, f, r, off, len,
               Value::of_bytes(reinterpret_cast<const uint8_t*>(s.data()), s.size()));
}

// 3GPP TS 24.302 §8.2.9.2 DEVICE_IDENTITY: the identity's length and type, then its digits.
void dissect_device_identity(Packet& pkt, const ByteReader& r, size_t off, size_t end, int node) {
  if (end - off < 3) return;
  pkt.add_item(node, notify_priv_3gpp_device_identity_len, r, off, 2);
  off += 2;
  uint8_t type = r.u8(off) & 0x03;
  int t = pkt.add_uint(node, notify_priv_3gpp_device_identity_type, r, off, 1, type);
  if (pkt.labels) {  // tshark adds the two bits with proto_tree_add_bits_ret_val
    std::string label;
    append_bit_pattern(label, type, 0x03, 8);
    label += named_label(notify_priv_3gpp_device_identity_type, type);
    pkt.set_label(t, label);
  }
  ++off;
  if (off == end) return;
  FieldId f = type == 1   ? notify_priv_3gpp_device_identity_imei
              : type == 2 ? notify_priv_3gpp_device_identity_imeisv
                          : kNoField;
  if (f == kNoField) {
    add_expert_text(pkt, node, notify_priv_3gpp_unknown_device_identity, r, off, end - off,
                    "Type of device identity not known", kExpertWarn, kGroupProtocol);
    return;
  }
  add_digits(pkt, node, f, r, off, end - off);
}

// 3GPP TS 24.302 §8.2.9.x EMERGENCY_CALL_NUMBERS: the numbers with their service categories.
void dissect_emergency_call_numbers(Packet& pkt, const ByteReader& r, size_t off, size_t end,
                                    int node) {
  static const FieldId kFlags[] = {notify_priv_3gpp_emergency_call_numbers_spare,
                                   notify_priv_3gpp_emergency_call_numbers_flag_b5_mountain_rescue,
                                   notify_priv_3gpp_emergency_call_numbers_b4_marine_guard,
                                   notify_priv_3gpp_emergency_call_numbers_flag_b3_fire_brigade,
                                   notify_priv_3gpp_emergency_call_numbers_flag_b2_ambulance,
                                   notify_priv_3gpp_emergency_call_numbers_flag_b1_police};
  int list = pkt.tree.add(node, kNoField, r, off, end - off, Value{});
  pkt.set_label(list, "Emergency Call Numbers");
  pkt.add_item(list, notify_priv_3gpp_emergency_call_numbers_len, r, off, 1);
  ++off;
  while (off < end) {
    uint8_t len = r.u8(off);
    int number = pkt.tree.add(list, kNoField, r, off, len + 1u, Value{});
    pkt.set_label(number, "Emergency Number");
    pkt.add_item(number, notify_priv_3gpp_emergency_call_numbers_element_len, r, off, 1);
    int flags = pkt.add_item(number, notify_priv_3gpp_emergency_call_numbers_flags, r, off + 1, 1);
    for (FieldId f : kFlags) pkt.add_item(flags, f, r, off + 1, 1);
    size_t digits = len >= 1 ? len - 1u : 0;
    add_digits(pkt, number, notify_priv_3gpp_emergency_call_number, r, off + 2, digits);
    off += 2 + digits;
  }
}

void dissect_v1_notify_data(Message& m, uint16_t type, uint8_t protocol, uint32_t doi,
                            const ByteReader& r, size_t off, size_t end, int node, int data) {
  Packet& pkt = m.pkt;
  switch (type) {
    case kResponderLifetime:
      if (protocol == kProtoIsakmp)
        while (off < end) off += dissect_lifetime_attribute(pkt, r, off, data, ike_lifetime());
      else if (protocol > kProtoIsakmp && doi == kDoiIpsec)
        while (off < end) off += dissect_lifetime_attribute(pkt, r, off, data, ipsec_lifetime());
      break;
    case kRUThere:
      pkt.add_item(node, notify_data_dpd_are_you_there, r, off, end - off);
      break;
    case kRUThereAck:
      pkt.add_item(node, notify_data_dpd_are_you_there_ack, r, off, end - off);
      break;
    case kUnityLoadBalance:
      pkt.add_item(node, notify_data_unity_load_balance, r, off, end - off);
      break;
    default:
      break;
  }
}

// IKEv2 notification data: tshark adds the decoded items beside the data item, not under it.
void dissect_v2_notify_data(Message& m, uint16_t type, const ByteReader& r, size_t off,
                            size_t end, int node) {
  Packet& pkt = m.pkt;
  size_t len = end - off;
  switch (type) {
    case kInvalidKePayload:
      pkt.add_item(node, notify_data_accepted_dh_group, r, off, 2);
      break;
    case kIpcompSupported:
      pkt.add_item(node, notify_data_ipcomp_cpi, r, off, 2);
      pkt.add_item(node, notify_data_ipcomp_transform_id, r, off + 2, 1);
      break;
    case kAuthLifetime: {  // RFC 4478: seconds, shown also as hours, minutes and seconds
      uint32_t s = r.u32(off);
      int n = pkt.add_uint(node, notify_data_auth_lifetime, r, off, len, s);
      pkt.set_label(n, fmt::format("Authentication Lifetime: {} seconds ({} hour(s) {:02} "
                                   "minute(s) {:02} second(s))",
                                   s, s / 3600, s % 3600 / 60, s % 60));
      break;
    }
    case kRedirect:
    case kRedirectedFrom:
      dissect_redirect(pkt, r, off, end, node, type == kRedirect);
      break;
    case kTicketLtOpaque:
      pkt.add_item(node, notify_data_ticket_opaque_lifetime, r, off, 4);
      pkt.add_item(node, notify_data_ticket_opaque_data, r, off + 4, len - 4);
      break;
    case kTicketOpaque:
      pkt.add_item(node, notify_data_ticket_opaque_data, r, off, len);
      break;
    case kRohcSupported:
      while (off < end) off += dissect_rohc_attribute(pkt, r, off, node);
      break;
    case kQuickCrashDetection:
      pkt.add_item(node, notify_data_qcd_token_secret_data, r, off, len);
      break;
    case kMessageIdSync:
      pkt.add_item(node, notify_data_ha_nonce_data, r, off, 4);
      pkt.add_item(node, notify_data_ha_expected_send_req_message_id, r, off + 4, 4);
      pkt.add_item(node, notify_data_ha_expected_recv_req_message_id, r, off + 8, 4);
      break;
    case kReplayCounterSync:
      pkt.add_item(node, notify_data_ha_incoming_ipsec_sa_delta_value, r, off, len);
      break;
    case kSecurePasswordMethods:
      pkt.add_item(node, notify_data_secure_password_methods, r, off, len);
      break;
    case kSignatureHashAlgorithms:
      for (; off < end; off += 2)
        pkt.add_item(node, notify_data_signature_hash_algorithms, r, off, 2);
      break;
    case k3gppBackoffTimer:  // TS 24.302 §8.2.9.1: a length, then a GPRS timer 3
      pkt.add_item(node, notify_priv_3gpp_backoff_timer_len, r, off, 1);
      dissect_gprs_timer3(r, pkt, off + 1, node);
      break;
    case k3gppDeviceIdentity:
      dissect_device_identity(pkt, r, off, end, node);
      break;
    case k3gppEmergencyCallNumbers:
      dissect_emergency_call_numbers(pkt, r, off, end, node);
      break;
    default:
      break;
  }
}

}  // namespace

void dissect_notify(Message& m, const ByteReader& r, size_t off, size_t len, int node) {
  Packet& pkt = m.pkt;
  size_t end = off + len;
  uint32_t doi = 0;
  if (m.version == 1) {
    doi = r.u32(off);
    pkt.add_item(node, notify_doi, r, off, 4);
    off += 4;
  }
  uint8_t protocol = r.u8(off);
  // Other major versions than 1 and 2 get neither protocol nor type items, nor decoded data.
  if (m.version == 1 || m.version == 2)
    pkt.add_uint(node, m.version == 2 ? notify_protoid_v2 : notify_protoid_v1, r, off, 1, protocol);
  uint8_t spi_size = r.u8(off + 1);
  pkt.add_item(node, spisize, r, off + 1, 1);
  uint16_t type = r.u16(off + 2);
  if (m.version == 2) {
    std::string name = v2_type_name(type);
    int t = pkt.add_item(node, notify_msgtype_v2, r, off + 2, 2);
    if (pkt.labels) pkt.set_label(t, fmt::format("Notify Message Type: {} ({})", name, type));
    append_label(pkt, node, " - " + name);
  } else if (m.version == 1) {
    pkt.add_item(node, notify_msgtype_v1, r, off + 2, 2);
  }
  off += 4;
  if (spi_size) {
    pkt.add_item(node, spi, r, off, spi_size);
    off += spi_size;
  }
  int data = pkt.add_item(node, notify_data, r, off, end > off ? end - off : 0);
  // IKEv2's decoders read their fixed-size values even from empty data, as tshark's do (from
  // the next payload); IKEv1's sequence numbers would be zero-length integers there.
  if (m.version == 2)
    dissect_v2_notify_data(m, type, r, off, std::max(off, end), node);
  else if (m.version == 1 && off < end)
    dissect_v1_notify_data(m, type, protocol, doi, r, off, end, node, data);
}

}  // namespace netsift::isakmp
