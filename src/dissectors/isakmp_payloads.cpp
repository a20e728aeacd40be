// ISAKMP payload bodies other than SA/proposal/transform: key exchange, identification,
// certificates and requests, hash, signature, nonce, notify (with the data tshark 4.0 decodes),
// delete, vendor ID (with known names), authentication, traffic selectors, configuration,
// NAT discovery and original address, EAP, GSPM and the IKEv2 Encrypted (SK) and Encrypted
// Fragment (SKF) payloads as seen without keys. Layouts: RFC 2408 §3, RFC 3947, RFC 7296 §3,
// RFC 7383.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "core/address_format.h"
#include "core/expert.h"
#include "core/field_registry.h"
#include "core/text_format.h"
#include "dissectors/isakmp_fields.h"
#include "dissectors/isakmp_internal.h"
#include "dissectors/isakmp_vendor_ids.h"
#include "dissectors/x509.h"

namespace netsift::isakmp {

using namespace isakmp_fields;

namespace {

// Notify message types whose data tshark decodes (RFC 7296 §3.10.1, RFC 5685, RFC 7427,
// RFC 3706, Cisco Unity).
enum NotifyType : uint16_t {
  kInvalidKePayload = 17,
  kIpcompSupported = 16387,
  kAuthLifetime = 16403,
  kRedirect = 16407,
  kRedirectedFrom = 16408,
  kSecurePasswordMethods = 16424,
  kSignatureHashAlgorithms = 16431,
  kRUThere = 36136,
  kRUThereAck = 36137,
  kUnityLoadBalance = 40501,
};

enum IdType : uint8_t {
  kIpv4Addr = 1,
  kFqdn = 2,
  kUserFqdn = 3,
  kIpv4Subnet = 4,
  kIpv6Addr = 5,
  kIpv6Subnet = 6,
  kIpv4Range = 7,
  kIpv6Range = 8,
  kDerAsn1Dn = 9,
  kKeyId = 11,
};

enum TsType : uint8_t { kTsIpv4Range = 7, kTsIpv6Range = 8 };

constexpr uint8_t kGatewayIpv4 = 1, kGatewayIpv6 = 2, kGatewayFqdn = 3;
constexpr uint8_t kAuthDigitalSignature = 14;
constexpr size_t kSha1Size = 20;
constexpr uint8_t kX509Signature = 4;  // certificate encoding (RFC 2408 §3.9, RFC 7296 §3.6)

// REDIRECT / REDIRECTED_FROM (RFC 5685 §8): a gateway identity and, for REDIRECT, a nonce.
void dissect_redirect(Packet& pkt, const ByteReader& r, size_t off, size_t end, int node,
                      bool redirect) {
  uint8_t type = r.u8(off);
  uint8_t len = r.u8(off + 1);
  pkt.add_item(node, notify_data_redirect_gw_ident_type, r, off, 1);
  pkt.add_item(node, notify_data_redirect_gw_ident_len, r, off + 1, 1);
  off += 2;
  FieldId f = type == kGatewayIpv4   ? (redirect ? notify_data_redirect_new_resp_gw_ident_ipv4
                                                 : notify_data_redirect_org_resp_gw_ident_ipv4)
              : type == kGatewayIpv6 ? (redirect ? notify_data_redirect_new_resp_gw_ident_ipv6
                                                 : notify_data_redirect_org_resp_gw_ident_ipv6)
              : type == kGatewayFqdn && redirect ? notify_data_redirect_new_resp_gw_ident_fqdn
              : redirect                         ? notify_data_redirect_new_resp_gw_ident_data
                                                 : notify_data_redirect_org_resp_gw_ident_data;
  pkt.add_item(node, f, r, off, len);
  off += len;
  if (redirect && off < end) pkt.add_item(node, notify_data_redirect_nonce_data, r, off, end - off);
}

void dissect_notify_data(Message& m, uint16_t type, const ByteReader& r, size_t off, size_t end,
                         int node) {
  Packet& pkt = m.pkt;
  if (off >= end) return;
  if (m.version == 2) {
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
        int n = pkt.add_uint(node, notify_data_auth_lifetime, r, off, end - off, s);
        pkt.set_label(n, fmt::format("Authentication Lifetime: {} seconds ({} hour(s) {:02} "
                                     "minute(s) {:02} second(s))",
                                     s, s / 3600, s % 3600 / 60, s % 60));
        break;
      }
      case kRedirect:
      case kRedirectedFrom:
        dissect_redirect(pkt, r, off, end, node, type == kRedirect);
        break;
      case kSecurePasswordMethods:
        for (; off + 2 <= end; off += 2)
          pkt.add_item(node, notify_data_secure_password_methods, r, off, 2);
        break;
      case kSignatureHashAlgorithms:
        for (; off + 2 <= end; off += 2)
          pkt.add_item(node, notify_data_signature_hash_algorithms, r, off, 2);
        break;
      default:
        break;
    }
    return;
  }
  switch (type) {
    case kRUThere:
      pkt.add_item(node, notify_data_dpd_are_you_there, r, off, 4);
      break;
    case kRUThereAck:
      pkt.add_item(node, notify_data_dpd_are_you_there_ack, r, off, 4);
      break;
    case kUnityLoadBalance:
      pkt.add_item(node, notify_data_unity_load_balance, r, off, 4);
      break;
    default:
      break;
  }
}

