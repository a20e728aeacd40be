#include "capture/remote_capture.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <regex>
#include <sstream>

#include "capture/bpf_filter.h"
#include "capture/fd_source.h"
#include "capture/open_capture.h"
#include "capture/stop_signal.h"

extern char** environ;

namespace netsift {

namespace {

constexpr const char* kConnectionTag = "netsift-connection:";
constexpr const char* kTcpdumpTag = "netsift-tcpdump:";

// Runs argv with stdout (and stderr, when `err_fd` is given) connected to new pipes whose read
// ends are returned; stdin stays ours so password prompts and host-key questions reach the
// user. Throws CaptureError when the program cannot be started.
pid_t spawn(const std::vector<std::string>& args, int* out_fd, int* err_fd, int* in_fd = nullptr) {
  int out[2] = {-1, -1}, err[2] = {-1, -1}, in[2] = {-1, -1};
  if (::pipe2(out, O_CLOEXEC) != 0 || (err_fd && ::pipe2(err, O_CLOEXEC) != 0) ||
      (in_fd && ::pipe2(in, O_CLOEXEC) != 0))
    throw CaptureError(std::string("cannot create a pipe: ") + std::strerror(errno), 0, 0);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
  if (err_fd) posix_spawn_file_actions_adddup2(&fa, err[1], STDERR_FILENO);
  if (in_fd) posix_spawn_file_actions_adddup2(&fa, in[0], STDIN_FILENO);
  // The child must not inherit our stop handlers' disposition for SIGPIPE: default it.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, argv[0], &fa, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  ::close(out[1]);
  if (err_fd) ::close(err[1]);
  if (in_fd) ::close(in[0]);
  if (rc != 0) {
    if (in_fd) ::close(in[1]);
    ::close(out[0]);
    if (err_fd) ::close(err[0]);
    throw CaptureError("cannot run " + args[0] + ": " + std::strerror(rc), 0, 0);
  }
  *out_fd = out[0];
  if (err_fd) *err_fd = err[0];
  if (in_fd) *in_fd = in[1];
  return pid;
}

std::string read_all(int fd) {
  std::string text;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) {
      text.append(buf, static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR || stop_requested()) {
      break;
    }
  }
  ::close(fd);
  return text;
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

// Hides the nudge's echo packets: everything else passes through unchanged.
class HidingReader final : public CaptureReader {
 public:
  HidingReader(std::unique_ptr<CaptureReader> inner, const std::string& hide)
      : inner_(std::move(inner)), hide_(hide) {}
  bool next(CapturedFrame& frame) override {
    while (inner_->next(frame))
      if (!hide_.matches(frame)) return true;
    return false;
  }
  FileFormat format() const override { return inner_->format(); }
  const std::vector<InterfaceInfo>& interfaces() const override { return inner_->interfaces(); }
  const std::vector<std::string>& section_comments() const override {
    return inner_->section_comments();
  }
  const std::vector<NameRecord>& names() const override { return inner_->names(); }
  const std::vector<std::string>& tls_key_log() const override { return inner_->tls_key_log(); }

 private:
  std::unique_ptr<CaptureReader> inner_;
  BpfFilter hide_;
};

}  // namespace

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string probe_command() {
  return std::string("echo \"") + kConnectionTag +
         " $SSH_CONNECTION\"; if command -v tcpdump >/dev/null 2>&1; then echo \"" + kTcpdumpTag +
         " yes\"; tcpdump --help 2>&1; else echo \"" + kTcpdumpTag + " no\"; fi";
}

bool usage_offers_packet_buffering(const std::string& usage) {
  if (usage.find("--packet-buffered") != std::string::npos) return true;
  // The usage line's first bracket lists the single-letter flags: "[-AbdDefhHIJKlLnNOpqStuUvxX#]".
  static const std::regex flags(R"(\[ ?-([A-Za-z#]+) ?\])");
  std::smatch m;
  if (!std::regex_search(usage, m, flags)) return false;
  return m[1].str().find('U') != std::string::npos;
}

RemoteProbe parse_probe_output(const std::string& text) {
  RemoteProbe p;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(kConnectionTag, 0) == 0) {
      // $SSH_CONNECTION: client address, client port, server address, server port.
      std::istringstream f(line.substr(std::strlen(kConnectionTag)));
      std::string client_port;
      f >> p.client_addr >> client_port >> p.server_addr >> p.server_port;
    } else if (line.rfind(kTcpdumpTag, 0) == 0) {
      p.has_tcpdump = line.find("yes") != std::string::npos;
    }
  }
  p.packet_buffered = p.has_tcpdump && usage_offers_packet_buffering(text);
  return p;
}

