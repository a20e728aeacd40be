// TLS secrets a capture carries, gathered while it is read: the key-log lines F5 trailers
// yield (f5ethtrailer.tls.keylog, fed by the caller) and those of pcapng decryption-secrets
// blocks. They are kept in NSS key-log form for --export-tls-keys and for TLS decryption.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace netsift {

class TlsKeyLog {
 public:
  // Takes one key-log line; a line seen before is ignored.
  void add_line(std::string_view line);
  // Takes NSS key-log text (one or more lines; comments and blank lines are skipped).
  void add_text(std::string_view text);

  // Lines in the order first seen, each once.
  const std::vector<std::string>& lines() const { return lines_; }
  // The key-log file: one line each, newline-terminated.
  std::string nss_text() const;

 private:
  std::vector<std::string> lines_;
  std::unordered_set<std::string> seen_;
};

}  // namespace netsift
