#include "output/tls_certs_stat.h"

#include <fmt/format.h>

#include <fstream>
#include <string>
#include <vector>

#include "core/address_format.h"
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
  bool from_server;
  std::string sender, receiver, server_name;
  std::vector<std::string> certificates;
};

class TlsCerts : public Statistic {
 public:
  explicit TlsCerts(std::string pem_dir) : pem_dir_(std::move(pem_dir)) {}

  void packet(const Packet& pkt) override {
    for (const TapRecord& t : pkt.taps) {
      if (t.tap != kTlsCertificatesTap) continue;
      const auto& c = *static_cast<const TlsCertificateChain*>(t.data);
      Chain& kept = chains_.emplace_back();
      kept.stream = c.stream;
      kept.frame = c.frame;
      kept.from_server = c.from_server;
      kept.sender = endpoint(c.sender, c.sender_port);
      kept.receiver = endpoint(c.receiver, c.receiver_port);
      kept.server_name = c.server_name;
      for (std::string_view der : c.certificates) kept.certificates.emplace_back(der);
    }
  }

  bool reads_only(std::vector<std::string>& names) const override {
    names.push_back("tls");
    return true;
  }

  void print(OutputSink& out) override {
    std::string& o = out.buffer();
    o.append("=====================================================================\n");
    fmt::format_to(std::back_inserter(o), "TLS certificates: {} chain{}\n", chains_.size(),
                   chains_.size() == 1 ? "" : "s");
    for (const Chain& c : chains_) print_chain(o, c);
    o.append("=====================================================================\n");
    out.flush();
  }

 private:
  void print_chain(std::string& o, const Chain& c) {
    const char* side = c.from_server ? "server" : "client";
    fmt::format_to(std::back_inserter(o), "\ntcp.stream {}, frame {}: {} chain {} -> {}", c.stream,
                   c.frame, side, c.sender, c.receiver);
    if (!c.server_name.empty()) fmt::format_to(std::back_inserter(o), ", SNI {}", c.server_name);
    o.push_back('\n');
    for (size_t i = 0; i < c.certificates.size(); ++i) {
      const std::string& der = c.certificates[i];
      CertificateSummary s = summarize_certificate(der);
      if (!s.parsed) {
        fmt::format_to(std::back_inserter(o), "  [{}] not readable as a certificate ({} bytes)\n",
                       i, der.size());
      } else {
        auto line = [&](const char* name, const std::string& value) {
          fmt::format_to(std::back_inserter(o), "      {:<13}{}\n", name, value);
        };
        fmt::format_to(std::back_inserter(o), "  [{}] {:<13}{}\n", i, "subject", s.subject);
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
      if (!pem_dir_.empty()) {
        std::string path =
            fmt::format("{}/stream{}-{}-{}-{}.pem", pem_dir_, c.stream, side, c.frame, i);
        std::ofstream f(path, std::ios::binary);
        f << certificate_pem(der);
        fmt::format_to(std::back_inserter(o), "      {:<13}{}\n", "PEM",
                       f ? path : path + " (could not be written)");
      }
    }
  }

  std::string pem_dir_;
  std::vector<Chain> chains_;
};

}  // namespace

std::unique_ptr<Statistic> make_tls_certs(std::string_view z_arg) {
  constexpr std::string_view kName = "tls_certs", kPem = ",pem=";
  if (z_arg == kName) return std::make_unique<TlsCerts>("");
  if (!z_arg.starts_with(kName) || z_arg.size() == kName.size() || z_arg[kName.size()] != ',')
    return nullptr;
  std::string_view rest = z_arg.substr(kName.size());
  if (!rest.starts_with(kPem) || rest.size() == kPem.size())
    throw StatisticArgumentError(
        fmt::format("Invalid -z tls_certs argument \"{}\": expected tls_certs[,pem=DIR]", z_arg));
  return std::make_unique<TlsCerts>(std::string(rest.substr(kPem.size())));
}

}  // namespace netsift
