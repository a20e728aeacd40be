// Transport Layer Security (SSL 3.0, TLS 1.0-1.3; RFC 6101, 2246, 4346, 5246, 8446) over TCP as
// tshark 4.0 shows it without keys. This file reads the record layer: the records of a segment,
// TCP desegmentation of records cut across segments, the version the connection negotiated
// (it decides how records are labelled), ChangeCipherSpec, Alert, ApplicationData and
// Heartbeat records. Handshake records go to tls_handshake.cpp.
#include <algorithm>
#include <cctype>
#include <memory>
#include <string>

#include "analysis/tcp_conversations.h"
#include "core/conversation.h"
#include "core/expert.h"
#include "core/field_registry.h"
#include "core/preferences.h"
#include "core/protocol_state.h"
#include "core/session.h"
#include "dissectors/tcp_desegment.h"
#include "dissectors/tls.h"
#include "dissectors/tls_certificates.h"
#include "dissectors/tls_internal.h"
#include "dissectors/tls_values.h"

namespace netsift {

using namespace tls;

namespace {

// tshark's tls.tcp.ports default: the ports other protocols register TLS on.
constexpr uint16_t kTcpPorts[] = {324,  443,  465,  636,  802,  853,   993,   995,  1300,
                                  2221, 2443, 3249, 3250, 3251, 3252,  3496,  5061, 5671,
                                  5684, 5868, 8883, 11207, 19999, 27017};

// The protocol tshark expects inside TLS on a port (its "tls.port" table), named in the
// ApplicationData record's label.
struct AppPort {
  uint16_t port;
  const char* protocol;
};
constexpr AppPort kAppPorts[] = {
    {324, "RPKI-Router Protocol"},
    {443, "Hypertext Transfer Protocol"},
    {465, "Simple Mail Transfer Protocol"},
    {636, "Lightweight Directory Access Protocol"},
    {802, "Modbus/TCP"},
    {853, "Domain Name System"},
    {993, "Internet Message Access Protocol"},
    {995, "Post Office Protocol"},
    {1300, "Q.931"},
    {2221, "EtherNet/IP (Industrial Protocol)"},
    {2443, "Skinny Client Control Protocol"},
    {3249, "Intel Omni-Path FE Header - Omni-Path Fabric Executive Header"},
    {3250, "Intel Omni-Path FE Header - Omni-Path Fabric Executive Header"},
    {3251, "Intel Omni-Path FE Header - Omni-Path Fabric Executive Header"},
    {3252, "Intel Omni-Path FE Header - Omni-Path Fabric Executive Header"},
    {3389, "TPKT - ISO on TCP - RFC1006"},
    {3496, "DoIP (ISO13400) Protocol"},
    {5061, "Session Initiation Protocol"},
    {5671, "Advanced Message Queuing Protocol"},
    {5684, "Constrained Application Protocol"},
    {5868, "Diameter Protocol"},
    {8883, "MQ Telemetry Transport Protocol"},
    {11207, "Couchbase Protocol"},
    {19999, "Distributed Network Protocol 3.0"},
    {27017, "Mongo Wire Protocol"},
};

const char* app_protocol_on(uint16_t port) {
  for (const AppPort& a : kAppPorts)
    if (a.port == port) return a.protocol;
  return nullptr;
}

constexpr size_t kMaxRecordLength = 16384;  // TLS_MAX_RECORD_LENGTH

// tshark's tls preferences (registered at the end of this file).
StringPref pref_keys_list, pref_debug_file, pref_psk, pref_keylog_file;
BoolPref pref_desegment_records, pref_desegment_app_data, pref_ignore_mac_failed;

bool valid_content_type(uint8_t t) {
  return t >= kChangeCipherSpec && t <= kTls12Cid;
}

// Versions a record header may carry for SSLv3/TLS (tshark's ssl_looks_like_sslv3).
bool v3_record_version(uint16_t v) {
  return v == kSsl3 || v == kTls10 || v == kTls11 || v == kTls12 || v == kTlcp;
}

// The version a message settles for the connection (tls_try_get_version): TLS 1.3 drafts and
// Facebook's variants count as TLS 1.3; anything else unknown is ignored.
uint16_t settled_version(uint16_t v) {
  if (v3_record_version(v) || v == kTls13) return v;
  if ((v & 0xff00) == 0x7f00 || (v & 0xff00) == 0xfb00) return kTls13;
  return 0;
}

// Whether a record tells the connection's version: any valid record but a ClientHello (the
// client only proposes).
void try_set_version(TlsSession& s, uint8_t content_type, uint8_t next_byte, uint16_t version) {
  bool authoritative = content_type == kHandshake
                           ? value_name(tls_values::kTlsHandshakeTypes, next_byte) != nullptr &&
                                 next_byte != kClientHello
                           : valid_content_type(content_type);
  if (!authoritative) return;
  if (uint16_t v = settled_version(version)) s.version = v;
}

const char* short_or(uint16_t v, const char* fallback) {
  const char* n = version_short_name(v);
  return n ? n : fallback;
}

}  // namespace

void tls::dissect_alert(RecordContext& ctx, const ByteReader& r, size_t off, size_t len, int record) {
  Packet& pkt = ctx.pkt;
  int alert = pkt.tree.add(record, f_alert, r, off, len, Value{});
  // tshark assumes alerts are never fragmented: any other length is an encrypted alert.
  if (len != 2) {
    if (pkt.cols.enabled) append_info(pkt, "Encrypted Alert");
    if (pkt.labels) {
      pkt.set_label(record, std::string(short_or(ctx.session.version, "TLS")) +
                                " Record Layer: Encrypted Alert");
      pkt.set_label(alert, "Alert Message: Encrypted Alert");
    }
    return;
  }
  const char* level = value_name(tls_values::kTlsAlertLevels, r.u8(off));
  const char* desc = value_name(tls_values::kTlsAlertDescriptions, r.u8(off + 1));
  std::string text = std::string("Alert (Level: ") + (level ? level : "Unknown") +
                     ", Description: " + (desc ? desc : "Unknown") + ")";
  if (pkt.cols.enabled) append_info(pkt, text);
  if (pkt.labels)
    pkt.set_label(record,
                  std::string(short_or(ctx.session.version, "TLS")) + " Record Layer: " + text);
  pkt.add_item(alert, f_alert_level, r, off, 1);
  pkt.add_item(alert, f_alert_desc, r, off + 1, 1);
}

namespace {

void dissect_heartbeat(RecordContext& ctx, const ByteReader& r, size_t off, size_t len,
                       int record) {
  Packet& pkt = ctx.pkt;
  int hb = pkt.tree.add(record, f_heartbeat, r, off, len, Value{});
  const char* type = value_name(tls_values::kTlsHeartbeatTypes, r.u8(off));
  uint16_t payload_len = r.u16(off + 1);
  // Before a ChangeCipherSpec heartbeats are plaintext; tshark also takes a record too short
  // for padding, or one with room for the payload and 16 bytes of padding, as plaintext.
  bool plaintext = ctx.session.dir[ctx.dir].ccs_frame == 0 || len <= 19 ||
                   3u + payload_len + 16 <= len;
  if (!(type && plaintext)) {
    if (pkt.cols.enabled) append_info(pkt, "Encrypted Heartbeat");
    return;
  }
  if (pkt.cols.enabled) append_info(pkt, std::string("Heartbeat ") + type);
  if (pkt.labels)
    pkt.set_label(record, std::string(short_or(ctx.session.version, "SSL")) +
                              " Record Layer: Heartbeat " + type);
  pkt.add_item(hb, f_hb_type, r, off, 1);
  int pl = pkt.add_item(hb, f_hb_payload_length, r, off + 1, 2);
  size_t payload = payload_len, padding = len - 3 - payload_len;
  if (3u + payload_len + 16 > len) {
    payload = len - 3;
    padding = 0;
    if (pkt.labels)
      pkt.set_label(pl, "Payload Length: " + std::to_string(payload_len) +
                            " (invalid, using " + std::to_string(payload) +
                            " to decode payload)");
  }
  int p = pkt.add_item(hb, f_hb_payload, r, off + 3, payload);
  if (pkt.labels)
    pkt.set_label(p, "Payload (" + std::to_string(payload) + " byte" + plural(payload, "", "s") +
                         ")");
  if (padding) {
    int pad = pkt.add_item(hb, f_hb_padding, r, off + 3 + payload, padding);
    if (pkt.labels)
      pkt.set_label(pad, "Padding and HMAC (" + std::to_string(padding) + " byte" +
                             plural(padding, "", "s") + ")");
  }
}

}  // namespace

void tls::dissect_application_data(RecordContext& ctx, const ByteReader& r, size_t off, size_t len,
                              int record, uint16_t version) {
  Packet& pkt = ctx.pkt;
  if (pkt.cols.enabled) append_info(pkt, "Application Data");
  const char* app = ctx.session.app_protocol;
  if (!app) app = app_protocol_on(pkt.src_port);
  if (!app) app = app_protocol_on(pkt.dst_port);
  if (pkt.labels)
    pkt.set_label(record, std::string(short_or(version, "SSL")) +
                              " Record Layer: Application Data Protocol: " +
                              (app ? app : "Application Data"));
  pkt.add_item(record, f_app_data, r, off, len);
  if (app) pkt.add_generated_string(record, f_app_data_proto, app);
}

namespace {

// One SSLv3/TLS record at r[off]. Returns the offset after it, or `off` after asking TCP for
// the rest of the record.
size_t dissect_record(const ByteReader& r, size_t off, Packet& pkt, TlsSession& s, int top,
                      bool* need_more) {
  size_t available = r.reported_remaining(off);
  // TLS 1.0-1.2 ignore records of unknown types (RFC 2246 section 6).
  if (s.version >= kTls10 && s.version <= kTls12 && !valid_content_type(r.u8(off))) {
    if (pkt.cols.enabled) append_info(pkt, "Ignored Unknown Record");
    int n = add_text(pkt, top, r, off, available, "Ignored Unknown Record");
    add_expert(pkt, n, f_ignored_unknown_record, r, off, available, "Ignored Unknown Record",
               kExpertWarn, kGroupProtocol);
    return off + available;
  }
  if (available < 5) {
    if (pkt.scratch<TcpPayloadContext>().can_desegment) {
      pkt.scratch<TcpPayloadContext>().desegment_offset = static_cast<uint32_t>(off);
      pkt.scratch<TcpPayloadContext>().desegment_len = kDesegmentOneMoreSegment;
      *need_more = true;
      return off;
    }
    return off + available;
  }
  uint8_t content_type = r.u8(off);
  uint16_t version = r.u16(off + 1);
  const uint16_t wire_version = version;
  size_t length = r.u16(off + 3);
  if (!valid_content_type(content_type)) {
    if (pkt.cols.enabled) append_info(pkt, "Continuation Data");
    return off + 5 + length;
  }
  if (available < length + 5) {
    if (pkt.scratch<TcpPayloadContext>().can_desegment) {
      pkt.scratch<TcpPayloadContext>().desegment_offset = static_cast<uint32_t>(off);
      pkt.scratch<TcpPayloadContext>().desegment_len = static_cast<uint32_t>(length + 5 - available);
      *need_more = true;
      return off;
    }
    return off + available;
  }

  int record = pkt.tree.add(top, f_record, r, off, 5 + length, Value{});
  bool tls13 = s.version == kTls13;
  pkt.add_item(record, tls13 && content_type == kApplicationData ? f_opaque_type : f_content_type,
               r, off, 1);
  pkt.add_item(record, f_record_version, r, off + 1, 2);
  pkt.add_uint(record, f_record_length, r, off + 3, 2, length);
  size_t body = off + 5;
  // Until the connection's version is known, the record's own version labels it; a record the
  // server sends settles it.
  if (s.version == 0) {
    try_set_version(s, content_type, r.u8(body), version);
    if (pkt.cols.enabled) pkt.cols.set_protocol(short_or(version, "SSL"));
  } else {
    // Each record shows the version settled so far (a ServerHello may change it for the
    // records after it; the record that changed it keeps its own).
    version = s.version;
    if (pkt.cols.enabled) pkt.cols.set_protocol(short_or(version, "SSL"));
  }

  int dir = direction(s, pkt);
  RecordContext ctx{pkt, top, s, dir, from_server(s, pkt), version,
                    static_cast<uint32_t>(r.origin() + off) + r.source() * 0x10000u};
  if (dissect_protected_record(ctx, r, body, length, content_type, wire_version, record))
    return body + length;
  switch (content_type) {
    case kChangeCipherSpec:
      if (pkt.cols.enabled) append_info(pkt, "Change Cipher Spec");
      if (pkt.labels)
        pkt.set_label(record, std::string(short_or(version, "SSL")) +
                                  " Record Layer: Change Cipher Spec Protocol: Change Cipher Spec");
    {
      int ccs = pkt.tree.add(record, f_ccs, r, body, 1, Value{});
      if (version == kTls13) break;
      s.dir[dir].ccs_frame = pkt.number;
      start_decryption_tls12(ctx);
      // The server switching ciphers right after a ServerHello that took the client's session
      // id back: an abbreviated handshake. Any later ChangeCipherSpec is not one.
      if (ctx.is_server) {
        if (s.resumption_candidate) {
          s.resumed = true;
          add_expert(pkt, ccs, f_resumed, r, body, 1,
                     "This session reuses previously negotiated keys (Session resumption)",
                     kExpertNote, kGroupSequence);
        }
        s.resumption_candidate = false;
      }
      break;
    }
    case kAlert:
      dissect_alert(ctx, r, body, length, record);
      break;
    case kHandshake:
      dissect_handshake_record(ctx, r, body, body + length, record, true);
      // The ServerHello of TLS 1.3: the next records are protected by the handshake keys.
      if (s.version == kTls13 && ctx.is_server && s.values.have_server_random &&
          !s.tls13_started)
        start_decryption_tls13(ctx);
      break;
    case kApplicationData:
      dissect_application_data(ctx, r, body, length, record, version);
      break;
    case kHeartbeat:
      if (version != kTls13) dissect_heartbeat(ctx, r, body, length, record);
      break;
    default:
      break;
  }
  return body + length;
}

// An SSLv2 record with a two-byte header: the SSLv2-compatible ClientHello of SSLv3 and TLS
// clients is dissected, other SSLv2 messages are shown by type only.
size_t dissect_ssl2_record(const ByteReader& r, size_t off, Packet& pkt, TlsSession& s, int top,
                           bool* need_more) {
  size_t available = r.reported_remaining(off);
  if (!(r.u8(off) & 0x80)) {  // three-byte headers (padded, encrypted records)
    append_info(pkt, "Continuation Data");
    return off + available;
  }
  size_t length = size_t{r.u8(off) & 0x7fu} << 8 | r.u8(off + 1);
  if (available < length + 2) {
    if (pkt.scratch<TcpPayloadContext>().can_desegment) {
      pkt.scratch<TcpPayloadContext>().desegment_offset = static_cast<uint32_t>(off);
      pkt.scratch<TcpPayloadContext>().desegment_len = static_cast<uint32_t>(length + 2 - available);
      *need_more = true;
      return off;
    }
    return off + available;
  }
  if (s.version == 0 && pkt.cols.enabled) pkt.cols.set_protocol("SSLv2");
  int record = pkt.tree.add(top, f_record, r, off, 2 + length, Value{});
  pkt.add_generated_uint(record, f_record_version, kSsl2);
  pkt.add_uint(record, f_record_length, r, off, 2, length);
  size_t p = off + 2;
  uint8_t type = r.u8(p);
  const char* name = value_name(tls_values::kTlsSsl2MessageTypes, type);
  if (pkt.cols.enabled) append_info(pkt, name ? name : "Unknown");
  if (pkt.labels)
    pkt.set_label(record, std::string("SSLv2 Record Layer: ") + (name ? name : "Unknown"));
  pkt.add_item(record, f_ssl2_msg_type, r, p, 1);
  if (type != kClientHello) return off + 2 + length;
  pkt.add_item(record, f_hs_version, r, p + 1, 2);
  uint16_t specs = r.u16(p + 3), id_len = r.u16(p + 5), challenge = r.u16(p + 7);
  pkt.add_item(record, f_ssl2_cipher_spec_len, r, p + 3, 2);
  pkt.add_item(record, f_ssl2_session_id_len, r, p + 5, 2);
  pkt.add_item(record, f_ssl2_challenge_len, r, p + 7, 2);
  p += 9;
  int list = add_text(pkt, record, r, p, specs,
                      "Cipher Specs (" + std::to_string(specs / 3) + " spec" +
                          plural(specs / 3, "", "s") + ")");
  for (size_t i = 0; i + 2 < specs; i += 3) pkt.add_item(list, f_ssl2_cipher_spec, r, p + i, 3);
  p += specs;
  if (id_len) pkt.add_item(record, f_session_id, r, p, id_len);
  p += id_len;
  if (challenge) {
    pkt.tree.add(record, f_ssl2_challenge, r, p, challenge, Value{});
    // The challenge is the client random, right-aligned in 32 bytes.
    if (challenge <= 32) {
      s.values.client_random.fill(0);
      const uint8_t* c = r.ptr(p, challenge);
      std::copy(c, c + challenge, s.values.client_random.begin() + (32 - challenge));
      s.values.have_client_random = true;
    }
  }
  return off + 2 + length;
}

size_t dissect_tls_tcp(const ByteReader& r, Packet& pkt, int);

bool printable4(const ByteReader& r) {
  if (r.size() <= 4) return false;
  for (size_t i = 0; i < 4; ++i)
    if (!std::isprint(r.u8(i))) return false;
  return true;
}

// A SSLv2-style record header starting with a ClientHello (tshark's ssl_is_v2_client_hello).
bool is_v2_client_hello(const ByteReader& r, size_t off) {
  return r.has(off, 3) && r.u8(off) == 0x80 && r.u8(off + 2) == 0x01;
}

// An SSLv2 record header followed by a plausible SSLv2 (or PCT) message type (tshark's
// ssl_looks_like_sslv2).
bool looks_like_ssl2(const ByteReader& r, size_t off) {
  if (!r.has(off, 3) || r.u8(off) < 0x80) return false;
  uint8_t type = r.u8(off + 2);
  return type >= 1 && type <= 5;
}

// What tshark's TCP does with a payload its port's dissector declined: the heuristics (one that
// accepts claims the connection), else the data dissector.
size_t not_tls(const ByteReader& r, Packet& pkt) {
  for (const HeuristicDissector& h : tables::tcp_heuristics()) {
    if (h.dissect == dissect_tls_tcp || !h.accepts(r)) continue;
    if (pkt.conversation) pkt.conversation->state<TcpConversation>().app_dissector = h.dissect;
    return h.dissect(r, pkt, -1);
  }
  return pkt.call_data(r, -1);
}

// The records in r under `parent`: tshark's dissect_ssl once it has accepted the bytes.
size_t dissect_records(const ByteReader& r, Packet& pkt, int parent) {
  TlsSession& s = session(pkt);
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol(short_or(s.version, "SSL"));
    pkt.cols.set_info("");
  }
  int top = pkt.add_protocol(parent, proto_tls, r, 0, r.size());
  size_t off = 0;
  while (off < r.reported_size()) {
    bool need_more = false;
    if (r.reported_remaining(off) < 5) {
      if (pkt.scratch<TcpPayloadContext>().can_desegment) {
        pkt.scratch<TcpPayloadContext>().desegment_offset = static_cast<uint32_t>(off);
        pkt.scratch<TcpPayloadContext>().desegment_len = kDesegmentOneMoreSegment;
        need_more = true;
      } else {
        off = r.reported_size();
      }
    } else if (s.version == kSsl2 || is_v2_client_hello(r, off) ||
               (s.version == 0 && looks_like_ssl2(r, off))) {
      off = dissect_ssl2_record(r, off, pkt, s, top, &need_more);
    } else if (s.version != 0 && s.version != kTls13) {
      off = dissect_record(r, off, pkt, s, top, &need_more);
    } else if (valid_content_type(r.u8(off)) && v3_record_version(r.u16(off + 1))) {
      off = dissect_record(r, off, pkt, s, top, &need_more);
    } else {
      off = r.reported_size();
      if (pkt.cols.enabled) append_info(pkt, "Continuation Data");
    }
    if (need_more) break;
  }
  if (pkt.cols.enabled) pkt.cols.fence();
  return r.reported_size();
}

size_t dissect_tls_tcp(const ByteReader& r, Packet& pkt, int) {
  // Four printable characters are plaintext, not TLS (a STARTTLS conversation before its
  // upgrade, or text on a TLS port): tshark declines them.
  if (printable4(r)) return not_tls(r, pkt);
  return dissect_records(r, pkt, -1);
}

// tshark's TLS heuristic: a record header of a Handshake or ApplicationData record with a
// common version and a sane length, or an SSLv2-compatible ClientHello.
bool looks_like_tls(const ByteReader& r) {
  if (r.size() >= 5) {
    uint8_t type = r.u8(0);
    uint16_t version = r.u16(1);
    uint16_t length = r.u16(3);
    if ((type == kHandshake || type == kApplicationData) && v3_record_version(version) &&
        length != 0 && length < kMaxRecordLength + 2048)
      return true;
  }
  if (r.size() < 46 || r.u8(0) != 0x80 || r.u8(2) != 1) return false;
  uint16_t cipher_spec_length = r.u16(5), session_id_length = r.u16(7);
  return cipher_spec_length != 0 && cipher_spec_length % 3 == 0 &&
         (session_id_length == 0 || session_id_length == 16) && r.u16(9) == 32;
}

}  // namespace

