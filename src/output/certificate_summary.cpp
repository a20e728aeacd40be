#include "output/certificate_summary.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cctype>
#include <ctime>
#include <memory>

#include "core/text_format.h"

namespace netsift {

namespace {

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using GeneralNamesPtr = std::unique_ptr<GENERAL_NAMES, Deleter<GENERAL_NAMES, GENERAL_NAMES_free>>;

void free_openssl_string(char* p) {
  OPENSSL_free(p);
}

// An OpenSSL name for a NID ("?" when it has none).
std::string nid_name(int nid, bool long_name) {
  const char* n = long_name ? OBJ_nid2ln(nid) : OBJ_nid2sn(nid);
  return n ? n : "?";
}

std::string bio_text(BIO* bio) {
  char* p = nullptr;
  long n = BIO_get_mem_data(bio, &p);
  return n > 0 ? std::string(p, static_cast<size_t>(n)) : std::string();
}

std::string name_text(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  return bio_text(bio.get());
}

std::string time_text(const ASN1_TIME* t) {
  std::tm tm{};
  if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return "?";
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

std::string serial_text(const ASN1_INTEGER* serial) {
  std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>> bn(ASN1_INTEGER_to_BN(serial, nullptr));
  if (!bn) return "?";
  std::unique_ptr<char, Deleter<char, free_openssl_string>> hex(BN_bn2hex(bn.get()));
  std::string s = hex ? hex.get() : "?";
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string key_text(X509* cert) {
  EVP_PKEY* key = X509_get0_pubkey(cert);
  if (!key) return "?";
  const char* name = EVP_PKEY_get0_type_name(key);
  std::string type = name ? name : nid_name(EVP_PKEY_get_base_id(key), false);
  char group[80];
  size_t len = 0;
  if (EVP_PKEY_get_group_name(key, group, sizeof group, &len) == 1)
    type.append(" ").append(group, len);
  return type + " " + std::to_string(EVP_PKEY_get_bits(key)) + " bits";
}

std::string spki_sha256(X509* cert) {
  unsigned char* der = nullptr;
  int n = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), &der);
  if (n <= 0) return "?";
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  bool ok = EVP_Digest(der, static_cast<size_t>(n), digest, &digest_len, EVP_sha256(), nullptr);
  OPENSSL_free(der);
  std::string out;
  if (ok) append_hex_bytes(out, digest, digest_len);
  return ok ? out : "?";
}

std::vector<std::string> alt_names(X509* cert) {
  std::vector<std::string> out;
  GeneralNamesPtr names(static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
  if (!names) return out;
  for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    GENERAL_NAME_print(bio.get(), sk_GENERAL_NAME_value(names.get(), i));
    out.push_back(bio_text(bio.get()));
  }
  return out;
}

}  // namespace

CertificateSummary summarize_certificate(std::string_view der) {
  CertificateSummary s;
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!cert) return s;
  s.parsed = true;
  s.subject = name_text(X509_get_subject_name(cert.get()));
  s.issuer = name_text(X509_get_issuer_name(cert.get()));
  s.serial = serial_text(X509_get0_serialNumber(cert.get()));
  s.not_before = time_text(X509_get0_notBefore(cert.get()));
  s.not_after = time_text(X509_get0_notAfter(cert.get()));
  s.key = key_text(cert.get());
  s.signature = nid_name(X509_get_signature_nid(cert.get()), true);
  s.spki_sha256 = spki_sha256(cert.get());
  s.subject_alt_names = alt_names(cert.get());
  return s;
}

std::string certificate_pem(std::string_view der) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio(bio.get(), "CERTIFICATE", "", reinterpret_cast<const unsigned char*>(der.data()),
                static_cast<long>(der.size()));
  return bio_text(bio.get());
}

}  // namespace netsift
