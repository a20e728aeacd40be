// netsift remote: capture on another host with its tcpdump, over the system's ssh client, and
// stream the pcap it writes into the local run loop.
//
// One cheap ssh command probes the remote first (its connection, authenticated once, is shared
// with the capture's session): the client and server addresses the session
// sees ($SSH_CONNECTION, so the capture can exclude its own ssh traffic), whether tcpdump exists
// and whether it can write packet-buffered output (-U; BIG-IP 11.x's cannot). Then ssh runs
// tcpdump, its stdout is the capture stream and its stderr is relayed verbatim.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "capture/capture_reader.h"

namespace netsift {

struct RemoteOptions {
  std::string destination;               // [user@]host, or a ~/.ssh/config alias
  std::string port;                      // --port
  std::string identity;                  // --identity
  std::vector<std::string> ssh_options;  // --ssh-option, passed as -o
  std::string interface;                 // -i (tcpdump's default when empty)
  std::string filter;                    // -f
  std::string f5;                        // --f5 NOISE[,ssl]
  std::string snaplen = "0";             // -s
  bool no_promiscuous = false;           // -p
  bool keep_ssh_traffic = false;         // --keep-ssh-traffic
  bool nudge = false;                    // --nudge
};

// What the probe learnt about the remote side.
struct RemoteProbe {
  std::string client_addr;  // our address as the remote sees it
  std::string server_addr;  // the remote's address of the ssh session
  std::string server_port;  // the remote's ssh port
  bool has_tcpdump = false;
  bool packet_buffered = false;  // tcpdump accepts -U
};

// Parses the probe command's output (see probe_command()).
RemoteProbe parse_probe_output(const std::string& text);
// Does tcpdump's usage text (from --help or a rejected option) offer -U / --packet-buffered?
bool usage_offers_packet_buffering(const std::string& usage);
// The capture filter run remotely: the user's filter, minus the ssh session, plus the nudge
// pings, each part parenthesised so operator precedence cannot change its meaning.
std::string remote_filter(const RemoteOptions& opts, const RemoteProbe& probe);
// The shell command the probe runs remotely.
std::string probe_command();
// The shell command that starts tcpdump remotely, every argument quoted for the remote shell.
std::string tcpdump_command(const RemoteOptions& opts, const RemoteProbe& probe);
// Wraps the tcpdump command so that it ends when the ssh session does.
std::string watched_command(const std::string& command);
// The BPF expression matching the nudge's echo packets, hidden from the output.
std::string nudge_filter(const RemoteProbe& probe);
// Quotes `s` for a POSIX shell.
std::string shell_quote(const std::string& s);

// One running remote capture: ssh (and the nudge ping) as child processes.
class RemoteCapture {
 public:
  explicit RemoteCapture(RemoteOptions opts) : opts_(std::move(opts)) {}
  ~RemoteCapture();
  RemoteCapture(const RemoteCapture&) = delete;
  RemoteCapture& operator=(const RemoteCapture&) = delete;

  // Runs the probe. Returns "" or a one-line summary of what went wrong (ssh's and the
  // remote's own messages have already reached stderr verbatim).
  std::string probe();
  // Starts tcpdump remotely (and the nudge) and returns a reader over its output, with the
  // nudge's pings hidden. Throws CaptureError when no capture arrives.
  std::unique_ptr<CaptureReader> start();
  // Stops the children and returns "" or a one-line summary of the remote failure, judged
  // from ssh's exit status and the remote's messages.
  std::string finish(bool stopped_by_us);
  const RemoteProbe& probe_result() const { return probe_; }

 private:
  std::vector<std::string> ssh_args(const std::string& remote_command) const;
  void close_master();

  RemoteOptions opts_;
  RemoteProbe probe_;
  pid_t ssh_pid_ = -1;
  pid_t ping_pid_ = -1;
  int session_stdin_ = -1;  // kept open while capturing: its EOF stops the remote tcpdump
  std::thread stderr_relay_;
  std::string remote_errors_;  // what the remote wrote to stderr, kept for the summary
  std::string control_dir_;    // the shared ssh connection's socket directory
};

// Whether the probe's output is tmsh's (BIG-IP's management shell as the login shell) rather
// than a POSIX shell's.
bool is_tmsh_reply(const std::string& probe_output);
// Turns the remote's messages and ssh's exit status into a one-line summary.
std::string summarize_remote_failure(const std::string& stderr_text, int ssh_status);

}  // namespace netsift
