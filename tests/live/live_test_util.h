// Helpers for the live-capture integration tests: child processes with timeouts, free ports,
// UDP traffic on loopback, reading capture files back with tshark.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace netsift::test {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal or timed out
  bool timed_out = false;
  std::string out;
  std::string err;
};

// A child process with its stdout and stderr on pipes (and optionally its stdin on one).
class Child {
 public:
  explicit Child(const std::vector<std::string>& args, bool pipe_stdin = false);
  ~Child();
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return pid_; }
  int stdin_fd() const { return in_; }
  void close_stdin();
  // Reads stdout until it holds `lines` newlines or `timeout_ms` passes; returns what was read.
  std::string read_lines(size_t lines, int timeout_ms);
  // Reads stdout until it contains `needle` or `timeout_ms` passes; returns what was read.
  std::string read_until(const std::string& needle, int timeout_ms);
  // Has the child exited? (non-blocking)
  bool exited();
  // Waits up to `timeout_ms` for exit, killing the child after; collects remaining output.
  ProcessResult wait(int timeout_ms);

 private:
  void drain(int timeout_ms);
  template <typename Done>
  void read_while_not(Done done, int timeout_ms);
  pid_t pid_ = -1;
  int in_ = -1, out_ = -1, err_ = -1;
  std::string out_text_, err_text_;
  int status_ = 0;
  bool reaped_ = false;
};

ProcessResult run_process(const std::vector<std::string>& args, int timeout_ms);
int free_port(int type);  // SOCK_STREAM or SOCK_DGRAM, on 127.0.0.1
void send_udp(int port, size_t payload_size = 32);
std::string make_temp_dir();
// Frame count tshark reads from `file`, or -1 when tshark rejects the file.
int tshark_frame_count(const std::string& file);
std::vector<std::string> split_lines(const std::string& text);

}  // namespace netsift::test
