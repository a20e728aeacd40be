// ESP security associations from the user's esp_sa table (tshark's ESP SAs UAT: protocol,
// source and destination address or "*", SPI or "*", encryption and authentication
// algorithms by tshark's names, keys as 0x-hex or text), and ESP payload decryption over
// OpenSSL: NULL, DES/3DES/Blowfish/CAST5/AES-CBC (RFC 2405, 2451, 3602), AES-CTR (RFC 3686),
// Twofish-CBC (over libgcrypt),
// AES-GCM (RFC 4106) and NULL_AUTH_AES_GMAC (RFC 4543); HMAC ICVs (RFC 2403, 2404, 4868).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/address.h"
#include "core/uat.h"

namespace netsift {

// kCcm: AES-CCM (RFC 4309 / RFC 5282) with a 3-byte salt, so an 11-byte nonce.
enum class EspCipherMode : uint8_t { kNull, kCbc, kCtr, kGcm, kGmac, kCcm };

struct EspEncryption {
  const char* uat_name;      // the table's spelling: "AES-GCM with 16 octet ICV [RFC4106]"
  const char* display_name;  // tshark's tree text: "AES-GCM [RFC4106]"
  EspCipherMode mode;
  size_t iv_len;
  size_t icv_len;   // combined modes carry their own ICV
  size_t salt_len;  // CTR nonce / GCM salt at the end of the key
  size_t block_len;  // tshark's alignment block: 1 for stream modes, 0 for Twofish (none given)
};

struct EspAuthentication {
  const char* uat_name;
  const char* digest;  // OpenSSL digest name; null: no checking
  size_t icv_len;
};

struct EspSa {
  AddressType family = AddressType::kNone;
  std::optional<Address> src, dst;  // empty: any
  std::optional<uint32_t> spi;      // empty: any
  const EspEncryption* encryption = nullptr;
  std::vector<uint8_t> encryption_key;
  const EspAuthentication* authentication = nullptr;
  std::vector<uint8_t> authentication_key;
};

// The SAs of one run, in table order (the first match wins, as in tshark).
class EspSas {
 public:
  void load(const UatTable& table);
  const EspSa* find(const Address& src, const Address& dst, uint32_t spi) const;

 private:
  std::vector<EspSa> sas_;
};

// The cipher name ESP's TWOFISH-CBC SAs decrypt with (libgcrypt's Twofish: OpenSSL has none).
extern const char* const kTwofishCbc;

// One decryption's parameters (ESP and the IKEv2 Encrypted payload share the modes): the
// OpenSSL cipher, the key and, for CTR, GCM and CCM, the salt after it (3 bytes for CCM, else
// 4), the IV, and for GCM and CCM the associated data and the tag.
struct IpsecCipher {
  const char* evp_name = nullptr;
  EspCipherMode mode = EspCipherMode::kNull;
  const uint8_t* key = nullptr;
  size_t key_len = 0;
  const uint8_t* salt = nullptr;
  const uint8_t* iv = nullptr;
  const uint8_t* aad = nullptr;
  size_t aad_len = 0;
  const uint8_t* tag = nullptr;
  size_t tag_len = 0;
};

// Decrypts `n` bytes at `data` into `out` (no padding removed); `tag_ok`, when given, tells
// whether a GCM or CCM tag matched, and `expected_tag` receives the tag the data should carry.
// False when OpenSSL refuses the key or the data.
bool ipsec_decrypt(const IpsecCipher& c, const uint8_t* data, size_t n, std::vector<uint8_t>& out,
                   bool* tag_ok, std::vector<uint8_t>* expected_tag = nullptr);

// Decrypts `n` bytes at `data` (after the IV, before the ICV) into `out`; `header` is the SPI
// and sequence number (the AEAD modes' associated data), `icv` the combined modes' tag
// (`tag_ok`: whether it matched).
// False when the SA's key does not fit its algorithm or OpenSSL refuses.
bool esp_decrypt(const EspSa& sa, const uint8_t header[8], const uint8_t* iv, const uint8_t* data,
                 size_t n, const uint8_t* icv, std::vector<uint8_t>& out, bool* tag_ok);

// The ICV the SA's HMAC gives over `n` bytes at `data`, truncated to its length; empty when
// the algorithm has no check.
std::vector<uint8_t> esp_icv(const EspSa& sa, const uint8_t* data, size_t n);

}  // namespace netsift
