// libFuzzer target: TLS decryption.
//
// 1. The record decoder alone: a cipher suite from the list, keys of its sizes from the input
//    (TLS 1.0-1.2 key blocks from a random master secret, TLS 1.3 keys from a random traffic
//    secret), then records of input-chosen types and lengths (around the tag, MAC, block and
//    explicit-IV sizes) are decrypted: no crash, no read beyond a record.
// 2. Round trips through the dissectors: a TLS 1.2 connection with an AEAD suite (AES-GCM,
//    AES-CCM, AES-CCM_8, ChaCha20-Poly1305) whose master secret the session knows from a key-log
//    line. After their ChangeCipherSpec both sides send input-chosen plaintext (handshake
//    messages, alerts, HTTP-looking and arbitrary application data) encrypted with OpenSSL as a
//    real peer would; the streams are cut into segments and dissected in order. Unless the
//    segments were perturbed or a decrypted message was malformed, every protected record must
//    decrypt (one "Decrypted TLS" data source each); once the session is gone no reassembly
//    buffer may stay held (TCP's go with the FINs, the decrypted stream's PDU with the session).
#include <openssl/evp.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "analysis/tls_cipher.h"
#include "analysis/tls_secrets.h"
#include "dissectors/all.h"
#include "dissectors/tcp_desegment.h"
#include "fuzz_common.h"

namespace {
using namespace netsift;
using namespace netsift::fuzz;

// Exactly `n` input bytes (zeros once the input is used up).
std::string exact(Input& in, size_t n) {
  std::string s = in.bytes(n);
  s.resize(n, '\0');
  return s;
}

std::span<const uint8_t> as_bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

void put16(std::string& s, size_t v) {
  s += static_cast<char>(v >> 8);
  s += static_cast<char>(v);
}

std::string hex(const std::string& s) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

void decoder_alone(Input& in) {
  static const char* const kSuites[] = {
      "TLS_RSA_WITH_AES_128_CBC_SHA",         "TLS_RSA_WITH_AES_256_CBC_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
      "TLS_RSA_WITH_AES_128_GCM_SHA256",      "TLS_RSA_WITH_AES_128_CCM_8",
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_RSA_WITH_NULL_SHA256",
      "TLS_RSA_WITH_RC4_128_SHA",             "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA",
      "TLS_AES_128_GCM_SHA256",               "TLS_AES_256_GCM_SHA384",
      "TLS_CHACHA20_POLY1305_SHA256",         "TLS_AES_128_CCM_8_SHA256",
      "TLS_RSA_WITH_AES_256_CCM",             "TLS_RSA_EXPORT_WITH_RC4_40_MD5",
      "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5",   "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA",
      "TLS_RSA_EXPORT1024_WITH_RC4_56_SHA"};
  std::optional<TlsCipherSpec> spec = tls_cipher_spec(kSuites[in.byte() % std::size(kSuites)]);
  CHECK(spec.has_value());
  static const uint16_t kVersions[] = {0x0300, 0x0301, 0x0302, 0x0303};
  uint16_t version = spec->tls13 ? 0x0304 : kVersions[in.byte() % 4];
  TlsDirectionKeys client, server;
  if (spec->tls13) {
    CHECK(tls13_derive_keys(*spec, as_bytes(exact(in, digest_size(spec->prf_digest))), client));
  } else {
    std::string master = exact(in, 48), cr = exact(in, 32), sr = exact(in, 32);
    CHECK(tls12_derive_keys(*spec, version, as_bytes(master), as_bytes(cr), as_bytes(sr), client,
                            server));
  }
  TlsRecordDecoder decoder(*spec, version, std::move(client), in.byte() & 1);
  decoder.set_ignore_mac_failure(in.byte() & 1);
  size_t records = 1 + in.byte() % 8;
  for (size_t i = 0; i < records; ++i) {
    uint8_t type = 20 + in.byte() % 6;
    size_t len = in.byte() % 4 == 0 ? in.u16() % 20000 : in.byte() % 64;
    std::string body = exact(in, len);
    uint8_t inner = 0;
    if (decoder.decrypt(type, version, as_bytes(body), &inner))
      CHECK(decoder.plaintext().size() <= body.size());
  }
}

// Encrypts one TLS 1.2 record as its sender would (RFC 5288, 6655, 7905).
std::string seal(const TlsCipherSpec& spec, const TlsDirectionKeys& keys, uint64_t seq,
                 uint8_t type, const std::string& plain) {
  uint8_t seq_bytes[8];
  for (int i = 0; i < 8; ++i) seq_bytes[i] = static_cast<uint8_t>(seq >> (56 - 8 * i));
  uint8_t nonce[12];
  std::string out;
  if (spec.mode == TlsCipherMode::kChaCha20Poly1305) {
    std::memcpy(nonce, keys.iv.data(), 12);
    for (int i = 0; i < 8; ++i) nonce[4 + i] ^= seq_bytes[i];
  } else {
    std::memcpy(nonce, keys.iv.data(), 4);
    std::memcpy(nonce + 4, seq_bytes, 8);
    out.assign(reinterpret_cast<const char*>(seq_bytes), 8);  // the explicit nonce
  }
  uint8_t aad[13];
  std::memcpy(aad, seq_bytes, 8);
  aad[8] = type, aad[9] = 3, aad[10] = 3;
  aad[11] = static_cast<uint8_t>(plain.size() >> 8), aad[12] = static_cast<uint8_t>(plain.size());
  EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, spec.evp_cipher.c_str(), nullptr);
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  CHECK(cipher && ctx);
  bool ccm = spec.mode == TlsCipherMode::kCcm;
  int tag_len = static_cast<int>(spec.tag_len), n = 0;
  std::vector<uint8_t> ct(plain.size() + 16), tag(spec.tag_len);
  CHECK(EVP_EncryptInit_ex(ctx, cipher, nullptr, nullptr, nullptr) > 0);
  CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, 12, nullptr) > 0);
  if (ccm) CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, tag_len, nullptr) > 0);
  CHECK(EVP_EncryptInit_ex(ctx, nullptr, nullptr, keys.key.data(), nonce) > 0);
  if (ccm) CHECK(EVP_EncryptUpdate(ctx, nullptr, &n, nullptr, static_cast<int>(plain.size())) > 0);
  CHECK(EVP_EncryptUpdate(ctx, nullptr, &n, aad, 13) > 0);
  CHECK(EVP_EncryptUpdate(ctx, ct.data(), &n, reinterpret_cast<const uint8_t*>(plain.data()),
                          static_cast<int>(plain.size())) > 0);
  int fin = 0;
  CHECK(EVP_EncryptFinal_ex(ctx, ct.data() + n, &fin) > 0);
  CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, tag_len, tag.data()) > 0);
  EVP_CIPHER_CTX_free(ctx);
  EVP_CIPHER_free(cipher);
  out.append(reinterpret_cast<const char*>(ct.data()), static_cast<size_t>(n + fin));
  out.append(reinterpret_cast<const char*>(tag.data()), tag.size());
  return out;
}

