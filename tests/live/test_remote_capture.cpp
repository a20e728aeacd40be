// netsift remote end to end: a real OpenSSH server on 127.0.0.1 (throw-away keys, temp dir),
// the real tcpdump as the remote capture, UDP traffic from the test.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "live_test_util.h"

namespace netsift::test {
namespace {

namespace fs = std::filesystem;

class SshServer {
 public:
  // Returns "" or why the server could not be started. `extra_config` is appended to
  // sshd_config (a ForceCommand standing in for another login shell). With a `root_password`,
  // sshd also takes password logins, checked against a copy of /etc/shadow giving root that
  // password, mounted over /etc/shadow in sshd's own mount namespace (the system's file is
  // not touched).
  std::string start(const std::string& extra_config = "", const std::string& root_password = "") {
    if (!fs::exists("/usr/sbin/sshd")) return "/usr/sbin/sshd is not installed";
    dir_ = make_temp_dir();
    for (const char* key : {"host_key", "client_key"}) {
      auto r = run_process({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir_ + "/" + key},
                           10000);
      if (r.exit_code != 0) return "ssh-keygen failed: " + r.err;
    }
    fs::copy_file(dir_ + "/client_key.pub", dir_ + "/authorized_keys");
    fs::create_directories("/run/sshd");  // sshd's privilege separation directory
    std::vector<std::string> sshd = {"/usr/sbin/sshd", "-D", "-E", log_path(), "-f",
                                     dir_ + "/sshd_config"};
    if (!root_password.empty()) {
      std::string why = shadow_with_root_password(root_password);
      if (!why.empty()) return why;
      std::string command = "mount --bind " + dir_ + "/shadow /etc/shadow && exec";
      for (const std::string& a : sshd) command += " " + a;
      sshd = {"unshare", "--mount", "sh", "-c", command};
    }
    port_ = free_port(SOCK_STREAM);
    std::ofstream(dir_ + "/sshd_config") << "Port " << port_ << "\n"
                                         << "ListenAddress 127.0.0.1\n"
                                         << "HostKey " << dir_ << "/host_key\n"
                                         << "PidFile " << dir_ << "/sshd.pid\n"
                                         << "AuthorizedKeysFile " << dir_ << "/authorized_keys\n"
                                         << "StrictModes no\nPermitRootLogin yes\n"
                                         << "PasswordAuthentication "
                                         << (root_password.empty() ? "no" : "yes") << "\n"
                                         << "KbdInteractiveAuthentication no\nUsePAM no\n"
                                         << "LogLevel VERBOSE\n"  // logs each authentication
                                         << extra_config;
    server_ = std::make_unique<Child>(sshd);
    // Ready when a login works.
    for (int i = 0; i < 50; ++i) {
      auto r = run_process(ssh({"true"}), 10000);
      if (r.exit_code != 255 && r.exit_code >= 0) return "";  // logged in (ssh fails with 255)
      if (server_->exited()) return "sshd exited: " + server_->wait(100).err;
      ::usleep(100000);
    }
    return "sshd did not accept a login";
  }
  ~SshServer() {
    server_.reset();  // kills sshd
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  std::vector<std::string> ssh(std::vector<std::string> command) const {
    std::vector<std::string> a = {"ssh",
                                  "-p",
                                  std::to_string(port_),
                                  "-i",
                                  dir_ + "/client_key",
                                  "-o",
                                  "StrictHostKeyChecking=no",
                                  "-o",
                                  "UserKnownHostsFile=/dev/null",
                                  "-o",
                                  "LogLevel=ERROR",
                                  "-o",
                                  "BatchMode=yes",
                                  "root@127.0.0.1"};
    a.insert(a.end(), command.begin(), command.end());
    return a;
  }
  // netsift remote with this server's port and key, then `extra`.
  std::vector<std::string> remote(std::vector<std::string> extra) const {
    std::vector<std::string> a = {NETSIFT_BINARY,
                                  "remote",
                                  "root@127.0.0.1",
                                  "--port",
                                  std::to_string(port_),
                                  "--identity",
                                  dir_ + "/client_key",
                                  "--ssh-option",
                                  "StrictHostKeyChecking=no",
                                  "--ssh-option",
                                  "UserKnownHostsFile=/dev/null",
                                  "--ssh-option",
                                  "LogLevel=ERROR",
                                  "--ssh-option",
                                  "BatchMode=yes"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }
  int port() const { return port_; }
  const std::string& dir() const { return dir_; }
  std::string log_path() const { return dir_ + "/sshd.log"; }
  // Successful logins so far (`method`: "publickey" or "password").
  size_t authentications(const std::string& method = "publickey") const {
    std::ifstream log(log_path());
    size_t n = 0;
    for (std::string line; std::getline(log, line);)
      if (line.find("Accepted " + method) != std::string::npos) ++n;
    return n;
  }

 private:
  // Writes dir_/shadow: /etc/shadow with root's password hash replaced.
  std::string shadow_with_root_password(const std::string& password) {
    if (run_process({"unshare", "--mount", "true"}, 10000).exit_code != 0)
      return "no mount namespaces here (unshare --mount failed)";
    auto hash = run_process({"openssl", "passwd", "-6", password}, 10000);
    if (hash.exit_code != 0) return "openssl passwd failed: " + hash.err;
    while (!hash.out.empty() && hash.out.back() == '\n') hash.out.pop_back();
    std::ifstream in("/etc/shadow");
    std::ofstream out(dir_ + "/shadow");
    bool root = false;
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("root:", 0) == 0) {
        size_t second = line.find(':', 5);
        line = "root:" + hash.out + (second == std::string::npos ? "" : line.substr(second));
        root = true;
      }
      out << line << "\n";
    }
    if (!root) return "/etc/shadow has no root entry";
    fs::permissions(dir_ + "/shadow", fs::perms::owner_read | fs::perms::owner_write);
    return "";
  }

