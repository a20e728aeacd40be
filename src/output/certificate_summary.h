// What netsift's certificate report shows of one DER certificate, read with OpenSSL: the
// fields people compare between chains (subject, issuer, serial, validity, key, signature
// algorithm, SAN) and the SHA-256 of the SubjectPublicKeyInfo, which identifies the key.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace netsift {

struct CertificateSummary {
  bool parsed = false;  // false: OpenSSL could not read the bytes as a certificate
  std::string subject, issuer;  // RFC 2253 order and escaping ("CN=a,O=b")
  std::string serial;           // hex, as the INTEGER's value
  std::string not_before, not_after;  // "2026-01-01 00:00:00 UTC"
  std::string key;                    // "RSA 2048 bits", "EC prime256v1 256 bits", "ED25519 256 bits"
  std::string signature;              // the signature algorithm's long name
  std::string spki_sha256;            // hex
  std::vector<std::string> subject_alt_names;  // "DNS:www.example.com", "IP Address:10.0.0.1"
};

CertificateSummary summarize_certificate(std::string_view der);

// The certificate as PEM ("-----BEGIN CERTIFICATE-----" ...), whatever its bytes hold.
std::string certificate_pem(std::string_view der);

}  // namespace netsift
