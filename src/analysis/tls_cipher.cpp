#include "analysis/tls_cipher.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/provider.h>

#include <algorithm>
#include <cstring>

namespace netsift {

namespace {

constexpr uint16_t kSsl3 = 0x0300, kTls10 = 0x0301, kTls13 = 0x0304;

// Splits "A_B_C" into words.
std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    size_t u = s.find('_');
    out.push_back(s.substr(0, u));
    if (u == std::string_view::npos) break;
    s.remove_prefix(u + 1);
  }
  return out;
}

std::string join(const std::vector<std::string_view>& w, size_t from, size_t to, char sep) {
  std::string out;
  for (size_t i = from; i < to; ++i) {
    if (i > from) out.push_back(sep);
    out.append(w[i]);
  }
  return out;
}

std::string upper_hash(std::string_view w) {
  if (w == "SHA") return "SHA1";
  return std::string(w);
}

}  // namespace

size_t digest_size(std::string_view digest) {
  if (digest == "SHA1") return 20;
  if (digest == "SHA256") return 32;
  if (digest == "SHA384") return 48;
  if (digest == "MD5") return 16;
  return 0;
}

namespace {

bool digest(const char* name, std::initializer_list<std::span<const uint8_t>> parts, uint8_t* out) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_get_digestbyname(name), nullptr) > 0;
  for (std::span<const uint8_t> p : parts) ok = ok && EVP_DigestUpdate(ctx, p.data(), p.size()) > 0;
  ok = ok && EVP_DigestFinal_ex(ctx, out, nullptr) > 0;
  EVP_MD_CTX_free(ctx);
  return ok;
}

}  // namespace

std::vector<uint8_t> tls_session_hash(std::string_view prf_digest, uint16_t version,
                                      std::span<const uint8_t> transcript) {
  std::string name = version < 0x0303 ? "MD5-SHA1" : std::string(prf_digest);
  std::vector<uint8_t> out(version < 0x0303 ? 36 : digest_size(prf_digest));
  if (out.empty() || !digest(name.c_str(), {transcript}, out.data())) out.clear();
  return out;
}

bool ssl3_derive(std::span<const uint8_t> secret, std::span<const uint8_t> seed,
                 std::span<uint8_t> out) {
  // SSL 3.0 (RFC 6101 section 6.1): MD5(secret + SHA1("A" + secret + seed)), then "BB", "CCC"...
  uint8_t sha[20], md5[16];
  std::vector<uint8_t> salt;
  for (size_t done = 0, i = 0; done < out.size(); ++i) {
    if (i >= 26) return false;
    salt.assign(i + 1, static_cast<uint8_t>('A' + i));
    if (!digest("SHA1", {salt, secret, seed}, sha) ||
        !digest("MD5", {secret, std::span<const uint8_t>(sha, 20)}, md5))
      return false;
    size_t n = std::min<size_t>(16, out.size() - done);
    std::memcpy(out.data() + done, md5, n);
    done += n;
  }
  return true;
}

