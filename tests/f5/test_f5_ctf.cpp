// End to end: the F5 questions of the BIG-IP capture-the-flag (scenario §2, shared corpus
// bigip-ctf/) and the -z f5_* tables, answered by netsift commands and checked against
// tshark's answers on the same files at test time.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "f5_test_util.h"

namespace netsift::test {
namespace {

const std::string kCorpus = NETSIFT_CORPUS_DIR;
const std::string kNetsift = NETSIFT_BINARY;

std::string file(const std::string& rel) {
  return kCorpus + "/" + rel;
}

// One decimal, as the CTF answer is given.
std::string fmt_percent(long part, size_t whole) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", 100.0 * static_cast<double>(part) / whole);
  return buf;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

class F5Ctf : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(file("bigip-ctf/ctf-a.pcap"))) GTEST_SKIP() << "no corpus";
    if (!have_tshark()) GTEST_SKIP() << "no tshark";
  }
  // The same arguments to both tools.
  static std::string netsift(const std::string& args) { return run(kNetsift + " " + args); }
  static std::string tshark(const std::string& args) { return run("tshark " + args); }
};

// A6: share of TMM 0 among all frames (FILEINFO included), and the TMM 0/1 counts.
TEST_F(F5Ctf, TmmCountsAndPercentage) {
  std::string args = "-r " + file("bigip-ctf/ctf-a.pcap") + " -T fields -e f5ethtrailer.tmm";
  std::vector<std::string> ours = lines(netsift(args));
  ASSERT_EQ(ours, lines(tshark(args)));
  long tmm0 = std::count(ours.begin(), ours.end(), "0");
  long tmm1 = std::count(ours.begin(), ours.end(), "1");
  EXPECT_EQ(tmm0, 502);
  EXPECT_EQ(tmm1, 148);
  EXPECT_EQ(fmt_percent(tmm0, ours.size()), "77.1");
}

// A8, B1: BIG-IP version and the tcpdump command line, from the FILEINFO frame.
TEST_F(F5Ctf, VersionAndCommandLine) {
  for (const char* f : {"bigip-ctf/ctf-a.pcap", "bigip-ctf/ctf-b.pcapng", "f5/f5-hackazon2.pcap"}) {
    std::string args = "-r " + file(f) +
                       " -c 1 -T fields -e f5fileinfo.version -e f5fileinfo.cmdline "
                       "-e f5fileinfo.hostname -e f5fileinfo.platform -e f5fileinfo.product";
    EXPECT_EQ(netsift(args), tshark(args)) << f;
  }
  std::string a = netsift("-r " + file("bigip-ctf/ctf-a.pcap") +
                          " -c 1 -T fields -e f5fileinfo.version -e f5fileinfo.cmdline");
  EXPECT_EQ(a, "15.1.2.1 0.0.10\ttcpdump -ni 0.0:nnn -w /var/tmp/f5tcpdump1.pcap -s0\n");
  std::string b =
      netsift("-r " + file("bigip-ctf/ctf-b.pcapng") + " -c 1 -T fields -e f5fileinfo.cmdline");
  EXPECT_NE(b.find("(tcp[13] & 4!=0) or (tcp port 80 or 443 or 8080 or 8081)"), std::string::npos);
}

// B4: the virtual server behind each destination address and port.
TEST_F(F5Ctf, VirtualServerPerDestination) {
  std::string args = "-r " + file("bigip-ctf/ctf-b.pcapng") +
                     " -T fields -e ip.dst -e tcp.dstport -e f5ethtrailer.vip";
  std::vector<std::string> ours = lines(netsift(args));
  ASSERT_EQ(ours, lines(tshark(args)));
  std::map<std::string, std::set<std::string>> vips;
  for (const std::string& l : ours) {
    std::istringstream in(l);
    std::string dst, port, vip;
    std::getline(in, dst, '\t');
    std::getline(in, port, '\t');
    std::getline(in, vip, '\t');
    if (!vip.empty()) vips[dst + ":" + port].insert(vip);
  }
  EXPECT_EQ(vips["10.0.3.50:80"], std::set<std::string>{"/Common/testvip"});
  EXPECT_EQ(vips["10.0.3.50:443"], std::set<std::string>{"/Common/nerdlife_ssl_vip"});
}

// B5: resets, and those sent because no virtual server was listening.
TEST_F(F5Ctf, ResetCauses) {
  std::string args = "-r " + file("bigip-ctf/ctf-b.pcapng") +
                     " -T fields -e tcp.flags.reset -e f5ethtrailer.rstcausetxt";
  std::vector<std::string> ours = lines(netsift(args));
  ASSERT_EQ(ours, lines(tshark(args)));
  EXPECT_EQ(std::count(ours.begin(), ours.end(), "1\tNo local listener"), 3);
}