size_t dissect_tls_carried(const ByteReader& r, Packet& pkt, int parent) {
  if (printable4(r)) return 0;
  return dissect_records(r, pkt, parent);
}

namespace tls {

bool ignore_mac_failed(const Packet& pkt) {
  return pkt.session->prefs.get(pref_ignore_mac_failed);
}

TlsSession& session(Packet& pkt) {
  static TlsSession detached;  // TLS not over a tracked transport conversation
  if (!pkt.conversation) {
    detached = TlsSession{};
    return detached;
  }
  return pkt.conversation->state<TlsSession>();
}

int direction(TlsSession& s, const Packet& pkt) {
  if (!s.have_first_sender) {
    s.have_first_sender = true;
    s.first_sender = pkt.src;
    s.first_sender_port = pkt.src_port;
  }
  return pkt.src == s.first_sender && pkt.src_port == s.first_sender_port ? 0 : 1;
}

const char* version_short_name(uint16_t version) {
  switch (version) {
    case kSsl2:
      return "SSLv2";
    case kSsl3:
      return "SSLv3";
    case kTls10:
      return "TLSv1";
    case kTls11:
      return "TLSv1.1";
    case kTls12:
      return "TLSv1.2";
    case kTls13:
      return "TLSv1.3";
    case 0xfeff:
      return "DTLSv1.0";
    case 0xfefd:
      return "DTLSv1.2";
    case 0x0100:
      return "DTLS 1.0 (OpenSSL pre 0.9.8f)";
    default:
      return nullptr;
  }
}

bool from_server(const TlsSession& s, const Packet& pkt) {
  if (s.have_server) return pkt.src == s.server && pkt.src_port == s.server_port;
  return app_protocol_on(pkt.src_port) != nullptr;
}

TlsSecrets& secrets(Packet& pkt) {
  TlsSecrets& keys = pkt.session->state<TlsSecrets>();
  const std::string& file = pkt.session->prefs.get(pref_keylog_file);
  if (!file.empty()) keys.add_file(file);
  return keys;
}

TlsRsaKeys& rsa_keys(Packet& pkt) {
  TlsRsaKeys& keys = pkt.session->state<TlsRsaKeys>();
  // rsa_keys: uri, password; ssl_keys: ip, port, protocol, keyfile, password (the address,
  // port and protocol are not needed to find a key: each key is tried).
  if (const UatTable* t = pkt.session->prefs.find_uat("rsa_keys"))
    for (const UatRecord& rec : t->records)
      if (rec.size() >= 2) keys.add_file(rec[0], rec[1]);
  if (const UatTable* t = pkt.session->prefs.find_uat("ssl_keys"))
    for (const UatRecord& rec : t->records)
      if (rec.size() >= 5) keys.add_file(rec[3], rec[4]);
  return keys;
}

int add_text(Packet& pkt, int parent, const ByteReader& r, size_t off, size_t len,
             std::string_view text) {
  r.need(off, len);  // as tshark's subtrees, the bytes must exist
  int n = pkt.tree.add(parent, f_text, r, off, len, Value{});
  pkt.set_label(n, text);
  return n;
}

}  // namespace tls

