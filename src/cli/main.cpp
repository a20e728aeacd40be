// netsift entry point: parse options, then run one of the modes.
#include <cstdio>
#include <cstring>

#include "cli/certs_command.h"
#include "cli/follow_command.h"
#include "cli/info_command.h"
#include "cli/options.h"
#include "cli/remote_command.h"
#include "cli/run_capture.h"
#include "dissectors/all.h"

int main(int argc, char** argv) {
  using namespace netsift;
  if (argc > 1 && std::strcmp(argv[1], "remote") == 0) return run_remote(argc, argv);
  if (argc > 1 && std::strcmp(argv[1], "info") == 0) return run_info(argc, argv);
  if (argc > 1 && std::strcmp(argv[1], "follow") == 0) return run_follow(argc, argv);
  if (argc > 1 && std::strcmp(argv[1], "certs") == 0) return run_certs(argc, argv);
  Options opts;
  if (auto status = parse_options(argc, argv, opts)) return *status;
  register_all_dissectors();
  return run(opts);
}
