// TLS state of one TCP connection, a protocol state of its conversation (core/protocol_state.h)
// freed with it:
// the negotiated version (which changes how later records are read and labelled), the handshake
// message being reassembled in each direction, and the handshake values a later decryption
// step needs (randoms, session id, cipher suite, the negotiated extensions). Built in one pass,
// as tshark 4.0 builds it on its first pass.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "analysis/tcp_reassembly.h"
#include "analysis/tls_cipher.h"
#include "core/address.h"
#include "core/dissector_table.h"

namespace netsift {

// What the ClientHello/ServerHello exchange agreed on, for decryption (the keys are derived
// from the randoms; EMS and ETM change the derivation and record format).
struct TlsHandshakeValues {
  std::array<uint8_t, 32> client_random{}, server_random{};
  bool have_client_random = false, have_server_random = false;
  std::vector<uint8_t> client_session_id, server_session_id;
  uint16_t cipher_suite = 0;
  bool have_cipher_suite = false;
  uint8_t compression = 0;
  bool client_ems = false, server_ems = false;  // extended_master_secret offered / echoed
  bool client_etm = false, server_etm = false;  // encrypt_then_mac offered / echoed
  std::vector<uint8_t> client_ticket;           // the ClientHello's session ticket (resumption)
  bool client_early_data = false;               // early_data offered: TLS 1.3
  std::vector<uint8_t> encrypted_pre_master;    // RSA key exchange: the ClientKeyExchange's
};

// A handshake message cut across records: its bytes so far and the frames they came from
// (tls.handshake.fragment).
struct TlsHandshakeReassembly {
  bool active = false;
  uint8_t type = 0;
  uint32_t id = 0;  // which reassembly, to tell fragments of successive messages apart
  std::vector<uint8_t> bytes;
  struct Fragment {
    uint64_t frame;
    uint32_t length;
  };
  std::vector<Fragment> fragments;
};

// TLS 1.3 keys in use in a direction.
// TLS 1.3 keys in use in a direction (kEarly: the client's 0-RTT early data keys).
enum class Tls13Keys : uint8_t { kNone, kEarly, kHandshake, kApplication };

struct TlsDirectionState {
  TlsHandshakeReassembly handshake;
  uint64_t ccs_frame = 0;  // last ChangeCipherSpec sent: later handshake records are encrypted
  // Decryption of the records this direction sends, once its keys are known.
  std::unique_ptr<TlsRecordDecoder> decoder;
  Tls13Keys tls13_keys = Tls13Keys::kNone;
  std::vector<uint8_t> traffic_secret;  // TLS 1.3 application secret in use (KeyUpdate)
  // Protected records sent since the keys took effect that could not be decrypted for want of
  // a secret (it may arrive later, from an F5 trailer): the sequence number late keys start at.
  uint64_t records_without_keys = 0;
  // TlsSecrets::generation() when keys were last looked for in vain (+1; 0: never).
  uint64_t secrets_tried = 0;
  // TLS 1.0-1.2: this direction's keys, cut from the key block when the peer's
  // ChangeCipherSpec derived it, for the hellos whose randoms `keys_randoms` holds.
  std::unique_ptr<TlsDirectionKeys> derived_keys;
  std::array<uint8_t, 64> keys_randoms{};
  // Decrypted application data an upper dissector asked more bytes for, and the frames it
  // came from (bounded with TCP's pending PDUs).
  std::unique_ptr<TcpPendingPdu> app_pending;
  // The pending PDU was found still short once complete (tshark's partial reassembly): -2 then
  // names its completing frame on its first segment only.
  bool app_pending_partial = false;
};

struct TlsSession {
  // Negotiated protocol version (0x0300 SSL 3.0 ... 0x0304 TLS 1.3); 0 while unknown, 0x0002
  // for SSLv2.
  uint16_t version = 0;
  // The server's endpoint (the ClientHello's destination), and the first sender's, which
  // indexes the per-direction state.
  bool have_server = false;
  Address server;
  uint16_t server_port = 0;
  bool have_first_sender = false;
  Address first_sender;
  uint16_t first_sender_port = 0;
  TlsDirectionState dir[2];
  TlsHandshakeValues values;
  // Session resumption (tls.resumed): a ServerHello echoing the client's session id, or a
  // ticket offered, makes the session a resumption candidate until a full handshake shows.
  bool resumption_candidate = false;
  bool resumed = false;
  // The application protocol the server's ALPN choice named (its long name), or null.
  const char* app_protocol = nullptr;
  // The server's ALPN choice as sent ("http/1.1"), for the dissector of decrypted data.
  std::string alpn;
  // The TLS 1.0-1.2 master secret, once found or derived, and the client random it is for.
  std::vector<uint8_t> master_secret;
  std::array<uint8_t, 32> master_random{};
  bool tls13_started = false;  // the TLS 1.3 ServerHello was seen: records are protected
  // TLS 1.3 0-RTT: the client's first protected record was tried with its early secret.
  bool early_data_tried = false;
  // The dissector of the decrypted application data, once chosen.
  Dissector app_dissector = nullptr;
  // The handshake messages from the ClientHello to the ClientKeyExchange, for the session hash
  // of the extended master secret (RFC 7627): kept only while the hellos may negotiate it.
  std::vector<uint8_t> transcript;
  enum class Transcript : uint8_t { kOff, kCollecting, kComplete } transcript_state{};
};

}  // namespace netsift
