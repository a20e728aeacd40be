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
    "Usage: netsift certs -r FILE [--pem DIR] [tshark options]\n"
    "  For every TLS Certificate message: its connection (tcp.stream, endpoints, SNI) and each\n"
    "  certificate of the chain: subject, issuer, serial, validity, key type and size,\n"
    "  signature algorithm, SHA-256 of the SubjectPublicKeyInfo, subjectAltName.\n"
    "  --pem DIR   also write each certificate to DIR as stream<N>-<side>-<frame>-<index>.pem\n"
    "Same output as: netsift -r FILE -q -z tls_certs[,pem=DIR]\n";

}  // namespace

int run_certs(int argc, char** argv) {
  std::string pem_dir;
  std::vector<char*> rest{argv[0]};
  for (int i = 2; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "-h" || a == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (a == "--pem") {
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
  opts.statistics.push_back(pem_dir.empty() ? "tls_certs" : "tls_certs,pem=" + pem_dir);
  register_all_dissectors();
  return run(opts);
}

}  // namespace netsift