std::optional<TlsCipherSpec> tls_cipher_spec(std::string_view name) {
  if (!name.starts_with("TLS_")) return std::nullopt;
  TlsCipherSpec spec;
  std::string_view rest = name.substr(4);
  size_t with = rest.find("_WITH_");
  if (with != std::string_view::npos) {
    rest = rest.substr(with + 6);
  } else {
    spec.tls13 = true;  // TLS_AES_128_GCM_SHA256: no key exchange in the name
  }
  // Export suites cut their write keys to 40 bits (56 for the EXPORT1024 ones), as tshark's
  // ssl_get_cipher_export_keymat_size; Kerberos ones are not decrypted.
  std::string_view kex = name.substr(4, name.size() - 4 - rest.size());
  if (kex.find("EXPORT") != std::string_view::npos) {
    if (kex.find("KRB5") != std::string_view::npos) return std::nullopt;
    spec.export_key_len = kex.find("EXPORT1024") != std::string_view::npos ? 7 : 5;
  }
  std::vector<std::string_view> w = words(rest);
  if (w.empty()) return std::nullopt;
  // The trailing hash: the MAC of MAC-then-encrypt suites, the PRF hash of AEAD ones.
  std::string hash;
  if (w.back() == "SHA" || w.back() == "SHA256" || w.back() == "SHA384" || w.back() == "MD5") {
    hash = upper_hash(w.back());
    w.pop_back();
  }
  if (w.empty()) return std::nullopt;
  auto finish_aead = [&](TlsCipherMode mode, size_t tag) {
    spec.mode = mode;
    spec.tag_len = tag;
    spec.prf_digest = hash == "SHA384" ? "SHA384" : "SHA256";
    return spec;
  };
  if (w.size() == 2 && w[0] == "CHACHA20" && w[1] == "POLY1305") {
    spec.evp_cipher = "ChaCha20-Poly1305";
    spec.key_len = 32;
    return finish_aead(TlsCipherMode::kChaCha20Poly1305, 16);
  }
  if (w.size() == 1 && w[0] == "NULL") {
    if (hash.empty()) return std::nullopt;
    spec.mac_digest = hash;
    spec.mac_len = digest_size(hash);
    spec.prf_digest = hash == "SHA384" ? "SHA384" : "SHA256";
    return spec;
  }
  // Export RC4 and RC2 name their effective key size; the cipher itself keys with 128 bits.
  if (spec.export_key_len && w.size() == 2 && w[0] == "RC4" && (w[1] == "40" || w[1] == "56"))
    w[1] = "128";
  if (spec.export_key_len && w.size() == 3 && w[0] == "RC2" && w[1] == "CBC" &&
      (w[2] == "40" || w[2] == "56"))
    w.pop_back();
  if (spec.export_key_len && w.size() == 2 && w[0] == "DES40" && w[1] == "CBC") w[0] = "DES";
  if (w.size() == 2 && w[0] == "RC4" && w[1] == "128") {
    if (hash.empty()) return std::nullopt;
    spec.evp_cipher = "RC4";
    spec.key_len = 16;
    spec.mode = TlsCipherMode::kStream;
    spec.mac_digest = hash;
    spec.mac_len = digest_size(hash);
    spec.prf_digest = "SHA256";
    return spec;
  }
  // <ALG>_<BITS>_<MODE>[_8], 3DES_EDE_CBC, or a 64/128-bit block cipher named alone.
  if (w.size() == 3 && w[0] == "3DES" && w[1] == "EDE" && w[2] == "CBC") {
    spec.evp_cipher = "DES-EDE3-CBC";
    spec.key_len = 24;
    spec.block_len = 8;
  } else if (w.size() == 2 && w[1] == "CBC" &&
             (w[0] == "DES" || w[0] == "IDEA" || w[0] == "SEED" || w[0] == "RC2")) {
    spec.evp_cipher = std::string(w[0]) + "-CBC";
    spec.key_len = w[0] == "DES" ? 8 : 16;
    spec.block_len = w[0] == "SEED" ? 16 : 8;
  } else if (w.size() >= 3 && (w[0] == "AES" || w[0] == "CAMELLIA" || w[0] == "ARIA")) {
    size_t bits = w[1] == "128" ? 128 : w[1] == "256" ? 256 : 0;
    if (!bits) return std::nullopt;
    spec.key_len = bits / 8;
    std::string_view mode = w[2];
    if (mode == "CCM" && w.size() == 4 && w[3] == "8") {
      spec.evp_cipher = join(w, 0, 3, '-');
      return finish_aead(TlsCipherMode::kCcm, 8);
    }
    if (w.size() != 3) return std::nullopt;
    spec.evp_cipher = join(w, 0, 3, '-');
    if (mode == "GCM") return finish_aead(TlsCipherMode::kGcm, 16);
    if (mode == "CCM") return finish_aead(TlsCipherMode::kCcm, 16);
    if (mode != "CBC") return std::nullopt;
    spec.block_len = 16;
  } else {
    return std::nullopt;
  }
  if (hash.empty()) return std::nullopt;
  spec.mode = TlsCipherMode::kCbc;
  spec.mac_digest = hash;
  spec.mac_len = digest_size(hash);
  spec.prf_digest = hash == "SHA384" ? "SHA384" : "SHA256";
  return spec;
}