  std::string dir_;
  int port_ = 0;
  std::unique_ptr<Child> server_;
};

class RemoteCapture : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "the remote tcpdump needs root";
    if (std::string why = sshd_.start(); !why.empty()) GTEST_SKIP() << why;
    udp_port_ = free_port(SOCK_DGRAM);
  }
  void feed_until_exit(Child& c) {
    for (int i = 0; i < 200 && !c.exited(); ++i) {
      send_udp(udp_port_);
      ::usleep(100000);
    }
  }
  SshServer sshd_;
  int udp_port_ = 0;
};

TEST_F(RemoteCapture, StreamsFilteredPacketsAndWritesAValidFile) {
  std::string file = sshd_.dir() + "/remote.pcapng";
  Child c(sshd_.remote(
      {"-i", "lo", "-f", "udp port " + std::to_string(udp_port_), "-c", "3", "-P", "-w", file}));
  feed_until_exit(c);
  ProcessResult r = c.wait(10000);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_NE(lines[i].find("127.0.0.1"), std::string::npos) << lines[i];
    EXPECT_NE(lines[i].find(" UDP 74 "), std::string::npos) << lines[i];
    EXPECT_NE(lines[i].find("→ " + std::to_string(udp_port_) + " Len=32"), std::string::npos)
        << lines[i];
  }
  EXPECT_EQ(tshark_frame_count(file), 3);
}

TEST_F(RemoteCapture, OwnSshSessionIsNotCaptured) {
  Child c(sshd_.remote({"-i", "lo", "-c", "6", "-T", "fields", "-e", "tcp.srcport", "-e",
                        "tcp.dstport", "-e", "udp.dstport"}));
  feed_until_exit(c);
  ProcessResult r = c.wait(10000);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 6u) << r.out;
  std::string ssh_port = std::to_string(sshd_.port());
  for (const auto& l : lines) {
    std::vector<std::string> cols;
    std::string col;
    for (std::istringstream in(l); std::getline(in, col, '\t');) cols.push_back(col);
    for (const auto& v : cols) EXPECT_NE(v, ssh_port) << l;
  }
}

TEST_F(RemoteCapture, NudgePingsAreCapturedButHidden) {
  Child c(sshd_.remote({"-i", "lo", "-f", "udp port " + std::to_string(udp_port_), "--nudge", "-a",
                        "duration:4", "-T", "fields", "-e", "ip.proto", "-e", "icmp.type"}));
  feed_until_exit(c);
  ProcessResult r = c.wait(10000);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = split_lines(r.out);
  EXPECT_FALSE(lines.empty());
  // Only the UDP datagrams (and ICMP errors about them, were any sent): no echo packets.
  for (const auto& l : lines) EXPECT_TRUE(l == "17\t" || l.rfind("1\t3", 0) == 0) << l;
}

// -c ends the capture: the remote tcpdump is stopped by us, which is no failure (exit 0), and
// the probe and the capture share one ssh authentication (one password prompt).
TEST_F(RemoteCapture, CountEndsCleanlyAfterOneAuthentication) {
  size_t before = sshd_.authentications();
  Child c(sshd_.remote({"-i", "lo", "-f", "udp port " + std::to_string(udp_port_), "-c", "3"}));
  feed_until_exit(c);
  ProcessResult r = c.wait(10000);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(split_lines(r.out).size(), 3u) << r.out;
  EXPECT_EQ(r.err.find("failed"), std::string::npos) << r.err;
  EXPECT_EQ(sshd_.authentications() - before, 1u);
}

