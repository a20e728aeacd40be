// -z f5_flows and f5ethtrailer.peer_stream on the corpus F5 captures, checked against a pairing
// computed here from tshark's own fields (tcp.stream, f5ethtrailer.flowid/peerid, the peer
// addresses of high noise, tcp.len, tcp.analysis.initial_rtt).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "run_command.h"
#include "test_names.h"
#include "tshark_cache.h"

namespace netsift::test {
namespace {

const std::string kCorpus = NETSIFT_CORPUS_DIR;

struct Stream {
  std::set<std::string> flow_ids, peer_ids, peer_tuples;
  std::string tuple;  // "addr:port addr:port", lower endpoint first
  long packets = 0, payload = 0;
  double initial_rtt = -1;  // seconds
  bool syn_in = false;
  long first_frame = 0;
};

std::string tuple(std::string a, const std::string& ap, std::string b, const std::string& bp) {
  a += ":" + ap;
  b += ":" + bp;
  return a < b ? a + " " + b : b + " " + a;
}

// Streams of the trailer-carrying TCP frames, from tshark.
std::map<long, Stream> tshark_streams(const std::string& file) {
  std::string out = tshark_cached(
      "-r " + shell_quote(file) +
      " -Y 'tcp && f5ethtrailer' -T fields -e frame.number -e tcp.stream -e ip.src -e "
      "tcp.srcport -e ip.dst -e tcp.dstport -e f5ethtrailer.flowid -e f5ethtrailer.peerid -e "
      "f5ethtrailer.peerremoteaddr -e f5ethtrailer.peerremoteport -e f5ethtrailer.peerlocaladdr "
      "-e f5ethtrailer.peerlocalport -e tcp.len -e tcp.analysis.initial_rtt -e "
      "f5ethtrailer.ingress -e tcp.flags.syn -e tcp.flags.ack -e f5ethtrailer.peeripproto");
  std::map<long, Stream> streams;
  for (const std::string& l : split_lines(out)) {
    auto c = split_tabs(l);
    if (c.size() < 18) continue;
    Stream& s = streams[std::stol(c[1])];
    if (s.packets++ == 0) s.first_frame = std::stol(c[0]);
    s.tuple = tuple(c[2], c[3], c[4], c[5]);
    if (!c[6].empty() && c[6] != "0x0000000000000000") s.flow_ids.insert(c[6]);
    if (!c[7].empty() && c[7] != "0x0000000000000000") s.peer_ids.insert(c[7]);
    if (!c[8].empty() && !c[9].empty() && (c[17] == "6" || c[17] == "0"))
      s.peer_tuples.insert(tuple(c[8], c[9], c[10], c[11]));
    s.payload += std::stol(c[12]);
    if (!c[13].empty()) s.initial_rtt = std::stod(c[13]);
    if (c[15] == "1" && c[16] == "0" && c[14] == "1") s.syn_in = true;
  }
  return streams;
}

bool names(const Stream& a, const Stream& b) {
  for (const std::string& id : a.peer_ids)
    if (b.flow_ids.count(id)) return true;
  return a.peer_tuples.count(b.tuple) > 0;
}

// Flow ids are reused over time (spec §9.4): a stream whose high noise names a peer tuple only
// pairs with the stream of that tuple.
bool contradicts(const Stream& a, const Stream& b) {
  return !a.peer_tuples.empty() && !a.peer_tuples.count(b.tuple);
}

// Unordered pairs {client, server} the trailers establish.
std::map<long, long> expected_peers(const std::map<long, Stream>& streams) {
  std::map<long, long> peer;
  for (const auto& [a, sa] : streams)
    for (const auto& [b, sb] : streams) {
      if (a == b || contradicts(sa, sb) || contradicts(sb, sa)) continue;
      if (names(sa, sb)) {
        peer[a] = b;
        peer[b] = a;
      }
    }
  return peer;
}

struct Row {
  std::string client, server;  // stream numbers or "-"
  std::vector<std::string> cells;
};

std::vector<Row> f5_flows_rows(const std::string& file) {
  auto r =
      run_command(std::string(NETSIFT_BINARY) + " -r " + shell_quote(file) + " -q -z f5_flows");
  EXPECT_EQ(r.status, 0);
  std::vector<Row> rows;
  bool in_table = false;
  for (const std::string& l : split_lines(r.out)) {
    if (l.rfind("Streams ", 0) == 0) {
      in_table = true;
      continue;
    }
    if (!in_table || l.rfind("====", 0) == 0) continue;
    Row row;
    static const std::regex kGap("  +");
    for (std::sregex_token_iterator it(l.begin(), l.end(), kGap, -1), end; it != end; ++it)
      row.cells.push_back(*it);
    EXPECT_EQ(row.cells.size(), 14u) << l;
    if (row.cells.size() != 14) continue;
    auto slash = row.cells[0].find('/');
    row.client = row.cells[0].substr(0, slash);
    row.server = row.cells[0].substr(slash + 1);
    rows.push_back(row);
  }
  return rows;
}

std::string count_or_dash(const std::map<long, Stream>& streams, const std::string& id,
                          long Stream::*m) {
  return id == "-" ? "-" : std::to_string(streams.at(std::stol(id)).*m);
}

void expect_handshake(const std::map<long, Stream>& streams, const std::string& id,
                      const std::string& ours) {
  double rtt = id == "-" ? -1 : streams.at(std::stol(id)).initial_rtt;
  if (rtt < 0) {
    EXPECT_EQ(ours, "-") << "stream " << id;
    return;
  }
  ASSERT_NE(ours, "-") << "stream " << id;
  EXPECT_NEAR(std::stod(ours), rtt * 1000, 0.0006) << "stream " << id;
}

class F5Flows : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    std::string p = GetParam();
    path_ = p.rfind("fixtures/", 0) == 0 ? std::string(NETSIFT_SOURCE_DIR) + "/tests/" + p
                                         : kCorpus + "/" + p;
    if (!std::filesystem::exists(path_)) GTEST_SKIP() << "no corpus";
    if (run_command("command -v tshark").status != 0) GTEST_SKIP() << "no tshark";
  }
  std::string path_;
};