bool tls_prf(std::string_view digest, std::span<const uint8_t> secret, std::string_view label,
             std::span<const uint8_t> seed, std::span<uint8_t> out) {
  EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "TLS1-PRF", nullptr);
  if (!kdf) return false;
  EVP_KDF_CTX* ctx = EVP_KDF_CTX_new(kdf);
  EVP_KDF_free(kdf);
  if (!ctx) return false;
  std::vector<uint8_t> full_seed(label.begin(), label.end());
  full_seed.insert(full_seed.end(), seed.begin(), seed.end());
  std::string md(digest);
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, md.data(), 0),
      // An empty secret (export suites' "IV block") still needs a pointer for OpenSSL.
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SECRET,
                                        secret.empty() ? static_cast<void*>(full_seed.data())
                                                       : const_cast<uint8_t*>(secret.data()),
                                        secret.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED, full_seed.data(), full_seed.size()),
      OSSL_PARAM_construct_end()};
  bool ok = EVP_KDF_derive(ctx, out.data(), out.size(), params) > 0;
  EVP_KDF_CTX_free(ctx);
  return ok;
}

bool tls13_expand_label(std::string_view digest, std::span<const uint8_t> secret,
                        std::string_view label, std::span<uint8_t> out) {
  // struct HkdfLabel { uint16 length; opaque label<7..255> = "tls13 " + label; opaque
  // context<0..255> = ""; }
  std::vector<uint8_t> info;
  info.push_back(static_cast<uint8_t>(out.size() >> 8));
  info.push_back(static_cast<uint8_t>(out.size()));
  std::string full = "tls13 " + std::string(label);
  info.push_back(static_cast<uint8_t>(full.size()));
  info.insert(info.end(), full.begin(), full.end());
  info.push_back(0);
  EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
  if (!kdf) return false;
  EVP_KDF_CTX* ctx = EVP_KDF_CTX_new(kdf);
  EVP_KDF_free(kdf);
  if (!ctx) return false;
  std::string md(digest);
  int mode = EVP_KDF_HKDF_MODE_EXPAND_ONLY;
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode),
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, md.data(), 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<uint8_t*>(secret.data()),
                                        secret.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info.data(), info.size()),
      OSSL_PARAM_construct_end()};
  bool ok = EVP_KDF_derive(ctx, out.data(), out.size(), params) > 0;
  EVP_KDF_CTX_free(ctx);
  return ok;
}

namespace {

// The final keys of an export suite from the key block's short ones (RFC 2246 section 6.3;
// RFC 6101 section 6.2.2 for SSL 3.0), and the CBC IVs, which export suites do not take from
// the key block.
bool export_keys(const TlsCipherSpec& spec, uint16_t version, std::string_view prf,
                 std::span<const uint8_t> client_random, std::span<const uint8_t> server_random,
                 TlsDirectionKeys& client, TlsDirectionKeys& server) {
  std::vector<uint8_t> cs(client_random.begin(), client_random.end());
  cs.insert(cs.end(), server_random.begin(), server_random.end());
  std::vector<uint8_t> sc(server_random.begin(), server_random.end());
  sc.insert(sc.end(), client_random.begin(), client_random.end());
  size_t iv_len = spec.mode == TlsCipherMode::kCbc ? spec.block_len : 0;
  std::vector<uint8_t> client_key(spec.key_len), server_key(spec.key_len), ivs(2 * iv_len);
  if (version == kSsl3) {
    // MD5 outputs of 16 bytes: every export key and IV fits.
    uint8_t ck[16], sk[16], civ[16], siv[16];
    if (spec.key_len > 16 || iv_len > 16 || !digest("MD5", {client.key, cs}, ck) ||
        !digest("MD5", {server.key, sc}, sk) || !digest("MD5", {cs}, civ) ||
        !digest("MD5", {sc}, siv))
      return false;
    std::memcpy(client_key.data(), ck, spec.key_len);
    std::memcpy(server_key.data(), sk, spec.key_len);
    if (iv_len) {  // stream ciphers have none (and an empty vector no buffer)
      std::memcpy(ivs.data(), civ, iv_len);
      std::memcpy(ivs.data() + iv_len, siv, iv_len);
    }
  } else if (!tls_prf(prf, client.key, "client write key", cs, client_key) ||
             !tls_prf(prf, server.key, "server write key", cs, server_key) ||
             (iv_len && !tls_prf(prf, {}, "IV block", cs, ivs))) {
    return false;
  }
  client.key = std::move(client_key);
  server.key = std::move(server_key);
  client.iv.assign(ivs.begin(), ivs.begin() + iv_len);
  server.iv.assign(ivs.begin() + iv_len, ivs.end());
  return true;
}

}  // namespace