void dissect_key_exchange(Message& m, const ByteReader& r, size_t off, size_t end, int node) {
  if (m.version == 2) {
    m.pkt.add_item(node, key_exchange_dh_group, r, off, 2);
    m.pkt.add_item(node, reserved, r, off + 2, 2);
    off += 4;
  }
  m.pkt.add_item(node, key_exchange_data, r, off, end - off);
  if (m.v1) {  // the Phase 1 IV is derived from both sides' public values
    bool from_initiator = m.v1->initiator == m.pkt.src;
    std::string& g = from_initiator ? m.v1->gi : m.v1->gr;
    if (g.empty()) g = std::string(r.text(off, end - off));
  }
}

// "a/b" of two IPv4 or IPv6 addresses at off and off + n (tshark's "%s/%s").
std::string address_pair(const ByteReader& r, size_t off, size_t n) {
  std::string out;
  for (size_t at : {off, off + n}) {
    if (at != off) out += '/';
    if (n == 4)
      append_ipv4(out, r.u32(at));
    else
      append_ipv6(out, r.ptr(at, 16));
  }
  return out;
}

void dissect_id(Message& m, const ByteReader& r, size_t off, size_t end, int node) {
  Packet& pkt = m.pkt;
  uint8_t type = r.u8(off);
  if (m.version == 1) {
    pkt.add_item(node, id_type_v1, r, off, 1);
    // RFC 2407 §4.6.2: a zero protocol or port means the field is not used.
    int protocol = pkt.add_item(node, id_protoid, r, off + 1, 1);
    if (r.u8(off + 1) == 0) pkt.set_label(protocol, "Protocol ID: Unused");
    int port = pkt.add_item(node, id_port, r, off + 2, 2);
    if (r.u16(off + 2) == 0) pkt.set_label(port, "Port: Unused");
  } else {
    pkt.add_item(node, id_type_v2, r, off, 1);
    pkt.add_item(node, reserved, r, off + 1, 3);
  }
  off += 4;
  size_t len = end - off;
  int data = pkt.tree.add(node, id_data, r, off, len, Value{});
  // "Identification Data:" followed by the text tshark appends for the type.
  std::string text;
  switch (type) {
    case kIpv4Addr:
      pkt.add_item(data, id_data_ipv4_addr, r, off, 4);
      append_ipv4(text, r.u32(off));
      break;
    case kFqdn:
      pkt.add_item(data, id_data_fqdn, r, off, len);
      text = r.text(off, len);
      break;
    case kUserFqdn:
      pkt.add_item(data, id_data_user_fqdn, r, off, len);
      text = r.text(off, len);
      break;
    case kIpv4Subnet:
      pkt.add_item(data, id_data_ipv4_addr, r, off, 4);
      pkt.add_item(data, id_data_ipv4_subnet, r, off + 4, 4);
      text = address_pair(r, off, 4);
      break;
    case kIpv4Range:
      pkt.add_item(data, id_data_ipv4_range_start, r, off, 4);
      pkt.add_item(data, id_data_ipv4_range_end, r, off + 4, 4);
      text = address_pair(r, off, 4);
      break;
    case kIpv6Addr:
      pkt.add_item(data, id_data_ipv6_addr, r, off, 16);
      append_ipv6(text, r.ptr(off, 16));
      break;
    case kIpv6Subnet:
      pkt.add_item(data, id_data_ipv6_addr, r, off, 16);
      pkt.add_item(data, id_data_ipv6_subnet, r, off + 16, 16);
      text = address_pair(r, off, 16);
      break;
    case kIpv6Range:
      pkt.add_item(data, id_data_ipv6_range_start, r, off, 16);
      pkt.add_item(data, id_data_ipv6_range_end, r, off + 16, 16);
      text = address_pair(r, off, 16);
      break;
    case kKeyId:
      pkt.add_item(data, id_data_key_id, r, off, len);
      break;
    case kDerAsn1Dn:
      dissect_x509_name(r.sub(off, len), pkt, data, id_data_der_asn1_dn);
      break;
    default: {  // tshark's bytes_to_str: at most 36 bytes, then an ellipsis
      constexpr size_t kShown = 36;
      append_hex_bytes(text, r.ptr(off, len), std::min(len, kShown));
      if (len > kShown) text += "\u2026";
      break;
    }
  }
  if (pkt.labels) {
    std::string label = "Identification Data:" + text;
    cut_appended_label(label);
    pkt.set_label(data, label);
  }
}

