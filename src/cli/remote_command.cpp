#include "cli/remote_command.h"

#include <cstdio>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "capture/remote_capture.h"
#include "capture/stop_signal.h"
#include "cli/options.h"
#include "cli/run_capture.h"
#include "dissectors/all.h"

namespace netsift {

namespace {

constexpr const char* kUsage =
    "Usage: netsift remote [user@]host [-i 0.0|IFACE] [-f BPF] [-s SNAPLEN] [-p]\n"
    "                      [--f5 NOISE[,ssl]] [--nudge] [--keep-ssh-traffic]\n"
    "                      [--port PORT] [--identity KEYFILE] [--ssh-option OPTION]...\n"
    "                      [usual output and filter options: -c -w -T -e -V -Y ...]\n";

// Takes the options that belong to the remote side out of the argument list; what is left
// goes to the usual option parser. Returns false (after a message) on a missing value.
bool take_remote_options(std::vector<char*>& args, RemoteOptions& r) {
  const std::pair<const char*, bool*> flags[] = {{"-p", &r.no_promiscuous},
                                                 {"--nudge", &r.nudge},
                                                 {"--keep-ssh-traffic", &r.keep_ssh_traffic}};
  std::string ssh_option;
  const std::pair<const char*, std::string*> valued[] = {
      {"-i", &r.interface},         {"-f", &r.filter},           {"-s", &r.snaplen},
      {"--port", &r.port},          {"--identity", &r.identity}, {"--f5", &r.f5},
      {"--ssh-option", &ssh_option}};
  std::vector<char*> rest;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string a = args[i];
    bool taken = false;
    for (auto [name, flag] : flags)
      if (a == name) *flag = taken = true;
    for (auto [name, value] : valued) {
      std::string eq = std::string(name) + "=";
      if (taken || (a != name && (eq.size() < 4 || a.rfind(eq, 0) != 0))) continue;
      if (a == name && i + 1 == args.size()) {
        std::fprintf(stderr, "netsift remote: %s needs a value\n%s", name, kUsage);
        return false;
      }
      *value = a == name ? args[++i] : a.substr(eq.size());  // "-i X" or "--port=X"
      taken = true;
    }
    if (!ssh_option.empty()) r.ssh_options.push_back(std::move(ssh_option));
    ssh_option.clear();
    if (!taken) rest.push_back(args[i]);
  }
  args = rest;
  return true;
}

int fail(const std::string& destination, const std::string& summary) {
  std::fprintf(stderr, "netsift: remote capture on %s failed: %s\n", destination.c_str(),
               summary.c_str());
  return 2;
}

}  // namespace

int run_remote(int argc, char** argv) {
  if (argc < 3 || argv[2][0] == '-') {
    bool help = argc >= 3 && (!std::strcmp(argv[2], "-h") || !std::strcmp(argv[2], "--help"));
    std::fputs(kUsage, help ? stdout : stderr);
    return help ? 0 : 1;
  }
  RemoteOptions remote;
  remote.destination = argv[2];
  std::vector<char*> args(argv + 3, argv + argc);
  if (!take_remote_options(args, remote)) return 1;
  args.insert(args.begin(), argv[0]);
  Options opts;
  if (auto status = parse_options(static_cast<int>(args.size()), args.data(), opts)) return *status;
  opts.remote_input = true;
  opts.interface = remote.destination;  // names the input in messages
  register_all_dissectors();
  install_stop_handlers();

  RemoteCapture capture(remote);
  std::string problem = capture.probe();
  if (stop_requested()) return 0;  // Ctrl-C while connecting: ssh's complaint is no failure
  if (!problem.empty()) return fail(remote.destination, problem);
  std::unique_ptr<CaptureReader> reader;
  try {
    reader = capture.start();
  } catch (const CaptureError& e) {
    // No capture arrived: the remote's own words are on stderr already; say what it means.
    problem = capture.finish(stop_requested());
    if (stop_requested() && problem.empty()) return 0;
    return fail(remote.destination, problem.empty() ? e.what() : problem);
  }
  int status = run(opts, std::move(reader));
  problem = capture.finish(stop_requested());
  if (!problem.empty()) return fail(remote.destination, problem);
  return status;
}

}  // namespace netsift
