// IKEv1 decryption state (analysis/ikev1_sa): the RFC 2409 Appendix B IV chain checked against
// messages encrypted here with OpenSSL (Phase 1 IV from hash(g^xi | g^xr), the next message's
// IV its predecessor's last block, a new message ID's IV hash(last Phase 1 block | ID)), and
// the cases it refuses.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <string>
#include <vector>

#include "analysis/ikev1_sa.h"

namespace netsift {
namespace {

using Bytes = std::vector<uint8_t>;

Bytes sha256(const Bytes& a, const Bytes& b) {
  Bytes out(32);
  unsigned len = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  EVP_DigestUpdate(ctx, a.data(), a.size());
  EVP_DigestUpdate(ctx, b.data(), b.size());
  EVP_DigestFinal_ex(ctx, out.data(), &len);
  EVP_MD_CTX_free(ctx);
  return out;
}

Bytes aes256_cbc(const std::string& key, const Bytes& iv, const Bytes& plain) {
  Bytes out(plain.size() + 16);
  int len = 0, fin = 0;
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  EVP_EncryptInit_ex(ctx, EVP_aes_256_cbc(), nullptr,
                     reinterpret_cast<const unsigned char*>(key.data()), iv.data());
  EVP_CIPHER_CTX_set_padding(ctx, 0);
  EVP_EncryptUpdate(ctx, out.data(), &len, plain.data(), static_cast<int>(plain.size()));
  EVP_EncryptFinal_ex(ctx, out.data() + len, &fin);
  EVP_CIPHER_CTX_free(ctx);
  out.resize(static_cast<size_t>(len + fin));
  return out;
}

Bytes first_block(const Bytes& b) {
  return Bytes(b.begin(), b.begin() + 16);
}
Bytes last_block(const Bytes& b) {
  return Bytes(b.end() - 16, b.end());
}

// An SA negotiated as AES-CBC-256 with SHA2-256 (RFC 2409 Appendix A values 7 and 4).
Ikev1Sa aes256_sha256_sa(const std::string& gi, const std::string& gr) {
  Ikev1Sa sa;
  sa.encryption = 7;
  sa.key_length = 256;
  sa.hash = 4;
  sa.secret = std::string(32, '\x42');
  sa.gi = gi;
  sa.gr = gr;
  return sa;
}

TEST(Ikev1Sa, FollowsThePhase1AndQuickModeIvChain) {
  std::string gi(128, 'i'), gr(128, 'r');
  Ikev1Sa sa = aes256_sha256_sa(gi, gr);
  Bytes p1(32, 0x11), p2(48, 0x22), qm(16, 0x33);
  Bytes iv1 = first_block(sha256(Bytes(gi.begin(), gi.end()), Bytes(gr.begin(), gr.end())));
  Bytes c1 = aes256_cbc(sa.secret, iv1, p1);
  Bytes c2 = aes256_cbc(sa.secret, last_block(c1), p2);
  Bytes mid = {0x12, 0x34, 0xab, 0xcd};
  Bytes c3 = aes256_cbc(sa.secret, first_block(sha256(last_block(c2), mid)), qm);
  Bytes out;
  ASSERT_TRUE(sa.decrypt(0, c1.data(), c1.size(), out));
  EXPECT_EQ(out, p1);
  ASSERT_TRUE(sa.decrypt(0, c2.data(), c2.size(), out));
  EXPECT_EQ(out, p2);
  ASSERT_TRUE(sa.decrypt(0x1234abcd, c3.data(), c3.size(), out));
  EXPECT_EQ(out, qm);
}

TEST(Ikev1Sa, RefusesWithoutTheDiffieHellmanValues) {
  Ikev1Sa sa = aes256_sha256_sa("", "");
  Bytes data(32, 0), out;
  EXPECT_FALSE(sa.decrypt(0, data.data(), data.size(), out));
}

TEST(Ikev1Sa, RefusesAnUnsupportedCipherOrKeyLength) {
  Ikev1Sa sa = aes256_sha256_sa("i", "r");
  sa.key_length = 100;
  Bytes data(32, 0), out;
  EXPECT_FALSE(sa.decrypt(0, data.data(), data.size(), out));
  Ikev1Sa longer = aes256_sha256_sa("i", "r");
  longer.secret += "extra";  // tshark keys the cipher with the whole entry: refused
  EXPECT_FALSE(longer.decrypt(0, data.data(), data.size(), out));
}

TEST(Ikev1Sa, RefusesPartialBlocks) {
  Ikev1Sa sa = aes256_sha256_sa("i", "r");
  Bytes data(20, 0), out;
  EXPECT_FALSE(sa.decrypt(0, data.data(), data.size(), out));
}

TEST(Ikev1Sas, SeedsSecretsByInitiatorCookie) {
  UatTable t;
  t.records.push_back({std::string("\x11\x22\x33\x44\x55\x66\x77\x88", 8), "secret-key"});
  t.records.push_back({"short", "ignored"});
  Ikev1Sas sas;
  sas.load(t);
  const uint8_t cookie[8] = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88};
  EXPECT_EQ(sas.find_or_add(cookie).secret, "secret-key");
  const uint8_t other[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  EXPECT_TRUE(sas.find_or_add(other).secret.empty());
}

}  // namespace
}  // namespace netsift
