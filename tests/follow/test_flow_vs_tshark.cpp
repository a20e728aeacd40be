// -z flow against tshark, byte for byte: TCP, ICMP and any-packet graphs, both address modes,
// several conversations, name-resolved link-layer hosts, tap filters. One run per capture serves
// all its graphs; tshark's answers are cached.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "tshark_cache.h"

namespace netsift::test {
namespace {

struct FlowCase {
  const char* name;
  const char* capture;  // relative to the shared corpus
  std::vector<std::string> graphs;
};

void PrintTo(const FlowCase& c, std::ostream* os) {
  *os << c.name;
}

std::vector<FlowCase> cases() {
  return {
      {"three_streams",
       "http1/pcpp-three_http_streams.pcap",
       {"flow,tcp,standard", "flow,tcp,network"}},
      {"icmp_echo",
       "icmp/pcpp-IcmpPackets.pcap",
       {"flow,icmp,standard", "flow,icmp,network", "flow,tcp,standard"}},
      {"dns_udp", "dns-mdns/wiki-dns.cap", {"flow,any,standard", "flow,any,network"}},
      {"arp_link_hosts",
       "arp/pcpp-ArpRequestPacket.pcap",
       {"flow,any,standard", "flow,any,network"}},
      {"out_of_order_filtered",
       "tcp/wiki-out-of-order.pcap",
       {"flow,tcp,standard,tcp.len==0", "flow,tcp,network"}},
      {"ecn_flags", "tcp/wiki-tcp-ecn-sample.pcap", {"flow,tcp,standard"}},
      {"handshake_reorder", "tcp/zeek-handshake-reorder.pcap", {"flow,tcp,standard"}},
      {"ipv6_streams", "ipv6/pcpp-four_ipv6_http_streams.pcap", {"flow,tcp,standard"}},
      {"window_scaling", "tcp/wiki-200722_win_scale_examples_anon.pcapng", {"flow,tcp,standard"}},
      {"dns_tcp", "dns-mdns/tcpdump-dns_tcp.pcap", {"flow,any,network", "flow,tcp,network"}},
      {"syn_filter", "tcp/zeek-tcp-fast-open.pcap", {"flow,tcp,standard,tcp.flags.syn==1"}},
      {"bigip_icmp", "bigip-ctf/ctf-a.pcap", {"flow,icmp,standard"}},
  };
}

class FlowVsTshark : public ::testing::TestWithParam<FlowCase> {};

TEST_P(FlowVsTshark, SameOutput) {
  const FlowCase& c = GetParam();
  std::string args = "-r " + shell_quote(std::string(NETSIFT_CORPUS_DIR) + "/" + c.capture) + " -q";
  for (const std::string& g : c.graphs) args += " -z " + shell_quote(g);
  CommandResult tshark = shell_cached("tshark " + args + " 2>/dev/null");
  CommandResult ours = run_command(std::string(NETSIFT_BINARY) + " " + args + " 2>/dev/null");
  ASSERT_FALSE(tshark.out.empty()) << "tshark printed nothing for " << args;
  EXPECT_EQ(ours.status, tshark.status);
  EXPECT_EQ(ours.out, tshark.out);
}

INSTANTIATE_TEST_SUITE_P(Corpus, FlowVsTshark, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(FlowArguments, SameComplaintsAsTshark) {
  const std::string capture = std::string(NETSIFT_CORPUS_DIR) + "/icmp/pcpp-IcmpPackets.pcap";
  for (const char* z : {"flow,tcp,foo", "flow,tcp,network,foo==", "flow,any,x"}) {
    std::string args = " -r " + shell_quote(capture) + " -q -z " + shell_quote(z) +
                       " 2>&1 >/dev/null | grep -o 'flow - .*'; exit ${PIPESTATUS[0]}";
    CommandResult tshark = shell_cached("bash -c " + shell_quote("tshark" + args));
    CommandResult ours = run_command("bash -c " + shell_quote(std::string(NETSIFT_BINARY) + args));
    ASSERT_FALSE(tshark.out.empty()) << z;
    EXPECT_EQ(ours.out, tshark.out) << z;
    EXPECT_EQ(ours.status, tshark.status) << z;
  }
}

}  // namespace
}  // namespace netsift::test