namespace {

// tshark 4.0's tls preferences, accepted, kept and listed (-G defaultprefs) so that command
// lines and profiles written for tshark work. tls.keylog_file feeds decryption; RSA keys
// (keys_list), the PSK and the debug file have no effect yet, and record and application
// data desegmentation are always on; ignore_ssl_mac_failed keeps a record's plaintext whose
// MAC or authentication tag is wrong.

const PrefReg kTlsPrefs[] = {
    pref_string(&pref_keys_list, "keys_list",
                "Semicolon-separated list of private RSA keys used for TLS decryption. Used by "
                "versions of Wireshark prior to 1.6"),
    pref_filename(&pref_debug_file, "debug_file",
                  "Redirect TLS debug to the file specified. Leave empty to disable debugging or "
                  "use \"-\" to redirect output to stderr."),
    pref_bool(&pref_desegment_records, "desegment_ssl_records",
              "Whether the TLS dissector should reassemble TLS records spanning multiple TCP "
              "segments. To use this option, you must also enable \"Allow subdissectors to "
              "reassemble TCP streams\" in the TCP protocol settings.",
              true),
    pref_bool(&pref_desegment_app_data, "desegment_ssl_application_data",
              "Whether the TLS dissector should reassemble TLS Application Data spanning "
              "multiple TLS records. ",
              true),
    pref_bool(&pref_ignore_mac_failed, "ignore_ssl_mac_failed",
              "For troubleshooting ignore the mac check result and decrypt also if the Message "
              "Authentication Code (MAC) fails.",
              false),
    pref_string(&pref_psk, "psk", "Pre-Shared Key as HEX string. Should be 0 to 16 bytes."),
    pref_filename(&pref_keylog_file, "keylog_file",
                  "The name of a file which contains a list of \n"
                  "(pre-)master secrets in one of the following formats:\n"
                  "\n"
                  "RSA <EPMS> <PMS>\n"
                  "RSA Session-ID:<SSLID> Master-Key:<MS>\n"
                  "CLIENT_RANDOM <CRAND> <MS>\n"
                  "PMS_CLIENT_RANDOM <CRAND> <PMS>\n"
                  "\n"
                  "Where:\n"
                  "<EPMS> = First 8 bytes of the Encrypted PMS\n"
                  "<PMS> = The Pre-Master-Secret (PMS) used to derive the MS\n"
                  "<SSLID> = The SSL Session ID\n"
                  "<MS> = The Master-Secret (MS)\n"
                  "<CRAND> = The Client's random number from the ClientHello message\n"
                  "\n"
                  "(All fields are in hex notation)"),
};

}  // namespace

