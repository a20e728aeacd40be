// TLS handshake messages as tshark 4.0 shows them: messages reassembled across records
// (tls.handshake.fragment*), the hello messages with their extensions, certificates (framing
// only), key exchange parameters, tickets, Finished, KeyUpdate; and the connection state the
// hellos settle (version, randoms, cipher suite, resumption) for later records and decryption.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>

#include "core/der_reader.h"
#include "core/field_registry.h"
#include "core/text_format.h"
#include "dissectors/tls_certificates.h"
#include "dissectors/tls_internal.h"
#include "dissectors/tls_values.h"
#include "dissectors/x509.h"

namespace netsift::tls {

namespace {

constexpr uint8_t kHrrRandom[32] = {
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c};

const char* handshake_name(uint8_t type) {
  return value_name(tls_values::kTlsHandshakeTypes, type);
}

std::string count_label(const char* what, uint64_t n, const char* one, const char* many) {
  return std::string(what) + " (" + std::to_string(n) + " " + plural(n, one, many) + ")";
}

// The handshake/record labels and Info text of one message (tshark's
// tls_show_handshake_details); returns the "Handshake Protocol" node.
int show_details(RecordContext& ctx, int record, uint8_t type, bool encrypted, bool first,
                 bool complete, const ByteReader& r, size_t off, size_t len) {
  Packet& pkt = ctx.pkt;
  const char* name = "Encrypted Handshake Message";
  if (!encrypted) {
    if (type == kHelloRetryRequest)
      name = "Hello Retry Request";
    else if (const char* n = handshake_name(type))
      name = n;
  }
  if (pkt.cols.enabled) {
    if (complete)
      append_info(pkt, name);
    else if (first)
      append_info(pkt, std::string("[") + name + " Fragment]");
  }
  const char* v = version_short_name(ctx.version);
  std::string version = v ? v : "TLS";
  if (pkt.labels) {
    if (first)
      pkt.set_label(record, version + " Record Layer: Handshake Protocol: " + name +
                                (!complete && !encrypted ? " (fragment)" : ""));
    else
      pkt.set_label(record, version +
                                " Record Layer: Handshake Protocol: Multiple Handshake "
                                "Messages");
  }
  int hs = pkt.tree.add(record, f_handshake, r, off, len, Value{});
  if (pkt.labels)
    pkt.set_label(hs, std::string("Handshake Protocol: ") + name +
                          (!complete && !encrypted ? " (fragment)" : ""));
  return hs;
}

void add_hello_random(RecordContext& ctx, const ByteReader& r, size_t off, int parent) {
  Packet& pkt = ctx.pkt;
  int rnd = pkt.add_item(parent, f_random, r, off, 32);
  if (pkt.labels && std::memcmp(r.ptr(off, 32), kHrrRandom, 32) == 0) {
    static const char kDigits[] = "0123456789abcdef";
    std::string text = "Random: ";
    for (size_t i = 0; i < 32; ++i) {
      text += kDigits[r.u8(off + i) >> 4];
      text += kDigits[r.u8(off + i) & 15];
    }
    pkt.set_label(rnd, text + " (HelloRetryRequest magic)");
  }
  // TLS 1.3 randoms carry no time.
  if (ctx.session.version != kTls13) {
    pkt.tree.add(rnd, f_random_time, r, off, 4,
                 Value::of_int(static_cast<int64_t>(r.u32(off)) * 1000000000));
    pkt.add_item(rnd, f_random_bytes, r, off + 4, 28);
  }
}

size_t add_session_id(Packet& pkt, const ByteReader& r, size_t off, int parent,
                      std::vector<uint8_t>* keep) {
  uint8_t len = r.u8(off);
  pkt.add_item(parent, f_session_id_length, r, off, 1);
  if (len > 0) {
    pkt.add_item(parent, f_session_id, r, off + 1, len);
    const uint8_t* p = r.ptr(off + 1, len);
    keep->assign(p, p + len);
  } else {
    keep->clear();
  }
  return off + 1 + len;
}

void dissect_client_hello(RecordContext& ctx, const ByteReader& r, size_t off, size_t end, int hs) {
  Packet& pkt = ctx.pkt;
  TlsSession& s = ctx.session;
  Fingerprint fp;
  fp.version = r.u16(off);
  pkt.add_item(hs, f_hs_version, r, off, 2);
  std::memcpy(s.values.client_random.data(), r.ptr(off + 2, 32), 32);
  s.values.have_client_random = true;
  add_hello_random(ctx, r, off + 2, hs);
  off = add_session_id(pkt, r, off + 34, hs, &s.values.client_session_id);
  if (ctx.dtls) {  // DTLS: the cookie of a HelloVerifyRequest, echoed
    uint32_t cookie_len;
    if (!add_vector(pkt, hs, r, off, end, f_dtls_cookie_length, 0, 32, &cookie_len)) return;
    if (cookie_len) pkt.add_item(hs, f_dtls_cookie, r, off + 1, cookie_len);
    off += 1 + cookie_len;
  }
  // A renegotiation's hello offers its own extensions.
  s.values.client_ticket.clear();
  s.values.client_ems = s.values.client_etm = false;

  // A broken suite or compression list ends the hello, with no fingerprints (as tshark).
  uint32_t suites_len, comp_len;
  if (!add_vector(pkt, hs, r, off, end, f_cipher_suites_length, 2, 0xffff, &suites_len)) return;
  off += 2;
  size_t suites_end = off + suites_len;
  int suites = pkt.tree.add(hs, f_cipher_suites, r, off, suites_len, Value{});
  if (pkt.labels)
    pkt.set_label(suites, count_label("Cipher Suites", suites_len / 2, "suite", "suites"));
  for (; off + 2 <= suites_end; off += 2) {
    uint16_t c = r.u16(off);
    pkt.add_item(suites, f_cipher_suite, r, off, 2);
    fp.cipher_list.push_back(c);
    if (!is_grease(c)) {
      if (!fp.ciphers.empty()) fp.ciphers += '-';
      fp.ciphers += std::to_string(c);
    }
  }
  if (!end_vector(pkt, suites, r, off, suites_end)) off = suites_end;
  if (!add_vector(pkt, hs, r, off, end, f_comp_methods_length, 1, 0xff, &comp_len)) return;
  off += 1;
  int comps = pkt.tree.add(hs, f_comp_methods, r, off, comp_len, Value{});
  if (pkt.labels)
    pkt.set_label(comps, count_label("Compression Methods", comp_len, "method", "methods"));
  for (size_t i = 0; i < comp_len; ++i) pkt.add_item(comps, f_comp_method, r, off + i, 1);
  off += comp_len;
  if (end > off) dissect_extensions(ctx, r, off, end, hs, kClientHello, &fp);
  add_ja3(pkt, hs, fp, r, off);
  add_ja4(pkt, hs, fp, r, off);
}

void dissect_server_hello(RecordContext& ctx, const ByteReader& r, size_t off, size_t end, int hs,
                          uint8_t type) {
  Packet& pkt = ctx.pkt;
  TlsSession& s = ctx.session;
  Fingerprint fp;
  fp.version = r.u16(off);
  pkt.add_item(hs, f_hs_version, r, off, 2);
  if (type != kHelloRetryRequest) {
    std::memcpy(s.values.server_random.data(), r.ptr(off + 2, 32), 32);
    s.values.have_server_random = true;
    s.values.server_ems = s.values.server_etm = false;
  }
  add_hello_random(ctx, r, off + 2, hs);
  std::vector<uint8_t> client_id = s.values.client_session_id;
  off = add_session_id(pkt, r, off + 34, hs, &s.values.server_session_id);
  uint16_t cipher = r.u16(off);
  pkt.add_item(hs, f_cipher_suite, r, off, 2);
  s.values.cipher_suite = cipher;
  s.values.have_cipher_suite = true;
  off += 2;
  s.values.compression = r.u8(off);
  pkt.add_item(hs, f_comp_method, r, off, 1);
  off += 1;
  if (end > off) dissect_extensions(ctx, r, off, end, hs, type, &fp);
  add_ja3s(pkt, hs, fp, cipher, r, off);
  add_ja4s(pkt, hs, fp, cipher, r, off);
  // Resumption (TLS 1.2 and before): the server echoes the session id the client offered, or
  // the client offered a session ticket (the server then goes straight to ChangeCipherSpec).
  s.resumption_candidate =
      s.version != kTls13 && ((!client_id.empty() && client_id == s.values.server_session_id) ||
                              !s.values.client_ticket.empty());
  s.resumed = false;
}

void dissect_certificate(RecordContext& ctx, const ByteReader& r, size_t off, size_t end, int hs) {
  Packet& pkt = ctx.pkt;
  bool tls13 = ctx.session.version == kTls13;
  if (tls13) {
    uint8_t ctx_len = r.u8(off);
    pkt.add_item(hs, f_cert_request_context_length, r, off, 1);
    if (ctx_len) pkt.add_item(hs, f_cert_request_context, r, off + 1, ctx_len);
    off += 1 + ctx_len;
  }
  uint32_t list_len = r.u24(off);
  pkt.add_item(hs, f_certificates_length, r, off, 3);
  off += 3;
  if (list_len == 0) return;
  int list = pkt.tree.add(hs, f_certificates, r, off, list_len, Value{});
  if (pkt.labels) pkt.set_label(list, count_label("Certificates", list_len, "byte", "bytes"));
  size_t list_end = std::min<size_t>(off + list_len, end);
  queue_certificate_chain(pkt, r, off, list_end, ctx.is_server, tls13);
  while (off + 3 <= list_end) {
    uint32_t len = r.u24(off);
    pkt.add_item(list, f_certificate_length, r, off, 3);
    off += 3;
    // The certificate's DER bytes, its item the root of the X.509 dissector's tree. tshark's
    // item is the Certificate SEQUENCE, as long as its DER header says when that parses.
    size_t item_len = len;
    BerHeader outer = read_ber_header(r, off, off + len);
    if (outer.error == BerError::kNone) item_len = outer.end() - off;
    int cert = pkt.add_item(list, f_certificate, r, off, item_len);
    dissect_x509_certificate(r.sub(off, len), pkt, cert);
    off += len;
    if (tls13) {
      uint16_t ext_len = r.u16(off);
      size_t ext_end = off + 2 + ext_len;
      dissect_extensions(ctx, r, off, ext_end, list, kCertificate, nullptr);
      off = ext_end;
    }
  }
}

// Key exchange algorithms as tshark derives them from the cipher suite's name.
enum class Kex { kUnknown, kRsa, kRsaExport, kDh, kEcdh, kPsk, kOther };

Kex kex_of(const TlsSession& s) {
  if (!s.values.have_cipher_suite) return Kex::kUnknown;
  const char* n = value_name(tls_values::kTlsCipherSuites, s.values.cipher_suite);
  if (!n) return Kex::kUnknown;
  std::string_view name(n);
  if (name.find("_PSK_") != std::string_view::npos || name.rfind("TLS_PSK", 0) == 0)
    return Kex::kPsk;
  if (name.rfind("TLS_ECDHE_", 0) == 0 || name.rfind("TLS_ECDH_", 0) == 0) return Kex::kEcdh;
  if (name.rfind("TLS_DHE_", 0) == 0 || name.rfind("TLS_DH_", 0) == 0) return Kex::kDh;
  if (name.rfind("TLS_RSA_EXPORT", 0) == 0) return Kex::kRsaExport;
  if (name.rfind("TLS_RSA_", 0) == 0) return Kex::kRsa;
  return Kex::kOther;
}

bool anonymous(const TlsSession& s) {
  const char* n = value_name(tls_values::kTlsCipherSuites, s.values.cipher_suite);
  return n && std::string_view(n).find("_anon_") != std::string_view::npos;
}

// The signature closing a ServerKeyExchange: a scheme from TLS 1.2 on, then its bytes.
void add_kex_signature(RecordContext& ctx, const ByteReader& r, size_t off, size_t end,
                       int parent) {
  Packet& pkt = ctx.pkt;
  if (off >= end) return;
  if (ctx.session.version == kTls12 || ctx.session.version == kTls13) {
    add_signature_scheme(pkt, parent, r, off);
    off += 2;
  }
  uint16_t len = r.u16(off);
  pkt.add_item(parent, f_sig_len, r, off, 2);
  pkt.add_item(parent, f_sig, r, off + 2, len);
}

void dissect_server_key_exchange(RecordContext& ctx, const ByteReader& r, size_t off, size_t end,
                                 int hs) {
  Packet& pkt = ctx.pkt;
  switch (kex_of(ctx.session)) {
    case Kex::kEcdh: {
      int params = add_text(pkt, hs, r, off, end - off, "EC Diffie-Hellman Server Params");
      pkt.add_item(params, f_server_curve_type, r, off, 1);
      pkt.add_item(params, f_server_named_curve, r, off + 1, 2);
      uint8_t len = r.u8(off + 3);
      pkt.add_item(params, f_server_point_len, r, off + 3, 1);
      pkt.add_item(params, f_server_point, r, off + 4, len);
      if (!anonymous(ctx.session)) add_kex_signature(ctx, r, off + 4 + len, end, params);
      break;
    }
    case Kex::kRsaExport: {
      int params = add_text(pkt, hs, r, off, end - off, "RSA-EXPORT Server Params");
      uint16_t m_len = r.u16(off);
      pkt.add_item(params, f_modulus_len, r, off, 2);
      pkt.add_item(params, f_modulus, r, off + 2, m_len);
      off += 2 + m_len;
      uint16_t e_len = r.u16(off);
      pkt.add_item(params, f_exponent_len, r, off, 2);
      pkt.add_item(params, f_exponent, r, off + 2, e_len);
      add_kex_signature(ctx, r, off + 2 + e_len, end, params);
      break;
    }
    case Kex::kDh: {
      int params = add_text(pkt, hs, r, off, end - off, "Diffie-Hellman Server Params");
      uint16_t p_len = r.u16(off);
      pkt.add_item(params, f_p_len, r, off, 2);
      pkt.add_item(params, f_p, r, off + 2, p_len);
      off += 2 + p_len;
      uint16_t g_len = r.u16(off);
      pkt.add_item(params, f_g_len, r, off, 2);
      pkt.add_item(params, f_g, r, off + 2, g_len);
      off += 2 + g_len;
      uint16_t y_len = r.u16(off);
      pkt.add_item(params, f_ys_len, r, off, 2);
      pkt.add_item(params, f_ys, r, off + 2, y_len);
      if (!anonymous(ctx.session)) add_kex_signature(ctx, r, off + 2 + y_len, end, params);
      break;
    }
    default:
      break;
  }
}

void dissect_client_key_exchange(RecordContext& ctx, const ByteReader& r, size_t off, size_t end,
                                 int hs) {
  Packet& pkt = ctx.pkt;
  switch (kex_of(ctx.session)) {
    case Kex::kEcdh: {
      int params = add_text(pkt, hs, r, off, end - off, "EC Diffie-Hellman Client Params");
      uint8_t len = r.u8(off);
      pkt.add_item(params, f_client_point_len, r, off, 1);
      pkt.add_item(params, f_client_point, r, off + 1, len);
      break;
    }
    case Kex::kDh: {
      int params = add_text(pkt, hs, r, off, end - off, "Diffie-Hellman Client Params");
      uint16_t len = r.u16(off);
      pkt.add_item(params, f_yc_len, r, off, 2);
      pkt.add_item(params, f_yc, r, off + 2, len);
      break;
    }
    case Kex::kRsa:
    case Kex::kRsaExport: {
      int params = add_text(pkt, hs, r, off, end - off, "RSA Encrypted PreMaster Secret");
      size_t epms = off, len = end - off;
      // SSL 3.0 and OpenSSL's pre-standard DTLS 1.0 send the secret without a length.
      if (ctx.session.version == kSsl3 || ctx.session.version == kDtls10OpenSsl) {
        pkt.add_item(params, f_epms, r, off, end - off);
      } else {
        len = r.u16(off);
        epms = off + 2;
        pkt.add_item(params, f_epms_len, r, off, 2);
        pkt.add_item(params, f_epms, r, off + 2, len);
      }
      // Decryption recovers the pre-master secret from it with the server's private key.
      const uint8_t* p = r.ptr(epms, len);
      ctx.session.values.encrypted_pre_master.assign(p, p + len);
      break;
    }
    default:
      break;
  }
}

void dissect_certificate_request(RecordContext& ctx, const ByteReader& r, size_t off, size_t end,
                                 int hs) {
  Packet& pkt = ctx.pkt;
  if (ctx.session.version == kTls13) {
    uint8_t ctx_len = r.u8(off);
    pkt.add_item(hs, f_cert_request_context_length, r, off, 1);
    if (ctx_len) pkt.add_item(hs, f_cert_request_context, r, off + 1, ctx_len);
    dissect_extensions(ctx, r, off + 1 + ctx_len, end, hs, kCertificateRequest, nullptr);
    return;
  }
  uint8_t types = r.u8(off);
  pkt.add_item(hs, f_cert_types_count, r, off, 1);
  off += 1;
  if (types > 0) {
    int list = pkt.tree.add(hs, f_cert_types, r, off, types, Value{});
    if (pkt.labels) pkt.set_label(list, count_label("Certificate types", types, "type", "types"));
    for (size_t i = 0; i < types; ++i) pkt.add_item(list, f_cert_type, r, off + i, 1);
    off += types;
  }
  if (ctx.session.version == kTls12)
    off = dissect_signature_algorithms(pkt, r, off, end, hs, nullptr);
  dissect_distinguished_names(pkt, r, off, end, hs);
}

void dissect_new_session_ticket(RecordContext& ctx, const ByteReader& r, size_t off, size_t end,
                                int hs) {
  Packet& pkt = ctx.pkt;
  bool tls13 = ctx.session.version == kTls13;
  int t = add_text(pkt, hs, r, off, end - off, "TLS Session Ticket");
  uint32_t lifetime = r.u32(off);
  int lt = pkt.add_item(t, f_ticket_lifetime, r, off, 4);
  if (pkt.labels) {
    std::string label = "Session Ticket Lifetime Hint: " + std::to_string(lifetime) + " second" +
                        plural(lifetime, "", "s");
    if (lifetime) {
      label += " (";
      append_time_secs(label, lifetime);
      label += ')';
    }
    pkt.set_label(lt, label);
  }
  off += 4;
  if (tls13) {
    pkt.add_item(t, f_ticket_age_add, r, off, 4);
    uint8_t nonce = r.u8(off + 4);
    pkt.add_item(t, f_ticket_nonce_length, r, off + 4, 1);
    pkt.add_item(t, f_ticket_nonce, r, off + 5, nonce);
    off += 5 + nonce;
  }
  uint16_t len = r.u16(off);
  pkt.add_item(t, f_ticket_length, r, off, 2);
  pkt.add_item(t, f_ticket, r, off + 2, len);
  // A TLS 1.2 ticket stands for this session's master secret when it comes back.
  TlsSession& s = ctx.session;
  if (!tls13 && r.has(off + 2, len) && !s.master_secret.empty() &&
      s.master_random == s.values.client_random)
    secrets(pkt).remember_ticket({r.ptr(off + 2, len), len}, s.master_secret);
  off += 2 + len;
  if (tls13 && off < end) dissect_extensions(ctx, r, off, end, t, kNewSessionTicket, nullptr);
}

void dissect_certificate_verify(RecordContext& ctx, const ByteReader& r, size_t off, int hs) {
  Packet& pkt = ctx.pkt;
  if (ctx.session.version == kTls12 || ctx.session.version == kTls13) {
    add_signature_scheme(pkt, hs, r, off);
    off += 2;
  }
  uint16_t len = r.u16(off);
  pkt.add_item(hs, f_cert_vrfy_sig_len, r, off, 2);
  pkt.add_item(hs, f_cert_vrfy_sig, r, off + 2, len);
}

void dissect_compressed_certificate(Packet& pkt, const ByteReader& r, size_t off, int hs) {
  pkt.add_item(hs, f_compress_algorithm, r, off, 2);
  pkt.add_item(hs, f_compress_uncompressed_length, r, off + 2, 3);
  uint32_t len = r.u24(off + 5);
  pkt.add_item(hs, f_compressed_length, r, off + 5, 3);
  pkt.add_item(hs, f_compressed_message, r, off + 8, len);
}

// The server's version as its ServerHello tells it (supported_versions wins), and whether it is
// a HelloRetryRequest (tshark's tls_scan_server_hello).
uint16_t scan_server_hello(const ByteReader& r, size_t off, size_t end, bool* hrr) {
  uint16_t version = r.u16(off);
  *hrr = r.has(off + 2, 32) && std::memcmp(r.ptr(off + 2, 32), kHrrRandom, 32) == 0;
  size_t p = off + 34;
  if (!r.has(p, 1)) return version;
  p += 1 + r.u8(p) + 3;  // session id, cipher suite, compression method
  if (!r.has(p, 2) || p + 2 > end) return version;
  size_t ext_end = std::min<size_t>(p + 2 + r.u16(p), end);
  p += 2;
  while (p + 4 <= ext_end && r.has(p, 4)) {
    uint16_t type = r.u16(p), len = r.u16(p + 2);
    if (type == 43 && len == 2 && r.has(p + 4, 2)) return r.u16(p + 4);
    p += 4 + len;
  }
  return version;
}

// Whether a pre-master secret may be found for the connection of this ClientHello random:
// only then is the extended master secret's transcript worth keeping.
bool may_find_pre_master(Packet& pkt, const ByteReader& r, size_t random_off) {
  if (!rsa_keys(pkt).empty() || secrets(pkt).has_rsa_pre_masters()) return true;
  if (!r.has(random_off, 32)) return false;
  TlsRandom random;
  std::memcpy(random.data(), r.ptr(random_off, 32), 32);
  const TlsConnectionSecrets* c = secrets(pkt).find(random);
  return c && !c->pre_master.empty();
}

// The handshake messages r[off, off+len) of `type` the extended master secret's session hash
// covers: from the ClientHello to the ClientKeyExchange, kept past the ServerHello only when
// both hellos agreed on that secret, and given up beyond a bound no real handshake reaches.
void collect_transcript(RecordContext& ctx, const ByteReader& r, size_t off, size_t len,
                        uint8_t type) {
  using State = TlsSession::Transcript;
  constexpr size_t kMaxTranscript = 1 << 20;
  TlsSession& s = ctx.session;
  if (type == kHelloRequest) return;  // not part of the handshake (RFC 5246 section 7.4.1.1)
  if (type == kClientHello) {
    std::vector<uint8_t>().swap(s.transcript);
    s.transcript_state =
        may_find_pre_master(ctx.pkt, r, off + 6) ? State::kCollecting : State::kOff;
  }
  if (s.transcript_state != State::kCollecting) return;
  bool after_hellos = type != kClientHello && type != kServerHello;
  if ((after_hellos && !(s.values.client_ems && s.values.server_ems)) || !r.has(off, len) ||
      s.transcript.size() + len > kMaxTranscript) {
    std::vector<uint8_t>().swap(s.transcript);
    s.transcript_state = State::kOff;
    return;
  }
  const uint8_t* p = r.ptr(off, len);
  s.transcript.insert(s.transcript.end(), p, p + len);
  if (type == kClientKeyExchange) s.transcript_state = State::kComplete;
}

// One whole handshake message at r[off] (tshark's dissect_tls_handshake_full).
void dissect_message(RecordContext& ctx, const ByteReader& r, size_t off, int record, bool first) {
  Packet& pkt = ctx.pkt;
  TlsSession& s = ctx.session;
  uint8_t type = r.u8(off);
  uint32_t length = r.u24(off + 1);
  const char* name = handshake_name(type);
  if (!name && !first) return;
  if (s.version != kTls13) collect_transcript(ctx, r, off, 4 + size_t{length}, type);
  bool hrr = false;
  if (first && type == kServerHello && length > 2) {
    uint16_t v = scan_server_hello(r, off + 4, off + 4 + length, &hrr);
    // A ServerHello settles the version.
    if (v == kSsl3 || v == kTls10 || v == kTls11 || v == kTls12 || v == kTls13 || v == kTlcp)
      s.version = v;
    else if ((v & 0xff00) == 0x7f00 || (v & 0xff00) == 0xfb00)
      s.version = kTls13;
  }
  int hs = show_details(ctx, record, hrr ? uint8_t{kHelloRetryRequest} : type, false, first, true,
                        r, off, 4 + size_t{length});
  if (!name) return;
  pkt.add_uint(hs, f_hs_type, r, off, 1, type);
  pkt.add_uint(hs, f_hs_length, r, off + 1, 3, length);
  dissect_message_body(ctx, r, off + 4, off + 4 + length, type, hrr, hs, record);
}

}  // namespace

void dissect_message_body(RecordContext& ctx, const ByteReader& r, size_t body, size_t end,
                          uint8_t type, bool hrr, int hs, int record) {
  Packet& pkt = ctx.pkt;
  TlsSession& s = ctx.session;
  size_t length = end - body;
  switch (type) {
    case kClientHello:
      // The client's first message tells which side is the server.
      s.have_server = true;
      s.server = pkt.dst;
      s.server_port = pkt.dst_port;
      s.values.client_early_data = false;
      dissect_client_hello(ctx, r, body, end, hs);
      // Early data exists only in TLS 1.3: the version is settled before the server answers.
      if (s.values.client_early_data) s.version = kTls13;
      break;
    case kServerHello:
      dissect_server_hello(ctx, r, body, end, hs,
                           hrr ? uint8_t{kHelloRetryRequest} : uint8_t{kServerHello});
      break;
    case kNewSessionTicket:
      dissect_new_session_ticket(ctx, r, body, end, hs);
      break;
    case kEncryptedExtensions:
      dissect_extensions(ctx, r, body, end, hs, kEncryptedExtensions, nullptr);
      break;
    case kCertificate:
      dissect_certificate(ctx, r, body, end, hs);
      break;
    case kServerKeyExchange:
      dissect_server_key_exchange(ctx, r, body, end, hs);
      break;
    case kCertificateRequest:
      dissect_certificate_request(ctx, r, body, end, hs);
      break;
    case kHelloVerifyRequest: {  // DTLS (RFC 6347 section 4.2.1)
      pkt.add_item(hs, f_hs_version, r, body, 2);
      uint32_t cookie_len;
      if (!add_vector(pkt, hs, r, body + 2, end, f_dtls_cookie_length, 0, 32, &cookie_len)) break;
      if (cookie_len) pkt.add_item(hs, f_dtls_cookie, r, body + 3, cookie_len);
      break;
    }
    case kServerHelloDone:
      // A full handshake: not a resumption.
      s.resumption_candidate = false;
      break;
    case kCertificateVerify:
      dissect_certificate_verify(ctx, r, body, hs);
      break;
    case kClientKeyExchange:
      dissect_client_key_exchange(ctx, r, body, end, hs);
      break;
    case kFinished:
      // SSL 3.0's Finished holds an MD5 and a SHA-1 hash.
      if (s.version == kSsl3 && length == 36) {
        pkt.tree.add(hs, f_md5_hash, r, body, 16, Value{});
        pkt.tree.add(hs, f_sha_hash, r, body + 16, 20, Value{});
      } else {
        pkt.tree.add(hs, f_verify_data, r, body, length, Value{});
      }
      break;
    case kKeyUpdate:
      // tshark adds the request to the record, beside the handshake message.
      pkt.add_item(record, f_key_update_request, r, body, 1);
      break;
    case kCompressedCertificate:
      dissect_compressed_certificate(pkt, r, body, hs);
      break;
    default:
      break;
  }
}

namespace {

// Whether a handshake record looks encrypted (tshark's is_encrypted_handshake_message).
bool looks_encrypted(RecordContext& ctx, const ByteReader& r, size_t off, size_t end,
                     bool maybe_encrypted) {
  if (end - off < 16) return false;
  if (maybe_encrypted) {
    // Two successive empty HelloRequests are more likely an explicit nonce; and everything
    // after this side's ChangeCipherSpec is encrypted.
    maybe_encrypted = (uint64_t{r.u8(off)} << 32 | r.u32(off + 1)) == 0;
    if (!maybe_encrypted) {
      uint64_t ccs = ctx.session.dir[ctx.dir].ccs_frame;
      maybe_encrypted = ccs != 0 && ctx.pkt.number > ccs;
    }
  }
  if (!maybe_encrypted) {
    maybe_encrypted = handshake_name(r.u8(off)) == nullptr || r.u24(off + 1) >= 0x10000;
  }
  return maybe_encrypted;
}

// The frames a reassembled handshake message came from (tls.handshake.fragments).
void show_fragments(Packet& pkt, int parent, const TlsHandshakeReassembly& h,
                    const ByteReader& whole) {
  int list = pkt.tree.add(parent, f_hs_fragments, whole, 0, whole.size(), Value{});
  std::string label = std::to_string(h.fragments.size()) + " Reassembled Handshake Fragments (" +
                      std::to_string(whole.size()) + " bytes): ";
  uint32_t off = 0;
  for (size_t i = 0; i < h.fragments.size(); ++i) {
    const auto& f = h.fragments[i];
    int c = pkt.tree.add(list, f_hs_fragment, whole, off, f.length, Value::of_uint(f.frame));
    if (pkt.labels) {
      pkt.set_label(c, "Frame: " + std::to_string(f.frame) + ", payload: " + std::to_string(off) +
                           "-" + std::to_string(off + f.length - 1) + " (" +
                           std::to_string(f.length) + " byte" + plural(f.length, "", "s") + ")");
      label += (i ? ", #" : "#") + std::to_string(f.frame) + "(" + std::to_string(f.length) + ")";
    }
    off += f.length;
  }
  if (label.size() > 239) label.resize(239);
  pkt.set_label(list, label);
  pkt.tree.add(list, f_hs_fragment_count, whole, 0, 0, Value::of_uint(h.fragments.size()),
               kGenerated);
}

}  // namespace

void dissect_distinguished_names(Packet& pkt, const ByteReader& r, size_t off, size_t end,
                                 int parent) {
  uint16_t dn_len = r.u16(off);
  pkt.add_item(parent, f_dnames_len, r, off, 2);
  off += 2;
  if (dn_len == 0) return;
  int list = pkt.tree.add(parent, f_dnames, r, off, dn_len, Value{});
  if (pkt.labels) pkt.set_label(list, count_label("Distinguished Names", dn_len, "byte", "bytes"));
  size_t list_end = std::min<size_t>(off + dn_len, end);
  while (off + 2 <= list_end) {
    uint16_t len = r.u16(off);
    pkt.add_item(list, f_dname_len, r, off, 2);
    dissect_x509_distinguished_name(r.sub(off + 2, len), pkt, list, f_dname);
    off += 2 + len;
  }
}

void add_signature_scheme(Packet& pkt, int parent, const ByteReader& r, size_t off) {
  int alg = pkt.add_item(parent, f_sig_hash_alg, r, off, 2);
  uint16_t v = r.u16(off);
  if (pkt.labels && !value_name(tls_values::kTlsSignatureSchemes, v)) {
    // An unnamed scheme is named by its hash and signature bytes (TLS 1.2's pairs).
    const char* hash = value_name(tls_values::kTlsSigHashHashes, v >> 8);
    const char* sig = value_name(tls_values::kTlsSigHashSignatures, v & 0xff);
    char code[8];
    std::snprintf(code, sizeof code, "%04x", v);
    pkt.set_label(alg, std::string("Signature Algorithm: ") + (hash ? hash : "Unknown") + " " +
                           (sig ? sig : "Unknown") + " (0x" + code + ")");
  }
  pkt.add_item(alg, f_sig_hash_hash, r, off, 1);
  pkt.add_item(alg, f_sig_hash_sig, r, off + 1, 1);
}

void dissect_handshake_record(RecordContext& ctx, const ByteReader& r, size_t off, size_t end,
                              int record, bool maybe_encrypted) {
  Packet& pkt = ctx.pkt;
  TlsHandshakeReassembly& h = ctx.session.dir[ctx.dir].handshake;
  bool first = true;
  if (h.active) {
    // Continue the message cut at the end of an earlier record.
    std::vector<uint8_t> head(h.bytes);
    for (size_t i = off; head.size() < 4 && i < end && r.has(i, 1); ++i) head.push_back(r.u8(i));
    size_t subset = end - off;
    size_t msg_len = 0;
    if (head.size() >= 4) {
      msg_len = 4 + (size_t{head[1]} << 16 | size_t{head[2]} << 8 | head[3]);
      subset = std::min(subset, msg_len - h.bytes.size());
    }
    if (!r.has(off, subset)) {
      h.active = false;  // bytes missing from the capture: the message cannot be completed
    } else {
      const uint8_t* p = r.ptr(off, subset);
      h.bytes.insert(h.bytes.end(), p, p + subset);
      h.fragments.push_back({pkt.number, static_cast<uint32_t>(subset)});
      bool last = h.bytes.size() == msg_len;
      if (!last) {
        show_details(ctx, record, h.type, false, false, false, r, off, end - off);
        return;
      }
      h.active = false;
      int item = pkt.tree.add(record, f_handshake, r, off, subset, Value{});
      if (pkt.labels) {
        const char* n = handshake_name(h.type);
        pkt.set_label(item, std::string("Handshake Protocol: ") +
                                (n ? n : "Encrypted Handshake Message") + " (last fragment)");
      }
      off += subset;
      auto* copy = static_cast<uint8_t*>(pkt.arena.alloc(h.bytes.size(), 1));
      std::memcpy(copy, h.bytes.data(), h.bytes.size());
      pkt.sources.push_back(
          DataSource{"Reassembled TLS Handshake", copy, static_cast<uint32_t>(h.bytes.size())});
      ByteReader whole(copy, h.bytes.size(), h.bytes.size(), 0,
                       static_cast<uint16_t>(pkt.sources.size()));
      show_fragments(pkt, record, h, whole);
      dissect_message(ctx, whole, 0, record, true);
      first = false;
    }
  } else if (looks_encrypted(ctx, r, off, end, maybe_encrypted)) {
    show_details(ctx, record, 0, true, true, true, r, off, end - off);
    return;
  }

  while (off < end) {
    size_t msg_len = 0, subset = end - off;
    if (subset >= 4) msg_len = 4 + size_t{r.u24(off + 1)};
    if (msg_len == 0 || subset < msg_len) {
      // The message continues in the next record(s) of this direction.
      h = TlsHandshakeReassembly{};
      h.type = r.u8(off);
      if (r.has(off, subset)) {
        h.active = true;
        const uint8_t* p = r.ptr(off, subset);
        h.bytes.assign(p, p + subset);
        h.fragments.push_back({pkt.number, static_cast<uint32_t>(subset)});
      }
      show_details(ctx, record, h.type, false, first, false, r, off, subset);
      break;
    }
    dissect_message(ctx, r, off, record, first);
    off += msg_len;
    first = false;
  }
}

size_t dissect_signature_algorithms(Packet& pkt, const ByteReader& r, size_t off, size_t end,
                                    int parent, std::vector<uint16_t>* schemes) {
  uint32_t len;
  if (!add_vector(pkt, parent, r, off, end, f_sig_hash_alg_len, 2, 0xfffe, &len)) return end;
  off += 2;
  size_t list_end = off + len;
  int list = pkt.tree.add(parent, f_sig_hash_algs, r, off, len, Value{});
  if (pkt.labels)
    pkt.set_label(list,
                  count_label("Signature Hash Algorithms", len / 2, "algorithm", "algorithms"));
  for (; off + 2 <= list_end; off += 2) {
    add_signature_scheme(pkt, list, r, off);
    if (schemes) schemes->push_back(r.u16(off));
  }
  if (!end_vector(pkt, list, r, off, list_end)) off = list_end;
  return off;
}

}  // namespace netsift::tls
