#include "analysis/tls_rsa_keys.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

namespace netsift {

void TlsRsaKeys::Free::operator()(EVP_PKEY* k) const {
  EVP_PKEY_free(k);
}

bool TlsRsaKeys::add_file(const std::string& path, const std::string& password) {
  if (!files_read_.insert(path + '\n' + password).second) return true;
  BIO* bio = BIO_new_file(path.c_str(), "rb");
  if (!bio) return false;
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr,
                                          const_cast<char*>(password.c_str()));
  if (!key) {
    // Not PEM: a PKCS#12 bundle.
    BIO_reset(bio);
    if (PKCS12* p12 = d2i_PKCS12_bio(bio, nullptr)) {
      X509* cert = nullptr;
      PKCS12_parse(p12, password.c_str(), &key, &cert, nullptr);
      X509_free(cert);
      PKCS12_free(p12);
    }
  }
  BIO_free(bio);
  if (!key || EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
    EVP_PKEY_free(key);
    return false;
  }
  keys_.emplace_back(key);
  return true;
}

std::optional<std::vector<uint8_t>> TlsRsaKeys::decrypt_pre_master(
    std::span<const uint8_t> encrypted) const {
  for (const auto& key : keys_) {
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(key.get(), nullptr);
    std::vector<uint8_t> out(static_cast<size_t>(EVP_PKEY_get_size(key.get())));
    size_t len = out.size();
    bool ok = ctx && EVP_PKEY_decrypt_init(ctx) > 0 &&
              EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) > 0 &&
              EVP_PKEY_decrypt(ctx, out.data(), &len, encrypted.data(), encrypted.size()) > 0;
    EVP_PKEY_CTX_free(ctx);
    if (ok && len == 48) {
      out.resize(48);
      return out;
    }
  }
  return std::nullopt;
}

}  // namespace netsift
