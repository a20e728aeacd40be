#include "cli/follow_command.h"

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
    "Usage: netsift follow FILE STREAM [--udp|--http|--tls] [--hex|--raw|--yaml] [tshark "
    "options]\n"
    "  STREAM   a stream index (tcp.stream, udp.stream), or two endpoints\n"
    "           ADDR:PORT ADDR:PORT (IPv6 as [ADDR]:PORT)\n"
    "  --udp, --http, --tls   follow a UDP stream, or the HTTP messages or decrypted TLS\n"
    "                         records of a TCP stream\n"
    "  --hex, --raw, --yaml   output mode (default: ascii)\n"
    "Same output as: netsift -r FILE -q -z follow,tcp,ascii,STREAM\n";

bool is_endpoint(std::string_view s) {
  return s.find(':') != std::string_view::npos;
}

}  // namespace

int run_follow(int argc, char** argv) {
  if (argc < 4 || argv[2][0] == '-' || argv[3][0] == '-') {
    bool help = argc >= 3 && (!std::strcmp(argv[2], "-h") || !std::strcmp(argv[2], "--help"));
    std::fputs(kUsage, help ? stdout : stderr);
    return help ? 0 : 1;
  }
  std::string file = argv[2];
  std::string stream = argv[3];
  int next = 4;
  if (is_endpoint(stream)) {
    if (argc < 5 || !is_endpoint(argv[4])) {
      std::fprintf(stderr, "netsift: follow: endpoints come in pairs (ADDR:PORT ADDR:PORT)\n");
      return 1;
    }
    stream += std::string(",") + argv[4];
    next = 5;
  }
  std::string proto = "tcp", mode = "ascii";
  std::vector<char*> rest{argv[0]};
  for (int i = next; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--udp" || a == "--http" || a == "--tls" || a == "--tcp")
      proto = a.substr(2);
    else if (a == "--hex" || a == "--raw" || a == "--yaml" || a == "--ascii")
      mode = a.substr(2);
    else
      rest.push_back(argv[i]);
  }
  Options opts;
  if (auto status = parse_options(static_cast<int>(rest.size()), rest.data(), opts)) return *status;
  opts.read_file = file;
  opts.quiet = true;
  opts.statistics.push_back("follow," + proto + "," + mode + "," + stream);
  register_all_dissectors();
  return run(opts);
}

}  // namespace netsift
