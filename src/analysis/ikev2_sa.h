// IKEv2 SA keys from the user's ikev2_decryption_table (tshark's IKEv2 Decryption Table: the
// initiator's and responder's SPIs, SK_ei/SK_er with the encryption algorithm by tshark's
// name, SK_ai/SK_ar with the integrity algorithm), for the Encrypted payload (RFC 7296 §3.14).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/esp_sa.h"
#include "core/uat.h"

namespace netsift {

struct Ikev2Encryption {
  const char* name;      // the table's and the tree's spelling
  const char* evp_name;  // OpenSSL's; null for NULL encryption
  EspCipherMode mode;
  size_t key_len;  // without the CTR nonce / GCM or CCM salt
  size_t iv_len;
  size_t icv_len;  // GCM's or CCM's tag
};

struct Ikev2Integrity {
  const char* name;
  const char* digest;  // null: none, or (with an ICV length) a checksum not checked
  size_t icv_len;
};

struct Ikev2Sa {
  std::string spii, spir;  // 8 bytes each
  std::string sk_ei, sk_er, sk_ai, sk_ar;
  const Ikev2Encryption* encryption = nullptr;
  const Ikev2Integrity* integrity = nullptr;
};

class Ikev2Sas {
 public:
  void load(const UatTable& table);
  const Ikev2Sa* find(const uint8_t spii[8], const uint8_t spir[8]) const;

 private:
  std::vector<Ikev2Sa> sas_;
};

// The integrity checksum of `n` bytes under `key`, truncated to the algorithm's length.
std::vector<uint8_t> ikev2_integrity(const Ikev2Integrity& alg, const std::string& key,
                                     const uint8_t* data, size_t n);

}  // namespace netsift
