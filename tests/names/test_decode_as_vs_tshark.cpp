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
const std::string kDnsOverTcp = "dns-mdns/tcpdump-dns_tcp.pcap";
// HTTP on TCP port 31337, found by tshark's heuristic without -d.
const std::string kHttpOn31337 = "http1/ndpi-http-lines-split.pcap";

void expect_same(const std::string& dir, const std::string& args) {
  CommandResult theirs = tshark_in(dir, args), ours = netsift_in(dir, args);
  EXPECT_EQ(ours.status, theirs.status) << args;
  EXPECT_EQ(ours.out, theirs.out) << args;
  EXPECT_NE(ours.out, "") << args;
}

// DNS's TCP port decoded as HTTP, in every selector notation.
TEST(DecodeAs, TcpPortAsHttp) {
  const std::string read = "-r " + corpus(kDnsOverTcp);
  ASSERT_NE(tshark_in(kEmpty, read).out, tshark_in(kEmpty, read + " -d tcp.port==53,http").out);
  for (const char* d : {"tcp.port==53,http", "tcp.port==50-60,http", "tcp.port==53:1,http",
                        "tcp.port==0x35,http", "tcp.port=53,http", "' tcp.port ==53, http '"}) {
    expect_same(kEmpty, read + " -d " + d);
    expect_same(kEmpty, read + " -d " + d + " -T fields -e tcp.srcport -e dns.qry.name");
  }
}

// A port another protocol's heuristic claims, and a transport protocol decoded as another.
TEST(DecodeAs, OtherTables) {
  const std::string read = "-r " + corpus(kHttpOn31337);
  ASSERT_NE(tshark_in(kEmpty, read).out, tshark_in(kEmpty, read + " -d tcp.port==31337,dns").out);
  expect_same(kEmpty, read + " -d tcp.port==31337,dns");
  expect_same(kEmpty, read + " -d tcp.port==31337,http");
  expect_same(kEmpty, "-r " + corpus("dns-mdns/wiki-dns.cap") + " -d udp.port==32795,dns");
}

// decode_as_entries names protocols by their short names; lines tshark cannot use are skipped.
TEST(DecodeAs, ProfileEntries) {
  const std::string dir = profile_dir(
      {{"decode_as_entries",
        "# \"Decode As\" entries file\n"
        "decode_as_entry: tcp.port,31337,(none),DNS\n"
        "decode_as_entry: tcp.port,abc,(none),HTTP\n"
        "decode_as_entry: nosuch.table,1,(none),HTTP\n"
        "decode_as_entry: tcp.port,53,DNS,HTTP\n"}});
  ASSERT_NE(tshark_in(kEmpty, "-r " + corpus(kHttpOn31337)).out,
            tshark_in(dir, "-r " + corpus(kHttpOn31337)).out);
  expect_same(dir, "-r " + corpus(kHttpOn31337));
  expect_same(dir, "-r " + corpus(kDnsOverTcp));
  // A filter name is not a short name, and "(none)" leaves DNS its port: both are ignored.
  const std::string ignored = profile_dir({{"decode_as_entries",
                                            "decode_as_entry: tcp.port,31337,(none),dns\n"
                                            "decode_as_entry: udp.port,53,DNS,(none)\n"}});
  expect_same(ignored, "-r " + corpus(kHttpOn31337));
  expect_same(ignored, "-r " + corpus("dns-mdns/wiki-dns.cap"));
}

// stderr of a bad -d: every message line as tshark's; the layer types and protocols listed by
// netsift are among tshark's (tshark knows thousands netsift does not dissect).
TEST(DecodeAs, BadArgumentsAsTshark) {
  const std::string read = "-r " + corpus(kDnsOverTcp) + " -c 1 -d ";
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
