// ISAKMP Security Association payloads: the SA (IKEv1's DOI and situation), its proposals,
// their transforms, and the transforms' attributes (IKEv1 IKE attributes for ISAKMP
// proposals, IPsec DOI attributes for the others, RFC 2409 appendix A and RFC 2407 §4.5;
// IKEv2 transform attributes, RFC 7296 §3.3.5), labelled as tshark 4.0 labels them.
#include <fmt/format.h>

#include "core/expert.h"
#include "core/field_registry.h"
#include "dissectors/isakmp_fields.h"
#include "dissectors/isakmp_internal.h"

namespace netsift::isakmp {

using namespace isakmp_fields;

namespace {

constexpr uint32_t kDoiIpsec = 1;
constexpr uint32_t kProtoIsakmp =
    1;  // IKEv1 proposal protocol: its transforms carry IKE attributes
constexpr uint16_t kAttributeTv = 0x8000;

// IKEv1 transform identifiers per proposal protocol (RFC 2407 §4.4).
constexpr ValueName kIsakmpTransforms[] = {{0, "RESERVED"}, {1, "KEY_IKE"}};
constexpr ValueName kAhTransforms[] = {{0, "RESERVED"}, {1, "RESERVED"}, {2, "MD5"},
                                       {3, "SHA"},      {4, "DES"},      {5, "SHA2-256"},
                                       {6, "SHA2-384"}, {7, "SHA2-512"}};
constexpr ValueName kEspTransforms[] = {{0, "RESERVED"},
                                        {1, "DES-IV64"},
                                        {2, "DES"},
                                        {3, "3DES"},
                                        {4, "RC5"},
                                        {5, "IDEA"},
                                        {6, "CAST"},
                                        {7, "BLOWFISH"},
                                        {8, "3IDEA"},
                                        {9, "DES-IV32"},
                                        {10, "RC4"},
                                        {11, "NULL"},
                                        {12, "AES"},
                                        {13, "AES-CTR"},
                                        {14, "AES-CCM_8"},
                                        {15, "AES-CCM_12"},
                                        {16, "AES-CCM_16"},
                                        {18, "AES-GCM_8"},
                                        {19, "AES-GCM_12"},
                                        {20, "AES-GCM_16"},
                                        {21, "SEED_CBC"},
                                        {22, "CAMELLIA"},
                                        {23, "NULL_AUTH_AES_GMAC"}};
constexpr ValueName kIpcompTransforms[] = {
    {0, "RESERVED"}, {1, "OUI"}, {2, "DEFLATE"}, {3, "LZS"}, {4, "LZJH"}};

std::span<const ValueName> transform_names(uint32_t protocol) {
  switch (protocol) {
    case 1:
      return kIsakmpTransforms;
    case 2:
      return kAhTransforms;
    case 3:
      return kEspTransforms;
    case 4:
      return kIpcompTransforms;
    default:
      return {};
  }
}

// The decoded value of one attribute type: its field, or kNoField (shown as Value only).
FieldId ike_decoded(uint16_t type, uint16_t len) {
  switch (type) {
    case 1:
      return ike_attr_encryption_algorithm;
    case 2:
      return ike_attr_hash_algorithm;
    case 3:
      return ike_attr_authentication_method;
    case 4:
      return ike_attr_group_description;
    case 5:
      return ike_attr_group_type;
    case 6:
      return ike_attr_group_prime;
    case 7:
      return ike_attr_group_generator_one;
    case 8:
      return ike_attr_group_generator_two;
    case 9:
      return ike_attr_group_curve_a;
    case 10:
      return ike_attr_group_curve_b;
    case 11:
      return ike_attr_life_type;
    case 12:
      return len <= 4   ? ike_attr_life_duration
             : len == 8 ? ike_attr_life_duration64
                        : ike_attr_life_duration_bytes;
    case 13:
      return ike_attr_prf;
    case 14:
      return ike_attr_key_length;
    case 15:
      return ike_attr_field_size;
    case 16:
      return ike_attr_group_order;
    case 17:
      return ike_attr_block_size;
    case 20:
      return ike_attr_asymmetric_cryptographic_algorithm_type;
    default:
      return kNoField;
  }
}

FieldId ipsec_decoded(uint16_t type, uint16_t len) {
  switch (type) {
    case 1:
      return ipsec_attr_life_type;
    case 2:
      return len <= 4   ? ipsec_attr_life_duration
             : len == 8 ? ipsec_attr_life_duration64
                        : ipsec_attr_life_duration_bytes;
    case 3:
      return ipsec_attr_group_description;
    case 4:
      return ipsec_attr_encap_mode;
    case 5:
      return ipsec_attr_auth_algorithm;
    case 6:
      return ipsec_attr_key_length;
    case 7:
      return ipsec_attr_key_rounds;
    case 8:
      return ipsec_attr_cmpr_dict_size;
    case 9:
      return ipsec_attr_cmpr_algorithm;
    case 10:
      return ipsec_attr_ecn_tunnel;
    case 11:
      return ipsec_attr_ext_seq_nbr;
    case 12:
      return ipsec_attr_auth_key_length;
    case 13:
      return ipsec_attr_sig_enco_algorithm;
    case 14:
      return ipsec_attr_addr_preservation;
    case 15:
      return ipsec_attr_sa_direction;
    default:
      return kNoField;
  }
}

FieldId ike2_decoded(uint16_t type, uint16_t) {
  return type == 14 ? ike2_attr_key_length : kNoField;
}

// What IKEv1 decryption needs from the ISAKMP transform (RFC 2409 Appendix A classes).
void note_phase1_attribute(Ikev1Sa& sa, uint16_t type, uint16_t value) {
  constexpr uint16_t kEncryption = 1, kHash = 2, kKeyLength = 14;
  if (type == kEncryption) sa.encryption = value;
  if (type == kHash) sa.hash = value;
  if (type == kKeyLength) sa.key_length = value;
}

// One SA attribute: its header, then its value decoded by `decoded`. The label gains the
// decoded value: "IKE Attribute (t=1,l=2): Encryption-Algorithm: AES-CBC"; returns the bytes
// used.
size_t dissect_attribute(Message& m, const ByteReader& r, size_t off, int parent,
                         const AttributeFields& f, FieldId (*decoded)(uint16_t, uint16_t),
                         Ikev1Sa* v1 = nullptr) {
  Packet& pkt = m.pkt;
  Attribute a = dissect_attribute_header(pkt, r, off, parent, f);
  if (a.length == 0) {
    add_expert(pkt, a.node, attribute_value_empty, r, off, 0, "Attribute value is empty",
               kExpertNote, kGroupProtocol);
    return a.size;
  }
  if (v1) note_phase1_attribute(*v1, a.type, r.u16(a.value_offset));
  ByteReader v = r.sub(a.value_offset, a.length);
  FieldId d = decoded(a.type, a.length);
  if (d == kNoField) return a.size;
  const FieldDef& def = registry().info(d).def;
  if (is_integer(def.type) && a.length <= 8) {
    uint64_t x = v.uint(0, a.length);
    pkt.add_uint(a.node, d, v, 0, a.length, x);
    const char* name = value_name(def, x);
    append_label(pkt, a.node, ": " + (name ? std::string(name) : std::to_string(x)));
  } else {
    pkt.add_item(a.node, d, v, 0, a.length);
  }
  return a.size;
}

void dissect_attributes(Message& m, const ByteReader& r, size_t off, size_t end, int parent,
                        uint32_t protocol) {
  static const AttributeFields kIke{ike_attr, ike_attr_type, ike_attr_format, ike_attr_length,
                                    ike_attr_value};
  static const AttributeFields kIpsec{ipsec_attr, ipsec_attr_type, ipsec_attr_format,
                                      ipsec_attr_length, ipsec_attr_value};
  static const AttributeFields kIke2{ike2_attr, ike2_attr_type, ike2_attr_format, ike2_attr_length,
                                     ike2_attr_value};
  while (off < end) {
    if (m.version == 2)
      off += dissect_attribute(m, r, off, parent, kIke2, ike2_decoded);
    else if (protocol == kProtoIsakmp)
      off += dissect_attribute(m, r, off, parent, kIke, ike_decoded, m.v1);
    else
      off += dissect_attribute(m, r, off, parent, kIpsec, ipsec_decoded);
  }
}

}  // namespace

Attribute dissect_attribute_header(Packet& pkt, const ByteReader& r, size_t off, int parent,
                                   const AttributeFields& f) {
  uint16_t head = r.u16(off);
  Attribute a;
  a.type = head & 0x7fff;
  bool tv = head & kAttributeTv;
  a.length = tv ? 2 : r.u16(off + 2);
  a.value_offset = off + (tv ? 2 : 4);
  a.size = a.value_offset - off + a.length;
  a.node = pkt.tree.add(parent, f.container, r, off, a.size, Value{});
  if (pkt.labels) {
    const char* name = nullptr;
    if (f.names.empty()) {
      name = value_name(registry().info(f.type).def, a.type);
    } else {
      for (const RangeName& n : f.names) {
        if (a.type >= n.low && a.type <= n.high) {
          name = n.name;
          break;
        }
      }
    }
    pkt.set_label(a.node, fmt::format("{} (t={},l={}): {}", registry().info(f.container).def.name,
                                      a.type, a.length,
                                      name ? std::string(name)
                                           : fmt::format("Unknown Attribute Type ({:02})", a.type)));
  }
  pkt.add_item(a.node, f.format, r, off, 2);
  pkt.add_uint(a.node, f.type, r, off, 2, a.type);
  if (!tv) pkt.add_item(a.node, f.length, r, off + 2, 2);
  if (a.length) pkt.add_item(a.node, f.value, r, a.value_offset, a.length);
  return a;
}

void dissect_ipsec_attributes(Message& m, const ByteReader& r, size_t off, size_t end,
                              int parent) {
  dissect_attributes(m, r, off, end, parent, 0);
}

void dissect_sa(Message& m, const ByteReader& r, size_t off, size_t len, int node) {
  Packet& pkt = m.pkt;
  if (m.version != 1 && m.version != 2) return;  // tshark reads no proposals of other versions
  if (m.version == 1) {
    uint32_t doi = r.u32(off);
    pkt.add_item(node, sa_doi, r, off, 4);
    off += 4;
    len -= 4;
    if (doi == kDoiIpsec) {
      int s = pkt.add_item(node, sa_situation, r, off, 4);
      for (FieldId f : {sa_situation_identity_only, sa_situation_secrecy, sa_situation_integrity})
        pkt.add_item(s, f, r, off, 4);
      off += 4;
      len -= 4;
    }
  }
  dissect_payloads(m, r, off, len, kProposal, node);
}

void dissect_proposal(Message& m, const ByteReader& r, size_t off, size_t len, int node) {
  Packet& pkt = m.pkt;
  size_t end = off + len;
  uint8_t number = r.u8(off);
  pkt.add_item(node, prop_number, r, off, 1);
  append_label(pkt, node, fmt::format(" # {}", number));
  uint32_t protocol = r.u8(off + 1);
  if (m.version == 1 || m.version == 2)  // other major versions: no protocol item
    pkt.add_uint(node, m.version == 2 ? prop_protoid_v2 : prop_protoid_v1, r, off + 1, 1, protocol);
  uint8_t spi_size = r.u8(off + 2);
  pkt.add_item(node, spisize, r, off + 2, 1);
  pkt.add_item(node, prop_transforms, r, off + 3, 1);
  off += 4;
  if (spi_size) {
    pkt.add_item(node, spi, r, off, spi_size);
    off += spi_size;
  }
  if (off < end) dissect_payloads(m, r, off, end - off, kTransform, node, protocol);
}

void dissect_transform(Message& m, const ByteReader& r, size_t off, size_t len, int node,
                       uint32_t protocol) {
  Packet& pkt = m.pkt;
  size_t end = off + len;
  if (m.version == 1) {
    uint8_t number = r.u8(off);
    pkt.add_item(node, trans_number, r, off, 1);
    append_label(pkt, node, fmt::format(" # {}", number));
    uint8_t id = r.u8(off + 1);
    int t = pkt.add_item(node, trans_id, r, off + 1, 1);
    if (pkt.labels) {
      const char* name = value_name(transform_names(protocol), id);
      pkt.set_label(t, fmt::format("Transform ID: {} ({})", name ? name : "Unknown", id));
    }
    pkt.add_item(node, reserved, r, off + 2, 2);
    constexpr uint8_t kKeyIke = 1;
    if (m.v1 && protocol == kProtoIsakmp && id == kKeyIke) {
      // The last ISAKMP transform seen decides; one without an attribute leaves it unset.
      m.v1->encryption = m.v1->key_length = m.v1->hash = 0;
    }
    dissect_attributes(m, r, off + 4, end, node, protocol);
    return;
  }
  if (m.version != 2) return;  // tshark reads IKEv1's and IKEv2's transforms only
  uint8_t type = r.u8(off);
  pkt.add_item(node, tf_type, r, off, 1);
  pkt.add_item(node, reserved, r, off + 1, 1);
  FieldId id_field = type == 1   ? tf_id_encr
                     : type == 2 ? tf_id_prf
                     : type == 3 ? tf_id_integ
                     : type == 4 ? tf_id_dh
                     : type == 5 ? tf_id_esn
                                 : tf_id;
  pkt.add_item(node, id_field, r, off + 2, 2);
  dissect_attributes(m, r, off + 4, end, node, protocol);
}

}  // namespace netsift::isakmp
