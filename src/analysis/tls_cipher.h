// TLS record protection through OpenSSL 3 (EVP ciphers, MACs and KDFs): what a cipher suite
// means for the record layer (from its IANA name), the key schedules (TLS 1.0-1.2 PRF key
// block, TLS 1.3 HKDF-Expand-Label), and the decoder of one direction's records with its
// sequence number.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace netsift {

enum class TlsCipherMode : uint8_t { kNull, kStream, kCbc, kGcm, kCcm, kChaCha20Poly1305 };

// The record-layer meaning of a cipher suite.
struct TlsCipherSpec {
  std::string evp_cipher;   // OpenSSL cipher name ("AES-128-GCM"); empty for NULL
  TlsCipherMode mode = TlsCipherMode::kNull;
  size_t key_len = 0;
  size_t block_len = 0;     // CBC block size
  size_t tag_len = 0;       // AEAD tag (8 for CCM_8)
  std::string mac_digest;   // HMAC digest of MAC-then-encrypt suites ("SHA1"); empty for AEAD
  size_t mac_len = 0;
  std::string prf_digest;   // TLS 1.2 PRF / TLS 1.3 HKDF hash ("SHA256", "SHA384")
  bool tls13 = false;       // a TLS 1.3 suite (TLS_AES_128_GCM_SHA256, ...)
  // Export suites (RFC 2246 section 6.3): the key block holds this many bytes of each write
  // key, which the final key_len-byte keys are derived from; 0 for other suites.
  size_t export_key_len = 0;
};

// What a suite name ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256") says, or nothing for a cipher
// netsift does not decrypt (unknown names, ciphers OpenSSL lacks are refused later).
std::optional<TlsCipherSpec> tls_cipher_spec(std::string_view iana_name);

// TLS PRF (RFC 5246 section 5; for TLS 1.0/1.1 the MD5+SHA-1 PRF when `digest` is "MD5-SHA1").
bool tls_prf(std::string_view digest, std::span<const uint8_t> secret, std::string_view label,
             std::span<const uint8_t> seed, std::span<uint8_t> out);
// SSL 3.0's key derivation (RFC 6101 section 6.1): master secret and key block.
bool ssl3_derive(std::span<const uint8_t> secret, std::span<const uint8_t> seed,
                 std::span<uint8_t> out);
// HKDF-Expand-Label (RFC 8446 section 7.1) with an empty context.
bool tls13_expand_label(std::string_view digest, std::span<const uint8_t> secret,
                        std::string_view label, std::span<uint8_t> out);
size_t digest_size(std::string_view digest);
// The extended master secret's session hash (RFC 7627 section 3) of the handshake messages
// `transcript`: MD5 and SHA-1 side by side before TLS 1.2, else the PRF's hash `digest`.
std::vector<uint8_t> tls_session_hash(std::string_view digest, uint16_t version,
                                      std::span<const uint8_t> transcript);

// The keys one direction uses, cut from a key block or expanded from a traffic secret.
struct TlsDirectionKeys {
  std::vector<uint8_t> mac_key, key, iv;
};

// SSL 3.0 and TLS 1.0-1.2: the client's and the server's keys from the master secret.
bool tls12_derive_keys(const TlsCipherSpec& spec, uint16_t version,
                       std::span<const uint8_t> master, std::span<const uint8_t> client_random,
                       std::span<const uint8_t> server_random, TlsDirectionKeys& client,
                       TlsDirectionKeys& server);
// TLS 1.3: a direction's keys from its traffic secret.
bool tls13_derive_keys(const TlsCipherSpec& spec, std::span<const uint8_t> secret,
                       TlsDirectionKeys& keys);

// Decrypts one direction's records in order.
class TlsRecordDecoder {
 public:
  TlsRecordDecoder(const TlsCipherSpec& spec, uint16_t version, TlsDirectionKeys keys,
                   bool encrypt_then_mac);
  ~TlsRecordDecoder();
  TlsRecordDecoder(const TlsRecordDecoder&) = delete;
  TlsRecordDecoder& operator=(const TlsRecordDecoder&) = delete;

  bool usable() const { return cipher_ != nullptr || spec_.mode == TlsCipherMode::kNull; }
  // Decrypts the record body `in` of the given type and record version; on success the
  // plaintext is plaintext() (TLS 1.3: inner content type and padding removed, the type in
  // *inner_type), valid until the next decrypt() of any decoder of the thread (one buffer for
  // all: a capture's thousands of connections keep no plaintext each). Every call counts one
  // record, as the peer's sequence number does.
  bool decrypt(uint8_t content_type, uint16_t record_version, std::span<const uint8_t> in,
               uint8_t* inner_type);
  std::span<const uint8_t> plaintext() const { return {out_.data(), out_len_}; }
  // Keys that arrive late start at the records already sent (not for TLS 1.0 CBC and stream
  // ciphers, whose state depends on every earlier record).
  void set_sequence(uint64_t seq) { seq_ = seq; }
  // tshark's tls.ignore_ssl_mac_failed: a record whose MAC or authentication tag is wrong still
  // gives its plaintext.
  void set_ignore_mac_failure(bool ignore) { ignore_mac_failure_ = ignore; }
  const TlsCipherSpec& spec() const { return spec_; }

 private:
  bool decrypt_aead(uint8_t type, uint16_t version, std::span<const uint8_t> in);
  bool decrypt_cbc(uint8_t type, uint16_t version, std::span<const uint8_t> in);
  bool decrypt_stream(uint8_t type, uint16_t version, std::span<const uint8_t> in);
  bool decrypt_plain_mac(uint8_t type, uint16_t version, std::span<const uint8_t> in);
  // A CCM record's plaintext without its tag check (for tls.ignore_ssl_mac_failed).
  bool ccm_plaintext_unchecked(const uint8_t nonce[12], std::span<const uint8_t> ct);
  // Whether `mac` authenticates `data`, or the failure is to be ignored.
  bool check_mac(uint8_t type, uint16_t version, std::span<const uint8_t> data,
                 std::span<const uint8_t> mac);
  bool mac_matches(uint8_t type, uint16_t version, std::span<const uint8_t> data,
                   std::span<const uint8_t> mac);

  TlsCipherSpec spec_;
  uint16_t version_;
  TlsDirectionKeys keys_;
  bool etm_;
  bool ignore_mac_failure_ = false;
  uint64_t seq_ = 0;
  struct EvpCipher;
  EvpCipher* cipher_ = nullptr;
  void* ctx_ = nullptr;  // EVP_CIPHER_CTX
  std::vector<uint8_t>& out_;      // the thread's plaintext buffer
  std::vector<uint8_t>& scratch_;  // the thread's MAC input buffer
  size_t out_len_ = 0;
};

}  // namespace netsift
