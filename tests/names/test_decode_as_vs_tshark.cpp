// Decode-as against tshark: -d with single ports, ranges ("first-last", "first:count") and the
// profile's decode_as_entries, on captures where it changes the output; and every way a -d
// argument can be wrong, with tshark's messages and exit statuses.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "profile_dir.h"

namespace netsift::test {
namespace {

const std::string kEmpty = profile_dir({{"README", "no decode_as_entries\n"}});
// HTTP on TCP port 31337, DNS on UDP port 5353 of a non-mDNS capture... see each case.
const std::string kHttpOn31337 = "http1/ndpi-http-lines-split.pcap";

void expect_same(const std::string& dir, const std::string& args) {
  CommandResult theirs = tshark_in(dir, args), ours = netsift_in(dir, args);
  EXPECT_EQ(ours.status, theirs.status) << args;
  EXPECT_EQ(ours.out, theirs.out) << args;
  EXPECT_NE(ours.out, "") << args;
}

TEST(DecodeAs, TcpPortAsHttp) {
  const std::string read = "-r " + corpus(kHttpOn31337);
  // Without -d the payload is plain TCP data; with it, HTTP requests and responses.
  ASSERT_NE(tshark_in(kEmpty, read).out, tshark_in(kEmpty, read + " -d tcp.port==31337,http").out);
  for (const char* d : {"tcp.port==31337,http", "tcp.port==31330-31340,http",
                        "tcp.port==31337:1,http", "tcp.port==0x7a69,http", "tcp.port=31337,http",
                        "' tcp.port ==31337, http '", "tcp.port==39236,http"}) {
    expect_same(kEmpty, read + " -d " + d);
    expect_same(kEmpty, read + " -d " + d + " -T fields -e http.request.method -e http.response.code");
  }
}

// A port taken from its protocol: DNS over UDP port 53 decoded as nothing else netsift has
// than DNS; TCP port 53 (DNS over TCP) as HTTP.
TEST(DecodeAs, RegisteredPortReassigned) {
  expect_same(kEmpty, "-r " + corpus("dns-mdns/tcpdump-dns_tcp.pcap") + " -d tcp.port==53,http");
  expect_same(kEmpty, "-r " + corpus("dns-mdns/wiki-dns.cap") + " -d ip.proto==17,udp");
}

TEST(DecodeAs, ProfileEntries) {
  const std::string dir = profile_dir(
      {{"decode_as_entries",
        "# \"Decode As\" entries file\n"
        "decode_as_entry: tcp.port,31337,(none),http\n"
        "decode_as_entry: tcp.port,abc,(none),http\n"
        "decode_as_entry: nosuch.table,1,(none),http\n"}});
  expect_same(dir, "-r " + corpus(kHttpOn31337));
  // A (none) entry takes DNS's port away.
  const std::string none =
      profile_dir({{"decode_as_entries", "decode_as_entry: udp.port,53,dns,(none)\n"}});
  expect_same(none, "-r " + corpus("dns-mdns/wiki-dns.cap"));
}

// stderr of a bad -d: every message line as tshark's; the layer types and protocols listed by
// netsift are among tshark's (tshark knows thousands netsift does not dissect).
TEST(DecodeAs, BadArgumentsAsTshark) {
  const std::string read = "-r " + corpus(kHttpOn31337) + " -c 1 -d ";
  for (const char* d :
       {".", "foo", "tcp.port==8080", "tcp.port==8080,foo", "tcp.port==abc,http",
        "udp.port==53,http", "xyz.port==1,http", "tcp.port==8080-,http", "tcp.port==,http",
        "tcp.port==8010-8000,http", "tcp.port==8000:0,http", "tcp.port==4294967295:2,http",
        "tcp.port==-5,http", "tcp.port==1x,http", "tcp.port==5,http,extra", "tcp.port,http",
        "==5,http", "tcp.port==5,", "tcp.port==99999999999,http", "'tcp.port==1 ,http'",
        "ip.proto==6,http", "ethertype==0x800,dns"}) {
    CommandResult theirs = tshark_in(kEmpty, read + d, true);
    CommandResult ours = netsift_in(kEmpty, read + d, true);
    EXPECT_EQ(ours.status, theirs.status) << d;
    std::set<std::string> listed;
    std::vector<std::string> messages;
    for (const std::string& l : split_lines(theirs.out))
      if (l.starts_with("\t"))
        listed.insert(l);
      else
        messages.push_back(l);
    std::vector<std::string> our_messages;
    for (const std::string& l : split_lines(ours.out))
      if (l.starts_with("\t"))
        EXPECT_TRUE(listed.count(l)) << d << ": netsift lists " << l;
      else
        our_messages.push_back(l);
    EXPECT_EQ(our_messages, messages) << d;
  }
}

}  // namespace
}  // namespace netsift::test
