// -z statistics against tshark, byte for byte: every statistic family on a set of varied
// captures (one tshark run per capture and family, all of the family's tables at once; answers
// cached in .tshark-cache), plus the options that change a table (name resolution, the tap
// filter, -Y, -R). Understood differences are listed in known_differences.txt with reasons.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "tshark_cache.h"

namespace netsift::test {
namespace {

struct Family {
  const char* name;
  const char* args;         // the -z options, several tables at once
  bool per_second = false;  // one row per second: not run on captures that span months
};

constexpr Family kFamilies[] = {
    {"conv", "-z conv,eth -z conv,ip -z conv,ipv6 -z conv,tcp -z conv,udp"},
    {"endpoints",
     "-z endpoints,eth -z endpoints,ip -z endpoints,ipv6 -z endpoints,tcp -z endpoints,udp"},
    {"phs", "-z io,phs"},
    {"iostat",
     "-z io,stat,0 -z 'io,stat,1,tcp,udp,COUNT(tcp.analysis.retransmission)"
     "tcp.analysis.retransmission,AVG(frame.len)frame.len,MAX(ip.ttl)ip.ttl'",
     true},
    {"ptype", "-z ptype,tree"},
    {"plen", "-z plen,tree"},
    {"expert", "-z expert"},
    {"dns", "-z dns,tree"},
    {"http", "-z http,tree -z http_req,tree -z http_srv,tree -z http_seq,tree"},
    {"http2", "-z http2,tree"},
};

// IPv4 and IPv6, VLAN, TCP-heavy, UDP/DNS-heavy, ICMP errors, fragments, F5, truncated and
// malformed packets, other link types. (The generated fixtures' statistics are golden files:
// tests/golden.)
const char* const kCaptures[] = {
    "corpus/tcp/wiki-200722_tcp_anon.pcapng",
    "corpus/tcp/wiki-out-of-order.pcap",
    "corpus/tcp/zeek-handshake-reorder.pcap",
    "corpus/http1/pcpp-650HttpResponses.pcap",
    "corpus/ipv6/wiki-http-ipv6.pcap",
    "corpus/ipv6/pcpp-four_ipv6_http_streams.pcap",
    "corpus/vlan/zeek-q-in-q.pcap",
    "corpus/vlan/wiki-vlan.cap",
    "corpus/dns-mdns/wiki-dns.cap",
    "corpus/dns-mdns/zeek-mdns.pcap",
    "corpus/f5/f5-hackazon2.pcap",
    "corpus/bigip-ctf/ctf-a.pcap",
    "corpus/icmp/zeek-icmp-destunreach-udp.pcap",
    "corpus/icmp/tcpdump-icmpv6.pcap",
    "corpus/ip-fragments/pcpp-ip6_fragments.pcap",
    "corpus/ip-fragments/wiki-ipv4frags.pcap",
    "corpus/malformed/pcpp-tcp-malformed.pcap",
    "corpus/malformed/zeek-tcp-truncated-header.pcap",
    "corpus/arp/wiki-arp-storm.pcap",
    "corpus/file-formats/pcpp-sll.pcap",
    "corpus/http2/wiki-http2-h2c.pcap",
    "corpus/http2/suricata-http2-range.pcap",
};

// Captures whose first and last frames are months apart (24 M one-second rows in tshark too).
const std::set<std::string> kLongCaptures = {
    "corpus/icmp/tcpdump-icmpv6.pcap",
    "corpus/ip-fragments/pcpp-ip6_fragments.pcap",
};

std::string capture_path(const std::string& name) {
  if (name.starts_with("corpus/")) return std::string(NETSIFT_CORPUS_DIR) + name.substr(6);
  return std::string(NETSIFT_SOURCE_DIR) + "/tests/" + name;
}

// "family capture reason" lines.
std::set<std::string> known() {
  std::set<std::string> out;
  std::ifstream in(KNOWN_FILE);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    size_t a = line.find(' ');
    size_t b = line.find(' ', a + 1);
    out.insert(line.substr(0, b));
  }
  return out;
}

// netsift's and tshark's stdout for the same arguments.
void expect_same(const std::string& args) {
  std::string theirs = tshark_cached(args);
  std::string ours = run_command(std::string(NETSIFT_BINARY) + " " + args + " 2>/dev/null").out;
  EXPECT_EQ(ours, theirs) << "arguments: " << args;
}

struct Case {
  const Family* family;
  std::string capture;
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.family->name << " " << c.capture;
}

class StatsDiff : public ::testing::TestWithParam<Case> {};

TEST_P(StatsDiff, SameAsTshark) {
  const Case& c = GetParam();
  if (known().count(std::string(c.family->name) + " " + c.capture))
    GTEST_SKIP() << "listed in known_differences.txt";
  expect_same("-r " + shell_quote(capture_path(c.capture)) + " -q " + c.family->args);
}

std::vector<Case> cases() {
  std::vector<Case> out;
  for (const Family& f : kFamilies)
    for (const char* capture : kCaptures)
      if (!f.per_second || !kLongCaptures.count(capture)) out.push_back({&f, capture});
  return out;
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
  std::string name = std::string(info.param.family->name) + "_" + info.param.capture;
  for (char& ch : name)
    if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Captures, StatsDiff, ::testing::ValuesIn(cases()), case_name);

const std::string kTcp = capture_path("corpus/tcp/wiki-200722_tcp_anon.pcapng");
const std::string kF5 = capture_path("corpus/f5/f5-hackazon2.pcap");

// Names: MAC names by default, none with -n, port names with -N t, in both table kinds.
TEST(StatsOptions, NameResolution) {
  expect_same("-r " + kF5 + " -q -n -z conv,eth -z endpoints,eth");
  expect_same("-r " + kF5 + " -q -N t -z conv,tcp -z endpoints,tcp -z conv,udp");
}

// The tap filter keeps the packets it matches and is echoed in the title.
TEST(StatsOptions, TapFilter) {
  expect_same("-r " + kF5 + " -q -z 'conv,tcp,tcp.flags.syn==1' -z 'endpoints,ip,frame.len>100'");
}

// Statistics see every packet that passes -R, whatever -Y prints.
TEST(StatsOptions, DisplayAndReadFilters) {
  expect_same("-r " + kTcp + " -Y 'frame.number<=3' -z conv,tcp -z endpoints,ip");
  expect_same("-r " + kTcp + " -2 -R 'frame.number<=3' -q -z conv,tcp");
}

// io,phs lists "frame" only when a filter reads a frame field; a -z filter of its own.
TEST(StatsOptions, ProtocolHierarchyFrameItem) {
  expect_same("-r " + kTcp + " -q -Y 'frame.len>100' -z io,phs -z io,phs,tcp");
}

// io,stat: several calculations and intervals; a field no filter names is not in tshark's tree,
// so MAX(tcp.len) stays 0 there; LOAD and MIN of relative times; an interval with decimals.
TEST(StatsOptions, IoStatColumns) {
  expect_same("-r " + kTcp +
              " -q -z 'io,stat,5,tcp,COUNT(tcp.flags.syn)tcp.flags.syn==1,SUM(frame.len)frame.len,"
              "AVG(tcp.window_size)tcp.window_size,MIN(frame.time_delta)frame.time_delta,"
              "LOAD(tcp.time_delta)tcp.time_delta' -z 'io,stat,0.5,ip.len>100,,MAX(tcp.len)'"
              " -z 'io,stat,3,FRAMES,BYTES()tcp,FRAMES()udp' -z io,stat,10.00,tcp");
}

// Expert levels keep that severity and the more severe ones (the last level given applies to
// every -z expert, as tshark keeps it in one global); each has its own tap filter.
TEST(StatsOptions, ExpertLevelsAndFilter) {
  const std::string capture = capture_path("corpus/tcp/wiki-out-of-order.pcap");
  expect_same("-r " + capture + " -q -z expert,error,tcp.len==0 -z expert,note -z expert,tcp");
  expect_same("-r " + capture + " -q -z expert,chat,tcp.len==0 -z expert,error");
  expect_same("-r " + capture_path("corpus/bigip-ctf/ctf-a.pcap") + " -q -z expert,warn");
  // Malformed packets: the protocol whose dissector threw.
  expect_same("-r " + capture_path("fixtures/malformed-packets.pcap") + " -q -z expert,error");
}

// dns,tree on DNS captures of every kind: over TCP, IP fragments, EDNS, TKEY, retransmissions
// and LLMNR (not counted), mDNS (not counted), an unanswered query.
TEST(StatsOptions, DnsTree) {
  for (const char* capture :
       {"corpus/dns-mdns/tcpdump-dns_tcp.pcap", "corpus/dns-mdns/ndpi-dns_fragmented.pcap",
        "corpus/dns-mdns/zeek-dns-edns-ecs.pcap", "corpus/dns-mdns/zeek-dns-tkey.pcap",
        "corpus/dns-mdns/pcpp-DnsPackets.pcap", "corpus/dns-mdns/ndpi-googledns_android10.pcap",
        "corpus/dns-mdns/tcpdump-dnssec.pcap"})
    expect_same("-r " + capture_path(capture) + " -q -z dns,tree");
}

// Bad parameters: tshark's complaint (after the program name) and exit status 1.
TEST(StatsOptions, BadArguments) {
  const std::string capture = capture_path("corpus/dns-mdns/wiki-dns.cap");
  for (const char* z : {"io,stat,abc", "io,stat,1,foo==", "io,stat,1,MAX(foo)", "conv,tcp,foo==",
                        "endpoints,ip,foo==", "io,phs,foo==", "expert,note,foo=="}) {
    const std::string args = " -r " + capture + " -q -z '" + std::string(z) + "' 2>&1";
    CommandResult theirs = shell_cached("tshark" + args + " | grep -v '^Running as' | grep .");
    CommandResult ours = run_command(std::string(NETSIFT_BINARY) + args);
    std::string expected = theirs.out;
    if (expected.starts_with("tshark: ")) expected = "netsift: " + expected.substr(8);
    if (!ours.out.starts_with("netsift: ")) ours.out = "netsift: " + ours.out;
    if (!expected.starts_with("netsift: ")) expected = "netsift: " + expected;
    EXPECT_EQ(ours.out, expected) << z;
    EXPECT_EQ(ours.status, 1) << z;
  }
}

// The HTTP trees on HTTP captures: redirects (Location resolved against the request), Referer
// chains, pipelining, 100-continue, chunked bodies, a proxy, binary continuations.
TEST(StatsOptions, HttpTrees) {
  for (const char* capture :
       {"corpus/http1/wiki-http_redirects.pcapng", "corpus/http1/pcpp-three_http_streams.pcap",
        "corpus/http1/zeek-pipelined-requests.pcap", "corpus/http1/wiki-http.cap",
        "corpus/http1/zeek-100-continue.pcap", "corpus/http1/suricata-http-chunked.pcap",
        "corpus/http1/zeek-proxy.pcap", "corpus/http1/pcpp-4KHttpRequests.pcap"})
    expect_same("-r " + capture_path(capture) +
                " -q -z http,tree -z http_req,tree -z http_srv,tree -z http_seq,tree");
  // Requests with an empty URI still get their (empty) node. (Its packet counter differs: tshark
  // counts 17 more "Other HTTP Packets" than netsift's HTTP dissector produces.)
  expect_same("-r " + capture_path("corpus/http1/zeek-methods.pcap") +
              " -q -z http_req,tree -z http_srv,tree");
}

}  // namespace
}  // namespace netsift::test
