#include "analysis/tls_secrets.h"

#include <openssl/sha.h>

#include <fstream>
#include <sstream>

namespace netsift {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Splits off the next space-separated word of `s`.
std::string_view next_word(std::string_view& s) {
  size_t start = s.find_first_not_of(" \t");
  if (start == std::string_view::npos) {
    s = {};
    return {};
  }
  s.remove_prefix(start);
  size_t end = s.find_first_of(" \t");
  std::string_view word = s.substr(0, end);
  s.remove_prefix(end == std::string_view::npos ? s.size() : end);
  return word;
}

// Where each random-keyed label's secret goes.
TlsSecret* slot(TlsConnectionSecrets& c, std::string_view label) {
  if (label == "CLIENT_RANDOM") return &c.master;
  if (label == "PMS_CLIENT_RANDOM") return &c.pre_master;
  if (label == "CLIENT_EARLY_TRAFFIC_SECRET") return &c.client_early;
  if (label == "CLIENT_HANDSHAKE_TRAFFIC_SECRET") return &c.client_handshake;
  if (label == "SERVER_HANDSHAKE_TRAFFIC_SECRET") return &c.server_handshake;
  if (label == "CLIENT_TRAFFIC_SECRET_0") return &c.client_traffic;
  if (label == "SERVER_TRAFFIC_SECRET_0") return &c.server_traffic;
  if (label == "EXPORTER_SECRET") return &c.exporter;
  return nullptr;
}

}  // namespace

bool parse_hex(std::string_view hex, std::vector<uint8_t>& out) {
  if (hex.size() % 2) return false;
  out.clear();
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = hex_digit(hex[i]), lo = hex_digit(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(static_cast<uint8_t>(hi << 4 | lo));
  }
  return true;
}

bool TlsSecrets::add_line(std::string_view line) {
  std::string_view rest = line;
  std::string_view label = next_word(rest);
  std::string_view first = next_word(rest);
  std::string_view second = next_word(rest);
  std::vector<uint8_t> key, secret;
  if (label == "RSA" && first.starts_with("Session-ID:") && second.starts_with("Master-Key:")) {
    // "RSA Session-ID:<id> Master-Key:<ms>" (older NSS, OpenSSL s_client)
    if (!parse_hex(first.substr(11), key) || !parse_hex(second.substr(11), secret) ||
        secret.size() != 48)
      return false;
    by_session_[key] = secret;
  } else if (label == "RSA") {
    // "RSA <first 8 bytes of the encrypted pre-master secret> <pre-master secret>"
    if (!parse_hex(first, key) || key.size() != 8 || !parse_hex(second, secret) || secret.empty())
      return false;
    by_epms_[key] = secret;
  } else {
    if (!parse_hex(first, key) || key.size() != 32 || !parse_hex(second, secret) ||
        secret.empty())
      return false;
    TlsRandom random;
    std::copy(key.begin(), key.end(), random.begin());
    TlsSecret* s = slot(by_random_[random], label);
    if (!s) return false;
    if (label == "CLIENT_RANDOM" && secret.size() != 48) return false;
    *s = std::move(secret);
  }
  log_.add_line(line);
  ++generation_;
  return true;
}

void TlsSecrets::add_text(std::string_view text) {
  while (!text.empty()) {
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && line.front() != '#') add_line(line);
    if (eol == std::string_view::npos) break;
    text.remove_prefix(eol + 1);
  }
}

bool TlsSecrets::add_file(const std::string& path) {
  if (files_read_.count(path)) return true;
  files_read_.insert(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  add_text(text.str());
  return true;
}

void TlsSecrets::add_all(const TlsSecrets& other) {
  auto take = [](TlsSecret& to, const TlsSecret& from) {
    if (!from.empty()) to = from;
  };
  for (const auto& [random, c] : other.by_random_) {
    TlsConnectionSecrets& mine = by_random_[random];
    take(mine.master, c.master);
    take(mine.pre_master, c.pre_master);
    take(mine.client_early, c.client_early);
    take(mine.client_handshake, c.client_handshake);
    take(mine.server_handshake, c.server_handshake);
    take(mine.client_traffic, c.client_traffic);
    take(mine.server_traffic, c.server_traffic);
    take(mine.exporter, c.exporter);
  }
  for (const auto& [id, s] : other.by_session_) by_session_[id] = s;
  for (const auto& [id, s] : other.by_epms_) by_epms_[id] = s;
  for (const auto& [id, s] : other.by_ticket_) by_ticket_[id] = s;
  ++generation_;
}

const TlsConnectionSecrets* TlsSecrets::find(const TlsRandom& client_random) const {
  auto it = by_random_.find(client_random);
  return it == by_random_.end() ? nullptr : &it->second;
}

const TlsSecret* TlsSecrets::master_for_session(const std::vector<uint8_t>& session_id) const {
  if (session_id.empty()) return nullptr;
  auto it = by_session_.find(session_id);
  return it == by_session_.end() ? nullptr : &it->second;
}

void TlsSecrets::remember_session(const std::vector<uint8_t>& session_id,
                                  const TlsSecret& master) {
  if (!session_id.empty() && !master.empty()) by_session_[session_id] = master;
}

namespace {
std::array<uint8_t, 32> ticket_key(std::span<const uint8_t> ticket) {
  std::array<uint8_t, 32> key{};
  SHA256(ticket.data(), ticket.size(), key.data());
  return key;
}
}  // namespace

const TlsSecret* TlsSecrets::master_for_ticket(std::span<const uint8_t> ticket) const {
  if (ticket.empty()) return nullptr;
  auto it = by_ticket_.find(ticket_key(ticket));
  return it == by_ticket_.end() ? nullptr : &it->second;
}

void TlsSecrets::remember_ticket(std::span<const uint8_t> ticket, const TlsSecret& master) {
  if (!ticket.empty() && !master.empty()) by_ticket_[ticket_key(ticket)] = master;
}

const TlsSecret* TlsSecrets::pre_master_for(const std::vector<uint8_t>& prefix) const {
  auto it = by_epms_.find(prefix);
  return it == by_epms_.end() ? nullptr : &it->second;
}

}  // namespace netsift