namespace tls_tables {

DissectorTable& port() {
  static DissectorTable table("tls.port", "TLS Port", {FieldType::kUint16, Base::kDec, "TLS", true});
  return table;
}

std::vector<AlpnDissector>& alpn() {
  static std::vector<AlpnDissector> list;
  return list;
}

std::vector<HeuristicDissector>& heuristics() {
  static std::vector<HeuristicDissector> list;
  return list;
}

}  // namespace tls_tables

bool tls_in_layers(const Packet& pkt) {
  for (FieldId p : pkt.layers)
    if (p == proto_tls) return true;
  return false;
}

void register_tls() {
  tables::register_heuristic_list("tls", &tls_tables::heuristics());
  tables::register_string_table(
      {"tls.alpn", "SSL/TLS Application-Layer Protocol Negotiation (ALPN) Protocol IDs", "TLS"});
  prefs_registry().add_module({"tls", "Transport Layer Security"}, kTlsPrefs);
  prefs_registry().add_uat({"rsa_keys", "RSA Private Keys", {"uri", "password"}});
  register_protocol_state<TlsSecrets>(StateScope::kCapture);
  register_protocol_state<TlsRsaKeys>(StateScope::kCapture);
  FieldRegistry& reg = registry();
  proto_tls = reg.add_protocol({"Transport Layer Security", "TLS", "tls"});
  reg.add_protocol_alias(proto_tls, "ssl");
  tls::register_fields(proto_tls);
  register_protocol_state<TlsSession>(StateScope::kConversation);
  register_tls_certificates();
  for (uint16_t p : kTcpPorts) tables::tcp_port().add(p, dissect_tls_tcp, "tls");
  tables::tcp_heuristics().push_back({looks_like_tls, dissect_tls_tcp, "tls"});
}

}  // namespace netsift
