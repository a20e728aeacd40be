// The pieces of netsift remote that need no remote: probe parsing, -U detection, the remote
// filter with the ssh session excluded, command quoting, failure summaries.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include "capture/remote_capture.h"

namespace netsift {
namespace {

RemoteProbe probe_of(const char* usage) {
  return parse_probe_output(std::string("netsift-connection: 192.0.2.7 50022 192.0.2.1 22\n"
                                        "netsift-tcpdump: yes\n") +
                            usage);
}

TEST(RemoteProbe, ReadsSshConnectionAndTcpdumpAbilities) {
  RemoteProbe p = probe_of(
      "tcpdump version 4.99.3\nUsage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ]\n");
  EXPECT_EQ(p.client_addr, "192.0.2.7");
  EXPECT_EQ(p.server_addr, "192.0.2.1");
  EXPECT_EQ(p.server_port, "22");
  EXPECT_TRUE(p.has_tcpdump);
  EXPECT_TRUE(p.packet_buffered);
}

TEST(RemoteProbe, OldTcpdumpWithoutPacketBuffering) {
  // An old tcpdump rejects --help and prints a usage whose flag list has no U.
  RemoteProbe p = probe_of(
      "tcpdump: invalid option -- '-'\ntcpdump version 3.9.4\n"
      "Usage: tcpdump [-aAdDeflLnNOpqRStuvxX] [-c count] [ -C file_size ]\n");
  EXPECT_TRUE(p.has_tcpdump);
  EXPECT_FALSE(p.packet_buffered);
}

TEST(RemoteProbe, MissingTcpdump) {
  RemoteProbe p = parse_probe_output(
      "netsift-connection: 10.1.1.1 1 10.1.1.2 22\n"
      "netsift-tcpdump: no\n");
  EXPECT_FALSE(p.has_tcpdump);
}

TEST(RemoteFilter, ExcludesTheSshSessionWithParentheses) {
  RemoteOptions o;
  RemoteProbe p = probe_of("");
  EXPECT_EQ(remote_filter(o, p), "not (host 192.0.2.7 and port 22)");
  o.filter = "tcp or udp or icmp";
  EXPECT_EQ(remote_filter(o, p), "(tcp or udp or icmp) and not (host 192.0.2.7 and port 22)");
  o.keep_ssh_traffic = true;
  EXPECT_EQ(remote_filter(o, p), "tcp or udp or icmp");
}

TEST(RemoteFilter, NudgeAddsItsPings) {
  RemoteOptions o;
  o.filter = "port 443";
  o.nudge = true;
  EXPECT_EQ(remote_filter(o, probe_of("")),
            "((port 443) and not (host 192.0.2.7 and port 22)) or (icmp and host 192.0.2.7 and "
            "host 192.0.2.1 and (icmp[icmptype] == icmp-echo or icmp[icmptype] == "
            "icmp-echoreply))");
  EXPECT_EQ(nudge_filter(probe_of("")),
            "icmp and host 192.0.2.7 and host 192.0.2.1 and (icmp[icmptype] == icmp-echo or "
            "icmp[icmptype] == icmp-echoreply)");
}

TEST(RemoteCommand, TcpdumpArgumentsAreQuoted) {
  RemoteOptions o;
  o.interface = "0.0";
  o.filter = "host 10.0.0.1 and port 80";
  o.f5 = "ssl";
  o.no_promiscuous = true;
  EXPECT_EQ(tcpdump_command(o, probe_of("Usage: tcpdump [-AUv]")),
            "tcpdump -i '0.0' -w - -s '0' -n -U -p --f5 'ssl' "
            "'(host 10.0.0.1 and port 80) and not (host 192.0.2.7 and port 22)'");
  EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
}

TEST(RemoteFailure, Summaries) {
  auto exited = [](int code) { return code << 8; };  // a wait status for exit(code)
  EXPECT_EQ(summarize_remote_failure("tcpdump: listening on lo\n", exited(0)), "");
  EXPECT_EQ(
      summarize_remote_failure("tcpdump: can't parse filter expression: syntax error\n", exited(1)),
      "the remote tcpdump rejected the capture filter");
  EXPECT_EQ(summarize_remote_failure("tcpdump: nosuch: No such device exists\n", exited(1)),
            "the remote tcpdump cannot capture on that interface");
  EXPECT_EQ(
      summarize_remote_failure("tcpdump: lo: You don't have permission to capture on that device\n"
                               "(socket: Operation not permitted)\n",
                               exited(1)),
      "permission denied on the remote host (tcpdump needs root or capture rights)");
  EXPECT_EQ(summarize_remote_failure("bash: tcpdump: command not found\n", exited(127)),
            "tcpdump is not installed (or not in the PATH) on the remote host");
  EXPECT_EQ(summarize_remote_failure("", exited(255)), "ssh could not connect to the remote host");
}

}  // namespace
}  // namespace netsift
