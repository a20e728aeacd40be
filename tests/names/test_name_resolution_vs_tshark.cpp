// Name resolution against tshark: the -N flags, transport names from the services table and a
// profile's services file, host names from the profile's hosts file and -H files, and names
// learnt from the capture's DNS answers (-N d). Summary lines, tree labels and the *_host
// fields must be identical.
#include <gtest/gtest.h>

#include <string>

#include "profile_dir.h"

namespace netsift::test {
namespace {

const std::string kEmpty = profile_dir({{"README", "no name files\n"}});

// TCP on an unnamed and a named port (31337 is "eldim"), UDP DNS, DNS over TCP.
const char* const kPortCaptures[] = {"http1/ndpi-http-lines-split.pcap", "dns-mdns/wiki-dns.cap",
                                     "dns-mdns/tcpdump-dns_tcp.pcap"};

void expect_same(const std::string& dir, const std::string& args) {
  CommandResult theirs = tshark_in(dir, args), ours = netsift_in(dir, args);
  EXPECT_EQ(ours.status, theirs.status) << args;
  EXPECT_EQ(ours.out, theirs.out) << args;
}

TEST(NameFlags, UnknownFlagAsTshark) {
  for (const char* flags : {"x", "tx", "mntdvNq"}) {
    std::string args = "-r " + corpus(kPortCaptures[0]) + " -c 1 -N " + flags;
    CommandResult theirs = tshark_in(kEmpty, args, true), ours = netsift_in(kEmpty, args, true);
    EXPECT_EQ(ours.status, theirs.status) << flags;
    EXPECT_EQ(ours.out, theirs.out) << flags;
  }
}

TEST(TransportNames, SummaryAndPortLabels) {
  for (const char* capture : kPortCaptures) {
    expect_same(kEmpty, "-r " + corpus(capture) + " -N t");
    // The port items and the protocol lines of the tree.
    expect_same(kEmpty, "-r " + corpus(capture) +
                            " -N t -V | grep -E 'Port|^(Transmission|User Datagram)'");
    expect_same(kEmpty, "-r " + corpus(capture) + " -N t -T fields -e tcp.srcport -e udp.dstport");
  }
}

// The profile's services file replaces the built-in names, a range names each of its ports.
TEST(TransportNames, ProfileServicesFile) {
  const std::string dir = profile_dir(
      {{"services", "myeldim\t31337/tcp  # replaces eldim\n"
                    "clientrange 39230-39240/tcp\n"
                    "mydomain 53/udp\n"
                    "# notaservice 33779/tcp\n"
                    "both 33779/tcp/udp\n"}});
  for (const char* capture : kPortCaptures) {
    expect_same(dir, "-r " + corpus(capture) + " -N t");
    expect_same(dir, "-r " + corpus(capture) + " -N t -V | grep -E 'Port'");
  }
}

// Hosts files: the first name of a line, later lines and files (the profile's, then -H) winning;
// names shown only with -N n.
TEST(HostNames, ProfileAndExtraHostsFiles) {
  const std::string dir = profile_dir(
      {{"hosts", "192.168.0.1 hostone alias1 alias2\n"
                 "192.168.0.20\tsrvtwenty # comment\n"
                 "# 192.168.1.11 commented\n"
                 "192.168.1.11 first\n"
                 "192.168.1.11 second\n"
                 "2001:470:765b::a25:53 six.example\n"}});
  const std::string extra = profile_dir({{"extra.hosts", "192.168.0.20 fromH\n"}}) + "/extra.hosts";
  const char* const captures[] = {"http1/ndpi-http-lines-split.pcap",
                                  "dns-mdns/tcpdump-dns_tcp.pcap",
                                  "dns-mdns/ndpi-dns_fragmented.pcap"};
  for (const char* capture : captures) {
    std::string read = "-r " + corpus(capture);
    expect_same(dir, read + " -N n");
    expect_same(dir, read + " -N m");
    expect_same(dir, read + " -N n -H " + extra);
    expect_same(dir, read + " -N mnt -T fields -e ip.src_host -e ip.dst_host -e ip.host"
                            " -e ipv6.src_host -e ipv6.host -e _ws.col.Source");
    expect_same(dir, read + " -N n -V | grep -E 'Src:|Source Address|Destination Address'");
  }
}

// pcapng name resolution blocks (IPv4 and IPv6 records); tshark shows the fixture's custom
// block as a frame, which the filter leaves out.
TEST(HostNames, FromPcapngNameResolutionBlocks) {
  const std::string args = "-r " +
                           shell_quote(std::string(NETSIFT_SOURCE_DIR) +
                                       "/tests/fixtures/pcapng-features.pcapng") +
                           " -Y 'ip || ipv6' -N n -T fields -e _ws.col.Source"
                           " -e _ws.col.Destination -e ip.src_host -e ipv6.dst_host";
  expect_same(kEmpty, args);
  EXPECT_NE(tshark_in(kEmpty, args).out.find("resolver.lan"), std::string::npos);
}

TEST(HostNames, UnreadableHostsFileAsTshark) {
  std::string args = "-r " + corpus(kPortCaptures[0]) + " -H /nonexistent/hosts";
  CommandResult theirs = tshark_in(kEmpty, args, true), ours = netsift_in(kEmpty, args, true);
  EXPECT_EQ(ours.status, theirs.status);
  EXPECT_EQ(ours.out, theirs.out);
}

// -N d: A and AAAA answers name their addresses from the packet that carries them on (the
// source of a response can be named by its own additional records), replacing even a name from
// the hosts file.
TEST(HostNames, LearntFromDnsAnswers) {
  const std::string dir = profile_dir({{"hosts", "2001:470:765b::a25:53 fromhosts\n"}});
  for (const char* capture :
       {"dns-mdns/ndpi-dns_fragmented.pcap", "dns-mdns/wiki-dns.cap", "dns-mdns/pcpp-DnsPackets.pcap",
        "dns-mdns/zeek-dns-https.pcap"}) {
    std::string read = "-r " + corpus(capture);
    expect_same(kEmpty, read + " -N nd");
    expect_same(kEmpty, read + " -N d");
    expect_same(dir, read + " -N nd");
    expect_same(kEmpty, read + " -N nd -T fields -e ip.src_host -e ipv6.dst_host");
  }
  // mDNS answers (cache-flush class) too; the capture's IGMP is left out.
  expect_same(kEmpty, "-r " + corpus("dns-mdns/zeek-mdns.pcap") + " -N nd -Y mdns");
}

}  // namespace
}  // namespace netsift::test
