#include "analysis/ikev2_sa.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cstring>

namespace netsift {

namespace {

using M = EspCipherMode;

// tshark 4.0's IKEv2 encryption algorithms (its whole ikev2_encr_algs table).
const Ikev2Encryption kEncryptions[] = {
    {"NULL [RFC2410]", nullptr, M::kNull, 0, 0, 0},
    {"3DES [RFC2451]", "DES-EDE3-CBC", M::kCbc, 24, 8, 0},
    {"AES-CBC-128 [RFC3602]", "AES-128-CBC", M::kCbc, 16, 16, 0},
    {"AES-CBC-192 [RFC3602]", "AES-192-CBC", M::kCbc, 24, 16, 0},
    {"AES-CBC-256 [RFC3602]", "AES-256-CBC", M::kCbc, 32, 16, 0},
    {"AES-CTR-128 [RFC5930]", "AES-128-CTR", M::kCtr, 16, 8, 0},
    {"AES-CTR-192 [RFC5930]", "AES-192-CTR", M::kCtr, 24, 8, 0},
    {"AES-CTR-256 [RFC5930]", "AES-256-CTR", M::kCtr, 32, 8, 0},
    {"AES-GCM-128 with 8 octet ICV [RFC5282]", "AES-128-GCM", M::kGcm, 16, 8, 8},
    {"AES-GCM-192 with 8 octet ICV [RFC5282]", "AES-192-GCM", M::kGcm, 24, 8, 8},
    {"AES-GCM-256 with 8 octet ICV [RFC5282]", "AES-256-GCM", M::kGcm, 32, 8, 8},
    {"AES-GCM-128 with 12 octet ICV [RFC5282]", "AES-128-GCM", M::kGcm, 16, 8, 12},
    {"AES-GCM-192 with 12 octet ICV [RFC5282]", "AES-192-GCM", M::kGcm, 24, 8, 12},
    {"AES-GCM-256 with 12 octet ICV [RFC5282]", "AES-256-GCM", M::kGcm, 32, 8, 12},
    {"AES-GCM-128 with 16 octet ICV [RFC5282]", "AES-128-GCM", M::kGcm, 16, 8, 16},
    {"AES-GCM-192 with 16 octet ICV [RFC5282]", "AES-192-GCM", M::kGcm, 24, 8, 16},
    {"AES-GCM-256 with 16 octet ICV [RFC5282]", "AES-256-GCM", M::kGcm, 32, 8, 16},
    {"AES-CCM-128 with 8 octet ICV [RFC5282]", "AES-128-CCM", M::kCcm, 16, 8, 8},
    {"AES-CCM-192 with 8 octet ICV [RFC5282]", "AES-192-CCM", M::kCcm, 24, 8, 8},
    {"AES-CCM-256 with 8 octet ICV [RFC5282]", "AES-256-CCM", M::kCcm, 32, 8, 8},
    {"AES-CCM-128 with 12 octet ICV [RFC5282]", "AES-128-CCM", M::kCcm, 16, 8, 12},
    {"AES-CCM-192 with 12 octet ICV [RFC5282]", "AES-192-CCM", M::kCcm, 24, 8, 12},
    {"AES-CCM-256 with 12 octet ICV [RFC5282]", "AES-256-CCM", M::kCcm, 32, 8, 12},
    {"AES-CCM-128 with 16 octet ICV [RFC5282]", "AES-128-CCM", M::kCcm, 16, 8, 16},
    {"AES-CCM-192 with 16 octet ICV [RFC5282]", "AES-192-CCM", M::kCcm, 24, 8, 16},
    {"AES-CCM-256 with 16 octet ICV [RFC5282]", "AES-256-CCM", M::kCcm, 32, 8, 16},
};

const Ikev2Integrity kIntegrities[] = {
    {"NONE [RFC4306]", nullptr, 0},
    {"HMAC_MD5_96 [RFC2403]", "MD5", 12},
    {"HMAC_SHA1_96 [RFC2404]", "SHA1", 12},
    {"HMAC_MD5_128 [RFC4595]", "MD5", 16},
    {"HMAC_SHA1_160 [RFC4595]", "SHA1", 20},
    {"HMAC_SHA2_256_96 [draft-ietf-ipsec-ciph-sha-256-00]", "SHA256", 12},
    {"HMAC_SHA2_256_128 [RFC4868]", "SHA256", 16},
    {"HMAC_SHA2_384_192 [RFC4868]", "SHA384", 24},
    {"HMAC_SHA2_512_256 [RFC4868]", "SHA512", 32},
    // A checksum of the length given, shown but not checked.
    {"ANY 64-bits of Authentication [No Checking]", nullptr, 8},
    {"ANY 96-bits of Authentication [No Checking]", nullptr, 12},
    {"ANY 128-bits of Authentication [No Checking]", nullptr, 16},
    {"ANY 160-bits of Authentication [No Checking]", nullptr, 20},
    {"ANY 192-bits of Authentication [No Checking]", nullptr, 24},
    {"ANY 256-bits of Authentication [No Checking]", nullptr, 32},
};

}  // namespace

void Ikev2Sas::load(const UatTable& table) {
  sas_.clear();
  for (const UatRecord& rec : table.records) {
    if (rec.size() < 8 || rec[0].size() != 8 || rec[1].size() != 8) continue;
    Ikev2Sa sa{rec[0], rec[1], rec[2], rec[3], rec[5], rec[6]};
    for (const Ikev2Encryption& e : kEncryptions)
      if (rec[4] == e.name) sa.encryption = &e;
    for (const Ikev2Integrity& i : kIntegrities)
      if (rec[7] == i.name) sa.integrity = &i;
    if (sa.encryption && sa.integrity) sas_.push_back(std::move(sa));
  }
}

const Ikev2Sa* Ikev2Sas::find(const uint8_t spii[8], const uint8_t spir[8]) const {
  for (const Ikev2Sa& sa : sas_)
    if (std::memcmp(sa.spii.data(), spii, 8) == 0 && std::memcmp(sa.spir.data(), spir, 8) == 0)
      return &sa;
  return nullptr;
}

std::vector<uint8_t> ikev2_integrity(const Ikev2Integrity& alg, const std::string& key,
                                     const uint8_t* data, size_t n) {
  if (!alg.digest) return {};
  const EVP_MD* md = EVP_get_digestbyname(alg.digest);
  uint8_t mac[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  if (!md || !HMAC(md, key.data(), static_cast<int>(key.size()), data, n, mac, &len)) return {};
  return {mac, mac + std::min<size_t>(len, alg.icv_len)};
}

}  // namespace netsift
