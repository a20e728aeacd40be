// The Configuration payload (IKEv2 CP, RFC 7296 §3.15) and IKEv1's Attributes payload (ModeCfg
// and XAUTH in Transaction mode, draft-ietf-ipsec-isakmp-mode-cfg-05 and -xauth-06): the type,
// then data attributes whose values tshark 4.0 decodes by attribute type, in both versions.
#include <fmt/format.h>

#include "core/expert.h"
#include "core/field_registry.h"
#include "core/protocols.h"
#include "core/text_format.h"
#include "dissectors/isakmp_fields.h"
#include "dissectors/isakmp_internal.h"

namespace netsift::isakmp {

using namespace isakmp_fields;

namespace {

// Configuration attribute types (RFC 7296 §3.15.1, RFC 5739, RFC 7651, the XAUTH and Cisco
// Unity drafts).
enum ConfigAttribute : uint16_t {
  kInternalIp4Address = 1,
  kInternalIp4Netmask = 2,
  kInternalIp4Dns = 3,
  kInternalIp4Nbns = 4,
  kInternalAddressExpiry = 5,
  kInternalIp4Dhcp = 6,
  kApplicationVersion = 7,
  kInternalIp6Address = 8,
  kInternalIp6Netmask = 9,
  kInternalIp6Dns = 10,
  kInternalIp6Nbns = 11,
  kInternalIp6Dhcp = 12,
  kInternalIp4Subnet = 13,
  kSupportedAttributes = 14,
  kInternalIp6Subnet = 15,
  kInternalIp6Link = 17,
  kInternalIp6Prefix = 18,
  kPCscfIp4Address = 20,
  kPCscfIp6Address = 21,
  kXauthType = 16520,
  kXauthUserName = 16521,
  kXauthUserPassword = 16522,
  kXauthPasscode = 16523,
  kXauthMessage = 16524,
  kXauthChallenge = 16525,
  kXauthDomain = 16526,
  kXauthStatus = 16527,
  kXauthNextPin = 16528,
  kXauthAnswer = 16529,
  kUnityBanner = 28672,
  kUnityDefDomain = 28674,
};

// `count` values of `size` bytes, as fields f (and g for the last `tail` bytes of each: an
// IPv6 prefix length), when the value is a whole number of them (tshark shows nothing else).
void add_repeated(Packet& pkt, int node, const ByteReader& r, size_t off, size_t len,
                  size_t size, FieldId f, FieldId g = kNoField, size_t tail = 0) {
  if (len % size) return;
  for (size_t at = off; at < off + len; at += size) {
    pkt.add_item(node, f, r, at, size - tail);
    if (tail) pkt.add_item(node, g, r, at + size - tail, tail);
  }
}

// The text field and value of an attribute whose value is a string, or kNoField.
FieldId string_field(uint16_t type) {
  switch (type) {
    case kApplicationVersion:
      return cfg_attr_application_version;
    case kXauthUserName:
      return cfg_attr_xauth_user_name;
    case kXauthUserPassword:
      return cfg_attr_xauth_user_password;
    case kXauthPasscode:
      return cfg_attr_xauth_passcode;
    case kXauthMessage:
      return cfg_attr_xauth_message;
    case kXauthChallenge:
      return cfg_attr_xauth_challenge;
    case kXauthDomain:
      return cfg_attr_xauth_domain;
    case kXauthNextPin:
      return cfg_attr_xauth_next_pin;
    case kXauthAnswer:
      return cfg_attr_xauth_answer;
    case kUnityBanner:
      return cfg_attr_unity_banner;
    case kUnityDefDomain:
      return cfg_attr_unity_def_domain;
    default:
      return kNoField;
  }
}

// The decoded value of attribute `a` (its value non-empty).
void dissect_config_value(Packet& pkt, const ByteReader& r, const Attribute& a) {
  size_t off = a.value_offset, len = a.length;
  int node = a.node;
  if (FieldId f = string_field(a.type)) {
    pkt.add_ascii(node, f, r, off, len);
    append_label(pkt, node, ": " + ascii_string(r.text(off, len)));
    return;
  }
  switch (a.type) {
    case kInternalIp4Address:
      add_repeated(pkt, node, r, off, len, 4, cfg_attr_internal_ip4_address);
      break;
    case kInternalIp4Netmask:
      pkt.add_item(node, cfg_attr_internal_ip4_netmask, r, off, 4);
      break;
    case kInternalIp4Dns:
      add_repeated(pkt, node, r, off, len, 4, cfg_attr_internal_ip4_dns);
      break;
    case kInternalIp4Nbns:
      add_repeated(pkt, node, r, off, len, 4, cfg_attr_internal_ip4_nbns);
      break;
    case kInternalAddressExpiry:
      pkt.add_item(node, cfg_attr_internal_address_expiry, r, off, 4);
      break;
    case kInternalIp4Dhcp:
      add_repeated(pkt, node, r, off, len, 4, cfg_attr_internal_ip4_dhcp);
      break;
    case kInternalIp6Address:
      add_repeated(pkt, node, r, off, len, 17, cfg_attr_internal_ip6_address,
                   cfg_attr_internal_ip6_address_prefix, 1);
      break;
    case kInternalIp6Netmask:  // IKEv1: tshark reads 18 bytes as the address, and says so
      r.need(off, 18);
      // (only when it builds the item: not in a run that does not read it, -z expert's)
      if (pkt.tree.wants(cfg_attr_internal_ip6_netmask))
        add_expert(pkt, node, protocols::type_length_mismatch, r, off, 18,
                   "Trying to fetch an IPv6 address with length 18", kExpertWarn,
                   kGroupMalformed);
      pkt.tree.add(node, cfg_attr_internal_ip6_netmask, r, off, 18,
                   Value::of_bytes(r.ptr(off, 16), 16));
      break;
    case kInternalIp6Dns:
      add_repeated(pkt, node, r, off, len, 16, cfg_attr_internal_ip6_dns);
      break;
    case kInternalIp6Nbns:
      add_repeated(pkt, node, r, off, len, 16, cfg_attr_internal_ip6_nbns);
      break;
    case kInternalIp6Dhcp:
      add_repeated(pkt, node, r, off, len, 16, cfg_attr_internal_ip6_dhcp);
      break;
    case kInternalIp4Subnet:
      add_repeated(pkt, node, r, off, len, 8, cfg_attr_internal_ip4_subnet_ip,
                   cfg_attr_internal_ip4_subnet_netmask, 4);
      break;
    case kSupportedAttributes:
      add_repeated(pkt, node, r, off, len, 2, cfg_attr_supported_attributes);
      break;
    case kInternalIp6Subnet:
      add_repeated(pkt, node, r, off, len, 17, cfg_attr_internal_ip6_subnet_ip,
                   cfg_attr_internal_ip6_subnet_prefix, 1);
      break;
    case kInternalIp6Link:
      pkt.add_item(node, cfg_attr_internal_ip6_link_interface, r, off, 8);
      pkt.add_item(node, cfg_attr_internal_ip6_link_id, r, off + 8, len - 8);
      break;
    case kInternalIp6Prefix:
      add_repeated(pkt, node, r, off, len, 17, cfg_attr_internal_ip6_prefix_ip,
                   cfg_attr_internal_ip6_prefix_length, 1);
      break;
    case kPCscfIp4Address:
      add_repeated(pkt, node, r, off, len, 4, cfg_attr_p_cscf_ip4_address);
      break;
    case kPCscfIp6Address:
      add_repeated(pkt, node, r, off, len, 16, cfg_attr_p_cscf_ip6_address);
      break;
    case kXauthType:
    case kXauthStatus: {
      FieldId f = a.type == kXauthType ? cfg_attr_xauth_type : cfg_attr_xauth_status;
      pkt.add_item(node, f, r, off, len);
      append_label(pkt, node, ": " + value_text(f, r.u16(off), "Unknown "));
      break;
    }
    default:
      break;
  }
}

}  // namespace

void dissect_config(Message& m, const ByteReader& r, size_t off, size_t len, int node) {
  Packet& pkt = m.pkt;
  size_t end = off + len;
  if (m.version == 2) {
    pkt.add_item(node, cfg_type_v2, r, off, 1);
    pkt.add_item(node, reserved, r, off + 1, 3);
  } else if (m.version != 1) {
    return;  // tshark reads no attributes of other major versions
  } else {
    pkt.add_item(node, cfg_type_v1, r, off, 1);
    pkt.add_item(node, reserved, r, off + 1, 1);
    pkt.add_item(node, cfg_identifier, r, off + 2, 2);
  }
  off += 4;
  const AttributeFields fields{cfg_attr, m.version == 2 ? cfg_attr_type_v2 : cfg_attr_type_v1,
                               cfg_attr_format, cfg_attr_length, cfg_attr_value};
  // An empty value is expected in a request (the peer fills it in), noted elsewhere.
  bool request = !(m.msg->u8(kFlagsOffset) & kFlagResponse);
  while (off < end) {
    Attribute a = dissect_attribute_header(pkt, r, off, node, fields);
    if (a.length)
      dissect_config_value(pkt, r, a);
    else if (!request)
      add_expert(pkt, a.node, attribute_value_empty, r, off, 0, "Attribute value is empty",
                 kExpertNote, kGroupProtocol);
    off += a.size;
  }
}

}  // namespace netsift::isakmp
