// Resource attacks (issue 22) at small scale: each capture comes from gen_attacks.py. Where tshark
// reads the attack in reasonable time, netsift's output must equal tshark's; where the attack is
// about growth, netsift's CPU time at scale N is compared with its time at 1,000 units (a ratio,
// never a wall-clock threshold) and its peak RSS with the 150 MB budget.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "run_command.h"
#include "sanitizer_build.h"
#include "tshark_cache.h"

namespace netsift::test {
namespace {

namespace fs = std::filesystem;

const std::string kNetsift = NETSIFT_BINARY;
const std::string kGenerator = std::string(NETSIFT_SOURCE_DIR) + "/tests/hostile/gen_attacks.py";

// The attack capture `attack` at `scale`, generated once per build tree.
std::string attack_file(const std::string& attack, int scale, const std::string& ext = "pcap") {
  fs::path dir = fs::path(HOSTILE_WORK_DIR);
  fs::create_directories(dir);
  fs::path file = dir / (attack + "-" + std::to_string(scale) + "." + ext);
  if (!fs::exists(file)) {
    fs::path part = file.string() + ".part";
    CommandResult r = run_command("python3 " + shell_quote(kGenerator) + " " + attack + " " +
                                  std::to_string(scale) + " " + shell_quote(part.string()));
    if (r.status != 0) ADD_FAILURE() << "generator failed for " << attack;
    fs::rename(part, file);
  }
  return file.string();
}

struct Usage {
  double cpu_seconds = 0;
  long peak_rss_kb = 0;
  std::string out;
};

// Runs netsift with `args`, measuring its CPU time (user + system) and peak RSS with GNU time.
Usage measure(const std::string& args) {
  std::string stats = std::string(HOSTILE_WORK_DIR) + "/time.txt";
  CommandResult r = run_command("/usr/bin/time -o " + shell_quote(stats) + " -f '%U %S %M' " +
                                shell_quote(kNetsift) + " " + args + " 2>/dev/null");
  Usage u;
  u.out = r.out;
  std::ifstream in(stats);
  double user = 0, sys = 0;
  in >> user >> sys >> u.peak_rss_kb;
  u.cpu_seconds = user + sys;
  return u;
}

std::string netsift(const std::string& args) {
  return run_command(shell_quote(kNetsift) + " " + args + " 2>&1").out;
}

// The memory budget holds for the release build; AddressSanitizer's shadow memory and its
// quarantine of freed blocks (up to 256 MiB by default) add to RSS, so the sanitizer pass allows
// four times the budget (it checks the same runs for memory errors instead; dns-many-answers
// reached 474 MiB there).
constexpr long kRssBudgetKb = (netsift::test::kSanitizerBuild ? 4 : 1) * 150 * 1024;

// Time at `scale` over time at 1,000 units must stay within `factor` times linear growth. The
// 1,000-unit run is floored at 10 ms so start-up noise cannot make the ratio meaningless.
void expect_linear(const std::string& attack, int scale, const std::string& args, double factor) {
  Usage small =
      measure("-r " + shell_quote(attack_file(attack, 1000)) + " " + args + " >/dev/null");
  Usage big = measure("-r " + shell_quote(attack_file(attack, scale)) + " " + args + " >/dev/null");
  double base = std::max(small.cpu_seconds, 0.01);
  double linear = scale / 1000.0;
  EXPECT_LT(big.cpu_seconds / base, linear * factor)
      << attack << ": " << big.cpu_seconds << " s at " << scale << " vs " << small.cpu_seconds
      << " s at 1000";
  EXPECT_LT(big.peak_rss_kb, kRssBudgetKb) << attack << " at " << scale;
}

TEST(Hostile, IpFirstFragmentsStayLinear) {
  // 30,000 unfinished 1,000-byte first fragments overflow the 10 MiB fragment budget: every
  // later fragment evicts the oldest datagram (a table scan per eviction was quadratic).
  expect_linear("ipfrag-first", 30000, "", 3);
}

TEST(Hostile, HalfOpenTcpFlowsStayLinear) {
  expect_linear("tcp-halfopen", 20000, "", 3);
}

TEST(Hostile, HalfOpenTcpFlowsEvictedWithinBudget) {
  // 40,000 flows overflow the 28 MiB flow-table share (28,672 conversations): the least recently
  // used eighth goes each time, so the SYNs' flows are gone when their data comes; with
  // --max-memory 192M all 40,000 stay and the data segments join their SYN's stream.
  std::string f = attack_file("tcp-halfopen", 40000);
  std::string args = "-r " + shell_quote(f) + " -Y 'frame.number > 40000' -T fields -e tcp.stream";
  std::string evicted = netsift(args), kept = netsift("--max-memory 192M " + args);
  EXPECT_EQ(kept.substr(0, 6), "0\n1\n2\n");
  EXPECT_EQ(evicted.substr(0, 12), "40000\n40001\n");
  Usage u = measure("-r " + shell_quote(f) + " >/dev/null");
  EXPECT_LT(u.peak_rss_kb, kRssBudgetKb);
}

TEST(Hostile, PendingPdusNameTheBudgetAndMaxMemoryRaisesIt) {
  // 50 connections each 1 MiB into an 8 MiB response: 50 MiB pending over the 32 MiB TCP share.
  std::string f = attack_file("http-pending", 50);
  std::string args = "-r " + shell_quote(f) + " -T fields -e _ws.expert.message";
  const std::string limit =
      "pending PDU dropped (the TCP reassembly budget of 32 MiB of --max-memory 96 MiB used up)";
  EXPECT_NE(netsift(args).find(limit), std::string::npos);
  EXPECT_EQ(netsift("--max-memory 200M " + args).find("pending PDU dropped"), std::string::npos);
  EXPECT_NE(netsift("--max-memory 0.5K " + args).find("not a size of at least 1M"),
            std::string::npos);
}

TEST(Hostile, ChunkedDeflateBombWithinBudget) {
  // 512 MiB inflated from a chunked deflate body: the decoded body stops at 16 MiB and the
  // segment-by-segment reassembly keeps no buffer per size it went through.
  Usage u = measure("-r " + shell_quote(attack_file("http-deflate-chunked", 512)) + " >/dev/null");
  EXPECT_LT(u.peak_rss_kb, kRssBudgetKb);
  std::string f = attack_file("http-gzip-chunked", 512);
  std::string fields =
      netsift("-r " + shell_quote(f) + " -Y http.response -T fields -e _ws.expert");
  EXPECT_NE(fields.find("Decoded body cut at 16777216 bytes"), std::string::npos) << fields;
}

TEST(Hostile, ChunkedGzipBodyAsTshark) {
  // Small enough for tshark: the same summary and tree as tshark 4.0.
  std::string f = attack_file("http-gzip-chunked", 2);
  EXPECT_EQ(netsift("-r " + shell_quote(f)), tshark_cached("-r " + shell_quote(f)));
  EXPECT_EQ(netsift("-r " + shell_quote(f) + " -Y http.response -V"),
            tshark_cached("-r " + shell_quote(f) + " -Y http.response -V"));
}

TEST(Hostile, Http2GzipBodyAsTsharkAndCutAtTheItemLimit) {
  std::string f = attack_file("h2-gzip-bomb", 2);
  EXPECT_EQ(netsift("-r " + shell_quote(f) + " -V"), tshark_cached("-r " + shell_quote(f) + " -V"));
  // 256 MiB inflated from DATA frames: cut at the 16 MiB a Content-Length body may have.
  std::string g = attack_file("h2-gzip-bomb", 256);
  Usage u = measure("-r " + shell_quote(g) + " -T fields -e _ws.expert.message");
  EXPECT_NE(
      u.out.find("Decoded body cut at 16777216 bytes (16 MiB, a sixth of --max-memory 96 MiB)"),
      std::string::npos)
      << u.out;
  EXPECT_LT(u.peak_rss_kb, kRssBudgetKb);
}

TEST(Hostile, Http2StreamsWithinTheBudget) {
  // Each stream an HTTP/2 connection opens is charged to the HTTP/2 share; past it a new
  // stream forgets the connection's oldest one, with an expert item when that one had not
  // ended (these requests' responses never come).
  std::string f = attack_file("h2-many-streams", 3);
  EXPECT_EQ(netsift("-r " + shell_quote(f) + " -V"), tshark_cached("-r " + shell_quote(f) + " -V"));
  std::string g = attack_file("h2-many-streams", 5000);
  std::string experts = netsift("--max-memory 1M -r " + shell_quote(g) +
                                " -Y http2.stream_limit -T fields -e _ws.expert.message");
  EXPECT_EQ(experts.substr(0, experts.find('\n')),
            "Stream 1 forgotten (the HTTP/2 streams budget of 128 KiB of --max-memory 1 MiB used "
            "up)");
  EXPECT_EQ(netsift("-r " + shell_quote(g) + " -Y http2.stream_limit -T fields -e frame.number"),
            "");
  expect_linear("h2-many-streams", 20000, "", 3);
}

TEST(Hostile, HpackBombAsTsharkAndLinear) {
  // Each HEADERS frame names a 4,000-byte dynamic-table entry 4,000 times: decoding stops at
  // 256 KiB per block as tshark's does.
  std::string f = attack_file("hpack-bomb", 3);
  EXPECT_EQ(netsift("-r " + shell_quote(f) + " -V"), tshark_cached("-r " + shell_quote(f) + " -V"));
  expect_linear("hpack-bomb", 4000, "", 3);
}

TEST(Hostile, JsonNestingAsTsharkAndBounded) {
  std::string f = attack_file("json-nesting", 50);
  EXPECT_EQ(netsift("-r " + shell_quote(f) + " -V"), tshark_cached("-r " + shell_quote(f) + " -V"));
  // 100,000 levels: no recursion that deep, no memory per level beyond the budget.
  Usage u = measure("-r " + shell_quote(attack_file("json-nesting", 100000)) + " -V >/dev/null");
  EXPECT_LT(u.peak_rss_kb, kRssBudgetKb);
}

TEST(Hostile, DeepX509AndMplsStacksBounded) {
  // tshark 4.0 shows the nested certificate as a BER "Wrong field in SEQUENCE" error and
  // dissects MPLS, which netsift does not yet (both outputs differ): here only bounds.
  for (const auto& [attack, scale] : {std::pair{"x509-nesting", 100000}, {"mpls-stack", 1000}}) {
    Usage u =
        measure("-r " + shell_quote(attack_file(attack, scale)) + " -T fields -e frame.number");
    EXPECT_FALSE(u.out.empty()) << attack;
    EXPECT_LT(u.peak_rss_kb, kRssBudgetKb) << attack;
  }
}

TEST(Hostile, DnsPointerIntoHeaderIsMalformed) {
  std::string f = attack_file("dns-pointer-header", 5);
  EXPECT_EQ(netsift("-r " + shell_quote(f) + " -V"), tshark_cached("-r " + shell_quote(f) + " -V"));
}

TEST(Hostile, DnsUnansweredQueriesEvictedOldestFirst) {
  // 1,000 queries, then responses to the first and the last. The default budget holds them all,
  // as tshark does; with --max-memory 1M the DNS share (64 KiB: about 500 transactions) is
  // used up, each further query forgets the oldest with an expert item, and the response to the
  // first query reads as unsolicited while the last one still finds its query.
  std::string f = attack_file("dns-unanswered", 1000);
  std::string args = "-r " + shell_quote(f) +
                     " -Y dns.flags.response==1 -T fields -e frame.number -e dns.response_to"
                     " -e dns.unsolicited";
  EXPECT_EQ(netsift(args), tshark_cached(args));
  EXPECT_EQ(netsift("--max-memory 1M " + args), "1001\t\t1\n1002\t1000\t\n");
  std::string experts = netsift("--max-memory 1M -r " + shell_quote(f) +
                                " -Y dns.transactions_limit -T fields -e _ws.expert.message");
  EXPECT_EQ(experts.substr(0, experts.find('\n')),
            "DNS transaction of frame 1 forgotten (the DNS transactions budget of 64 KiB of "
            "--max-memory 1 MiB used up)");
  expect_linear("dns-unanswered", 30000, "--max-memory 1M", 3);
}

TEST(Hostile, DnsManyChainedAnswersAsTsharkAndLinear) {
  // 200 answers a response, each name a label and a pointer to the one before: names grow to
  // tshark's 255-character limit and stop there.
  // (The tree differs only in the labels of answers whose "name: type A, class IN" alone
  // passes 240 characters: tshark appends one character of the address after its
  // "[truncated]" mark.)
  std::string f = attack_file("dns-many-answers", 2);
  std::string args =
      "-r " + shell_quote(f) + " -T fields -e dns.resp.name -e dns.a -e _ws.malformed";
  EXPECT_EQ(netsift(args), tshark_cached(args));
  EXPECT_EQ(netsift("-r " + shell_quote(f)), tshark_cached("-r " + shell_quote(f)));
  expect_linear("dns-many-answers", 3000, "", 3);
}

TEST(Hostile, IcmpUnansweredRequestsEvictedOldestFirst) {
  std::string f = attack_file("icmp-unanswered", 1000);
  std::string args = "-r " + shell_quote(f) + " -Y 'frame.number > 995'";
  EXPECT_EQ(netsift(args), tshark_cached(args));
  // With --max-memory 1M the ICMP share (42.7 KiB) keeps the last 340 or so requests.
  std::string fields = netsift("--max-memory 1M -r " + shell_quote(f) +
                               " -Y icmp.type==0 -T fields -e frame.number -e icmp.resp_to");
  EXPECT_EQ(fields, "1001\t\n1002\t1000\n");
  std::string experts = netsift("--max-memory 1M -r " + shell_quote(f) +
                                " -Y icmp.transactions_limit -T fields -e _ws.expert.message");
  EXPECT_EQ(experts.substr(0, experts.find('\n')),
            "Echo request of frame 1 forgotten (the ICMP transactions budget of 42.7 KiB of "
            "--max-memory 1 MiB used up)");
  expect_linear("icmp-unanswered", 30000, "--max-memory 1M", 3);
}

TEST(Hostile, ArpBindingsAndEspSequencesInThePerCaptureTablesPool) {
  // Both tables share one pool (42.7 KiB with --max-memory 1M: some hundreds of entries). Within
  // it the last packet shows tshark's duplicate address / sequence gap; past it the first
  // address or SPI was forgotten, with an expert item, and the last packet finds nothing to
  // compare with (and itself makes room).
  for (const char* attack : {"arp-many-addresses", "esp-many-spis"}) {
    std::string f = attack_file(attack, 1000);
    std::string last = "-r " + shell_quote(f) + " -V -Y frame.number==1001";
    EXPECT_EQ(netsift(last), tshark_cached(last)) << attack;
    std::string cut = netsift("--max-memory 1M " + last);
    EXPECT_EQ(cut.find("Duplicate IP address configured"), std::string::npos) << cut;
    EXPECT_EQ(cut.find("Wrong Sequence Number"), std::string::npos) << cut;
    EXPECT_NE(cut.find("forgotten (the per-capture tables budget"), std::string::npos) << cut;
    std::string experts = netsift("--max-memory 1M -r " + shell_quote(f) +
                                  " -Y 'arp.bindings_limit || esp.sequence_analysis_limit'"
                                  " -T fields -e _ws.expert.message");
    EXPECT_NE(experts.find("(frame 1) forgotten (the per-capture tables budget of 42.7 KiB of "
                           "--max-memory 1 MiB used up)"),
              std::string::npos)
        << attack << experts.substr(0, 300);
    expect_linear(attack, 30000, "--max-memory 1M", 3);
  }
}

TEST(Hostile, ConversationTablesAsTsharkUntilTheStatisticsBudget) {
  const std::string z = " -q -z conv,udp -z endpoints,ip -z expert";
  std::string f = attack_file("many-conversations", 1000);
  EXPECT_EQ(netsift("-r " + shell_quote(f) + z), tshark_cached("-r " + shell_quote(f) + z));
  // 20,000 conversations: within the default budget every row is there; --max-memory 1M holds
  // about 5,000 rows and says how much it left out under the table.
  std::string g = attack_file("many-conversations", 20000);
  std::string full = netsift("-r " + shell_quote(g) + " -q -z conv,udp");
  EXPECT_EQ(full.find("Not counted"), std::string::npos);
  EXPECT_NE(full.find("10.0.0.20:20999"), std::string::npos);
  std::string cut = netsift("--max-memory 1M -r " + shell_quote(g) + " -q -z conv,udp");
  EXPECT_NE(cut.find("packets in further conversations (the statistics budget of 1 MiB of "
                     "--max-memory 1 MiB used up)\n====="),
            std::string::npos)
      << cut.substr(cut.size() - std::min<size_t>(cut.size(), 400));
  EXPECT_EQ(cut.find("10.0.0.20:20999"), std::string::npos);
  expect_linear("many-conversations", 20000, "-q -z conv,udp -z endpoints,udp", 3);
}

TEST(Hostile, PcapngShortBlockOfEachTypeAsTshark) {
  // A block shorter than its type's minimum after one packet: tshark shows the packet, then
  // refuses the file with the type's own message; netsift gives the same packet and message.
  for (int type : {0x0A0D0D0A, 1, 2, 3, 4, 5, 6, 7, 9, 0x204, 0x216, 0x221, 0xBAD, 0x40000BAD}) {
    std::string f = attack_file("pcapng-short-block", type, "pcapng");
    std::string expected = shell_cached("tshark -r " + shell_quote(f) + " 2>&1").out;
    size_t open = expected.find("\n(pcapng:");
    ASSERT_NE(open, std::string::npos) << expected;
    std::string explanation = expected.substr(open + 1, expected.find(')', open) - open);
    std::string got = netsift("-r " + shell_quote(f));
    EXPECT_NE(got.find(explanation), std::string::npos) << got << " vs " << explanation;
    EXPECT_NE(got.find("UDP 74 1234 → 9 Len=32"), std::string::npos) << got;
  }
}

TEST(Hostile, VlanStackStopsAtTshark20Tags) {
  std::string f = attack_file("vlan-stack", 25);
  EXPECT_EQ(netsift("-r " + shell_quote(f) + " -V"), tshark_cached("-r " + shell_quote(f) + " -V"));
  std::string g = attack_file("vlan-stack", 1000);
  Usage u = measure("-r " + shell_quote(g) + " >/dev/null");
  EXPECT_LT(u.peak_rss_kb, kRssBudgetKb);
}

TEST(Hostile, DeepTunnelNestingAsTshark) {
  std::string f = attack_file("tunnel-nesting", 12);
  EXPECT_EQ(netsift("-r " + shell_quote(f) + " -V"), tshark_cached("-r " + shell_quote(f) + " -V"));
  // 3,000 levels: tshark stops past its 256-layer tree depth with a dissector bug, which
  // netsift does not imitate yet; it must get through without exhausting stack or memory.
  std::string g = attack_file("tunnel-nesting", 3000);
  Usage u = measure("-r " + shell_quote(g) + " -T fields -e frame.number");
  EXPECT_EQ(u.out, "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n");
  EXPECT_LT(u.peak_rss_kb, kRssBudgetKb);
}

TEST(Hostile, PcapngLargeSectionHeaderReadAsTshark) {
  // 2 MiB of SHB options: beyond the EPB-sized limit, within wiretap's block limit.
  std::string f = attack_file("pcapng-big-shb", 2048, "pcapng");
  std::string args = "-r " + shell_quote(f) + " -T fields -e frame.number -e ip.src";
  EXPECT_EQ(netsift(args), tshark_cached(args));
}

TEST(Hostile, PcapngBlockLimitMessageAsTshark) {
  // Past wiretap's block limit both refuse the file with the same explanation.
  std::string f = attack_file("pcapng-claimed-shb", 200, "pcapng");
  std::string expected = shell_cached("tshark -r " + shell_quote(f) + " 2>&1").out;
  std::string got = netsift("-r " + shell_quote(f));
  size_t open = expected.find("\n(");
  ASSERT_NE(open, std::string::npos) << expected;
  std::string explanation = expected.substr(open + 1, expected.find(')', open) - open);
  EXPECT_NE(got.find(explanation), std::string::npos) << got << " vs " << explanation;
}

}  // namespace
}  // namespace netsift::test
