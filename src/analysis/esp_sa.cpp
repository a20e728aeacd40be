#include "analysis/esp_sa.h"

#include <arpa/inet.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/provider.h>

#include <cstdlib>
#include <cstring>
#include <iterator>
#include <memory>

#include "analysis/twofish_cbc.h"

namespace netsift {

namespace {

// tshark 4.0's ESP encryption algorithms: the UAT's names and the tree's.
const EspEncryption kEncryptions[] = {
    {"NULL", "NULL", EspCipherMode::kNull, 0, 0, 0, 1},
    {"TripleDES-CBC [RFC2451]", "TripleDES-CBC [RFC2451]", EspCipherMode::kCbc, 8, 0, 0, 8},
    {"AES-CBC [RFC3602]", "AES-CBC [RFC3602]", EspCipherMode::kCbc, 16, 0, 0, 16},
    {"AES-CTR [RFC3686]", "AES-CTR [RFC3686]", EspCipherMode::kCtr, 8, 0, 4, 1},
    {"DES-CBC [RFC2405]", "DES-CBC [RFC2405]", EspCipherMode::kCbc, 8, 0, 0, 8},
    // tshark 4.0 names the algorithm in the tree by its number's place in its name table, so
    // Blowfish shows CAST5's name, Twofish Blowfish's and CAST5 Twofish's.
    {"CAST5-CBC [RFC2144]", "TWOFISH-CBC", EspCipherMode::kCbc, 8, 0, 0, 8},
    {"BLOWFISH-CBC [RFC2451]", "CAST5-CBC [RFC2144]", EspCipherMode::kCbc, 8, 0, 0, 8},
    {"TWOFISH-CBC", "BLOWFISH-CBC [RFC2451]", EspCipherMode::kCbc, 16, 0, 0, 0},
    {"AES-GCM with 8 octet ICV [RFC4106]", "AES-GCM [RFC4106]", EspCipherMode::kGcm, 8, 8, 4, 1},
    {"AES-GCM with 12 octet ICV [RFC4106]", "AES-GCM [RFC4106]", EspCipherMode::kGcm, 8, 12, 4, 1},
    {"AES-GCM with 16 octet ICV [RFC4106]", "AES-GCM [RFC4106]", EspCipherMode::kGcm, 8, 16, 4, 1},
    {"NULL_AUTH_AES_GMAC [RFC4543]", "NULL_AUTH_AES_GMAC [RFC4543]", EspCipherMode::kGmac, 8, 16, 4,
     1},
};

const EspAuthentication kAuthentications[] = {
    {"NULL", nullptr, 0},
    {"HMAC-SHA-1-96 [RFC2404]", "SHA1", 12},
    {"HMAC-SHA-256-96 [draft-ietf-ipsec-ciph-sha-256-00]", "SHA256", 12},
    {"HMAC-SHA-256-128 [RFC4868]", "SHA256", 16},
    {"HMAC-SHA-384-192 [RFC4868]", "SHA384", 24},
    {"HMAC-SHA-512-256 [RFC4868]", "SHA512", 32},
    {"HMAC-MD5-96 [RFC2403]", "MD5", 12},
    {"MAC-RIPEMD-160-96 [RFC2857]", "RIPEMD160", 12},
    {"ANY 64 bit authentication [no checking]", nullptr, 8},
    {"ANY 96 bit authentication [no checking]", nullptr, 12},
    {"ANY 128 bit authentication [no checking]", nullptr, 16},
    {"ANY 192 bit authentication [no checking]", nullptr, 24},
    {"ANY 256 bit authentication [no checking]", nullptr, 32},
};

// A key as tshark reads it: "0x" and hex digits, else the text's bytes.
std::vector<uint8_t> parse_key(const std::string& s) {
  if (s.size() < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) return {s.begin(), s.end()};
  // An odd number of digits reads as if a 0 led them (tshark's reading).
  std::string digits = (s.size() % 2 ? "0" : "") + s.substr(2);
  std::vector<uint8_t> out;
  for (size_t i = 0; i + 1 < digits.size(); i += 2)
    out.push_back(static_cast<uint8_t>(std::strtoul(digits.substr(i, 2).c_str(), nullptr, 16)));
  return out;
}

std::optional<Address> parse_address(AddressType family, const std::string& s) {
  if (s == "*" || s.empty()) return std::nullopt;
  Address a;
  a.type = family;
  if (inet_pton(family == AddressType::kIpv6 ? AF_INET6 : AF_INET, s.c_str(), a.bytes) != 1)
    return std::nullopt;
  return a;
}

bool same(const Address& a, const Address& b) {
  return a.type == b.type && std::memcmp(a.bytes, b.bytes, a.size()) == 0;
}

// DES, Blowfish and CAST5 live in OpenSSL 3's legacy provider; TLS loads it already
// (analysis/tls_cipher.cpp), ESP makes sure it is there too.
void load_legacy_provider() {
  static OSSL_PROVIDER* standard = OSSL_PROVIDER_load(nullptr, "default");
  static OSSL_PROVIDER* legacy = OSSL_PROVIDER_load(nullptr, "legacy");
  (void)standard;
  (void)legacy;
}

const char* cipher_name(const EspSa& sa) {
  size_t key = sa.encryption_key.size() - sa.encryption->salt_len;
  std::string_view n = sa.encryption->uat_name;
  if (n.starts_with("TripleDES")) return "DES-EDE3-CBC";
  if (n.starts_with("DES-CBC")) return "DES-CBC";
  if (n.starts_with("CAST5")) return "CAST5-CBC";
  if (n.starts_with("BLOWFISH")) return "BF-CBC";
  if (n.starts_with("TWOFISH")) return kTwofishCbc;
  const char* const cbc[] = {"AES-128-CBC", "AES-192-CBC", "AES-256-CBC"};
  const char* const ctr[] = {"AES-128-CTR", "AES-192-CTR", "AES-256-CTR"};
  const char* const gcm[] = {"AES-128-GCM", "AES-192-GCM", "AES-256-GCM"};
  int i = key == 16 ? 0 : key == 24 ? 1 : key == 32 ? 2 : -1;
  if (i < 0) return nullptr;
  switch (sa.encryption->mode) {
    case EspCipherMode::kCbc:
      return cbc[i];
    case EspCipherMode::kCtr:
      return ctr[i];
    default:
      return gcm[i];
  }
}

}  // namespace

const char* const kTwofishCbc = "TWOFISH-CBC";

namespace {

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;
using Cipher = std::unique_ptr<EVP_CIPHER, decltype(&EVP_CIPHER_free)>;

}  // namespace

void EspSas::load(const UatTable& table) {
  sas_.clear();
  for (const UatRecord& rec : table.records) {
    if (rec.size() < 8) continue;
    EspSa sa;
    sa.family = rec[0] == "IPv6" ? AddressType::kIpv6 : AddressType::kIpv4;
    sa.src = parse_address(sa.family, rec[1]);
    sa.dst = parse_address(sa.family, rec[2]);
    if (rec[3] != "*" && !rec[3].empty())
      sa.spi = static_cast<uint32_t>(std::strtoul(rec[3].c_str(), nullptr, 0));
    for (const EspEncryption& e : kEncryptions)
      if (rec[4] == e.uat_name) sa.encryption = &e;
    for (const EspAuthentication& a : kAuthentications)
      if (rec[6] == a.uat_name) sa.authentication = &a;
    if (!sa.encryption || !sa.authentication) continue;
    sa.encryption_key = parse_key(rec[5]);
    sa.authentication_key = parse_key(rec[7]);
    sas_.push_back(std::move(sa));
  }
}

const EspSa* EspSas::find(const Address& src, const Address& dst, uint32_t spi) const {
  for (const EspSa& sa : sas_) {
    if (sa.family != src.type) continue;
    if (sa.src && !same(*sa.src, src)) continue;
    if (sa.dst && !same(*sa.dst, dst)) continue;
    if (sa.spi && *sa.spi != spi) continue;
    return &sa;
  }
  return nullptr;
}

namespace {

// AES-CCM (RFC 3610) decryption: CCM's payload is CTR-encrypted from counter block 1 (flags
// L-1 = 3 for the 11-byte nonce, the nonce, a 4-byte counter), so CTR mode recovers it whether
// or not the tag is right (OpenSSL's CCM gives nothing when it is not); the tag is then checked
// by encrypting the plaintext again.
bool ccm_decrypt(const IpsecCipher& c, const uint8_t* data, size_t n, std::vector<uint8_t>& out) {
  static const char* const kCtr[] = {"AES-128-CTR", "AES-192-CTR", "AES-256-CTR"};
  if (c.key_len != 16 && c.key_len != 24 && c.key_len != 32) return false;
  Cipher cipher(EVP_CIPHER_fetch(nullptr, kCtr[(c.key_len - 16) / 8], nullptr), EVP_CIPHER_free);
  CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  if (!cipher || !ctx) return false;
  uint8_t counter[16] = {3};
  std::memcpy(counter + 1, c.salt, 3);
  std::memcpy(counter + 4, c.iv, 8);
  counter[15] = 1;
  int len = 0;
  out.resize(n + 16);
  if (EVP_DecryptInit_ex2(ctx.get(), cipher.get(), c.key, counter, nullptr) <= 0 ||
      EVP_DecryptUpdate(ctx.get(), out.data(), &len, data, static_cast<int>(n)) <= 0)
    return false;
  out.resize(static_cast<size_t>(len));
  return out.size() == n;
}

// The GCM or CCM tag (c.tag_len bytes) of `plain` under c's key, nonce and associated data.
std::vector<uint8_t> aead_tag(const IpsecCipher& c, const std::vector<uint8_t>& plain) {
  bool ccm = c.mode == EspCipherMode::kCcm;
  if (c.key_len != 16 && c.key_len != 24 && c.key_len != 32) return {};
  static const char* const kGcm[] = {"AES-128-GCM", "AES-192-GCM", "AES-256-GCM"};
  static const char* const kCcm[] = {"AES-128-CCM", "AES-192-CCM", "AES-256-CCM"};
  const char* name = (ccm ? kCcm : kGcm)[(c.key_len - 16) / 8];
  Cipher cipher(EVP_CIPHER_fetch(nullptr, name, nullptr), EVP_CIPHER_free);
  CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  if (!cipher || !ctx || c.tag_len == 0 || c.tag_len > 16) return {};
  uint8_t nonce[12];
  size_t salt = ccm ? 3 : 4;
  std::memcpy(nonce, c.salt, salt);
  std::memcpy(nonce + salt, c.iv, 8);
  int len = 0;
  int n = static_cast<int>(plain.size());
  std::vector<uint8_t> sink(plain.size() + 16);
  if (EVP_EncryptInit_ex2(ctx.get(), cipher.get(), nullptr, nullptr, nullptr) <= 0 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_IVLEN, static_cast<int>(salt + 8),
                          nullptr) <= 0 ||
      (ccm && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, static_cast<int>(c.tag_len),
                                  nullptr) <= 0) ||
      EVP_EncryptInit_ex2(ctx.get(), nullptr, c.key, nonce, nullptr) <= 0 ||
      (ccm && EVP_EncryptUpdate(ctx.get(), nullptr, &len, nullptr, n) <= 0) ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &len, c.aad, static_cast<int>(c.aad_len)) <= 0 ||
      EVP_EncryptUpdate(ctx.get(), sink.data(), &len, plain.data(), n) <= 0 ||
      EVP_EncryptFinal_ex(ctx.get(), sink.data() + len, &len) <= 0)
    return {};
  std::vector<uint8_t> tag(c.tag_len);
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, static_cast<int>(c.tag_len),
                          tag.data()) <= 0)
    return {};
  return tag;
}

}  // namespace