std::string remote_filter(const RemoteOptions& opts, const RemoteProbe& probe) {
  std::string f = opts.filter;
  bool known_session = !probe.client_addr.empty() && !probe.server_port.empty();
  if (!opts.keep_ssh_traffic && known_session) {
    std::string exclude = "not (host " + probe.client_addr + " and port " + probe.server_port + ")";
    f = f.empty() ? exclude : "(" + f + ") and " + exclude;
  }
  // With no filter at all the pings are captured anyway.
  // Only the echo packets themselves, so other ICMP (say, port unreachable for the user's UDP)
  // stays subject to the user's filter.
  if (opts.nudge && !f.empty() && !probe.client_addr.empty())
    f = "(" + f + ") or (" + nudge_filter(probe) + ")";
  return f;
}

std::string nudge_filter(const RemoteProbe& probe) {
  return "icmp and host " + probe.client_addr + " and host " + probe.server_addr +
         " and (icmp[icmptype] == icmp-echo or icmp[icmptype] == icmp-echoreply)";
}

std::string tcpdump_command(const RemoteOptions& opts, const RemoteProbe& probe) {
  std::string cmd = "tcpdump";
  if (!opts.interface.empty()) cmd += " -i " + shell_quote(opts.interface);
  cmd += " -w - -s " + shell_quote(opts.snaplen) + " -n";
  if (probe.packet_buffered) cmd += " -U";
  if (opts.no_promiscuous) cmd += " -p";
  if (!opts.f5.empty()) cmd += " --f5 " + shell_quote(opts.f5);
  std::string filter = remote_filter(opts, probe);
  if (!filter.empty()) cmd += " " + shell_quote(filter);
  return cmd;
}

std::string watched_command(const std::string& command) {
  // A tcpdump whose filter matches nothing never writes, so it would not notice that the
  // session is gone and would run on. A watcher reads the session's stdin (a pipe netsift keeps
  // open; passwords are read from the terminal, not stdin) and ends tcpdump at its EOF. The
  // script's exit status is tcpdump's.
  return "exec 3<&0; " + command +
         " & t=$!; { cat >/dev/null; kill $t 2>/dev/null; } <&3 >/dev/null 2>&1 & exec 3<&-; "
         "wait $t";
}

bool is_tmsh_reply(const std::string& probe_output) {
  // The probe's first line never came back, and what did is tmsh's complaint about the shell
  // command it was given ("Syntax Error: "echo" unknown property").
  return probe_output.find(kConnectionTag) == std::string::npos &&
         (probe_output.find("Syntax Error:") != std::string::npos ||
          probe_output.find("tmsh") != std::string::npos);
}

std::string summarize_remote_failure(const std::string& text, int status) {
  auto has = [&](const char* s) { return text.find(s) != std::string::npos; };
  // Ended by a signal (Ctrl-C reaches ssh too) or cleanly: nothing failed.
  if (!WIFEXITED(status)) return "";
  int code = WEXITSTATUS(status);
  if (code == 0 && !has(kTcpdumpTag)) return "";
  if (has(kTcpdumpTag) || has("command not found") || code == 127)
    return "tcpdump is not installed (or not in the PATH) on the remote host";
  if (code == 255)
    return has("Permission denied (") ? "ssh could not log in (authentication failed)"
                                      : "ssh could not connect to the remote host";
  if (has("syntax error") || has("can't parse filter") || has("illegal") ||
      has("filter expression"))
    return "the remote tcpdump rejected the capture filter";
  if (has("No such device") || has("doesn't exist") || has("no suitable device") ||
      has("SIOCGIFHWADDR"))
    return "the remote tcpdump cannot capture on that interface";
  if (has("ermission denied") || has("Operation not permitted"))
    return "permission denied on the remote host (tcpdump needs root or capture rights)";
  return "the remote capture failed (exit status " + std::to_string(code) + ")";
}

std::vector<std::string> RemoteCapture::ssh_args(const std::string& remote_command) const {
  std::vector<std::string> a = {"ssh"};
  // One authentication for the probe and the capture: the probe's connection becomes a master
  // the capture's session shares (one password prompt). It outlives the probe by at most 10 s
  // when nothing uses it, and close_master() ends it after the capture.
  if (!control_dir_.empty())
    a.insert(a.end(), {"-o", "ControlMaster=auto", "-o", "ControlPath=" + control_dir_ + "/cm",
                       "-o", "ControlPersist=10"});
  if (!opts_.port.empty()) a.insert(a.end(), {"-p", opts_.port});
  if (!opts_.identity.empty()) a.insert(a.end(), {"-i", opts_.identity});
  for (const auto& o : opts_.ssh_options) a.insert(a.end(), {"-o", o});
  a.insert(a.end(), {"--", opts_.destination, remote_command});
  return a;
}

