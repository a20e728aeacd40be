#include "analysis/tls_key_log.h"

namespace netsift {

void TlsKeyLog::add_text(std::string_view text) {
  while (!text.empty()) {
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && line.front() != '#') add_line(line);
    if (eol == std::string_view::npos) break;
    text.remove_prefix(eol + 1);
  }
}

void TlsKeyLog::add_line(std::string_view line) {
  // Lines repeat as BIG-IP attaches the secrets to many frames of a handshake: keep one each.
  auto [it, added] = seen_.emplace(line);
  if (added) lines_.push_back(*it);
}

std::string TlsKeyLog::nss_text() const {
  std::string out;
  for (const std::string& l : lines_) out.append(l).push_back('\n');
  return out;
}

}  // namespace netsift
