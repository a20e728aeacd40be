// Client and server fingerprints of TLS hellos. JA3/JA3S (Salesforce) exactly as tshark 4.0
// adds them: the decimal version, cipher suites, extension types, groups and point formats of
// the hello ("-" separated lists, GREASE values left out) and its MD5. JA4/JA4S (FoxIO) are
// netsift's own fields (tls.handshake.ja4, tls.handshake.ja4s): tshark 4.0 has none.
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>

#include "dissectors/tls_internal.h"

namespace netsift::tls {

namespace {

std::string hex(const unsigned char* p, size_t n) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += kDigits[p[i] >> 4];
    out += kDigits[p[i] & 15];
  }
  return out;
}

std::string md5_hex(const std::string& s) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(s.data(), s.size(), digest, &n, EVP_md5(), nullptr);
  return hex(digest, n);
}

// First 12 hex digits of the SHA-256 of `s` (JA4's truncated hashes); "000000000000" when empty.
std::string sha256_12(const std::string& s) {
  if (s.empty()) return "000000000000";
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(s.data(), s.size(), digest, &n, EVP_sha256(), nullptr);
  return hex(digest, 6);
}

// JA4's two-character version code.
std::string ja4_version(uint16_t v) {
  switch (v) {
    case 0x0304:
      return "13";
    case 0x0303:
      return "12";
    case 0x0302:
      return "11";
    case 0x0301:
      return "10";
    case 0x0300:
      return "s3";
    case 0x0002:
      return "s2";
    default:
      return "00";
  }
}

// First and last character of the first ALPN value ("00" without one; hex digits when not
// alphanumeric).
std::string ja4_alpn(const std::string& alpn) {
  if (alpn.empty()) return "00";
  auto alnum = [](unsigned char c) { return std::isalnum(c) != 0; };
  unsigned char first = alpn.front(), last = alpn.back();
  if (alnum(first) && alnum(last)) return std::string{char(first), char(last)};
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02x", first);
  std::string a = buf;
  std::snprintf(buf, sizeof buf, "%02x", last);
  return std::string{a[0], buf[1]};
}

std::string hex4_list(std::vector<uint16_t> v, bool sorted) {
  if (sorted) std::sort(v.begin(), v.end());
  std::string out;
  char buf[8];
  for (uint16_t x : v) {
    std::snprintf(buf, sizeof buf, "%04x", x);
    if (!out.empty()) out += ',';
    out += buf;
  }
  return out;
}

std::string two_digits(size_t n) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02zu", std::min<size_t>(n, 99));
  return buf;
}

// A fingerprint, generated where tshark adds JA3: at the hello's extensions (r[off]), covering
// no bytes.
void add_fingerprint(Packet& pkt, int parent, FieldId f, const ByteReader& r, size_t off,
                     std::string_view text, uint8_t flags = 0) {
  std::string_view copy = pkt.arena.copy(text);
  pkt.tree.add(parent, f, r, off, 0,
               Value::of_bytes(reinterpret_cast<const uint8_t*>(copy.data()), copy.size()),
               static_cast<uint8_t>(kGenerated | flags));
}

}  // namespace

void add_ja3(Packet& pkt, int parent, const Fingerprint& fp, const ByteReader& r, size_t off) {
  std::string full = std::to_string(fp.version) + "," + fp.ciphers + "," + fp.extensions;
  if (!fp.extensions_cut) full += "," + fp.groups + "," + fp.ec_formats;
  add_fingerprint(pkt, parent, f_ja3_full, r, off, full);
  add_fingerprint(pkt, parent, f_ja3, r, off, md5_hex(full));
}

void add_ja3s(Packet& pkt, int parent, const Fingerprint& fp, uint16_t cipher,
              const ByteReader& r, size_t off) {
  std::string full =
      std::to_string(fp.version) + "," + std::to_string(cipher) + "," + fp.extensions;
  add_fingerprint(pkt, parent, f_ja3s_full, r, off, full);
  add_fingerprint(pkt, parent, f_ja3s, r, off, md5_hex(full));
}

void add_ja4(Packet& pkt, int parent, const Fingerprint& fp, const ByteReader& r, size_t off) {
  std::vector<uint16_t> ciphers, exts;
  for (uint16_t c : fp.cipher_list)
    if (!is_grease(c)) ciphers.push_back(c);
  size_t ext_count = 0;
  for (uint16_t e : fp.extension_list) {
    if (is_grease(e)) continue;
    ++ext_count;
    if (e != 0 && e != 16) exts.push_back(e);  // SNI and ALPN are left out of the hash
  }
  uint16_t v = fp.highest_supported_version ? fp.highest_supported_version : fp.version;
  std::string a = "t" + ja4_version(v) + (fp.have_sni ? "d" : "i") + two_digits(ciphers.size()) +
                  two_digits(ext_count) + ja4_alpn(fp.first_alpn);
  std::string ext_text = hex4_list(exts, true);
  std::vector<uint16_t> sigs;
  for (uint16_t s : fp.sig_algs)
    if (!is_grease(s)) sigs.push_back(s);
  if (!sigs.empty()) ext_text += "_" + hex4_list(sigs, false);
  std::string ja4 = a + "_" + sha256_12(hex4_list(ciphers, true)) + "_" +
                    (exts.empty() ? std::string("000000000000") : sha256_12(ext_text));
  // Hidden: tshark 4.0 shows no such item, the tree stays identical to its tree.
  add_fingerprint(pkt, parent, f_ja4, r, off, ja4, kHidden);
}

void add_ja4s(Packet& pkt, int parent, const Fingerprint& fp, uint16_t cipher,
              const ByteReader& r, size_t off) {
  uint16_t v = fp.highest_supported_version ? fp.highest_supported_version : fp.version;
  std::vector<uint16_t> exts;
  for (uint16_t e : fp.extension_list) exts.push_back(e);
  char cs[8];
  std::snprintf(cs, sizeof cs, "%04x", cipher);
  std::string ja4s = "t" + ja4_version(v) + two_digits(exts.size()) + ja4_alpn(fp.first_alpn) +
                     "_" + cs + "_" + sha256_12(hex4_list(exts, false));
  add_fingerprint(pkt, parent, f_ja4s, r, off, ja4s, kHidden);
}

}  // namespace netsift::tls
