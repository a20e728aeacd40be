#include "analysis/ikev1_sa.h"

#include <openssl/evp.h>

#include "analysis/esp_sa.h"

namespace netsift {

namespace {

// IKE attribute values (RFC 2409 Appendix A, RFC 3602, RFC 4868).
enum Encryption : uint16_t { kDesCbc = 1, kTripleDesCbc = 5, kAesCbc = 7 };
enum Hash : uint16_t { kMd5 = 1, kSha1 = 2, kSha256 = 4, kSha384 = 5, kSha512 = 6 };

const char* cipher_name(uint16_t encryption, uint16_t key_length, size_t& key_len) {
  switch (encryption) {
    case kDesCbc:
      key_len = 8;
      return "DES-CBC";
    case kTripleDesCbc:
      key_len = 24;
      return "DES-EDE3-CBC";
    case kAesCbc:
      key_len = key_length / 8u;
      return key_length == 128   ? "AES-128-CBC"
             : key_length == 192 ? "AES-192-CBC"
             : key_length == 256 ? "AES-256-CBC"
                                 : nullptr;
    default:
      return nullptr;
  }
}

const char* digest_name(uint16_t hash) {
  switch (hash) {
    case kMd5:
      return "MD5";
    case kSha1:
      return "SHA1";
    case kSha256:
      return "SHA256";
    case kSha384:
      return "SHA384";
    case kSha512:
      return "SHA512";
    default:
      return nullptr;
  }
}

// hash(a | b) cut to `n` bytes; empty when OpenSSL refuses.
std::vector<uint8_t> hash_pair(const char* digest, const uint8_t* a, size_t na, const uint8_t* b,
                               size_t nb, size_t n) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_get_digestbyname(digest), nullptr) > 0 &&
            EVP_DigestUpdate(ctx, a, na) > 0 && EVP_DigestUpdate(ctx, b, nb) > 0 &&
            EVP_DigestFinal_ex(ctx, md, &len) > 0;
  EVP_MD_CTX_free(ctx);
  if (!ok || len < n) return {};
  return std::vector<uint8_t>(md, md + n);
}

const uint8_t* bytes(const std::string& s) {
  return reinterpret_cast<const uint8_t*>(s.data());
}

}  // namespace

bool Ikev1Sa::prepare() {
  cipher_ = cipher_name(encryption, key_length, cipher_key_);
  digest_ = digest_name(hash);
  if (!cipher_ || !digest_ || secret.size() < cipher_key_ || gi.empty() || gr.empty()) return false;
  block_ = encryption == kAesCbc ? 16 : 8;
  std::vector<uint8_t> iv = hash_pair(digest_, bytes(gi), gi.size(), bytes(gr), gr.size(), block_);
  if (iv.empty()) return false;  // a digest shorter than the block
  ivs_[0] = std::move(iv);
  return true;
}

bool Ikev1Sa::decrypt(uint32_t mid, const uint8_t* data, size_t n, std::vector<uint8_t>& out) {
  if (setup_ == Setup::kPending) setup_ = prepare() ? Setup::kReady : Setup::kFailed;
  if (setup_ != Setup::kReady) return false;
  // This message's IV: the chain's for its message ID, else derived from the Phase 1 one.
  std::vector<uint8_t> iv;
  if (auto it = ivs_.find(mid); it != ivs_.end()) {
    iv = std::move(it->second);
  } else {
    const std::vector<uint8_t>& phase1 = ivs_[0];
    uint8_t mid_be[4] = {static_cast<uint8_t>(mid >> 24), static_cast<uint8_t>(mid >> 16),
                         static_cast<uint8_t>(mid >> 8), static_cast<uint8_t>(mid)};
    if (phase1.size() == block_)
      iv = hash_pair(digest_, phase1.data(), phase1.size(), mid_be, 4, block_);
  }
  ivs_[mid] =
      n >= block_ ? std::vector<uint8_t>(data + n - block_, data + n) : std::vector<uint8_t>{};
  // tshark keys the cipher with the whole table entry: a longer key is refused.
  if (iv.size() != block_ || n < block_ || n % block_ || secret.size() != cipher_key_) return false;
  IpsecCipher c;
  c.evp_name = cipher_;
  c.mode = EspCipherMode::kCbc;
  c.key = bytes(secret);
  c.key_len = cipher_key_;
  c.iv = iv.data();
  bool tag_ok = false;
  return ipsec_decrypt(c, data, n, out, &tag_ok);
}

void Ikev1Sas::load(const UatTable& table) {
  for (const UatRecord& rec : table.records)
    if (rec.size() >= 2 && rec[0].size() == 8) sas_[rec[0]].secret = rec[1];
}

Ikev1Sa& Ikev1Sas::find_or_add(const uint8_t icookie[8]) {
  return sas_[std::string(reinterpret_cast<const char*>(icookie), 8)];
}

}  // namespace netsift
