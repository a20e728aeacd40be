#include "output/tls_certs_stat.h"
#include "core/append_format.h"

#include <fmt/format.h>

#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "core/address_format.h"
#include "dissectors/f5ethtrailer.h"
#include "dissectors/tls_certificates.h"
#include "output/certificate_summary.h"

namespace netsift {

namespace {

std::string endpoint(const Address& a, uint16_t port) {
  std::string s;
  if (a.type == AddressType::kIpv4) {
    append_ipv4(s, (uint32_t{a.bytes[0]} << 24) | (uint32_t{a.bytes[1]} << 16) |
                       (uint32_t{a.bytes[2]} << 8) | a.bytes[3]);
    return fmt::format("{}:{}", s, port);
  }
  if (a.type == AddressType::kIpv6) {
    append_ipv6(s, a.bytes);
    return fmt::format("[{}]:{}", s, port);
  }
  return fmt::format("?:{}", port);
}

// A chain kept past its packet.
struct Chain {
  uint32_t stream;
  uint64_t frame;
  int64_t ts_ns;
  bool from_server;
  std::optional<uint32_t> peer_stream;  // the other side of a BIG-IP proxy (F5 trailers)
  std::string sender, receiver, server_name;
  std::vector<std::string> certificates;
};

// How far apart a proxy's two chains may be when only SNI and time pair them.
constexpr int64_t kPairWindowNs = 60'000'000'000;

// A field of the minted leaf against the server's: equal, or what the proxy did to it.
void compare_line(std::string& o, const char* name, const std::string& upstream,
                  const std::string& minted, const char* changed) {
  if (upstream == minted)
    append_format(o, "  {:<13}{:<12}{}\n", name, "copied", minted);
  else
    append_format(o, "  {:<13}{:<12}{} -> {}\n", name, changed, upstream,
                   minted);
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string chain_place(const Chain& c) {
  return fmt::format("tcp.stream {}, frame {} ({} -> {})", c.stream, c.frame, c.sender,
                     c.receiver);
}

class TlsCerts : public Statistic {
 public:
  TlsCerts(std::string pem_dir, bool pair) : pem_dir_(std::move(pem_dir)), pair_(pair) {}

  void packet(const Packet& pkt) override {
    for (const TapRecord& t : pkt.taps) {
      if (t.tap != kTlsCertificatesTap) continue;
      const auto& c = *static_cast<const TlsCertificateChain*>(t.data);
      Chain& kept = chains_.emplace_back();
      kept.stream = c.stream;
      kept.frame = c.frame;
      kept.ts_ns = pkt.frame ? pkt.frame->ts.total_ns() : 0;
      for (const Node& n : pkt.tree.nodes())
        if (n.field == f5_fields::peer_stream) kept.peer_stream = static_cast<uint32_t>(n.value.u);
      kept.from_server = c.from_server;
      kept.sender = endpoint(c.sender, c.sender_port);
      kept.receiver = endpoint(c.receiver, c.receiver_port);
      kept.server_name = c.server_name;
      for (std::string_view der : c.certificates) kept.certificates.emplace_back(der);
    }
  }

  bool reads_only(std::vector<std::string>& names) const override {
    names.push_back("tls");
    if (pair_) names.push_back("f5ethtrailer.peer_stream");
    return true;
  }

  void print(OutputSink& out) override {
    std::string& o = out.buffer();
    o.append("=====================================================================\n");
    if (pair_) {
      print_pairs(o);
      if (!pem_dir_.empty())
        for (const Chain& c : chains_)
          for (size_t i = 0; i < c.certificates.size(); ++i) write_pem(c, i);
    } else {
      append_format(o, "TLS certificates: {} chain{}\n", chains_.size(),
                     chains_.size() == 1 ? "" : "s");
      for (const Chain& c : chains_) print_chain(o, c);
    }
    o.append("=====================================================================\n");
    out.flush();
  }

 private:
  // A BIG-IP SSL forward proxy's two chains for one client connection: the server's (server
  // side, received first: the proxy mints from it) and the one the proxy minted (client side).
  // Paired through the F5 trailers' peer flow when present, else by the same SNI, a different
  // leaf issuer and the nearest earlier server-side chain within kPairWindowNs.
  void print_pairs(std::string& o) {
    std::vector<const Chain*> servers;
    for (const Chain& c : chains_)
      if (c.from_server && !c.certificates.empty()) servers.push_back(&c);
    std::vector<bool> used(servers.size(), false);
    struct Pair {
      const Chain *upstream, *minted;
      const char* how;
    };
    std::vector<Pair> pairs;
    for (size_t m = 0; m < servers.size(); ++m) {
      if (used[m]) continue;
      const Chain& minted = *servers[m];
      std::string minted_issuer = summarize_certificate(minted.certificates[0]).issuer;
      std::optional<size_t> found;
      const char* how = "F5 peer flow";
      for (size_t u = 0; u < m && !found; ++u)
        if (!used[u] && minted.peer_stream && servers[u]->stream == *minted.peer_stream) found = u;
      if (!found && !minted.server_name.empty()) {
        how = "SNI and time";
        for (size_t u = m; u-- > 0;) {
          const Chain& up = *servers[u];
          if (used[u] || up.server_name != minted.server_name ||
              minted.ts_ns - up.ts_ns > kPairWindowNs)
            continue;
          if (summarize_certificate(up.certificates[0]).issuer == minted_issuer) continue;
          found = u;
          break;
        }
      }
      if (!found) continue;
      used[*found] = used[m] = true;
      pairs.push_back({servers[*found], &minted, how});
    }
    append_format(o, "SSL forward proxy certificate pairs: {}\n",
                   pairs.size());
    for (const Pair& p : pairs) {
      append_format(o, "\nserver side: {}\nclient side: {}", chain_place(*p.upstream),
                     chain_place(*p.minted));
      if (!p.minted->server_name.empty())
        append_format(o, ", SNI {}", p.minted->server_name);
      append_format(o, "\npaired by {}; leaf certificates, server's -> minted:\n",
                     p.how);
      CertificateSummary up = summarize_certificate(p.upstream->certificates[0]);
      CertificateSummary mi = summarize_certificate(p.minted->certificates[0]);
      if (!up.parsed || !mi.parsed) {
        o.append("  (a leaf is not readable as a certificate)\n");
        continue;
      }
      compare_line(o, "subject", up.subject, mi.subject, "replaced");
      compare_line(o, "issuer", up.issuer, mi.issuer, "replaced");
      compare_line(o, "serial", up.serial, mi.serial, "regenerated");
      compare_line(o, "not before", up.not_before, mi.not_before, "replaced");
      compare_line(o, "not after", up.not_after, mi.not_after, "replaced");
      compare_line(o, "key", up.key + " " + up.spki_sha256, mi.key + " " + mi.spki_sha256,
                   "regenerated");
      compare_line(o, "signature", up.signature, mi.signature, "replaced");
      compare_line(o, "SAN", joined(up.subject_alt_names), joined(mi.subject_alt_names),
                   "replaced");
      append_format(o, "  {:<13}{} -> {} certificate{}\n", "chain",
                     p.upstream->certificates.size(), p.minted->certificates.size(),
                     p.minted->certificates.size() == 1 ? "" : "s");
    }
  }

  void print_chain(std::string& o, const Chain& c) {
    const char* side = c.from_server ? "server" : "client";
    append_format(o, "\ntcp.stream {}, frame {}: {} chain {} -> {}", c.stream,
                   c.frame, side, c.sender, c.receiver);
    if (!c.server_name.empty()) append_format(o, ", SNI {}", c.server_name);
    o.push_back('\n');
    for (size_t i = 0; i < c.certificates.size(); ++i) {
      const std::string& der = c.certificates[i];
      CertificateSummary s = summarize_certificate(der);
      if (!s.parsed) {
        append_format(o, "  [{}] not readable as a certificate ({} bytes)\n",
                       i, der.size());
      } else {
        auto line = [&](const char* name, const std::string& value) {
          append_format(o, "      {:<13}{}\n", name, value);
        };
        append_format(o, "  [{}] {:<13}{}\n", i, "subject", s.subject);
        line("issuer", s.issuer);
        line("serial", s.serial);
        line("not before", s.not_before);
        line("not after", s.not_after);
        line("key", s.key);
        line("signature", s.signature);
        line("SPKI SHA-256", s.spki_sha256);
        std::string san;
        for (const std::string& n : s.subject_alt_names) san += (san.empty() ? "" : ", ") + n;
        if (!san.empty()) line("SAN", san);
      }
      if (!pem_dir_.empty())
        append_format(o, "      {:<13}{}\n", "PEM", write_pem(c, i));
    }
  }

  // Writes certificate i of chain c into the PEM directory; returns the path (with a note
  // when it could not be written).
  std::string write_pem(const Chain& c, size_t i) const {
    std::string path = fmt::format("{}/stream{}-{}-{}-{}.pem", pem_dir_, c.stream,
                                   c.from_server ? "server" : "client", c.frame, i);
    std::ofstream f(path, std::ios::binary);
    f << certificate_pem(c.certificates[i]);
    return f ? path : path + " (could not be written)";
  }

  std::string pem_dir_;
  bool pair_;
  std::vector<Chain> chains_;
};

}  // namespace

std::unique_ptr<Statistic> make_tls_certs(std::string_view z_arg) {
  constexpr std::string_view kName = "tls_certs", kPem = "pem=", kPair = "pair";
  if (!z_arg.starts_with(kName)) return nullptr;
  std::string_view rest = z_arg.substr(kName.size());
  if (!rest.empty() && rest[0] != ',') return nullptr;
  std::string pem_dir;
  bool pair = false;
  while (!rest.empty()) {
    rest.remove_prefix(1);  // the ','
    // A PEM directory runs to the end: it may hold commas.
    if (rest.starts_with(kPem) && rest.size() > kPem.size()) {
      pem_dir = rest.substr(kPem.size());
      break;
    }
    if (!rest.starts_with(kPair) || (rest.size() > kPair.size() && rest[kPair.size()] != ','))
      throw StatisticArgumentError(fmt::format(
          "Invalid -z tls_certs argument \"{}\": expected tls_certs[,pair][,pem=DIR]", z_arg));
    pair = true;
    rest.remove_prefix(kPair.size());
  }
  return std::make_unique<TlsCerts>(pem_dir, pair);
}

}  // namespace netsift