// A certificate: X.509 signature certificates (encoding 4) as the X.509 dissector shows them,
// the item's text gaining the subject.
void dissect_cert(Message& m, const ByteReader& r, size_t off, size_t end, int node) {
  Packet& pkt = m.pkt;
  uint8_t encoding = r.u8(off);
  pkt.add_item(node, m.version == 2 ? cert_encoding_v2 : cert_encoding_v1, r, off, 1);
  ++off;
  int data = pkt.tree.add(node, cert_data, r, off, end - off, Value{});
  pkt.set_label(data, "Certificate Data");
  if (encoding == kX509Signature && off < end)
    dissect_x509_certificate(r.sub(off, end - off), pkt, data);
}

// A certificate request: IKEv2's SHA-1 hashes of authorities' keys; IKEv1's authority, for
// X.509 signature certificates its Name (as tshark's dissect_x509if_Name).
void dissect_certreq(Message& m, const ByteReader& r, size_t off, size_t end, int node) {
  Packet& pkt = m.pkt;
  pkt.add_item(node, m.version == 2 ? certreq_type_v2 : certreq_type_v1, r, off, 1);
  ++off;
  if (m.version == 2) {  // RFC 7296 §3.7: SHA-1 hashes of the trusted authorities' keys
    for (; off + kSha1Size <= end; off += kSha1Size)
      pkt.add_item(node, ike_certreq_authority, r, off, kSha1Size);
  } else if (r.u8(off - 1) == kX509Signature && off < end) {  // the authority's X.509 Name
    dissect_x509_name(r.sub(off, end - off), pkt, node, ike_certreq_authority_sig);
    return;
  }
  if (off < end) pkt.add_item(node, ike_certreq_authority, r, off, end - off);
}

void dissect_delete(Message& m, const ByteReader& r, size_t off, size_t end, int node) {
  Packet& pkt = m.pkt;
  if (m.version == 1) {
    pkt.add_item(node, delete_doi, r, off, 4);
    off += 4;
  }
  pkt.add_uint(node, m.version == 2 ? delete_protoid_v2 : delete_protoid_v1, r, off, 1, r.u8(off));
  uint8_t spi_size = r.u8(off + 1);
  pkt.add_item(node, spisize, r, off + 1, 1);
  uint16_t count = r.u16(off + 2);
  pkt.add_item(node, spinum, r, off + 2, 2);
  off += 4;
  for (uint16_t i = 0; i < count && spi_size && off < end; ++i, off += spi_size)
    pkt.add_item(node, delete_spi, r, off, spi_size);
}

void dissect_auth(Message& m, const ByteReader& r, size_t off, size_t end, int node) {
  Packet& pkt = m.pkt;
  uint8_t method = r.u8(off);
  pkt.add_item(node, auth_method, r, off, 1);
  pkt.add_item(node, reserved, r, off + 1, 3);
  off += 4;
  int data = pkt.add_item(node, auth_data, r, off, end - off);
  if (method == kAuthDigitalSignature) {  // RFC 7427 §3: AlgorithmIdentifier, then the value
    uint8_t len = r.u8(off);
    pkt.add_item(data, auth_data_sig_asn1_len, r, off, 1);
    ++off;
    // tshark shows the two parts only when the length leaves room for a signature value.
    if (len > 0 && len < end - off) {
      int asn1 = pkt.add_item(data, auth_data_sig_asn1_data, r, off, len);
      dissect_unknown_ber(r.sub(off, len), pkt, asn1);
      off += len;
      pkt.add_item(data, auth_data_sig_value, r, off, end - off);
    }
  }
}

