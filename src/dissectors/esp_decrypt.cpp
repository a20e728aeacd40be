// ESP payloads decrypted with the user's esp_sa table (esp.enable_encryption_decode): the IV,
// the encrypted data, the ICV (checked when esp.enable_authentication_check is set), then the
// decrypted data with its padding and next header, and the protected packet dissected from
// the decrypted bytes, as tshark 4.0 shows them; and tshark's heuristic for NULL encryption
// without an SA.
#include "dissectors/esp_decrypt.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "analysis/esp_sa.h"
#include "core/dissector_bug.h"
#include "core/field_registry.h"
#include "core/session.h"
#include "core/text_format.h"
#include "dissectors/esp_fields.h"
#include "dissectors/ip.h"

namespace netsift {

using namespace esp_fields;

namespace {

// "<hex, cut as tshark cuts bytes> (N bytes)".
std::string bytes_text(FieldId f, const uint8_t* p, size_t n) {
  std::string out;
  append_bytes_label(out, registry().info(f).def, Value::of_bytes(p, n));
  return fmt::format("{} ({} bytes)", out, n);
}

void add_bytes(Packet& pkt, int parent, FieldId f, const ByteReader& r, size_t off, size_t n,
               const char* prefix, const std::string& suffix = {}) {
  int node = pkt.add_item(parent, f, r, off, n);
  if (pkt.labels)
    pkt.set_label(node, std::string(prefix) + bytes_text(f, r.ptr(off, n), n) + suffix);
}

// The ICV and, beneath it, whether it matched (only when checked).
void add_icv(Packet& pkt, int top, const ByteReader& r, size_t off, size_t n, const EspSa& sa,
             const char* algorithm, bool check, const bool* combined_ok) {
  std::string status = " [unchecked]";
  bool good = false, bad = false;
  if (check && combined_ok) {  // AES-GCM: the tag decryption checked
    good = *combined_ok;
    bad = !good;
    status = good ? " [correct]" : " [incorrect]";
  } else if (check && sa.authentication->digest) {
    std::vector<uint8_t> expected = esp_icv(sa, r.ptr(0, off), off);
    good = expected.size() == n && std::memcmp(expected.data(), r.ptr(off, n), n) == 0;
    bad = !good;
    std::string hex;
    append_hex_bytes(hex, expected.data(), expected.size());
    status = good ? " [correct]" : " [incorrect, should be " + hex + "]";
  }
  int node = pkt.add_item(top, icv, r, off, n);
  if (pkt.labels)
    pkt.set_label(
        node, "ESP ICV: " + bytes_text(icv, r.ptr(off, n), n) + " <" + algorithm + ">" + status);
  // Both generated over the ICV, as tshark adds them.
  pkt.tree.add(node, icv_good, r, off, n, Value::of_uint(good), kGenerated);
  pkt.tree.add(node, icv_bad, r, off, n, Value::of_uint(bad), kGenerated);
}

// "Next header: ICMP (0x01)".
void add_next_header(Packet& pkt, int parent, const ByteReader& r, size_t off) {
  int nh = pkt.add_item(parent, protocol, r, off, 1);
  if (pkt.labels) {
    uint8_t next = r.u8(off);
    const char* name = value_name(ip_proto_names(), next);
    pkt.set_label(nh, fmt::format("Next header: {} (0x{:02x})", name ? name : "Unknown", next));
  }
}

// tshark checks the SA's key length against its algorithm before it looks at the payload, and
// reports a key that does not fit as a dissector bug (its "<ESP Preferences>" messages); so
// does an AES-GCM SA with an authentication algorithm.
void check_sa_keys(const EspSa& sa) {
  std::string_view name = sa.encryption->uat_name;
  // tshark's key length is an int in bits; a CTR/GCM key shorter than its salt wraps as %u.
  uint32_t bits = static_cast<uint32_t>(sa.encryption_key.size() * 8);
  auto bad = [](std::string text) {
    throw DissectorBug{"ESP", "<ESP Preferences> Error in Encryption Algorithm " + text + "\n"};
  };
  auto aes_size = [](uint32_t b) { return b == 128 || b == 192 || b == 256; };
  if (name == "TripleDES-CBC [RFC2451]" && bits != 192) {
    bad(fmt::format("3DES-CBC : Bad Keylen (got {} Bits, need 192)", bits));
  } else if (name == "AES-CBC [RFC3602]" && !aes_size(bits)) {
    bad(fmt::format("AES-CBC : Bad Keylen ({} Bits)", bits));
  } else if (name == "CAST5-CBC [RFC2144]" && bits != 128) {
    bad(fmt::format("CAST5-CBC : Bad Keylen ({} Bits)", bits));
  } else if (name == "DES-CBC [RFC2405]" && bits != 64) {
    bad(fmt::format("DES-CBC : Bad Keylen ({} Bits, need 64)", bits));
  } else if (name == kTwofishCbc && bits != 128 && bits != 256) {
    bad(fmt::format("TWOFISH-CBC : Bad Keylen ({} Bits)", bits));
  } else if (name == "BLOWFISH-CBC [RFC2451]" && bits != 128) {
    bad(fmt::format("BLOWFISH-CBC : Bad Keylen ({} Bits, need 128)", bits));
  } else if (sa.encryption->mode == EspCipherMode::kCtr ||
             sa.encryption->mode == EspCipherMode::kGcm) {
    bool gcm = sa.encryption->mode == EspCipherMode::kGcm;
    uint32_t key_bits = bits - static_cast<uint32_t>(sa.encryption->salt_len * 8);
    if (!aes_size(key_bits))
      bad(fmt::format("{} : Bad Keylen ({} Bits)", gcm ? "AES-GCM" : "AES-CTR", key_bits));
    if (gcm && std::string_view(sa.authentication->uat_name) != "NULL")
      throw DissectorBug{"ESP",
                         "<ESP Preferences> Error: AES-GCM encryption can only be used with NULL "
                         "authentication\n"};
  }
}

// tshark's alignment check of the ciphertext (RFC 4303 §2.4): a whole number of the cipher's
// blocks, ending on a 4-byte boundary; the label's note when it is not (no decryption then),
// else empty.
std::string misaligned_note(const EspEncryption& e, size_t data_len) {
  if (e.block_len > 4 && data_len % e.block_len != 0)
    return fmt::format("[Invalid length, ciphertext should be a multiple of block size ({})]",
                       e.block_len);
  if (data_len % 4 != 0) return "[Invalid length, ciphertext should terminate at 4-byte boundary]";
  return {};
}

}  // namespace

bool dissect_esp_null_heuristic(const ByteReader& r, Packet& pkt, int parent, int top) {
  constexpr size_t kHeader = 8;  // SPI and sequence number
  size_t total = r.reported_size();
  for (size_t icv_len : {12, 16, 24, 32}) {
    if (total < icv_len + 2 || !r.has(total - icv_len - 2, 2)) continue;
    size_t trailer = total - icv_len - 2;
    uint8_t pad_len = r.u8(trailer);
    uint8_t next = r.u8(trailer + 1);
    Dissector d = tables::ip_proto().find(next);
    if (!d || kHeader + pad_len > trailer) continue;
    bool padding_ok = true;  // RFC 4303 §2.4: the default padding is 1, 2, 3, ...
    for (size_t j = 0; j < pad_len && padding_ok; ++j)
      padding_ok = r.u8(trailer - j - 1) == pad_len - j;
    if (!padding_ok) continue;
    if (d(r.sub(kHeader, trailer - kHeader - pad_len), pkt, parent) == 0) continue;
    if (pad_len) pkt.add_item(top, pad, r, trailer - pad_len, pad_len);
    pkt.add_item(top, esp_fields::pad_len, r, trailer, 1);
    add_next_header(pkt, top, r, trailer + 1);
    size_t icv_off = total - icv_len;
    bool whole = r.has(icv_off, icv_len);
    size_t shown = whole ? icv_len : r.size() - icv_off;
    int node = pkt.add_item(top, icv, r, icv_off, shown);
    if (pkt.labels) {
      std::string text = "Integrity Check Value (truncated)";
      if (whole) {
        text = "ESP ICV: ";
        append_bytes_label(text, registry().info(icv).def,
                           Value::of_bytes(r.ptr(icv_off, shown), shown));
      }
      pkt.set_label(node, text + " [unchecked]");
    }
    pkt.tree.add_generated(node, icv_good, Value::of_uint(false));
    pkt.tree.add_generated(node, icv_bad, Value::of_uint(false));
    return true;
  }
  return false;
}

bool dissect_esp_decrypted(const ByteReader& r, Packet& pkt, int parent, int top, const EspSa& sa,
                           bool check_icv) {
  const EspEncryption& e = *sa.encryption;
  check_sa_keys(sa);
  bool combined = e.mode == EspCipherMode::kGcm || e.mode == EspCipherMode::kGmac;
  size_t icv_len = combined ? e.icv_len : sa.authentication->icv_len;
  size_t total = r.size();
  if (total < 8 + e.iv_len + icv_len + 2) return false;
  size_t data_off = 8 + e.iv_len;
  size_t data_len = total - data_off - icv_len;
  std::vector<uint8_t> plain;
  bool tag_ok = false;
  std::string note = e.mode == EspCipherMode::kNull ? "" : misaligned_note(e, data_len);
  auto add_encrypted = [&] {
    if (e.iv_len) add_bytes(pkt, top, iv, r, 8, e.iv_len, "ESP IV: ");
    add_bytes(pkt, top, encrypted_data, r, data_off, data_len,
              "ESP Encrypted Data: ", std::string(" <") + e.display_name + ">" + note);
    if (icv_len)
      add_icv(pkt, top, r, data_off + data_len, icv_len, sa,
              combined ? e.display_name : sa.authentication->uat_name, check_icv,
              e.mode == EspCipherMode::kGcm ? &tag_ok : nullptr);
  };
  if (!note.empty()) {  // shown, not decrypted
    add_encrypted();
    return true;
  }
  // tshark gives Twofish no block size, so a ciphertext on a 4-byte boundary that is not a
  // whole number of 16-byte blocks reaches libgcrypt, whose refusal it reports as a bug.
  size_t key_len = sa.encryption_key.size();
  if (std::string_view(e.uat_name) == kTwofishCbc && data_len % 16 != 0) {
    add_encrypted();
    throw DissectorBug{"ESP", fmt::format("<IPsec/ESP Dissector> Error in Algorithm {}, Mode 3, "
                                          "gcry_cipher_decrypt failed: Invalid length\n",
                                          key_len == 16 ? "TWOFISH128" : "TWOFISH")};
  }
  if (!esp_decrypt(sa, r.ptr(0, 8), r.ptr(8, e.iv_len), r.ptr(data_off, data_len), data_len,
                   r.ptr(data_off + data_len, icv_len), plain, &tag_ok) ||
      plain.size() < 2)
    return false;
  size_t n = plain.size();
  uint8_t pad_len = plain[n - 2];
  uint8_t next = plain[n - 1];
  if (pad_len + 2u > n) return false;

  add_encrypted();

  auto* copy = static_cast<uint8_t*>(pkt.arena.alloc(n, 1));
  std::memcpy(copy, plain.data(), n);
  pkt.sources.push_back(DataSource{"Decrypted Data", copy, static_cast<uint32_t>(n)});
  ByteReader d(copy, n, n, 0, static_cast<uint16_t>(pkt.sources.size()));
  size_t inner = n - 2 - pad_len;
  int dec = pkt.add_item(top, decrypted_data, d, 0, n);
  if (pkt.labels) pkt.set_label(dec, "ESP Decrypted Data: " + bytes_text(decrypted_data, copy, n));
  add_bytes(pkt, dec, contained_data, d, 0, inner, "ESP Contained Data: ");
  pkt.add_item(dec, pad, d, inner, pad_len);
  pkt.add_item(dec, esp_fields::pad_len, d, n - 2, 1);
  add_next_header(pkt, dec, d, n - 1);
  pkt.call_next(tables::ip_proto(), next, d.sub(0, inner), parent);
  return true;
}

}  // namespace netsift