bool tls12_derive_keys(const TlsCipherSpec& spec, uint16_t version, std::span<const uint8_t> master,
                       std::span<const uint8_t> client_random,
                       std::span<const uint8_t> server_random, TlsDirectionKeys& client,
                       TlsDirectionKeys& server) {
  if (version < kSsl3 || version >= kTls13 || spec.tls13) return false;
  // Before TLS 1.1 CBC records chain their IV from the key block; AEAD suites take a fixed
  // part of the nonce from it (RFC 5288, 7905).
  size_t iv_len = 0;
  if (spec.mode == TlsCipherMode::kCbc && version <= kTls10) iv_len = spec.block_len;
  if (spec.mode == TlsCipherMode::kGcm || spec.mode == TlsCipherMode::kCcm) iv_len = 4;
  if (spec.mode == TlsCipherMode::kChaCha20Poly1305) iv_len = 12;
  size_t mac_len = spec.mac_len, key_len = spec.export_key_len ? spec.export_key_len : spec.key_len;
  std::vector<uint8_t> block(2 * (mac_len + key_len + iv_len));
  std::vector<uint8_t> seed(server_random.begin(), server_random.end());
  seed.insert(seed.end(), client_random.begin(), client_random.end());
  std::string_view prf = version < 0x0303 ? "MD5-SHA1" : std::string_view(spec.prf_digest);
  if (version == kSsl3 ? !ssl3_derive(master, seed, block)
                       : !tls_prf(prf, master, "key expansion", seed, block))
    return false;
  const uint8_t* p = block.data();
  auto take = [&p](std::vector<uint8_t>& v, size_t n) {
    v.assign(p, p + n);
    p += n;
  };
  take(client.mac_key, mac_len);
  take(server.mac_key, mac_len);
  take(client.key, key_len);
  take(server.key, key_len);
  take(client.iv, iv_len);
  take(server.iv, iv_len);
  OPENSSL_cleanse(block.data(), block.size());
  return !spec.export_key_len ||
         export_keys(spec, version, prf, client_random, server_random, client, server);
}

bool tls13_derive_keys(const TlsCipherSpec& spec, std::span<const uint8_t> secret,
                       TlsDirectionKeys& keys) {
  keys.mac_key.clear();
  keys.key.resize(spec.key_len);
  keys.iv.resize(12);
  return tls13_expand_label(spec.prf_digest, secret, "key", keys.key) &&
         tls13_expand_label(spec.prf_digest, secret, "iv", keys.iv);
}

namespace {

// RC4, DES, IDEA and SEED live in OpenSSL 3's legacy provider; loading a provider explicitly
// stops the default one from loading by itself, so both are loaded, once, and unloaded at exit
// (before OpenSSL's own cleanup, which was registered first) so nothing they hold leaks.
struct Providers {
  OSSL_PROVIDER* standard = OSSL_PROVIDER_load(nullptr, "default");
  OSSL_PROVIDER* legacy = OSSL_PROVIDER_load(nullptr, "legacy");  // absent: suites stay encrypted
  ~Providers() {
    if (legacy) OSSL_PROVIDER_unload(legacy);
    if (standard) OSSL_PROVIDER_unload(standard);
  }
};

void load_providers() {
  static Providers providers;
  (void)providers;
}

}  // namespace

struct TlsRecordDecoder::EvpCipher {
  EVP_CIPHER* cipher;
};

namespace {

std::vector<uint8_t>& thread_buffer(int which) {
  static thread_local std::vector<uint8_t> buffers[2];
  return buffers[which];
}

}  // namespace