void dissect_traffic_selectors(Message& m, const ByteReader& r, size_t off, size_t end, int node) {
  Packet& pkt = m.pkt;
  uint8_t count = r.u8(off);
  pkt.add_item(node, ts_number, r, off, 1);
  append_label(pkt, node, fmt::format(" # {}", count));
  pkt.add_item(node, reserved, r, off + 1, 3);
  off += 4;
  for (uint8_t i = 0; i < count && off < end; ++i) {
    uint8_t type = r.u8(off);
    uint8_t protocol = r.u8(off + 1);
    uint16_t len = r.u16(off + 2);
    if (len < 8) break;
    int ts = pkt.tree.add(node, ts_data, r, off, len, Value{});
    pkt.set_label(ts, "Traffic Selector: " + value_text(ts_type, type));
    pkt.add_item(ts, ts_type, r, off, 1);
    int p = pkt.add_item(ts, ts_protoid, r, off + 1, 1);
    if (protocol == 0) pkt.set_label(p, "Protocol ID: Unused");
    pkt.add_item(ts, ts_selector_length, r, off + 2, 2);
    pkt.add_item(ts, ts_start_port, r, off + 4, 2);
    pkt.add_item(ts, ts_end_port, r, off + 6, 2);
    size_t addr = (len - 8) / 2;
    if (type == kTsIpv4Range && addr == 4) {
      pkt.add_item(ts, ts_start_ipv4, r, off + 8, 4);
      pkt.add_item(ts, ts_end_ipv4, r, off + 12, 4);
    } else if (type == kTsIpv6Range && addr == 16) {
      pkt.add_item(ts, ts_start_ipv6, r, off + 8, 16);
      pkt.add_item(ts, ts_end_ipv6, r, off + 24, 16);
    }
    off += len;
  }
}

// The decoded value of a configuration attribute (RFC 7296 §3.15.1), or kNoField.
FieldId config_value_field(int version, uint16_t type, uint16_t len) {
  if (version != 2 || len == 0) return kNoField;
  switch (type) {
    case 1:
      return len == 4 ? cfg_attr_internal_ip4_address : kNoField;
    case 2:
      return len == 4 ? cfg_attr_internal_ip4_netmask : kNoField;
    case 3:
      return len == 4 ? cfg_attr_internal_ip4_dns : kNoField;
    case 4:
      return len == 4 ? cfg_attr_internal_ip4_nbns : kNoField;
    case 6:
      return len == 4 ? cfg_attr_internal_ip4_dhcp : kNoField;
    case 7:
      return cfg_attr_application_version;
    case 10:
      return len == 16 ? cfg_attr_internal_ip6_dns : kNoField;
    default:
      return kNoField;
  }
}

// Configuration attributes (IKEv1 ModeCfg draft, RFC 7296 §3.15.1).
void dissect_config(Message& m, const ByteReader& r, size_t off, size_t end, int node) {
  Packet& pkt = m.pkt;
  FieldId type_field = m.version == 2 ? cfg_attr_type_v2 : cfg_attr_type_v1;
  pkt.add_item(node, m.version == 2 ? cfg_type_v2 : cfg_type_v1, r, off, 1);
  if (m.version == 2) {
    pkt.add_item(node, reserved, r, off + 1, 3);
  } else {
    pkt.add_item(node, reserved, r, off + 1, 1);
    pkt.add_item(node, cfg_identifier, r, off + 2, 2);
  }
  off += 4;
  while (off + 4 <= end) {
    uint16_t head = r.u16(off);
    uint16_t type = head & 0x7fff;
    bool tv = head & 0x8000;
    uint16_t vlen = tv ? 2 : r.u16(off + 2);
    size_t voff = off + (tv ? 2 : 4);
    int a = pkt.tree.add(node, cfg_attr, r, off, voff - off + vlen, Value{});
    pkt.set_label(a, fmt::format("Config Attribute (t={},l={}): {}", type, vlen,
                                 value_text(type_field, type)));
    pkt.add_item(a, cfg_attr_format, r, off, 2);
    pkt.add_uint(a, type_field, r, off, 2, type);
    if (!tv) pkt.add_item(a, cfg_attr_length, r, off + 2, 2);
    // An empty value is expected in a request (the peer fills it in), noted in a response.
    if (!vlen && (m.msg->u8(kFlagsOffset) & kFlagResponse))
      add_expert(pkt, a, attribute_value_empty, r, off, 0, "Attribute value is empty", kExpertNote,
                 kGroupProtocol);
    if (vlen) pkt.add_item(a, cfg_attr_value, r, voff, vlen);
    if (FieldId f = config_value_field(m.version, type, vlen)) pkt.add_item(a, f, r, voff, vlen);
    off = voff + vlen;
  }
}

