#include "live_test_util.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <sstream>

extern char** environ;

namespace netsift::test {

namespace {

using Clock = std::chrono::steady_clock;

int ms_left(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

// Appends what is readable on `fd` to `text`; returns false at end of file.
bool read_some(int fd, std::string& text) {
  char buf[4096];
  ssize_t n = ::read(fd, buf, sizeof buf);
  if (n > 0) text.append(buf, static_cast<size_t>(n));
  return n > 0 || (n < 0 && errno == EINTR);
}

}  // namespace

Child::Child(const std::vector<std::string>& args, bool pipe_stdin) {
  int in[2] = {-1, -1}, out[2], err[2];
  if (pipe_stdin) ::pipe2(in, O_CLOEXEC);
  ::pipe2(out, O_CLOEXEC);
  ::pipe2(err, O_CLOEXEC);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  if (pipe_stdin)
    posix_spawn_file_actions_adddup2(&fa, in[0], STDIN_FILENO);
  else
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&fa, err[1], STDERR_FILENO);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  if (posix_spawnp(&pid_, argv[0], &fa, nullptr, argv.data(), environ) != 0) pid_ = -1;
  posix_spawn_file_actions_destroy(&fa);
  if (pipe_stdin) {
    ::close(in[0]);
    in_ = in[1];
  }
  ::close(out[1]);
  ::close(err[1]);
  out_ = out[0];
  err_ = err[0];
}

Child::~Child() {
  if (!reaped_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status_, 0);
  }
  for (int fd : {in_, out_, err_})
    if (fd >= 0) ::close(fd);
}

void Child::close_stdin() {
  if (in_ >= 0) ::close(in_);
  in_ = -1;
}

template <typename Done>
void Child::read_while_not(Done done, int timeout_ms) {
  auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!done() && out_ >= 0 && ms_left(deadline) > 0) {
    pollfd p[2] = {{out_, POLLIN, 0}, {err_, POLLIN, 0}};
    if (::poll(p, err_ >= 0 ? 2 : 1, ms_left(deadline)) <= 0) continue;
    if (p[0].revents && !read_some(out_, out_text_)) {
      ::close(out_);
      out_ = -1;
    }
    if (err_ >= 0 && p[1].revents && !read_some(err_, err_text_)) {
      ::close(err_);
      err_ = -1;
    }
  }
}

std::string Child::read_lines(size_t lines, int timeout_ms) {
  read_while_not(
      [&] {
        return static_cast<size_t>(std::count(out_text_.begin(), out_text_.end(), '\n')) >= lines;
      },
      timeout_ms);
  return out_text_;
}

std::string Child::read_until(const std::string& needle, int timeout_ms) {
  read_while_not([&] { return out_text_.find(needle) != std::string::npos; }, timeout_ms);
  return out_text_;
}

bool Child::exited() {
  if (reaped_) return true;
  if (::waitpid(pid_, &status_, WNOHANG) == pid_) reaped_ = true;
  return reaped_;
}

void Child::drain(int timeout_ms) {
  auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  while ((out_ >= 0 || err_ >= 0) && ms_left(deadline) > 0) {
    pollfd p[2] = {{out_, POLLIN, 0}, {err_, POLLIN, 0}};
    if (::poll(p, 2, std::min(ms_left(deadline), 100)) <= 0) {
      if (exited() && ms_left(deadline) > 0) continue;
      continue;
    }
    if (out_ >= 0 && p[0].revents && !read_some(out_, out_text_)) {
      ::close(out_);
      out_ = -1;
    }
    if (err_ >= 0 && p[1].revents && !read_some(err_, err_text_)) {
      ::close(err_);
      err_ = -1;
    }
  }
}

ProcessResult Child::wait(int timeout_ms) {
  ProcessResult r;
  drain(timeout_ms);
  auto deadline = Clock::now() + std::chrono::milliseconds(1000);
  while (!exited() && ms_left(deadline) > 0) ::usleep(10000);
  if (!exited()) {
    r.timed_out = true;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status_, 0);
    reaped_ = true;
  }
  r.exit_code = WIFEXITED(status_) ? WEXITSTATUS(status_) : -1;
  r.out = out_text_;
  r.err = err_text_;
  return r;
}

ProcessResult run_process(const std::vector<std::string>& args, int timeout_ms) {
  Child c(args);
  return c.wait(timeout_ms);
}

int free_port(int type) {
  int s = ::socket(AF_INET, type, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(s);
  return ntohs(a.sin_port);
}

void send_udp(int port, size_t payload_size) {
  int s = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string payload(payload_size, 'n');
  ::sendto(s, payload.data(), payload.size(), 0, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::close(s);
}

std::string make_temp_dir() {
  char tmpl[] = "/tmp/netsift-live-XXXXXX";
  return ::mkdtemp(tmpl);
}

int tshark_frame_count(const std::string& file) {
  ProcessResult r =
      run_process({"tshark", "-r", file, "-T", "fields", "-e", "frame.number"}, 20000);
  if (r.exit_code != 0) return -1;
  return static_cast<int>(split_lines(r.out).size());
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) lines.push_back(line);
  return lines;
}

}  // namespace netsift::test