std::string RemoteCapture::probe() {
  char dir[] = "/tmp/netsift-ssh-XXXXXX";
  if (::mkdtemp(dir)) control_dir_ = dir;
  int out = -1, err = -1;
  pid_t pid = spawn(ssh_args(probe_command()), &out, &err);
  std::string text = read_all(out);
  std::string errors = read_all(err);
  int status = wait_for(pid);
  ssize_t ignored = ::write(STDERR_FILENO, errors.data(), errors.size());  // ssh's own words
  (void)ignored;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 255) return summarize_remote_failure("", status);
  if (is_tmsh_reply(text + errors))
    return "the account's login shell is tmsh (a BIG-IP admin's default), which runs no shell "
           "commands: give it bash (tmsh modify auth user NAME shell bash) or log in as root";
  probe_ = parse_probe_output(text);
  if (!probe_.has_tcpdump) return summarize_remote_failure(kTcpdumpTag, status);
  return "";
}

std::unique_ptr<CaptureReader> RemoteCapture::start() {
  int out = -1, err = -1;
  ssh_pid_ =
      spawn(ssh_args(watched_command(tcpdump_command(opts_, probe_))), &out, &err, &session_stdin_);
  // The remote's messages are relayed as they come (the user sees tcpdump's own words) and
  // kept for the failure summary.
  stderr_relay_ = std::thread([this, err] {
    char buf[1024];
    for (;;) {
      ssize_t n = ::read(err, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      ssize_t ignored = ::write(STDERR_FILENO, buf, static_cast<size_t>(n));
      (void)ignored;
      if (remote_errors_.size() < 64 * 1024) remote_errors_.append(buf, static_cast<size_t>(n));
    }
    ::close(err);
  });
  if (opts_.nudge && !probe_.server_addr.empty()) {
    int ping_out = -1;
    ping_pid_ =
        spawn({"ping", "-q", "-i", "1", "-s", "16", probe_.server_addr}, &ping_out, nullptr);
    ::close(ping_out);  // its output is of no interest
  }
  auto reader = open_capture_stream(std::make_unique<FdSource>(out, true));
  if (opts_.nudge && !probe_.client_addr.empty())
    return std::make_unique<HidingReader>(std::move(reader), nudge_filter(probe_));
  return reader;
}

std::string RemoteCapture::finish(bool stopped_by_us) {
  if (ping_pid_ > 0) {
    ::kill(ping_pid_, SIGTERM);
    wait_for(ping_pid_);
    ping_pid_ = -1;
  }
  if (session_stdin_ >= 0) ::close(session_stdin_);  // the remote watcher ends tcpdump
  session_stdin_ = -1;
  if (ssh_pid_ <= 0) {
    close_master();
    return "";
  }
  int status = 0;
  // When the stream ended by itself ssh is exiting: give it a moment so its status (the
  // remote tcpdump's) can be judged; otherwise we are the ones ending the capture.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
  pid_t done = 0;
  while (!stopped_by_us && (done = ::waitpid(ssh_pid_, &status, WNOHANG)) == 0 &&
         std::chrono::steady_clock::now() < deadline)
    ::usleep(10000);
  bool killed = done <= 0;
  if (killed) {
    ::kill(ssh_pid_, SIGTERM);
    status = wait_for(ssh_pid_);
  }
  ssh_pid_ = -1;
  if (stderr_relay_.joinable()) stderr_relay_.join();
  close_master();
  if (killed) return "";
  // The watcher ended tcpdump with SIGTERM because we closed the session's stdin (-c, -a or
  // Ctrl-C here): the shell reports 128 + 15, which is our own stop, not a failure.
  if (WIFEXITED(status) && WEXITSTATUS(status) == 128 + SIGTERM) return "";
  return summarize_remote_failure(remote_errors_, status);
}

void RemoteCapture::close_master() {
  if (control_dir_.empty()) return;
  // Ends the shared connection now rather than when ControlPersist runs out.
  std::vector<std::string> args = {"ssh", "-o", "ControlPath=" + control_dir_ + "/cm", "-O",
                                   "exit", "--", opts_.destination};
  int out = -1, err = -1;
  try {
    pid_t pid = spawn(args, &out, &err);
    read_all(out);
    read_all(err);
    wait_for(pid);
  } catch (const CaptureError&) {
    // No ssh to ask: the master ends by itself when ControlPersist runs out.
  }
  std::error_code ec;
  std::filesystem::remove_all(control_dir_, ec);
  control_dir_.clear();
}

RemoteCapture::~RemoteCapture() {
  finish(true);
}

}  // namespace netsift