TEST_P(F5Flows, RowsPairStreamsAsTheTrailersSay) {
  auto streams = tshark_streams(path_);
  auto peers = expected_peers(streams);
  std::set<long> seen;
  for (const Row& r : f5_flows_rows(path_)) {
    for (const std::string& id : {r.client, r.server})
      if (id != "-") {
        EXPECT_TRUE(seen.insert(std::stol(id)).second) << "stream twice: " << id;
      }
    if (r.client != "-" && r.server != "-") {
      long c = std::stol(r.client), s = std::stol(r.server);
      EXPECT_EQ(peers.count(c) ? peers[c] : -1, s) << "pair " << r.cells[0];
      // The client side is the connection whose SYN came in to the BIG-IP.
      if (streams[c].syn_in || streams[s].syn_in) {
        EXPECT_TRUE(streams[c].syn_in) << r.cells[0];
      }
    } else {
      const std::string& id = r.client != "-" ? r.client : r.server;
      EXPECT_EQ(peers.count(std::stol(id)), 0u) << "stream " << id << " has a peer";
    }
    EXPECT_EQ(r.cells[7], count_or_dash(streams, r.client, &Stream::packets));
    EXPECT_EQ(r.cells[8], count_or_dash(streams, r.client, &Stream::payload));
    EXPECT_EQ(r.cells[9], count_or_dash(streams, r.server, &Stream::packets));
    EXPECT_EQ(r.cells[10], count_or_dash(streams, r.server, &Stream::payload));
    expect_handshake(streams, r.client, r.cells[11]);
    expect_handshake(streams, r.server, r.cells[12]);
  }
  EXPECT_EQ(seen.size(), streams.size());
}

// Single pass: a frame names its peer stream from the moment both sides have been seen.
TEST_P(F5Flows, PeerStreamFieldOnceBothSidesAreSeen) {
  auto streams = tshark_streams(path_);
  auto peers = expected_peers(streams);
  auto r = run_command(std::string(NETSIFT_BINARY) + " -r " + shell_quote(path_) +
                       " -Y 'tcp && f5ethtrailer' -T fields -e frame.number -e tcp.stream -e "
                       "f5ethtrailer.peer_stream");
  ASSERT_EQ(r.status, 0);
  size_t with_peer = 0;
  for (const std::string& l : split_lines(r.out)) {
    auto c = split_tabs(l);
    ASSERT_EQ(c.size(), 3u);
    long frame = std::stol(c[0]), stream = std::stol(c[1]);
    auto p = peers.find(stream);
    if (p == peers.end()) {
      EXPECT_EQ(c[2], "") << "frame " << frame;
      continue;
    }
    bool both_seen = streams[p->second].first_frame < frame;
    if (both_seen) {
      EXPECT_EQ(c[2], std::to_string(p->second)) << "frame " << frame;
    }
    if (!c[2].empty()) ++with_peer;
  }
  EXPECT_EQ(with_peer > 0, !peers.empty());
  // The field works in filters too.
  auto filtered = run_command(std::string(NETSIFT_BINARY) + " -r " + shell_quote(path_) +
                              " -Y 'f5ethtrailer.peer_stream' -T fields -e frame.number");
  EXPECT_EQ(split_lines(filtered.out).size(), with_peer);
}

// -2: the first pass learns every pairing, so every frame of a paired stream names its peer.
TEST_P(F5Flows, TwoPassesGivePeerStreamOnEveryFrame) {
  auto peers = expected_peers(tshark_streams(path_));
  auto r = run_command(std::string(NETSIFT_BINARY) + " -2 -r " + shell_quote(path_) +
                       " -Y 'tcp && f5ethtrailer' -T fields -e frame.number -e tcp.stream -e "
                       "f5ethtrailer.peer_stream");
  ASSERT_EQ(r.status, 0);
  for (const std::string& l : split_lines(r.out)) {
    auto c = split_tabs(l);
    ASSERT_EQ(c.size(), 3u);
    auto p = peers.find(std::stol(c[1]));
    EXPECT_EQ(c[2], p == peers.end() ? "" : std::to_string(p->second)) << "frame " << c[0];
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, F5Flows,
                         ::testing::Values("bigip-ctf/ctf-a.pcap", "bigip-ctf/ctf-b.pcapng",
                                           "f5/f5-hackazon2.pcap", "fixtures/f5-legacy.pcap",
                                           "fixtures/f5-dpt.pcap"),
                         ParamAsName{});

}  // namespace
}  // namespace netsift::test