bool ipsec_decrypt(const IpsecCipher& c, const uint8_t* data, size_t n, std::vector<uint8_t>& out,
                   bool* tag_ok, std::vector<uint8_t>* expected_tag) {
  if (tag_ok) *tag_ok = false;
  if (c.mode == EspCipherMode::kCcm) {
    if (!ccm_decrypt(c, data, n, out)) return false;
    std::vector<uint8_t> tag = aead_tag(c, out);
    if (tag_ok) *tag_ok = !tag.empty() && std::memcmp(tag.data(), c.tag, tag.size()) == 0;
    if (expected_tag) *expected_tag = std::move(tag);
    return true;
  }
  if (c.mode == EspCipherMode::kNull || c.mode == EspCipherMode::kGmac) {
    out.assign(data, data + n);
    return true;
  }
  if (c.evp_name == kTwofishCbc) return twofish_cbc_decrypt(c.key, c.key_len, c.iv, data, n, out);
  load_legacy_provider();
  Cipher cipher(EVP_CIPHER_fetch(nullptr, c.evp_name, nullptr), EVP_CIPHER_free);
  CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  if (!cipher || !ctx) return false;
  uint8_t nonce[16] = {};
  const uint8_t* iv_used = c.iv;
  if (c.mode == EspCipherMode::kCtr) {  // RFC 3686 §4, RFC 5930: nonce, IV, block counter 1
    std::memcpy(nonce, c.salt, 4);
    std::memcpy(nonce + 4, c.iv, 8);
    nonce[15] = 1;
    iv_used = nonce;
  } else if (c.mode == EspCipherMode::kGcm) {  // RFC 4106 §4, RFC 5282: salt then IV
    std::memcpy(nonce, c.salt, 4);
    std::memcpy(nonce + 4, c.iv, 8);
    iv_used = nonce;
  }
  if (EVP_DecryptInit_ex2(ctx.get(), cipher.get(), nullptr, nullptr, nullptr) <= 0) return false;
  // Blowfish and CAST5 take keys of any length; the others refuse a length not theirs.
  if (static_cast<size_t>(EVP_CIPHER_CTX_get_key_length(ctx.get())) != c.key_len &&
      EVP_CIPHER_CTX_set_key_length(ctx.get(), static_cast<int>(c.key_len)) <= 0)
    return false;
  if (c.mode == EspCipherMode::kGcm &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, 12, nullptr) <= 0)
    return false;
  if (EVP_DecryptInit_ex2(ctx.get(), nullptr, c.key, iv_used, nullptr) <= 0) return false;
  EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
  int len = 0;
  if (c.mode == EspCipherMode::kGcm &&
      EVP_DecryptUpdate(ctx.get(), nullptr, &len, c.aad, static_cast<int>(c.aad_len)) <= 0)
    return false;
  out.resize(n + 32);
  if (EVP_DecryptUpdate(ctx.get(), out.data(), &len, data, static_cast<int>(n)) <= 0) return false;
  size_t total = static_cast<size_t>(len);
  if (c.mode == EspCipherMode::kGcm) {
    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(c.tag_len),
                        const_cast<uint8_t*>(c.tag));
    bool ok = EVP_DecryptFinal_ex(ctx.get(), out.data() + total, &len) > 0;
    if (tag_ok) *tag_ok = ok;
    if (expected_tag && !ok) {
      out.resize(total);
      *expected_tag = aead_tag(c, out);
    }
  } else if (EVP_DecryptFinal_ex(ctx.get(), out.data() + total, &len) > 0) {
    total += static_cast<size_t>(len);
  }
  out.resize(total);
  return total == n;
}