// B5 per connection: -z f5_flows names the reset side and cause once per proxied connection;
// the "no listener" ones are the three the author counted.
TEST_F(F5Ctf, ResetCausesPerConnection) {
  std::vector<std::string> rows =
      lines(netsift("-r " + file("bigip-ctf/ctf-b.pcapng") + " -q -z f5_flows"));
  long no_listener = std::count_if(rows.begin(), rows.end(), [](const std::string& r) {
    return r.size() > 30 && r.ends_with("client side: No local listener");
  });
  EXPECT_EQ(no_listener, 3);
}

// B3: the TLS secrets of the trailers as an NSS key log, in one command.
TEST_F(F5Ctf, ExportTlsKeys) {
  std::string ours = netsift("-r " + file("bigip-ctf/ctf-b.pcapng") + " -q --export-tls-keys -");
  std::set<std::string> expected;
  for (const std::string& l : lines(tshark("-r " + file("bigip-ctf/ctf-b.pcapng") +
                                           " -Y f5ethtrailer.tls.keylog -T fields "
                                           "-e f5ethtrailer.tls.keylog"))) {
    std::istringstream in(l);
    for (std::string entry; std::getline(in, entry, ',');) expected.insert(entry);
  }
  std::vector<std::string> got = lines(ours);
  EXPECT_EQ(std::set<std::string>(got.begin(), got.end()), expected);
  EXPECT_FALSE(expected.empty());
}

// Scenario §2 task 10 end to end: netsift decrypts capture B with the secrets its F5 trailers
// carry, with no key option; tshark gets the key log exported from those trailers (the
// corpus's ctf-b.keylog: ExportTlsKeys shows it is what netsift exports).
TEST_F(F5Ctf, DecryptsWithTrailerSecretsAlone) {
  const std::string b = "-r " + file("bigip-ctf/ctf-b.pcapng");
  const std::string keys = " -o tls.keylog_file:" + file("bigip-ctf/ctf-b.keylog");
  const std::string gets = " -Y 'http.request.method == \"GET\" && tcp.port == 443'";
  std::string ours = netsift(b + gets);
  EXPECT_EQ(ours, tshark(b + keys + gets));
  EXPECT_FALSE(lines(ours).empty());
  // Every record and HTTP message of the capture, decrypted alike.
  const std::string fields =
      " -T fields -E occurrence=a -e tls.record.content_type -e tls.record.opaque_type"
      " -e tls.handshake.type -e tls.alert_message.desc -e tls.app_data_proto"
      " -e http.request.method -e http.request.full_uri -e http.response.code"
      " -e http.request_in -e http.response_in -e http.content_length";
  EXPECT_EQ(netsift(b + fields), tshark(b + keys + fields));
}

// From a pipe there is no first look at the file: a connection decrypts from the frame whose
// trailer brings its secret on. Capture B's trailers come with the ChangeCipherSpec (TLS 1.2)
// and the ServerHello (TLS 1.3): only the records before the trailer in that frame stay
// encrypted, every HTTP message decrypts.
TEST_F(F5Ctf, FromAPipeDecryptionStartsWithTheSecret) {
  const std::string path = file("bigip-ctf/ctf-b.pcapng");
  std::vector<std::string> piped = lines(run("cat " + path + " | " + kNetsift + " -r -"));
  std::vector<std::string> read = lines(netsift("-r " + path));
  ASSERT_EQ(piped.size(), read.size());
  size_t differing = 0;
  for (size_t i = 0; i < read.size(); ++i) {
    if (piped[i] == read[i]) continue;
    ++differing;
    EXPECT_TRUE(read[i].find("Finished") != std::string::npos ||
                read[i].find("Encrypted Extensions") != std::string::npos)
        << "piped: " << piped[i] << "\nread:  " << read[i];
  }
  EXPECT_LE(differing, 3u);  // one frame per connection: two TLS 1.2, one TLS 1.3
  const std::string gets = " -Y 'http.request.method == \"GET\" && tcp.port == 443'";
  EXPECT_EQ(run("cat " + path + " | " + kNetsift + " -r -" + gets), netsift("-r " + path + gets));
}

// The -z f5_* tables, byte for byte, on every capture with F5 trailers.
TEST_F(F5Ctf, StatisticsTablesAsTshark) {
  for (const char* f : {"bigip-ctf/ctf-a.pcap", "bigip-ctf/ctf-b.pcapng", "f5/f5-hackazon2.pcap",
                        "f5/zeek-mixed-vlan-mpls.pcap"}) {
    for (const char* z : {"-z f5_tmm_dist,tree", "-z f5_virt_dist,tree",
                          "-z f5_tmm_dist,tree -z f5_virt_dist,tree"}) {
      std::string args = "-r " + file(f) + " -q " + z;
      EXPECT_EQ(netsift(args), tshark(args)) << f << " " << z;
    }
  }
}

TEST_F(F5Ctf, UnknownStatisticIsAnError) {
  EXPECT_NE(system((kNetsift + " -r " + file("bigip-ctf/ctf-a.pcap") +
                    " -q -z no_such,tree >/dev/null 2>&1")
                       .c_str()),
            0);
}

}  // namespace
}  // namespace netsift::test