TlsRecordDecoder::TlsRecordDecoder(const TlsCipherSpec& spec, uint16_t version,
                                   TlsDirectionKeys keys, bool encrypt_then_mac)
    : spec_(spec),
      version_(version),
      keys_(std::move(keys)),
      etm_(encrypt_then_mac),
      out_(thread_buffer(0)),
      scratch_(thread_buffer(1)) {
  if (spec_.mode == TlsCipherMode::kNull) return;
  load_providers();
  EVP_CIPHER* c = EVP_CIPHER_fetch(nullptr, spec_.evp_cipher.c_str(), nullptr);
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  if (!c || !ctx || static_cast<size_t>(EVP_CIPHER_get_key_length(c)) != keys_.key.size()) {
    EVP_CIPHER_free(c);
    EVP_CIPHER_CTX_free(ctx);
    return;
  }
  cipher_ = new EvpCipher{c};
  ctx_ = ctx;
  bool ok = true;
  if (spec_.mode == TlsCipherMode::kStream ||
      (spec_.mode == TlsCipherMode::kCbc && version_ <= kTls10)) {
    // A stream cipher, and CBC with TLS 1.0's chained IV, keep their context across records.
    const uint8_t* iv = keys_.iv.empty() ? nullptr : keys_.iv.data();
    ok = EVP_DecryptInit_ex(ctx, c, nullptr, keys_.key.data(), iv) > 0;
    EVP_CIPHER_CTX_set_padding(ctx, 0);
  } else if (spec_.mode == TlsCipherMode::kGcm || spec_.mode == TlsCipherMode::kChaCha20Poly1305) {
    // GCM and ChaCha20-Poly1305 keep their key schedule: each record sets only its nonce.
    ok = EVP_DecryptInit_ex(ctx, c, nullptr, nullptr, nullptr) > 0 &&
         EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, 12, nullptr) > 0 &&
         EVP_DecryptInit_ex(ctx, nullptr, nullptr, keys_.key.data(), nullptr) > 0;
  }
  if (!ok) {
    EVP_CIPHER_free(c);
    delete cipher_;
    cipher_ = nullptr;
  }
}

TlsRecordDecoder::~TlsRecordDecoder() {
  if (cipher_) EVP_CIPHER_free(cipher_->cipher);
  delete cipher_;
  EVP_CIPHER_CTX_free(static_cast<EVP_CIPHER_CTX*>(ctx_));
  OPENSSL_cleanse(keys_.key.data(), keys_.key.size());
  OPENSSL_cleanse(keys_.mac_key.data(), keys_.mac_key.size());
}

namespace {

void put_u64(uint8_t* p, uint64_t v) {
  for (int i = 7; i >= 0; --i, v >>= 8) p[i] = static_cast<uint8_t>(v);
}

// seq_num || type || version || length: the MAC and AEAD additional data of TLS 1.0-1.2.
void pseudo_header(uint8_t out[13], uint64_t seq, uint8_t type, uint16_t version, size_t len) {
  put_u64(out, seq);
  out[8] = type;
  out[9] = static_cast<uint8_t>(version >> 8);
  out[10] = static_cast<uint8_t>(version);
  out[11] = static_cast<uint8_t>(len >> 8);
  out[12] = static_cast<uint8_t>(len);
}

}  // namespace

bool TlsRecordDecoder::decrypt(uint8_t content_type, uint16_t record_version,
                               std::span<const uint8_t> in, uint8_t* inner_type) {
  if (!usable()) return false;
  out_.resize(in.size() + 32);
  out_len_ = 0;
  bool ok;
  switch (spec_.mode) {
    case TlsCipherMode::kGcm:
    case TlsCipherMode::kCcm:
    case TlsCipherMode::kChaCha20Poly1305:
      ok = decrypt_aead(content_type, record_version, in);
      break;
    case TlsCipherMode::kCbc:
      ok = decrypt_cbc(content_type, record_version, in);
      break;
    case TlsCipherMode::kStream:
      ok = decrypt_stream(content_type, record_version, in);
      break;
    default:
      ok = decrypt_plain_mac(content_type, record_version, in);
      break;
  }
  ++seq_;
  if (!ok) return false;
  *inner_type = content_type;
  if (spec_.tls13) {
    // TLSInnerPlaintext: content, the real type, zero padding.
    while (out_len_ > 0 && out_[out_len_ - 1] == 0) --out_len_;
    if (out_len_ == 0) return false;
    *inner_type = out_[--out_len_];
  }
  return true;
}

