// ISAKMP payload bodies other than SA/proposal/transform, notify (isakmp_notify.cpp) and
// configuration (isakmp_config.cpp): key exchange, identification, certificates and requests,
// hash, signature, nonce, delete, vendor ID (with known names), authentication, traffic
// selectors, NAT discovery and original address, EAP, GSPM and the IKEv2 Encrypted (SK) and Encrypted
// Fragment (SKF) payloads as seen without keys. Layouts: RFC 2408 §3, RFC 3947, RFC 7296 §3,
// RFC 7383.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "core/address_format.h"
#include "core/expert.h"
#include "core/field_registry.h"
#include "core/text_format.h"
#include "dissectors/eap.h"
#include "dissectors/isakmp_fields.h"
#include "dissectors/isakmp_internal.h"
#include "dissectors/isakmp_vendor_ids.h"
#include "dissectors/x509.h"
#include "dissectors/x509_fields.h"

namespace netsift::isakmp {

using namespace isakmp_fields;

namespace {

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

constexpr uint8_t kAuthDigitalSignature = 14;
constexpr size_t kSha1Size = 20;
constexpr uint8_t kX509Signature = 4;  // certificate encoding (RFC 2408 §3.9, RFC 7296 §3.6)
constexpr uint8_t kX509HashAndUrl = 12;

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

}  // namespace

std::string dissect_id_data(Packet& pkt, const ByteReader& r, size_t off, size_t len, uint8_t type,
                            int data) {
  std::string text;
  switch (type) {
    case kIpv4Addr:
      pkt.add_item(data, id_data_ipv4_addr, r, off, 4);
      append_ipv4(text, r.u32(off));
      break;
    case kFqdn:
      pkt.add_ascii(data, id_data_fqdn, r, off, len);
      text = ascii_string(r.text(off, len));
      break;
    case kUserFqdn:
      pkt.add_ascii(data, id_data_user_fqdn, r, off, len);
      text = ascii_string(r.text(off, len));
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
  return text;
}

namespace {

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
    off += 4;
  } else if (m.version == 2) {
    pkt.add_item(node, id_type_v2, r, off, 1);
    pkt.add_item(node, reserved, r, off + 1, 3);
    off += 4;
  } else {  // other major versions: the data follows the type octet
    ++off;
  }
  size_t len = end - off;
  int data = pkt.tree.add(node, id_data, r, off, len, Value{});
  // "Identification Data:" followed by the text tshark appends for the type.
  std::string text = dissect_id_data(pkt, r, off, len, type, data);
  if (pkt.labels) {
    std::string label = "Identification Data:" + text;
    cut_appended_label(label);
    pkt.set_label(data, label);
  }
}

// A certificate: any encoding as an X.509 certificate, as tshark reads them, the item's text
// gaining the subject (data that is not a SEQUENCE as its BER error); IKEv2's Hash and URL of an X.509 certificate (RFC 7296
// §3.6) as the SHA-1 hash and the URL.
void dissect_cert(Message& m, const ByteReader& r, size_t off, size_t end, int node) {
  Packet& pkt = m.pkt;
  uint8_t encoding = r.u8(off);
  // tshark reads the encoding and the certificate for IKEv1 and IKEv2 only.
  if (m.version != 1 && m.version != 2) return;
  pkt.add_item(node, m.version == 2 ? cert_encoding_v2 : cert_encoding_v1, r, off, 1);
  ++off;
  if (m.version == 2 && encoding == kX509HashAndUrl) {
    pkt.add_item(node, cert_x509_hash, r, off, kSha1Size);
    pkt.add_ascii(node, cert_x509_url, r, off + kSha1Size, end - off - kSha1Size);
    return;
  }
  int data = pkt.tree.add(node, cert_data, r, off, end - off, Value{});
  pkt.set_label(data, "Certificate Data");
  if (off >= end) return;
  // tshark reads every encoding as an X.509 Certificate (a SEQUENCE): other BER elements are
  // its BER error (application and private classes it would read on as the sequence: left).
  uint8_t id = r.u8(off);
  constexpr uint8_t kConstructed = 0x20, kSequenceTag = 0x10, kTagMask = 0x1f;
  uint8_t ber_class = id >> 6;
  if (ber_class == 0 && (id & kConstructed) && (id & kTagMask) == kSequenceTag) {
    dissect_x509_certificate(r.sub(off, end - off), pkt, data);
  } else if (ber_class == 0 || ber_class == 2) {
    r.need(off, 2);
    static const char* const kClasses[] = {"UNIVERSAL", "APPLICATION", "CONTEXT", "PRIVATE"};
    add_expert_text(pkt, data, ber::error_expected_sequence, r, off, 1,
                    fmt::format("BER Error: Sequence expected but class:{}({}) {} tag:{} was "
                                "unexpected",
                                kClasses[ber_class], ber_class,
                                id & kConstructed ? "Constructed" : "Primitive", id & kTagMask),
                    kExpertWarn, kGroupMalformed);
  }
}

// A certificate request: IKEv2's SHA-1 hashes of authorities' keys; IKEv1's authority, for
// X.509 signature certificates its Name (as tshark's dissect_x509if_Name).
void dissect_certreq(Message& m, const ByteReader& r, size_t off, size_t end, int node) {
  Packet& pkt = m.pkt;
  if (m.version != 1 && m.version != 2) return;  // tshark reads IKEv1's and IKEv2's only
  pkt.add_item(node, m.version == 2 ? certreq_type_v2 : certreq_type_v1, r, off, 1);
  ++off;
  if (m.version == 2) {  // RFC 7296 §3.7: SHA-1 hashes of the trusted authorities' keys
    // tshark reads a whole hash wherever one starts, so a partial last one takes 20 bytes too
    // (from the next payload, or past the message's end: malformed).
    for (; off < end; off += kSha1Size)
      pkt.add_item(node, ike_certreq_authority, r, off, kSha1Size);
    return;
  }
  if (r.u8(off - 1) == kX509Signature && off < end) {  // the authority's X.509 Name
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
  if (m.version == 1 || m.version == 2)  // other major versions: no protocol item
    pkt.add_uint(node, m.version == 2 ? delete_protoid_v2 : delete_protoid_v1, r, off, 1,
                 r.u8(off));
  uint8_t spi_size = r.u8(off + 1);
  pkt.add_item(node, spisize, r, off + 1, 1);
  pkt.add_item(node, spinum, r, off + 2, 2);
  off += 4;
  // tshark lists SPIs to the payload's end, whatever their number says.
  for (; spi_size && off < end; off += spi_size) pkt.add_item(node, delete_spi, r, off, spi_size);
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

// The Encrypted payload without its keys: the IV's first bytes and the rest as encrypted data,
// as tshark shows it when no IKE SA in its table matches.
void dissect_encrypted(Message& m, const ByteReader& r, size_t off, size_t end, int node) {
  constexpr size_t kShownIv = 4;
  if (end - off < kShownIv) return;
  m.pkt.add_item(node, enc_iv, r, off, kShownIv);
  m.pkt.tree.add(node, enc_data, r, off + kShownIv, end - off - kShownIv, Value{});
}

}  // namespace

void dissect_vendor_id(Message& m, const ByteReader& r, size_t off, size_t len, int node) {
  Packet& pkt = m.pkt;
  const uint8_t* p = r.ptr(off, len);
  const VendorId* vid = find_vendor_id(p, len);
  pkt.add_item(node, vid_bytes, r, off, len);
  const char* name = vid ? vid->name : "Unknown Vendor ID";
  pkt.tree.add(node, vid_string, r, off, len,
               Value::of_bytes(reinterpret_cast<const uint8_t*>(name), std::strlen(name)));
  append_label(pkt, node, std::string(" : ") + name);
  // The vendor IDs whose following bytes tshark decodes (reading on into the next payload when
  // this one is shorter).
  if (len >= 24 && starts_with_vendor_id(p, len, "CryptoPro/GOST 0.1 / Check Point R65")) {
    size_t at = off + 20;
    for (FieldId f :
         {vid_cp_product, vid_cp_version, vid_cp_timestamp, vid_cp_reserved, vid_cp_features}) {
      pkt.add_item(node, f, r, at, 4);
      at += 4;
    }
  }
  if (len >= 14 && starts_with_vendor_id(p, len, "CISCO-UNITY")) {
    pkt.add_item(node, vid_cisco_unity_major, r, off + 14, 1);
    append_label(pkt, node, fmt::format(" {}", r.u8(off + 14)));
    pkt.add_item(node, vid_cisco_unity_minor, r, off + 15, 1);
    append_label(pkt, node, fmt::format(".{}", r.u8(off + 15)));
  }
  if (len >= 16 && starts_with_vendor_id(p, len, "MS NT5 ISAKMPOAKLEY"))
    pkt.add_item(node, vid_ms_nt5_isakmpoakley, r, off + 16, 4);
  if (len >= 19 && starts_with_vendor_id(p, len, "VIA Auth Profile (Aruba Networks)"))
    pkt.add_ascii(node, vid_aruba_via_auth_profile, r, off + 19, len - 19);
  if (len >= 12 && starts_with_vendor_id(p, len, "Fortigate (Fortinet)")) {
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
      dissect_config(m, r, off, len, node);
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
    case kSaTek:
    case kKeyDownload:
    case kSequence:
      dissect_gdoi_payload(m, type, r, off, len, node);
      break;
    case kEap:  // tshark hands the payload to its EAP dissector
      dissect_eap(r.sub(off, len), pkt, node);
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
    case kCiscoFragment:
      dissect_cisco_fragment(m, r, off, len, node);
      break;
    default:
      pkt.add_item(node, datapayload, r, off, len);
      break;
  }
}

}  // namespace netsift::isakmp