bool esp_decrypt(const EspSa& sa, const uint8_t header[8], const uint8_t* iv, const uint8_t* data,
                 size_t n, const uint8_t* icv, std::vector<uint8_t>& out, bool* tag_ok) {
  const EspEncryption& e = *sa.encryption;
  IpsecCipher c;
  c.mode = e.mode;
  if (e.mode != EspCipherMode::kNull && e.mode != EspCipherMode::kGmac) {
    if (sa.encryption_key.size() <= e.salt_len) return false;
    c.evp_name = cipher_name(sa);
    if (!c.evp_name) return false;
  }
  c.key = sa.encryption_key.data();
  c.key_len = sa.encryption_key.size() - e.salt_len;
  c.salt = c.key + c.key_len;
  c.iv = iv;
  c.aad = header;
  c.aad_len = 8;
  c.tag = icv;
  c.tag_len = e.icv_len;
  return ipsec_decrypt(c, data, n, out, tag_ok);
}

std::vector<uint8_t> esp_icv(const EspSa& sa, const uint8_t* data, size_t n) {
  const EspAuthentication& a = *sa.authentication;
  if (!a.digest) return {};
  load_legacy_provider();
  uint8_t mac[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  const EVP_MD* md = EVP_get_digestbyname(a.digest);
  if (!md || !HMAC(md, sa.authentication_key.data(), static_cast<int>(sa.authentication_key.size()),
                   data, n, mac, &len))
    return {};
  return {mac, mac + std::min<size_t>(len, a.icv_len)};
}

}  // namespace netsift