bool TlsRecordDecoder::decrypt_aead(uint8_t type, uint16_t version, std::span<const uint8_t> in) {
  auto* ctx = static_cast<EVP_CIPHER_CTX*>(ctx_);
  uint8_t nonce[12];
  size_t explicit_len = !spec_.tls13 && spec_.mode != TlsCipherMode::kChaCha20Poly1305 ? 8 : 0;
  if (in.size() < explicit_len + spec_.tag_len) return false;
  if (explicit_len) {
    // TLS 1.2 GCM/CCM: 4 fixed bytes from the key block, 8 sent before the ciphertext.
    std::memcpy(nonce, keys_.iv.data(), 4);
    std::memcpy(nonce + 4, in.data(), 8);
  } else {
    // TLS 1.3 and ChaCha20: the IV XOR the sequence number.
    std::memcpy(nonce, keys_.iv.data(), 12);
    uint8_t seq[8];
    put_u64(seq, seq_);
    for (int i = 0; i < 8; ++i) nonce[4 + i] ^= seq[i];
  }
  std::span<const uint8_t> ct = in.subspan(explicit_len, in.size() - explicit_len - spec_.tag_len);
  std::span<const uint8_t> tag = in.subspan(in.size() - spec_.tag_len);
  uint8_t aad[13];
  size_t aad_len;
  if (spec_.tls13) {
    aad[0] = type;
    aad[1] = static_cast<uint8_t>(version >> 8);
    aad[2] = static_cast<uint8_t>(version);
    aad[3] = static_cast<uint8_t>(in.size() >> 8);
    aad[4] = static_cast<uint8_t>(in.size());
    aad_len = 5;
  } else {
    pseudo_header(aad, seq_, type, version, ct.size());
    aad_len = 13;
  }
  int n = 0;
  bool ccm = spec_.mode == TlsCipherMode::kCcm;
  if (ccm) {
    // CCM takes its tag before the key, so each record sets everything again.
    if (EVP_DecryptInit_ex(ctx, cipher_->cipher, nullptr, nullptr, nullptr) <= 0 ||
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, 12, nullptr) <= 0 ||
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, static_cast<int>(tag.size()),
                            const_cast<uint8_t*>(tag.data())) <= 0 ||
        EVP_DecryptInit_ex(ctx, nullptr, nullptr, keys_.key.data(), nonce) <= 0)
      return false;
  } else if (EVP_DecryptInit_ex(ctx, nullptr, nullptr, nullptr, nonce) <= 0) {
    return false;
  }
  if (ccm && EVP_DecryptUpdate(ctx, nullptr, &n, nullptr, static_cast<int>(ct.size())) <= 0)
    return false;
  if (EVP_DecryptUpdate(ctx, nullptr, &n, aad, static_cast<int>(aad_len)) <= 0) return false;
  if (EVP_DecryptUpdate(ctx, out_.data(), &n, ct.data(), static_cast<int>(ct.size())) <= 0)
    // CCM checks its tag here and keeps no plaintext when it fails.
    return ccm && ignore_mac_failure_ && ccm_plaintext_unchecked(nonce, ct);
  out_len_ = static_cast<size_t>(n);
  if (ccm) return true;
  if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, static_cast<int>(tag.size()),
                          const_cast<uint8_t*>(tag.data())) <= 0)
    return false;
  int fin = 0;
  if (EVP_DecryptFinal_ex(ctx, out_.data() + n, &fin) <= 0) return ignore_mac_failure_;
  out_len_ += static_cast<size_t>(fin);
  return true;
}

bool TlsRecordDecoder::ccm_plaintext_unchecked(const uint8_t nonce[12],
                                               std::span<const uint8_t> ct) {
  // CCM encrypts with CTR (RFC 3610 section 2.3): counter blocks A_i = flags (L - 1 = 2 for
  // 12-byte nonces) || nonce || i as 3 bytes, the payload from A_1 on.
  uint8_t counter[16] = {2};
  std::memcpy(counter + 1, nonce, 12);
  counter[15] = 1;
  const char* name = keys_.key.size() == 32 ? "AES-256-CTR" : "AES-128-CTR";
  EVP_CIPHER* ctr = EVP_CIPHER_fetch(nullptr, name, nullptr);
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  int n = 0;
  bool ok = ctr && ctx && EVP_DecryptInit_ex(ctx, ctr, nullptr, keys_.key.data(), counter) > 0 &&
            EVP_DecryptUpdate(ctx, out_.data(), &n, ct.data(), static_cast<int>(ct.size())) > 0;
  EVP_CIPHER_CTX_free(ctx);
  EVP_CIPHER_free(ctr);
  out_len_ = ok ? static_cast<size_t>(n) : 0;
  return ok;
}

bool TlsRecordDecoder::check_mac(uint8_t type, uint16_t version, std::span<const uint8_t> data,
                                 std::span<const uint8_t> mac) {
  return mac_matches(type, version, data, mac) || ignore_mac_failure_;
}

