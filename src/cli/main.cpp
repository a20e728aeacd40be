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

namespace {

using Command = int (*)(int, char**);
struct Subcommand {
  const char* name;
  Command run;
};
// The subcommands; each also has a line in the main --help (options.cpp's footer).
constexpr Subcommand kSubcommands[] = {
    {"remote", netsift::run_remote},
    {"info", netsift::run_info},
    {"follow", netsift::run_follow},
    {"certs", netsift::run_certs},
};

Command find_subcommand(const char* name) {
  for (const Subcommand& c : kSubcommands)
    if (std::strcmp(name, c.name) == 0) return c.run;
  return nullptr;
}

// `netsift help [CMD]`: the main help, or CMD's (as `netsift CMD --help`).
int run_help(int argc, char** argv) {
  if (argc < 3) {
    char help[] = "--help";
    char* args[] = {argv[0], help, nullptr};
    netsift::Options opts;
    return netsift::parse_options(2, args, opts).value_or(0);
  }
  Command cmd = find_subcommand(argv[2]);
  if (!cmd) {
    std::fprintf(stderr, "netsift: no such command \"%s\"; commands: remote, info, follow, certs\n",
                 argv[2]);
    return 1;
  }
  char help[] = "--help";
  char* args[] = {argv[0], argv[2], help, nullptr};
  return cmd(3, args);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace netsift;
  if (argc > 1 && std::strcmp(argv[1], "help") == 0) return run_help(argc, argv);
  if (argc > 1)
    if (Command cmd = find_subcommand(argv[1])) return cmd(argc, argv);
  Options opts;
  if (auto status = parse_options(argc, argv, opts)) return *status;
  register_all_dissectors();
  return run(opts);
}
