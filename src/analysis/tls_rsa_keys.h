// RSA private keys for TLS connections with RSA key exchange (tshark's uat:rsa_keys and the
// older ssl_keys table): the ClientKeyExchange carries the pre-master secret encrypted with the
// server's public key; the matching private key recovers it. PEM and PKCS#12 files, read once,
// through OpenSSL 3. A per-capture protocol state (registered by the TLS dissector).
#pragma once

#include <openssl/types.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace netsift {

class TlsRsaKeys {
 public:
  // Reads the private key of a PEM file or a PKCS#12 bundle (with its password) once however
  // often it is named; false when it cannot be read.
  bool add_file(const std::string& path, const std::string& password);
  // The 48-byte pre-master secret `encrypted` holds under one of the keys.
  std::optional<std::vector<uint8_t>> decrypt_pre_master(std::span<const uint8_t> encrypted) const;
  bool empty() const { return keys_.empty(); }

 private:
  struct Free {
    void operator()(EVP_PKEY* k) const;
  };
  std::vector<std::unique_ptr<EVP_PKEY, Free>> keys_;
  std::set<std::string> files_read_;
};

}  // namespace netsift