void dissect_nat_original_address(Message& m, const ByteReader& r, size_t off, size_t end,
                                  int node) {
  Packet& pkt = m.pkt;
  uint8_t type = r.u8(off);
  pkt.add_item(node, id_type_v1, r, off, 1);
  pkt.add_item(node, reserved, r, off + 1, 3);
  off += 4;
  if (type == kIpv4Addr)
    pkt.add_item(node, ike_nat_original_address_ipv4, r, off, 4);
  else if (type == kIpv6Addr)
    pkt.add_item(node, ike_nat_original_address_ipv6, r, off, 16);
  else if (off < end)
    pkt.add_item(node, datapayload, r, off, end - off);
}

// GDOI's SA KEK payload (RFC 6407 §5.3) as tshark 4.0 reads it: a second generic header, the
// protocol, source and destination identities, and the SPI.
void dissect_sa_kek(Message& m, const ByteReader& r, size_t off, int node) {
  Packet& pkt = m.pkt;
  pkt.add_item(node, sak_nextpayload, r, off, 1);
  pkt.add_item(node, sak_reserved, r, off + 1, 1);
  pkt.add_item(node, sak_payload_len, r, off + 2, 2);
  pkt.add_item(node, sak_protoid, r, off + 4, 1);
  off += 5;
  for (bool source : {true, false}) {
    pkt.add_item(node, source ? sak_src_id_type : sak_dst_id_type, r, off, 1);
    pkt.add_item(node, source ? sak_src_id_port : sak_dst_id_port, r, off + 1, 2);
    uint16_t len = r.u16(off + 3);
    // tshark shows the first byte of the 16-bit length (an 8-bit field over two bytes).
    pkt.add_uint(node, source ? sak_src_id_length : sak_dst_id_length, r, off + 3, 2, len >> 8);
    pkt.add_item(node, source ? sak_src_id_data : sak_dst_id_data, r, off + 5, len);
    off += 5 + len;
  }
  pkt.add_item(node, sak_spi, r, off, 16);
}

// The Encrypted payload without its keys: the IV's first bytes and the rest as encrypted data,
// as tshark shows it when no IKE SA in its table matches.
void dissect_encrypted(Message& m, const ByteReader& r, size_t off, size_t end, int node) {
  constexpr size_t kShownIv = 4;
  if (end - off < kShownIv) return;
  m.pkt.add_item(node, enc_iv, r, off, kShownIv);
  m.pkt.tree.add(node, enc_data, r, off + kShownIv, end - off - kShownIv, Value{});
}

}  // namespace

void dissect_notify(Message& m, const ByteReader& r, size_t off, size_t len, int node) {
  Packet& pkt = m.pkt;
  size_t end = off + len;
  if (m.version == 1) {
    pkt.add_item(node, notify_doi, r, off, 4);
    off += 4;
  }
  pkt.add_uint(node, m.version == 2 ? notify_protoid_v2 : notify_protoid_v1, r, off, 1, r.u8(off));
  uint8_t spi_size = r.u8(off + 1);
  pkt.add_item(node, spisize, r, off + 1, 1);
  uint16_t type = r.u16(off + 2);
  FieldId type_field = m.version == 2 ? notify_msgtype_v2 : notify_msgtype_v1;
  pkt.add_item(node, type_field, r, off + 2, 2);
  append_label(pkt, node, " - " + value_text(type_field, type));
  off += 4;
  if (spi_size) {
    pkt.add_item(node, spi, r, off, spi_size);
    off += spi_size;
  }
  pkt.add_item(node, notify_data, r, off, end > off ? end - off : 0);
  dissect_notify_data(m, type, r, off, end, node);
}