bool TlsRecordDecoder::mac_matches(uint8_t type, uint16_t version, std::span<const uint8_t> data,
                                   std::span<const uint8_t> mac) {
  if (version_ == kSsl3) {
    // SSL 3.0's MAC (RFC 6101 section 5.2.3.1): hash(secret + pad_2 + hash(secret + pad_1 +
    // seq_num + type + length + content)), the pads 48 (MD5) or 40 (SHA-1) bytes long.
    const char* md = spec_.mac_digest.c_str();
    size_t pad_len = spec_.mac_digest == "MD5" ? 48 : 40;
    std::vector<uint8_t> pad1(pad_len, 0x36), pad2(pad_len, 0x5c);
    uint8_t head[11], inner[64], outer[64];
    put_u64(head, seq_);
    head[8] = type;
    head[9] = static_cast<uint8_t>(data.size() >> 8);
    head[10] = static_cast<uint8_t>(data.size());
    return digest(md, {keys_.mac_key, pad1, head, data}, inner) &&
           digest(md, {keys_.mac_key, pad2, std::span<const uint8_t>(inner, spec_.mac_len)},
                  outer) &&
           mac.size() == spec_.mac_len && CRYPTO_memcmp(outer, mac.data(), mac.size()) == 0;
  }
  uint8_t head[13];
  pseudo_header(head, seq_, type, version, data.size());
  scratch_.assign(head, head + 13);
  scratch_.insert(scratch_.end(), data.begin(), data.end());
  uint8_t computed[64];
  size_t len = 0;
  if (!EVP_Q_mac(nullptr, "HMAC", nullptr, spec_.mac_digest.c_str(), nullptr, keys_.mac_key.data(),
                 keys_.mac_key.size(), scratch_.data(), scratch_.size(), computed, sizeof computed,
                 &len))
    return false;
  return len == mac.size() && CRYPTO_memcmp(computed, mac.data(), len) == 0;
}

bool TlsRecordDecoder::decrypt_cbc(uint8_t type, uint16_t version, std::span<const uint8_t> in) {
  auto* ctx = static_cast<EVP_CIPHER_CTX*>(ctx_);
  size_t bs = spec_.block_len, mac = spec_.mac_len;
  std::span<const uint8_t> ct = in;
  if (etm_) {
    // encrypt_then_mac (RFC 7366): the MAC covers IV and ciphertext and follows them.
    if (in.size() < mac) return false;
    ct = in.first(in.size() - mac);
    if (!check_mac(type, version, ct, in.subspan(in.size() - mac))) return false;
  }
  if (ct.empty() || ct.size() % bs) return false;
  int n = 0;
  if (version_ <= kTls10) {
    // The IV chains from the previous record: the context keeps it.
    if (EVP_DecryptUpdate(ctx, out_.data(), &n, ct.data(), static_cast<int>(ct.size())) <= 0)
      return false;
  } else {
    if (ct.size() < 2 * bs) return false;
    if (EVP_DecryptInit_ex(ctx, cipher_->cipher, nullptr, keys_.key.data(), ct.data()) <= 0)
      return false;
    EVP_CIPHER_CTX_set_padding(ctx, 0);
    ct = ct.subspan(bs);  // the explicit IV
    if (EVP_DecryptUpdate(ctx, out_.data(), &n, ct.data(), static_cast<int>(ct.size())) <= 0)
      return false;
  }
  size_t len = static_cast<size_t>(n);
  size_t pad = out_[len - 1];
  if (pad + 1 > len) return false;
  len -= pad + 1;
  if (!etm_) {
    if (len < mac) return false;
    len -= mac;
    if (!check_mac(type, version, {out_.data(), len}, {out_.data() + len, mac})) return false;
  }
  out_len_ = len;
  return true;
}

bool TlsRecordDecoder::decrypt_stream(uint8_t type, uint16_t version, std::span<const uint8_t> in) {
  int n = 0;
  if (in.size() < spec_.mac_len ||
      EVP_DecryptUpdate(static_cast<EVP_CIPHER_CTX*>(ctx_), out_.data(), &n, in.data(),
                        static_cast<int>(in.size())) <= 0)
    return false;
  size_t len = static_cast<size_t>(n) - spec_.mac_len;
  out_len_ = len;
  return check_mac(type, version, {out_.data(), len}, {out_.data() + len, spec_.mac_len});
}

bool TlsRecordDecoder::decrypt_plain_mac(uint8_t type, uint16_t version,
                                         std::span<const uint8_t> in) {
  size_t mac = spec_.mac_len;
  if (in.size() < mac) return false;
  size_t len = in.size() - mac;
  std::memcpy(out_.data(), in.data(), len);
  out_len_ = len;
  return check_mac(type, version, in.first(len), in.subspan(len));
}

}  // namespace netsift