TEST_F(RemoteCapture, BadRemoteFilterGivesTcpdumpsErrorAndFails) {
  ProcessResult r = run_process(sshd_.remote({"-i", "lo", "-f", "no such filter syntax"}), 20000);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("tcpdump: "), std::string::npos) << r.err;  // tcpdump's own words
  EXPECT_NE(r.err.find("the remote tcpdump rejected the capture filter"), std::string::npos)
      << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(RemoteCapture, UnknownRemoteInterfaceFails) {
  ProcessResult r = run_process(sshd_.remote({"-i", "nosuchif0", "-c", "1"}), 20000);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("cannot capture on that interface"), std::string::npos) << r.err;
}

// BIG-IP admin accounts log in to tmsh, which runs no shell commands: a stand-in that answers
// as tmsh does makes netsift say so, and what to change, in one line.
TEST(RemoteSsh, TmshLoginShellIsExplained) {
  if (::geteuid() != 0) GTEST_SKIP() << "sshd needs root";
  std::string dir = make_temp_dir();
  std::string shell = dir + "/tmsh";
  std::ofstream(shell) << "#!/bin/sh\n"
                       << "echo \"Syntax Error: \\\"${SSH_ORIGINAL_COMMAND%% *}\\\" unknown property\"\n"
                       << "exit 1\n";
  fs::permissions(shell, fs::perms::owner_all);
  SshServer sshd;
  if (std::string why = sshd.start("ForceCommand " + shell + "\n"); !why.empty())
    GTEST_SKIP() << why;
  ProcessResult r = run_process(sshd.remote({"-i", "lo", "-c", "1"}), 20000);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("login shell is tmsh"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("shell bash"), std::string::npos) << r.err;
  fs::remove_all(dir);
}

// Password authentication: ssh asks through SSH_ASKPASS (forced, so no terminal is needed),
// and the script counts the prompts. netsift's probe and capture share one ssh connection, so
// a run asks once.
TEST(RemoteSsh, PasswordIsAskedOncePerRun) {
  if (::geteuid() != 0) GTEST_SKIP() << "sshd needs root";
  const std::string password = "netsift-test-password";
  SshServer sshd;
  if (std::string why = sshd.start("", password); !why.empty()) GTEST_SKIP() << why;
  const std::string askpass = sshd.dir() + "/askpass", prompts = sshd.dir() + "/prompts";
  std::ofstream(askpass) << "#!/bin/sh\n"
                         << "echo prompt >> " << prompts << "\n"
                         << "echo " << password << "\n";
  fs::permissions(askpass, fs::perms::owner_all);
  ::setenv("SSH_ASKPASS", askpass.c_str(), 1);
  ::setenv("SSH_ASKPASS_REQUIRE", "force", 1);
  int udp_port = free_port(SOCK_DGRAM);
  Child c({NETSIFT_BINARY, "remote", "root@127.0.0.1", "--port", std::to_string(sshd.port()),
           "--ssh-option", "StrictHostKeyChecking=no", "--ssh-option",
           "UserKnownHostsFile=/dev/null", "--ssh-option", "LogLevel=ERROR", "--ssh-option",
           "PubkeyAuthentication=no", "--ssh-option", "PreferredAuthentications=password", "-i",
           "lo", "-f", "udp port " + std::to_string(udp_port), "-c", "2"});
  for (int i = 0; i < 200 && !c.exited(); ++i) {
    send_udp(udp_port);
    ::usleep(100000);
  }
  ProcessResult r = c.wait(10000);
  ::unsetenv("SSH_ASKPASS");
  ::unsetenv("SSH_ASKPASS_REQUIRE");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(split_lines(r.out).size(), 2u) << r.out;
  std::ifstream in(prompts);
  size_t asked = 0;
  for (std::string line; std::getline(in, line);) ++asked;
  EXPECT_EQ(asked, 1u);
  EXPECT_EQ(sshd.authentications("password"), 1u);
}

TEST(RemoteSsh, UnreachableHostFailsWithSummary) {
  int closed_port = free_port(SOCK_STREAM);  // nothing listens there
  ProcessResult r = run_process({NETSIFT_BINARY, "remote", "root@127.0.0.1", "--port",
                                 std::to_string(closed_port), "--ssh-option", "BatchMode=yes"},
                                20000);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("Connection refused"), std::string::npos) << r.err;  // ssh's words
  EXPECT_NE(r.err.find("ssh could not connect"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace netsift::test
