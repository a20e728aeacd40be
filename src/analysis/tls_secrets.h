// The TLS secrets a run knows, by the ClientHello random they belong to (NSS key-log labels:
// CLIENT_RANDOM, the TLS 1.3 traffic secrets, ...), or by session id ("RSA Session-ID:").
// Filled from -o tls.keylog_file, pcapng decryption-secrets blocks and F5 trailers; a TLS
// connection looks its secrets up when it needs keys, so a key that arrives late still serves
// the connection's later records. A per-capture protocol state (registered by the TLS
// dissector).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "analysis/tls_key_log.h"

namespace netsift {

using TlsRandom = std::array<uint8_t, 32>;
using TlsSecret = std::vector<uint8_t>;  // empty: not known

// The secrets of one connection, by the key-log label that carries each.
struct TlsConnectionSecrets {
  TlsSecret master;                    // CLIENT_RANDOM
  TlsSecret pre_master;                // PMS_CLIENT_RANDOM
  TlsSecret client_early;              // CLIENT_EARLY_TRAFFIC_SECRET
  TlsSecret client_handshake;          // CLIENT_HANDSHAKE_TRAFFIC_SECRET
  TlsSecret server_handshake;          // SERVER_HANDSHAKE_TRAFFIC_SECRET
  TlsSecret client_traffic;            // CLIENT_TRAFFIC_SECRET_0
  TlsSecret server_traffic;            // SERVER_TRAFFIC_SECRET_0
  TlsSecret exporter;                  // EXPORTER_SECRET
};

class TlsSecrets {
 public:
  // One NSS key-log line; returns false for a line that is no known entry (ignored).
  bool add_line(std::string_view line);
  // NSS key-log text: lines, comments (#) and blank lines.
  void add_text(std::string_view text);
  // A key-log file, read once however often it is named; false when it cannot be read.
  bool add_file(const std::string& path);

  const TlsConnectionSecrets* find(const TlsRandom& client_random) const;
  // The master secret of a session id ("RSA Session-ID:<id> Master-Key:<ms>", or a session
  // this run decrypted), for resumption by session id.
  const TlsSecret* master_for_session(const std::vector<uint8_t>& session_id) const;
  void remember_session(const std::vector<uint8_t>& session_id, const TlsSecret& master);
  // The master secret of the session a TLS 1.2 session ticket (NewSessionTicket) stands for,
  // for resumption by ticket (RFC 5077).
  const TlsSecret* master_for_ticket(std::span<const uint8_t> ticket) const;
  void remember_ticket(std::span<const uint8_t> ticket, const TlsSecret& master);
  // The pre-master secret a ClientKeyExchange's first 8 encrypted bytes name ("RSA" label).
  const TlsSecret* pre_master_for(const std::vector<uint8_t>& encrypted_prefix) const;
  bool has_rsa_pre_masters() const { return !by_epms_.empty(); }

  // Counts the secrets taken: a connection without keys looks again only once it has changed.
  uint64_t generation() const { return generation_; }
  // Every line taken, in NSS key-log form (for --export-tls-keys).
  const TlsKeyLog& key_log() const { return log_; }

  // Takes every secret of `other` (a scan's findings).
  void add_all(const TlsSecrets& other);

 private:
  std::map<TlsRandom, TlsConnectionSecrets> by_random_;
  std::map<std::vector<uint8_t>, TlsSecret> by_session_, by_epms_;
  // By the ticket's SHA-256: tickets run to 64 KiB, and a capture may hold many.
  std::map<std::array<uint8_t, 32>, TlsSecret> by_ticket_;
  std::unordered_set<std::string> files_read_;
  TlsKeyLog log_;
  uint64_t generation_ = 0;
};

// Hex digits to bytes; false on an odd length or a non-hex character.
bool parse_hex(std::string_view hex, std::vector<uint8_t>& out);

}  // namespace netsift
