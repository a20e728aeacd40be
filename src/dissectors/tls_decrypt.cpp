// TLS decryption in the record layer: when a connection's keys take effect (TLS 1.0-1.2: each
// side's ChangeCipherSpec; TLS 1.3: the handshake keys after the ServerHello, the application
// keys after each side's Finished, new ones after a KeyUpdate), and how a decrypted record is
// shown: its plaintext as a "Decrypted TLS" data source, handshake messages and alerts dissected
// from it, application data handed to the protocol inside (tls_app_data.cpp), as tshark 4.0
// does. Keys come from the run's TlsSecrets.
#include <algorithm>
#include <array>
#include <string>

#include "analysis/tls_secrets.h"
#include "dissectors/tls.h"
#include "dissectors/tls_internal.h"
#include "dissectors/tls_values.h"

namespace netsift::tls {

namespace {

std::optional<TlsCipherSpec> session_spec(const TlsSession& s) {
  if (!s.values.have_cipher_suite) return std::nullopt;
  const char* name = value_name(tls_values::kTlsCipherSuites, s.values.cipher_suite);
  if (!name) return std::nullopt;
  return tls_cipher_spec(name);
}

// The master secret from a pre-master secret: from the randoms, or with the extended master
// secret from the session hash of the handshake messages (RFC 7627).
bool derive_master(TlsSession& s, const TlsCipherSpec& spec, const TlsSecret& pre_master) {
  std::string_view prf = s.version < kTls12 ? "MD5-SHA1" : std::string_view(spec.prf_digest);
  std::vector<uint8_t> master(48);
  bool ok;
  if (s.values.client_ems && s.values.server_ems) {
    if (s.transcript_state != TlsSession::Transcript::kComplete) return false;
    std::vector<uint8_t> hash = tls_session_hash(spec.prf_digest, s.version, s.transcript);
    ok = !hash.empty() && tls_prf(prf, pre_master, "extended master secret", hash, master);
    if (ok) {  // the master secret is all later records need
      std::vector<uint8_t>().swap(s.transcript);
      s.transcript_state = TlsSession::Transcript::kOff;
    }
  } else {
    std::vector<uint8_t> seed(s.values.client_random.begin(), s.values.client_random.end());
    seed.insert(seed.end(), s.values.server_random.begin(), s.values.server_random.end());
    ok = s.version == kSsl3 ? ssl3_derive(pre_master, seed, master)
                            : tls_prf(prf, pre_master, "master secret", seed, master);
  }
  if (ok) s.master_secret = std::move(master);
  return ok;
}

// The pre-master secret of an RSA key exchange: logged under the encrypted secret's first
// bytes ("RSA" key-log lines), or decrypted with a private key.
std::optional<TlsSecret> rsa_pre_master(Packet& pkt, const TlsSession& s) {
  const std::vector<uint8_t>& epms = s.values.encrypted_pre_master;
  if (epms.size() < 8) return std::nullopt;
  if (const TlsSecret* pms = secrets(pkt).pre_master_for({epms.begin(), epms.begin() + 8}))
    return *pms;
  return rsa_keys(pkt).decrypt_pre_master(epms);
}

// The master secret of a TLS 1.0-1.2 connection: from its client random (the secret itself,
// or derived from a logged pre-master secret), from an RSA key exchange, by the server's session
// id, or by the ticket a resumed session reuses.
bool find_master_secret(Packet& pkt, TlsSession& s, const TlsCipherSpec& spec) {
  // A renegotiation brings new randoms, and a new master secret.
  if (!s.master_secret.empty() && s.master_random == s.values.client_random) return true;
  s.master_secret.clear();
  s.master_random = s.values.client_random;
  TlsSecrets& keys = secrets(pkt);
  const TlsConnectionSecrets* c = keys.find(s.values.client_random);
  if (c && !c->master.empty()) {
    s.master_secret = c->master;
  } else if (c && !c->pre_master.empty()) {
    derive_master(s, spec, c->pre_master);
  } else if (std::optional<TlsSecret> pms = rsa_pre_master(pkt, s)) {
    derive_master(s, spec, *pms);
  }
  // By the server's session id whether or not the session is resumed: a key log's
  // "RSA Session-ID:" line names a full handshake's master secret too (tshark tries the
  // session id for every connection).
  if (s.master_secret.empty() && !s.values.server_session_id.empty())
    if (const TlsSecret* m = keys.master_for_session(s.values.server_session_id))
      s.master_secret = *m;
  if (s.master_secret.empty() && (s.resumed || s.resumption_candidate))
    if (const TlsSecret* m = keys.master_for_ticket(s.values.client_ticket)) s.master_secret = *m;
  if (s.master_secret.empty()) return false;
  keys.remember_session(s.values.server_session_id, s.master_secret);
  return true;
}

// The secret a TLS 1.3 direction uses in a phase, if known (yet).
const TlsSecret* tls13_secret(Packet& pkt, const TlsSession& s, bool server, Tls13Keys phase) {
  const TlsConnectionSecrets* c = secrets(pkt).find(s.values.client_random);
  if (!c) return nullptr;
  const TlsSecret& secret = phase == Tls13Keys::kHandshake
                                ? (server ? c->server_handshake : c->client_handshake)
                                : (server ? c->server_traffic : c->client_traffic);
  return secret.empty() ? nullptr : &secret;
}

// A TLS 1.3 direction enters a phase: its keys from `secret`, or none until the secret is known.
void install_tls13_keys(TlsSession& s, int dir, const TlsCipherSpec& spec, const TlsSecret* secret,
                        Tls13Keys phase, uint64_t seq = 0) {
  TlsDirectionState& d = s.dir[dir];
  d.decoder.reset();
  d.tls13_keys = phase;
  d.records_without_keys = 0;
  TlsDirectionKeys keys;
  if (!secret || !tls13_derive_keys(spec, *secret, keys)) return;
  d.decoder = std::make_unique<TlsRecordDecoder>(spec, kTls13, std::move(keys), false);
  d.decoder->set_sequence(seq);
  if (phase == Tls13Keys::kApplication) d.traffic_secret = *secret;
}

// The client's early data is over (its EndOfEarlyData, or a record its early keys do not open):
// its handshake keys take over once the ServerHello is known (tshark's rule).
void end_early_data(RecordContext& ctx) {
  TlsSession& s = ctx.session;
  s.values.client_early_data = false;
  std::optional<TlsCipherSpec> spec = session_spec(s);
  if (s.tls13_started && spec && spec->tls13)
    install_tls13_keys(s, ctx.dir, *spec, tls13_secret(ctx.pkt, s, false, Tls13Keys::kHandshake),
                       Tls13Keys::kHandshake);
}

// After a decrypted TLS 1.3 handshake record: its Finished switches the sender to its
// application keys, a KeyUpdate to the next ones (RFC 8446 section 7.2), the client's
// EndOfEarlyData to its handshake keys.
void follow_tls13_handshake(RecordContext& ctx, const ByteReader& plain) {
  TlsSession& s = ctx.session;
  std::optional<TlsCipherSpec> spec = session_spec(s);
  if (!spec) return;
  for (size_t off = 0; plain.has(off, 4); off += 4 + size_t{plain.u24(off + 1)}) {
    uint8_t type = plain.u8(off);
    TlsDirectionState& d = s.dir[ctx.dir];
    if (type == kEndOfEarlyData && d.tls13_keys == Tls13Keys::kEarly) {
      end_early_data(ctx);
    } else if (type == kFinished && d.tls13_keys == Tls13Keys::kHandshake) {
      install_tls13_keys(s, ctx.dir, *spec,
                         tls13_secret(ctx.pkt, s, ctx.is_server, Tls13Keys::kApplication),
                         Tls13Keys::kApplication);
    } else if (type == kKeyUpdate && d.tls13_keys == Tls13Keys::kApplication &&
               !d.traffic_secret.empty()) {
      std::vector<uint8_t> next(digest_size(spec->prf_digest));
      if (!tls13_expand_label(spec->prf_digest, d.traffic_secret, "traffic upd", next)) return;
      install_tls13_keys(s, ctx.dir, *spec, &next, Tls13Keys::kApplication);
    }
  }
}

}  // namespace

void start_decryption_tls12(RecordContext& ctx) {
  TlsSession& s = ctx.session;
  TlsDirectionState& d = s.dir[ctx.dir];
  d.decoder.reset();
  d.records_without_keys = 0;
  if (s.version < kSsl3 || s.version > kTls12 || !s.values.have_client_random ||
      !s.values.have_server_random)
    return;
  std::optional<TlsCipherSpec> spec = session_spec(s);
  if (!spec || spec->tls13 || !find_master_secret(ctx.pkt, s, *spec)) return;
  // The key block gives both directions' keys: the first ChangeCipherSpec derives it, the
  // second takes what is left for it.
  std::array<uint8_t, 64> randoms;
  std::copy(s.values.client_random.begin(), s.values.client_random.end(), randoms.begin());
  std::copy(s.values.server_random.begin(), s.values.server_random.end(), randoms.begin() + 32);
  TlsDirectionKeys keys;
  if (d.derived_keys && d.keys_randoms == randoms) {
    keys = std::move(*d.derived_keys);
  } else {
    TlsDirectionKeys client, server;
    if (!tls12_derive_keys(*spec, s.version, s.master_secret, s.values.client_random,
                           s.values.server_random, client, server))
      return;
    keys = std::move(ctx.is_server ? server : client);
    TlsDirectionState& peer = s.dir[1 - ctx.dir];
    peer.derived_keys =
        std::make_unique<TlsDirectionKeys>(std::move(ctx.is_server ? client : server));
    peer.keys_randoms = randoms;
  }
  d.derived_keys.reset();
  bool etm = spec->mode == TlsCipherMode::kCbc && s.values.client_etm && s.values.server_etm;
  d.decoder = std::make_unique<TlsRecordDecoder>(*spec, s.version, std::move(keys), etm);
  if (!d.decoder->usable()) d.decoder.reset();
}

void start_decryption_tls13(RecordContext& ctx) {
  TlsSession& s = ctx.session;
  s.tls13_started = true;
  std::optional<TlsCipherSpec> spec = session_spec(s);
  if (!spec || !spec->tls13) return;
  int server_dir = ctx.dir, client_dir = 1 - ctx.dir;
  install_tls13_keys(s, server_dir, *spec, tls13_secret(ctx.pkt, s, true, Tls13Keys::kHandshake),
                     Tls13Keys::kHandshake);
  // A client sending early data keeps its early keys until its EndOfEarlyData.
  if (!s.values.client_early_data)
    install_tls13_keys(s, client_dir, *spec, tls13_secret(ctx.pkt, s, false, Tls13Keys::kHandshake),
                       Tls13Keys::kHandshake);
}

namespace {

// A direction whose keys took effect without a known secret: the secret may have arrived
// since (an F5 trailer read from a pipe). Returns whether the direction is protected at all.
bool attach_late_keys(RecordContext& ctx) {
  TlsSession& s = ctx.session;
  TlsDirectionState& d = s.dir[ctx.dir];
  bool protected_direction = d.tls13_keys != Tls13Keys::kNone ||
                             (d.ccs_frame != 0 && s.version >= kSsl3 && s.version <= kTls12);
  if (!protected_direction) return false;
  // Nothing new to look at since the last try (the common case of a capture without keys).
  uint64_t generation = secrets(ctx.pkt).generation() + 1;
  if (d.secrets_tried == generation) return true;
  d.secrets_tried = generation;
  uint64_t skipped = d.records_without_keys;
  if (d.tls13_keys != Tls13Keys::kNone) {
    std::optional<TlsCipherSpec> spec = session_spec(s);
    if (!spec) return true;
    if (const TlsSecret* secret = tls13_secret(ctx.pkt, s, ctx.is_server, d.tls13_keys))
      install_tls13_keys(s, ctx.dir, *spec, secret, d.tls13_keys, skipped);
    d.records_without_keys = skipped;
    return true;
  }
  start_decryption_tls12(ctx);
  d.records_without_keys = skipped;
  if (d.decoder) d.decoder->set_sequence(skipped);
  return true;
}

// TLS 1.3 with secrets that arrived late: the sender may have left its handshake keys before
// this side could see its Finished. Its first application record then decrypts with the
// application keys.
bool try_application_keys(RecordContext& ctx) {
  TlsSession& s = ctx.session;
  TlsDirectionState& d = s.dir[ctx.dir];
  std::optional<TlsCipherSpec> spec = session_spec(s);
  const TlsSecret* secret = tls13_secret(ctx.pkt, s, ctx.is_server, Tls13Keys::kApplication);
  if (d.tls13_keys != Tls13Keys::kHandshake || !spec || !secret) return false;
  install_tls13_keys(s, ctx.dir, *spec, secret, Tls13Keys::kApplication);
  return true;
}

// TLS 1.3 0-RTT data (RFC 8446 section 4.2.10): the client's records after a ClientHello that
// offered early data, under keys from its CLIENT_EARLY_TRAFFIC_SECRET. Its cipher suite is
// the resumed session's, unknown here: as tshark does, the first record is tried with each
// TLS 1.3 suite, and the one that opens it is kept. Returns whether `record` decrypted.
bool decrypt_early_data(RecordContext& ctx, uint16_t wire_version, std::span<const uint8_t> record,
                        uint8_t* inner) {
  TlsSession& s = ctx.session;
  TlsDirectionState& d = s.dir[ctx.dir];
  if (d.tls13_keys == Tls13Keys::kEarly)
    return d.decoder && d.decoder->decrypt(kApplicationData, wire_version, record, inner);
  if (s.early_data_tried) return false;
  s.early_data_tried = true;
  const TlsConnectionSecrets* c = secrets(ctx.pkt).find(s.values.client_random);
  if (!c || c->client_early.empty()) return false;
  for (const char* suite :
       {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_8_SHA256"}) {
    std::optional<TlsCipherSpec> spec = tls_cipher_spec(suite);
    TlsDirectionKeys keys;
    if (!spec || !tls13_derive_keys(*spec, c->client_early, keys)) continue;
    auto decoder = std::make_unique<TlsRecordDecoder>(*spec, kTls13, std::move(keys), false);
    if (!decoder->usable() || !decoder->decrypt(kApplicationData, wire_version, record, inner))
      continue;
    d.decoder = std::move(decoder);
    d.tls13_keys = Tls13Keys::kEarly;
    return true;
  }
  return false;
}

}  // namespace

bool dissect_protected_record(RecordContext& ctx, const ByteReader& r, size_t body, size_t length,
                              uint8_t content_type, uint16_t wire_version, int record) {
  TlsDirectionState& d = ctx.session.dir[ctx.dir];
  if (length == 0 || !r.has(body, length)) return false;
  // TLS 1.3 protects application data records only (the rest is plaintext).
  if (ctx.session.version == kTls13 && content_type != kApplicationData) return false;
  uint8_t inner = 0;
  std::span<const uint8_t> record_bytes{r.ptr(body, length), length};
  bool early = false;
  if (ctx.session.values.client_early_data && !ctx.is_server && content_type == kApplicationData) {
    early = decrypt_early_data(ctx, wire_version, record_bytes, &inner);
    if (!early) end_early_data(ctx);
  }
  if (!early) {
    if (!d.decoder && attach_late_keys(ctx) && !d.decoder) {
      ++d.records_without_keys;
      return false;
    }
    if (!d.decoder) return false;
    d.decoder->set_ignore_mac_failure(ignore_mac_failed(ctx.pkt));
    if (!d.decoder->decrypt(content_type, wire_version, record_bytes, &inner) &&
        !(try_application_keys(ctx) &&
          d.decoder->decrypt(content_type, wire_version, record_bytes, &inner)))
      return false;
  }
  Packet& pkt = ctx.pkt;
  bool tls13 = d.decoder->spec().tls13;
  ByteReader plain = add_decrypted_source(pkt, "Decrypted TLS", d.decoder->plaintext());
  if (tls13) pkt.add_generated_uint(record, f_content_type, inner);
  auto* tapped = new (pkt.arena.alloc(sizeof(TlsDecryptedRecord), alignof(TlsDecryptedRecord)))
      TlsDecryptedRecord{inner, {plain.data(), plain.size()}};
  pkt.taps.push_back(TapRecord{kTlsDecryptedTap, tapped});
  switch (inner) {
    case kChangeCipherSpec:
      // Encrypted in a renegotiation; shown as a plain one, from the record's own bytes.
      return false;
    case kHandshake:
      dissect_handshake_record(ctx, plain, 0, plain.size(), record, false);
      if (tls13) follow_tls13_handshake(ctx, plain);
      break;
    case kAlert:
      dissect_alert(ctx, plain, 0, plain.size(), record);
      break;
    case kApplicationData:
      dissect_application_data(ctx, r, body, length, record, ctx.version);
      dissect_app_plaintext(ctx, plain);
      break;
    default:
      break;
  }
  return true;
}

}  // namespace netsift::tls

namespace netsift {
const char kTlsDecryptedTap[] = "tls";
}  // namespace netsift
