// -2 against tshark 4.0: the second pass shows what the first pass learnt for earlier frames
// (tcp.completeness, the iRTT on the SYN/ACK, tcp/ip/ipv6 reassembled_in on fragments and
// segments, dns.response_in, http.response_in and next_*_in with the final exchange count,
// icmp/icmpv6 resp_in or "No response seen"), and -R applies in the first pass. Each case must
// also change tshark's output (so the test could fail). tshark's answers are cached.
#include <gtest/gtest.h>

#include <string>

#include "profile_dir.h"

namespace netsift::test {
namespace {

const std::string kNoProfile = profile_dir({{"README", "no configuration\n"}});

struct TwoPassCase {
  const char* capture;
  const char* options;
};

// Detail trees and the forward-reference fields. Summary lines only where no TCP segment is
// reassembled (tshark's second pass rewrites those segments' Info column: not done).
const TwoPassCase kCases[] = {
    {"http1/ndpi-http-lines-split.pcap", "-V"},
    {"http1/scapy-http_content_length.pcap", "-V"},
    {"http1/zeek-pipelined-requests.pcap",
     "-T fields -e frame.number -e http.response_in -e http.next_request_in "
     "-e http.next_response_in -e http.request_in -e tcp.completeness"},
    {"dns-mdns/wiki-dns.cap", "-V"},
    {"dns-mdns/ndpi-dns_fragmented.pcap", "-V"},
    {"dns-mdns/ndpi-dns_fragmented.pcap", ""},
    {"arp/suricata-decode-arp-2.pcap", "-V"},
    {"arp/suricata-decode-arp-2.pcap", "-c 3"},
    {"icmp/zeek-icmp6-ping.pcap", "-V"},
    {"icmp/zeek-icmp6-ping.pcap", "-V -c 1"},
    // Streams whose first frame has no SYN: their final completeness has that frame's bits.
    {"tcp/zeek-missing-syn.pcap", "-T fields -e frame.number -e tcp.completeness"},
    {"http1/scapy-http_compressed.pcap",
     "-T fields -e frame.number -e tcp.completeness -e tcp.analysis.initial_rtt "
     "-e tcp.reassembled_in -e http.response_in"},
    // The read filter runs in the first pass: dropped frames are renumbered away.
    {"dns-mdns/wiki-dns.cap", "-R dns.flags.response==1 -V"},
    {"dns-mdns/wiki-dns.cap", "-R dns.flags.response==0"},
};

TEST(TwoPassVsTshark, SecondPassShowsWhatTheFirstLearnt) {
  for (const TwoPassCase& c : kCases) {
    std::string args = std::string("-r ") + corpus(c.capture) + " " + c.options;
    CommandResult theirs = tshark_in(kNoProfile, "-2 " + args);
    EXPECT_EQ(netsift_in(kNoProfile, "-2 " + args).out, theirs.out) << args;
    if (std::string(c.options).find("-R") == std::string::npos) {
      EXPECT_NE(tshark_in(kNoProfile, args).out, theirs.out) << "-2 changes nothing: " << args;
    }
  }
}

// Decrypted TLS: a record holding the start of an HTTP response names the frame whose record
// completes it (tls.reassembled_in on frame 30).
TEST(TwoPassVsTshark, TlsSegmentsNameTheFrameTheirPduIsReassembledIn) {
  std::string args = "-r " + corpus("tls-decrypt/lekensteyn-http-chunked-ssl.pcapng") +
                     " -o tls.keylog_file:" +
                     corpus("tls-decrypt/lekensteyn-http-chunked-ssl.keys") +
                     " -T fields -e frame.number -e tls.reassembled_in";
  CommandResult theirs = tshark_in(kNoProfile, "-2 " + args);
  EXPECT_NE(theirs.out.find("30\t50"), std::string::npos) << theirs.out;
  EXPECT_EQ(netsift_in(kNoProfile, "-2 " + args).out, theirs.out);
}

}  // namespace
}  // namespace netsift::test
