// netsift certs (-z tls_certs): the chains match tshark's Certificate messages (how many, how
// many certificates each), and each certificate's fields match what the openssl command reads
// from the PEM file the report wrote for it (subject, issuer, serial, validity, SPKI SHA-256).
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "run_command.h"
#include "tshark_cache.h"

namespace netsift::test {
namespace {

namespace fs = std::filesystem;

const std::string kFixture = std::string(NETSIFT_SOURCE_DIR) + "/tests/fixtures/x509-certs.pcap";

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// One certificate's block of the report: "name" -> value.
using Block = std::map<std::string, std::string>;

std::vector<Block> parse_report(const std::string& text, std::vector<size_t>& chain_sizes) {
  std::vector<Block> blocks;
  for (const std::string& l : split_lines(text)) {
    if (l.rfind("tcp.stream ", 0) == 0) chain_sizes.push_back(0);
    bool first = l.rfind("  [", 0) == 0;
    if (!first && l.rfind("      ", 0) != 0) continue;
    if (first) {
      blocks.emplace_back();
      ++chain_sizes.back();
    }
    std::string rest = first ? l.substr(l.find("] ") + 2) : l.substr(6);
    blocks.back()[trim(rest.substr(0, 13))] = rest.size() > 13 ? rest.substr(13) : "";
  }
  return blocks;
}

std::string openssl(const std::string& args) {
  return trim(run_command("openssl " + args + " 2>/dev/null").out);
}

// "notBefore=Dec  7 04:47:49 2026 GMT" as the report writes it: "2026-12-07 04:47:49 UTC".
std::string openssl_date(const std::string& pem, const char* which) {
  std::string out = openssl("x509 -in " + shell_quote(pem) + " -noout -dateopt iso_8601 -" + which);
  out = out.substr(out.find('=') + 1);  // "2026-12-07 04:47:49Z"
  if (!out.empty() && out.back() == 'Z') out.pop_back();
  return out + " UTC";
}

TEST(CertsReport, ChainsAndFieldsMatchTsharkAndOpenssl) {
  fs::path dir = fs::temp_directory_path() / ("netsift-certs-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  CommandResult report = run_command(std::string(NETSIFT_BINARY) + " certs -r " +
                                     shell_quote(kFixture) + " --pem " + shell_quote(dir));
  ASSERT_EQ(report.status, 0);
  std::vector<size_t> chain_sizes;
  std::vector<Block> blocks = parse_report(report.out, chain_sizes);

  // tshark: one row per frame holding Certificate messages, its certificates comma-separated
  // (each fixture frame holds one message).
  std::vector<size_t> want_sizes;
  for (const std::string& row : split_lines(tshark_cached(
           "-r " + shell_quote(kFixture) +
           " -Y tls.handshake.certificate -T fields -E occurrence=a -e tls.handshake.certificate")))
    want_sizes.push_back(static_cast<size_t>(std::count(row.begin(), row.end(), ',')) + 1);
  EXPECT_EQ(chain_sizes, want_sizes);
  ASSERT_FALSE(blocks.empty());

  for (const Block& b : blocks) {
    ASSERT_TRUE(b.count("PEM")) << "no PEM line";
    const std::string pem = b.at("PEM");
    SCOPED_TRACE(pem);
    const std::string in = "x509 -in " + shell_quote(pem) + " -noout -nameopt RFC2253,-esc_msb ";
    EXPECT_EQ("subject=" + b.at("subject"), openssl(in + "-subject"));
    EXPECT_EQ("issuer=" + b.at("issuer"), openssl(in + "-issuer"));
    std::string serial = openssl(in + "-serial");  // "serial=C0FFEE..."
    std::string want_serial = serial.substr(serial.find('=') + 1);
    for (char& c : want_serial) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(b.at("serial"), want_serial);
    EXPECT_EQ(b.at("not before"), openssl_date(pem, "startdate"));
    EXPECT_EQ(b.at("not after"), openssl_date(pem, "enddate"));
    std::string spki = trim(run_command("openssl x509 -in " + shell_quote(pem) +
                                        " -noout -pubkey | openssl pkey -pubin -outform DER | "
                                        "openssl dgst -sha256 -r").out);
    EXPECT_EQ(b.at("SPKI SHA-256"), spki.substr(0, spki.find(' ')));
  }
  fs::remove_all(dir);
}

// tests/fixtures/tls-forward-proxy.pcap (gen_tls_proxy_fixture.py): a BIG-IP SSL forward
// proxy's server-side chain and the chain it minted for the client, without F5 trailers. The
// pair must be found by SNI and time, and each compared field's verdict must agree with what
// openssl reads from the two leaves tshark extracts.
TEST(CertsReport, ForwardProxyPairMatchesOpenssl) {
  const std::string capture = std::string(NETSIFT_SOURCE_DIR) + "/tests/fixtures/tls-forward-proxy.pcap";
  CommandResult report =
      run_command(std::string(NETSIFT_BINARY) + " certs -r " + shell_quote(capture) + " --pair");
  ASSERT_EQ(report.status, 0);
  EXPECT_NE(report.out.find("SSL forward proxy certificate pairs: 1\n"), std::string::npos)
      << report.out;
  EXPECT_NE(report.out.find("paired by SNI and time"), std::string::npos) << report.out;

  // The leaves, by tcp.stream: the client side (stream 0) got the minted one.
  std::map<std::string, std::string> leaf_pem;
  fs::path dir = fs::temp_directory_path() / ("netsift-pair-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (const std::string& row : split_lines(tshark_cached(
           "-r " + shell_quote(capture) +
           " -Y tls.handshake.certificate -T fields -e tcp.stream -e tls.handshake.certificate"))) {
    std::vector<std::string> cols = split_tabs(row);
    ASSERT_EQ(cols.size(), 2u);
    std::string hex = cols[1].substr(0, cols[1].find(','));
    fs::path der = dir / ("stream" + cols[0] + ".der");
    std::string bytes;
    for (size_t i = 0; i + 1 < hex.size(); i += 2)
      bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    std::ofstream(der, std::ios::binary) << bytes;
    leaf_pem[cols[0]] = der;
  }
  ASSERT_EQ(leaf_pem.size(), 2u);
  EXPECT_NE(report.out.find("server side: tcp.stream 1,"), std::string::npos);
  EXPECT_NE(report.out.find("client side: tcp.stream 0,"), std::string::npos);

  auto field = [&](const std::string& stream, const std::string& option) {
    std::string out = openssl("x509 -inform DER -in " + shell_quote(leaf_pem[stream]) +
                              " -noout -nameopt RFC2253,-esc_msb " + option);
    return out.substr(out.find('=') + 1);
  };
  struct Compared {
    const char* name;
    const char* option;
    const char* changed;
  };
  for (const Compared& c : {Compared{"subject", "-subject", "replaced"},
                            Compared{"issuer", "-issuer", "replaced"},
                            Compared{"serial", "-serial", "regenerated"},
                            Compared{"not before", "-startdate", "replaced"},
                            Compared{"not after", "-enddate", "replaced"}}) {
    bool same = field("1", c.option) == field("0", c.option);
    std::string want = std::string("  ") + c.name;
    want.resize(15, ' ');
    want += same ? "copied" : c.changed;
    EXPECT_NE(report.out.find("\n" + want), std::string::npos) << want << "\n" << report.out;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace netsift::test
