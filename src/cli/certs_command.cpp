#include "cli/certs_command.h"

#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "cli/options.h"
#include "cli/run_capture.h"
#include "dissectors/all.h"

namespace netsift {

namespace {

constexpr const char* kUsage =
    "Usage: netsift certs -r FILE [--pem DIR] [--pair] [tshark options]\n"
    "  For every TLS Certificate message: its connection (tcp.stream, endpoints, SNI) and each\n"
    "  certificate of the chain: subject, issuer, serial, validity, key type and size,\n"
    "  signature algorithm, SHA-256 of the SubjectPublicKeyInfo, subjectAltName.\n"
    "  --pem DIR   also write each certificate to DIR as stream<N>-<side>-<frame>-<index>.pem\n"
    "  --pair      BIG-IP SSL forward proxy: pair the server's chain with the one the proxy\n"
    "              minted for the same client connection (F5 peer flow, else SNI and time)\n"
    "              and compare their leaves field by field (copied, regenerated, replaced)\n"
    "Same output as: netsift -r FILE -q -z tls_certs[,pair][,pem=DIR]\n";

}  // namespace

int run_certs(int argc, char** argv) {
  std::string pem_dir;
  bool pair = false;
  std::vector<char*> rest{argv[0]};
  for (int i = 2; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "-h" || a == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (a == "--pair") {
      pair = true;
    } else if (a == "--pem") {
      if (i + 1 >= argc) {
        std::fputs(kUsage, stderr);
        return 1;
      }
      pem_dir = argv[++i];
    } else {
      rest.push_back(argv[i]);
    }
  }
  Options opts;
  if (auto status = parse_options(static_cast<int>(rest.size()), rest.data(), opts)) return *status;
  if (opts.read_file.empty()) {
    std::fputs(kUsage, stderr);
    return 1;
  }
  opts.quiet = true;
  std::string z = pair ? "tls_certs,pair" : "tls_certs";
  if (!pem_dir.empty()) z += ",pem=" + pem_dir;
  opts.statistics.push_back(z);
  register_all_dissectors();
  return run(opts);
}

}  // namespace netsift