void dissect_vendor_id(Message& m, const ByteReader& r, size_t off, size_t len, int node) {
  Packet& pkt = m.pkt;
  const uint8_t* p = r.ptr(off, len);
  const VendorId* vid = find_vendor_id(p, len);
  pkt.add_item(node, vid_bytes, r, off, len);
  const char* name = vid ? vid->name : "Unknown Vendor ID";
  pkt.tree.add(node, vid_string, r, off, len,
               Value::of_bytes(reinterpret_cast<const uint8_t*>(name), std::strlen(name)));
  append_label(pkt, node, std::string(" : ") + name);
  // The vendor IDs whose following bytes tshark decodes (when the payload holds them: tshark
  // would read on into the next payload).
  if (len >= 40 && starts_with_vendor_id(p, len, "CryptoPro/GOST 0.1 / Check Point R65")) {
    size_t at = off + 20;
    for (FieldId f :
         {vid_cp_product, vid_cp_version, vid_cp_timestamp, vid_cp_reserved, vid_cp_features}) {
      pkt.add_item(node, f, r, at, 4);
      at += 4;
    }
  }
  if (len >= 16 && starts_with_vendor_id(p, len, "CISCO-UNITY")) {
    pkt.add_item(node, vid_cisco_unity_major, r, off + 14, 1);
    append_label(pkt, node, fmt::format(" {}", r.u8(off + 14)));
    pkt.add_item(node, vid_cisco_unity_minor, r, off + 15, 1);
    append_label(pkt, node, fmt::format(".{}", r.u8(off + 15)));
  }
  if (len >= 20 && starts_with_vendor_id(p, len, "MS NT5 ISAKMPOAKLEY"))
    pkt.add_item(node, vid_ms_nt5_isakmpoakley, r, off + 16, 4);
  if (len >= 19 && starts_with_vendor_id(p, len, "VIA Auth Profile (Aruba Networks)"))
    pkt.add_item(node, vid_aruba_via_auth_profile, r, off + 19, len - 19);
  if (len >= 16 && starts_with_vendor_id(p, len, "Fortigate (Fortinet)")) {
    pkt.add_item(node, vid_fortinet_fortigate_release, r, off + 12, 2);
    pkt.add_item(node, vid_fortinet_fortigate_build, r, off + 14, 2);
  }
}

void dissect_other_payload(Message& m, uint8_t type, const ByteReader& r, size_t off, size_t len,
                           int node) {
  Packet& pkt = m.pkt;
  size_t end = off + len;
  switch (type) {
    case kKeyExchange:
    case kKeyExchange2:
      dissect_key_exchange(m, r, off, end, node);
      break;
    case kId:
    case kIdI:
    case kIdR:
      dissect_id(m, r, off, end, node);
      break;
    case kCert:
    case kCert2:
      dissect_cert(m, r, off, end, node);
      break;
    case kCertReq:
    case kCertReq2:
      dissect_certreq(m, r, off, end, node);
      break;
    case kHash:
      pkt.add_item(node, hash, r, off, len);
      break;
    case kSig:
      pkt.add_item(node, sig, r, off, len);
      break;
    case kNonce:
    case kNonce2:
      pkt.add_item(node, nonce, r, off, len);
      break;
    case kDelete:
    case kDelete2:
      dissect_delete(m, r, off, end, node);
      break;
    case kAttributes:
    case kConfig:
      dissect_config(m, r, off, end, node);
      break;
    case kAuth:
      dissect_auth(m, r, off, end, node);
      break;
    case kTsI:
    case kTsR:
      dissect_traffic_selectors(m, r, off, end, node);
      break;
    case kEncrypted:
      if (m.version == 2 && !dissect_encrypted_with_keys(m, r, off, end, node))
        dissect_encrypted(m, r, off, end, node);
      break;
    case kEncryptedFragment:
      if (m.version == 2) dissect_encrypted_fragment(m, r, off, end, node);
      break;
    case kSaKek:
      dissect_sa_kek(m, r, off, node);
      break;
    case kEap:
      pkt.add_item(node, eap_data, r, off, len);
      break;
    case kGspm:
      pkt.add_item(node, gspm_data, r, off, len);
      break;
    case kNatD:
    case kNatDDraft:
      pkt.add_item(node, ike_nat_hash, r, off, len);
      break;
    case kNatOa:
    case kNatOaDraft:
      dissect_nat_original_address(m, r, off, end, node);
      break;
    default:
      pkt.add_item(node, datapayload, r, off, len);
      break;
  }
}

}  // namespace netsift::isakmp
