// IKEv1 messages with the Encryption flag decrypted with the user's ikev1_decryption_table
// (RFC 2409 §5, Appendix B; the IV chain in analysis/ikev1_sa.cpp), their payloads dissected
// under the Encrypted Data item as tshark 4.0 shows them. The IKEv2 Encrypted payload
// (RFC 7296 §3.14) decrypted with the user's
// ikev2_decryption_table: the IV, encrypted data, the decrypted data with the payloads it
// contains (dissected like the message's own), padding and pad length, and the integrity
// checksum, checked (HMAC over the message; the tag for AES-GCM, RFC 5282), as tshark 4.0
// shows them.
#include <fmt/format.h>

#include <cstring>

#include "analysis/ikev2_sa.h"
#include "core/expert.h"
#include "core/protocol_state.h"
#include "core/session.h"
#include "core/text_format.h"
#include "dissectors/isakmp_fields.h"
#include "dissectors/isakmp_internal.h"

namespace netsift::isakmp {

using namespace isakmp_fields;

namespace {

constexpr uint8_t kFlagInitiator = 0x08;

std::string hex(const uint8_t* p, size_t n) {
  std::string out;
  append_hex_bytes(out, p, n);
  return out;
}

}  // namespace

Ikev1Sa& v1_state(Packet& pkt, const uint8_t icookie[8]) {
  Ikev1Keys& keys = pkt.session->state<Ikev1Keys>();
  if (!keys.loaded) {
    keys.loaded = true;
    if (const UatTable* t = pkt.session->prefs.find_uat("ikev1_decryption_table"))
      keys.sas.load(*t);
  }
  Ikev1Sa& sa = keys.sas.find_or_add(icookie);
  if (!sa.initiator) sa.initiator = pkt.src;
  return sa;
}

void dissect_v1_decrypted(Message& m, const ByteReader& r, size_t off, size_t len, int node) {
  Packet& pkt = m.pkt;
  const ByteReader& msg = *m.msg;
  std::vector<uint8_t> plain;
  if (!m.v1 || !r.has(off, len) || !m.v1->decrypt(msg.u32(20), r.ptr(off, len), len, plain)) return;
  auto* copy = static_cast<uint8_t*>(pkt.arena.alloc(len, 1));
  std::memcpy(copy, plain.data(), len);
  pkt.sources.push_back(DataSource{"Decrypted IKE", copy, static_cast<uint32_t>(len)});
  ByteReader d(copy, len, len, 0, static_cast<uint16_t>(pkt.sources.size()));
  dissect_payloads(m, d, 0, len, msg.u8(16), node);
}

const Ikev2Sa* ikev2_sa(Message& m) {
  Ikev2Keys& keys = m.pkt.session->state<Ikev2Keys>();
  if (!keys.loaded) {
    keys.loaded = true;
    if (const UatTable* t = m.pkt.session->prefs.find_uat("ikev2_decryption_table"))
      keys.sas.load(*t);
  }
  return keys.sas.find(m.msg->ptr(0, 8), m.msg->ptr(8, 8));
}

std::optional<DecryptedSk> decrypt_sk(Message& m, const Ikev2Sa& sa, const ByteReader& r,
                                      size_t off, size_t end, int node, bool fragment) {
  Packet& pkt = m.pkt;
  const ByteReader& msg = *m.msg;
  const Ikev2Encryption& e = *sa.encryption;
  bool aead = e.mode == EspCipherMode::kGcm || e.mode == EspCipherMode::kCcm;
  size_t icd_len = aead ? e.icv_len : sa.integrity->icv_len;
  bool initiator = msg.u8(19) & kFlagInitiator;
  const std::string& ek = initiator ? sa.sk_ei : sa.sk_er;
  const std::string& ak = initiator ? sa.sk_ai : sa.sk_ar;
  size_t salt = e.mode == EspCipherMode::kNull || e.mode == EspCipherMode::kCbc ? 0
                : e.mode == EspCipherMode::kCcm                                 ? 3
                                                                                : 4;
  if (ek.size() != e.key_len + salt || end < off) return std::nullopt;
  DecryptedSk out{ByteReader(), -1, 0, false};
  if (end - off <= e.iv_len + icd_len) {  // the user's algorithms cannot be this message's
    add_expert_text(pkt, node, enc_iv_not_enough_data, r, off, end - off,
                    "Not enough data in IKEv2 Encrypted payload", kExpertWarn, kGroupMalformed);
    return out;
  }
  size_t data_off = off + e.iv_len;
  size_t data_len = end - data_off - icd_len;
  size_t in_msg = r.origin() - msg.origin();  // where r starts within the message

  // An SKF payload shows its IV and encrypted data plainly (tshark adds them before it knows
  // whether the fragment decrypts); an SK payload with their lengths and the cipher.
  int data = -1;
  if (fragment) {
    if (e.iv_len) pkt.add_item(node, enc_iv, r, off, e.iv_len);
    pkt.tree.add(node, enc_data, r, data_off, data_len, Value{});
  } else {
    if (e.iv_len) {
      int iv = pkt.add_item(node, enc_iv, r, off, e.iv_len);
      pkt.set_label(iv, fmt::format("Initialization Vector: {} ({} bytes)",
                                    hex(r.ptr(off, e.iv_len), e.iv_len), e.iv_len));
    }
    data = pkt.tree.add(node, enc_data, r, data_off, data_len, Value{});
    pkt.set_label(data, fmt::format("Encrypted Data ({} bytes) <{}>", data_len, e.name));
  }
  // The checksum goes after the decrypted data, or where that would be when there is none;
  // an HMAC is checked before decryption, an AEAD tag by it.
  bool checksum_ok = true;
  std::string icd_text;
  const uint8_t* icd = r.ptr(data_off + data_len, icd_len);
  if (icd_len) {
    icd_text = fmt::format("Integrity Checksum Data: {} ({} bytes)", hex(icd, icd_len), icd_len);
    if (!aead && !sa.integrity->digest) {
      icd_text += "[not validated]";  // an "ANY n-bits" integrity: its length only
    } else if (!aead) {
      size_t covered = in_msg + data_off + data_len;
      std::vector<uint8_t> mac = ikev2_integrity(*sa.integrity, ak, msg.ptr(0, covered), covered);
      checksum_ok = mac.size() == icd_len && std::memcmp(mac.data(), icd, icd_len) == 0;
      icd_text += fmt::format(" <{}>", sa.integrity->name);
      icd_text += checksum_ok ? "[correct]" : "[incorrect, should be " + hex(mac.data(), mac.size()) + "]";
    }
  }
  auto add_checksum = [&] {
    if (!icd_len) return;
    int i = pkt.add_item(node, enc_icd, r, data_off + data_len, icd_len);
    pkt.set_label(i, icd_text);
    if (!checksum_ok)
      add_expert(pkt, i, ikev2_integrity_checksum, r, data_off + data_len, icd_len,
                 "IKEv2 Integrity Checksum Data is incorrect", kExpertWarn, kGroupChecksum);
  };
  size_t block = e.mode == EspCipherMode::kCbc ? e.iv_len : 1;
  if (data_len % block) {
    // (A fragment's data item is not the one tshark notes this on: it notes nothing there.)
    if (data >= 0) {
      append_label(pkt, data,
                   fmt::format("[Invalid length, should be a multiple of block size ({})]", block));
      add_expert(pkt, data, enc_data_length_mult_block_size, r, data_off, data_len,
                 "Encrypted data length isn't a multiple of block size", kExpertWarn,
                 kGroupMalformed);
    }
    add_checksum();
    return out;
  }

  IpsecCipher c;
  c.evp_name = e.evp_name;
  c.mode = e.mode;
  c.key = reinterpret_cast<const uint8_t*>(ek.data());
  c.key_len = e.key_len;
  c.salt = c.key + e.key_len;
  c.iv = r.ptr(off, e.iv_len);
  // RFC 5282 §5.1: the header through the payload header (for SKF, RFC 7383 §2.5, through
  // the Fragment Number and Total Fragments).
  c.aad = msg.ptr(0, in_msg + off);
  c.aad_len = in_msg + off;
  c.tag = r.ptr(data_off + data_len, icd_len);
  c.tag_len = icd_len;
  std::vector<uint8_t> plain, expected_tag;
  bool tag_ok = false;
  if (!ipsec_decrypt(c, r.ptr(data_off, data_len), data_len, plain, &tag_ok, &expected_tag) ||
      plain.empty()) {
    add_checksum();
    return out;
  }
  if (aead) {
    checksum_ok = tag_ok;
    icd_text += tag_ok ? "[correct]"
                       : "[incorrect, should be " + hex(expected_tag.data(), expected_tag.size()) + "]";
  }

  size_t n = plain.size();
  uint8_t pad = plain[n - 1];
  auto* copy = static_cast<uint8_t*>(pkt.arena.alloc(n, 1));
  std::memcpy(copy, plain.data(), n);
  pkt.sources.push_back(DataSource{"Decrypted Data", copy, static_cast<uint32_t>(n)});
  out.data = ByteReader(copy, n, n, 0, static_cast<uint16_t>(pkt.sources.size()));
  out.plaintext = true;
  const ByteReader& d = out.data;
  int dec = pkt.tree.add(node, enc_decrypted, d, 0, n, Value{});
  pkt.set_label(dec, fmt::format("Decrypted Data ({} byte{})", n, n == 1 ? "" : "s"));
  bool too_long = pad + 1u > n;
  out.inner = too_long ? 0 : n - 1 - pad;
  if (out.inner) {
    out.contained = pkt.tree.add(dec, enc_contained, d, 0, out.inner, Value{});
    pkt.set_label(out.contained,
                  fmt::format("Contained Data ({} byte{})", out.inner, out.inner == 1 ? "" : "s"));
  }
  if (pad && !too_long) {
    int p = pkt.tree.add(dec, enc_padding, d, out.inner, pad, Value{});
    pkt.set_label(p, fmt::format("Padding ({} byte{})", pad, pad == 1 ? "" : "s"));
  }
  int pad_node = pkt.add_item(dec, enc_pad_length, d, n - 1, 1);
  if (too_long) {
    append_label(pkt, pad_node, " [too long]");
    add_expert(pkt, pad_node, enc_pad_length_big, d, n - 1, 1, "Pad length is too big",
               kExpertWarn, kGroupMalformed);
  }
  add_checksum();
  return out;
}

bool dissect_encrypted_with_keys(Message& m, const ByteReader& r, size_t off, size_t end,
                                 int node) {
  const Ikev2Sa* sa = ikev2_sa(m);
  if (!sa) return false;
  std::optional<DecryptedSk> dec = decrypt_sk(m, *sa, r, off, end, node, false);
  if (!dec) return false;
  if (dec->plaintext && dec->inner) {
    Message inner_msg{m.pkt, m.version, m.msg};
    dissect_payloads(inner_msg, dec->data, 0, dec->inner, m.next_payload, dec->contained);
  }
  return true;
}

}  // namespace netsift::isakmp