std::string record(uint8_t type, const std::string& body) {
  std::string r;
  r += static_cast<char>(type);
  r += "\x03\x03";
  put16(r, body.size());
  return r + body;
}

// A plaintext a peer protects: handshake messages, an alert, HTTP or anything.
std::string plaintext(Input& in, uint8_t* type) {
  static const char* const kHttp[] = {"GET / HTTP/1.1\r\nHost: a\r\n\r\n",
                                      "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
                                      "POST /x HTTP/1.1\r\nContent-Length: 40\r\n\r\n",
                                      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"};
  switch (in.byte() % 5) {
    case 0: {  // handshake messages (Finished, KeyUpdate, tickets, arbitrary)
      *type = 22;
      std::string body = in.bytes(in.byte() % 40);
      std::string m;
      m += static_cast<char>(in.byte() % 3 == 0 ? 20 : in.byte());
      m += '\0';
      put16(m, in.byte() < 200 ? body.size() : body.size() + in.byte() % 5);
      return m + body;
    }
    case 1:
      *type = 21;
      return in.bytes(in.byte() % 4);
    case 2:
      *type = 23;
      return kHttp[in.byte() % std::size(kHttp)] + in.bytes(in.byte() % 48);
    default:
      *type = 23;
      return in.bytes(in.u16() % 2048);
  }
}

void round_trip(Input& in, bool perturb, uint16_t port) {
  struct Suite {
    uint16_t id;
    const char* name;
  };
  static const Suite kSuites[] = {{0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"},
                                  {0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
                                  {0xc09c, "TLS_RSA_WITH_AES_128_CCM"},
                                  {0xc0a0, "TLS_RSA_WITH_AES_128_CCM_8"}};
  const Suite& suite = kSuites[in.byte() % std::size(kSuites)];
  std::optional<TlsCipherSpec> spec = tls_cipher_spec(suite.name);
  CHECK(spec.has_value());
  std::string cr = exact(in, 32), sr = exact(in, 32), master = exact(in, 48);
  TlsDirectionKeys keys[2];
  CHECK(tls12_derive_keys(*spec, 0x0303, as_bytes(master), as_bytes(cr), as_bytes(sr), keys[0],
                          keys[1]));

  auto runner = std::make_unique<FrameRunner>();
  FrameRunner& frames = *runner;
  frames.session.state<TlsSecrets>().add_line("CLIENT_RANDOM " + hex(cr) + " " + hex(master));
  // The hellos go first, each in its own segment (keys need both randoms); the rest of both
  // streams is cut and interleaved as the input says.
  std::string hellos[2], stream[2];
  std::string hello = "\x03\x03" + cr + std::string("\0\0\x02", 3);
  put16(hello, suite.id);
  hello += std::string("\x01\0", 2);
  hellos[0] = record(22, std::string("\x01\0", 2) + static_cast<char>(hello.size() >> 8) +
                             static_cast<char>(hello.size()) + hello);
  std::string server_hello = "\x03\x03" + sr + std::string("\0", 1);
  put16(server_hello, suite.id);
  server_hello += std::string("\0", 1);
  hellos[1] = record(22, std::string("\x02\0", 2) + static_cast<char>(server_hello.size() >> 8) +
                             static_cast<char>(server_hello.size()) + server_hello);
  size_t protected_records = 0;
  for (int d = 0; d < 2; ++d) {
    stream[d] = record(20, "\x01");
    size_t n = 1 + in.byte() % 6;
    for (uint64_t seq = 0; seq < n; ++seq) {
      uint8_t type = 23;
      std::string plain = plaintext(in, &type);
      stream[d] += record(type, seal(*spec, keys[d], seq, type, plain));
      ++protected_records;
    }
  }
  std::vector<Segment> segs = cut_into_segments(in, stream, perturb);
  uint32_t isn[2] = {1000, 90000};
  size_t decrypted = 0;
  bool malformed = false;
  auto count = [&] {
    for (const DataSource& s : frames.pkt.sources)
      if (std::strcmp(s.name, "Decrypted TLS") == 0) ++decrypted;
    malformed |= frames.pkt.malformed;
  };
  frames.run(tcp_frame(port, true, isn[0], 0, 0x02, nullptr, 0), true);
  frames.run(tcp_frame(port, false, isn[1], isn[0] + 1, 0x12, nullptr, 0), true);
  frames.run(tcp_frame(port, true, isn[0] + 1, isn[1] + 1, 0x10, nullptr, 0), true);
  for (int d = 0; d < 2; ++d) {
    frames.run(tcp_frame(port, d == 0, isn[d] + 1, isn[1 - d] + 1, 0x18, hellos[d].data(),
                         hellos[d].size()),
               true);
    isn[d] += static_cast<uint32_t>(hellos[d].size());
  }
  for (const Segment& s : segs) {
    int d = s.to_server ? 0 : 1;
    frames.run(tcp_frame(port, s.to_server, isn[d] + 1 + s.off, isn[1 - d] + 1, 0x18,
                         stream[d].data() + s.off, s.len),
               true);
    count();
  }
  for (int d = 0; d < 2; ++d)
    frames.run(tcp_frame(port, d == 0, isn[d] + 1 + static_cast<uint32_t>(stream[d].size()),
                         isn[1 - d] + 1, 0x11, nullptr, 0),
               true);
  // A malformed message ends its frame's dissection, as in tshark: the records after it are
  // not decrypted and the sender's sequence number is lost.
  if (!perturb && !malformed) CHECK(decrypted == protected_records);
  // A PDU of the decrypted stream still waiting for bytes stays with the connection's TLS state
  // (as in tshark), so the check comes once the session, and its conversations, are gone.
  runner.reset();
  CHECK(tcp_reassembly_buffered_bytes() == 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static bool registered = (register_all_dissectors(), true);
  (void)registered;
  if (size < 2) return 0;
  Input in{data + 1, size - 1};
  if (data[0] & 1) {
    decoder_alone(in);
  } else {
    // 443 gives the application data to HTTP by port; 8400 leaves it to the heuristics.
    round_trip(in, data[0] & 2, data[0] & 4 ? 443 : 8400);
  }
  return 0;
}
