// HTTP/2 (issue 15) against tshark on every corpus capture of http2/, read as tests/diff reads
// it (key log, decode-as of capture_options.txt), for what Differential does not compare: the
// -z statistics HTTP/2 feeds (http2,tree, conv, expert, io,phs), follow,http2, --export-objects
// http (tshark 4.0 exports what HTTP taps of an HTTP/2 connection there), and -2, whose second
// pass shows where bodies and streamed messages were reassembled; netsift's own -z http2_streams
// against tshark's fields. Also the HTTP CONNECT tunnel of the errorcode capture without its
// decode-as (tshark shows the tunnel as data under HTTP). tshark's answers are cached; the
// captures are small.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "corpus.h"
#include "known_differences.h"
#include "sanitizer_build.h"
#include "tshark_cache.h"

namespace netsift::test {
namespace {

std::vector<CaptureFile> http2_captures() {
  std::vector<CaptureFile> out;
  for (const CaptureFile& c : all_captures())
    if (c.name.rfind("corpus/http2/", 0) == 0) out.push_back(c);
  return out;
}

CommandResult netsift(const std::string& args) {
  return run_command(std::string(NETSIFT_BINARY) + " " + args + " 2>/dev/null");
}

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string part; std::getline(in, part, ',');) out.push_back(part);
  return out;
}

class Http2Corpus : public ::testing::TestWithParam<CaptureFile> {
 protected:
  void SetUp() override {
    std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    test = test.substr(0, test.find('/'));
    std::string reason =
        known_difference(std::string(NETSIFT_SOURCE_DIR) + "/tests/diff/known_differences.txt",
                         "Http2." + test, GetParam().path);
    if (!reason.empty()) GTEST_SKIP() << "known difference: " << reason;
    // The sanitizer pass checks these runs for memory errors, not their output: every third
    // capture is enough.
    if (kSanitizerBuild) {
      const auto all = http2_captures();
      size_t index = 0;
      while (index < all.size() && all[index].path != GetParam().path) ++index;
      if (index % 3 != 0) GTEST_SKIP() << "every third capture in the sanitizer pass";
    }
  }
  void expect_same(const std::string& options) {
    std::string args = input_args(GetParam().path) + " " + options;
    std::string theirs = tshark_cached(args);
    std::string mine = netsift(args).out;
    EXPECT_TRUE(mine == theirs) << GetParam().name << " " << options << ": "
                                << first_difference(theirs, mine);
  }
};

TEST_P(Http2Corpus, Statistics) {
  expect_same("-q -z http2,tree -z conv,tcp -z expert");
}

TEST_P(Http2Corpus, ProtocolHierarchy) {
  expect_same("-q -z io,phs");
}

TEST_P(Http2Corpus, SecondPassTree) {
  expect_same("-2 -V");
}

// follow,http2 on the first HTTP/2 stream with an id (the connection's first TCP stream that
// has one), in hex (every byte shown); follow,http on its TCP stream.
TEST_P(Http2Corpus, Follow) {
  std::string pairs = tshark_cached(input_args(GetParam().path) +
                                    " -Y 'http2.streamid > 0' -T fields -E occurrence=f"
                                    " -e tcp.stream -e http2.streamid -c 1");
  auto lines = split_lines(pairs);
  if (lines.empty()) GTEST_SKIP() << "no HTTP/2 stream";
  auto cols = split_tabs(lines[0]);
  ASSERT_EQ(cols.size(), 2u);
  expect_same("-q -z follow,http2,hex," + cols[0] + "," + cols[1]);
  // What HTTP's follow tap saw of that TCP stream (a prior-knowledge preface's packet).
  expect_same("-q -z follow,http,hex," + cols[0]);
}

// The files --export-objects http writes (names, sizes, SHA-256) and the exit status.
TEST_P(Http2Corpus, ExportObjects) {
  auto listing = [&](const std::string& tool) {
    return "d=$(mktemp -d) && " + tool + " " + input_args(GetParam().path) +
           " -q --export-objects http,\"$d/o\" >/dev/null 2>&1; s=$?; cd \"$d/o\" 2>/dev/null && "
           "LC_ALL=C ls -A | while IFS= read -r f; do "
           "printf '%s %s %s\\n' \"$(wc -c < \"$f\")\" \"$(sha256sum < \"$f\" | cut -c1-64)\" "
           "\"$f\"; done; echo \"exit $s\"; rm -rf \"$d\"";
  };
  std::string theirs = shell_cached(listing("tshark")).out;
  std::string mine = run_command(listing(NETSIFT_BINARY)).out;
  EXPECT_EQ(mine, theirs) << GetParam().name;
}

// -z http2_streams (netsift's own) against what tshark's fields say of each stream: the same
// streams (TCP stream, stream id), their DATA frame count and bytes, largest frame, and the
// method and status of the header blocks of packets whose HEADERS are all on one stream.
TEST_P(Http2Corpus, StreamsTableAgreesWithTsharkFields) {
  struct Expected {
    uint64_t data_frames = 0, data_bytes = 0, largest = 0;
    std::string method, status;  // empty: not known from a packet of this stream alone
  };
  std::map<std::pair<std::string, std::string>, Expected> expected;
  const std::string fields = tshark_cached(
      input_args(GetParam().path) +
      " -Y http2 -T fields -E occurrence=a -e tcp.stream -e http2.streamid -e http2.type"
      " -e http2.length -e http2.headers.method -e http2.headers.status");
  for (const std::string& line : split_lines(fields)) {
    auto cols = split_tabs(line);
    if (cols.size() != 6 || cols[1].empty()) continue;
    auto ids = split_commas(cols[1]), types = split_commas(cols[2]),
         lengths = split_commas(cols[3]);
    ASSERT_EQ(ids.size(), types.size()) << line;
    ASSERT_EQ(ids.size(), lengths.size()) << line;
    std::set<std::string> header_streams;
    for (size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] == "0") continue;
      Expected& e = expected[{cols[0], ids[i]}];
      uint64_t length = std::stoull(lengths[i]);
      e.largest = std::max(e.largest, length);
      if (types[i] == "0") {
        ++e.data_frames;
        e.data_bytes += length;
      }
      if (types[i] == "1") header_streams.insert(ids[i]);
    }
    if (header_streams.size() != 1) continue;
    Expected& e = expected[{cols[0], *header_streams.begin()}];
    if (!cols[4].empty() && e.method.empty()) e.method = split_commas(cols[4])[0];
    if (!cols[5].empty() && e.status.empty()) e.status = split_commas(cols[5])[0];
  }
  if (expected.empty()) GTEST_SKIP() << "no HTTP/2 stream";
  std::string table = netsift(input_args(GetParam().path) + " -q -z http2_streams").out;
  size_t rows = 0;
  for (const std::string& line : split_lines(table)) {
    std::istringstream words(line);
    std::string conn, id, method, target, status, req, resp, data, largest;
    if (!(words >> conn >> id >> method >> target >> status >> req >> resp >> data >> largest) ||
        conn.find_first_not_of("0123456789") != std::string::npos)
      continue;
    ++rows;
    auto it = expected.find({conn, id});
    ASSERT_NE(it, expected.end()) << "a row tshark has no stream for: " << line;
    const Expected& e = it->second;
    EXPECT_EQ(data, std::to_string(e.data_frames)) << line;
    EXPECT_EQ(std::stoull(req) + std::stoull(resp), e.data_bytes) << line;
    EXPECT_EQ(largest, std::to_string(e.largest)) << line;
    if (!e.method.empty()) EXPECT_EQ(method, e.method) << line;
    if (!e.status.empty()) EXPECT_EQ(status, e.status) << line;
  }
  EXPECT_EQ(rows, expected.size()) << table;
}

INSTANTIATE_TEST_SUITE_P(Corpus, Http2Corpus, ::testing::ValuesIn(http2_captures()),
                         [](const auto& info) { return info.param.test_name; });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Http2Corpus);  // no corpus on this machine

// The errorcode capture without its decode-as: after "CONNECT 127.0.0.1:6233" and its 200, the
// tunnel's packets show an HTTP item naming the tunnel's host and port, then data (no
// dissector has port 6233 or 8888).
TEST(Http2CorpusTunnel, ConnectTunnelOfData) {
  std::string file = std::string(NETSIFT_CORPUS_DIR) + "/http2/suricata-http2-errorcode.pcap";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "no corpus";
  for (const char* options : {"-V",
                              "-T fields -e frame.protocols -e http.proxy_connect_host "
                              "-e http.proxy_connect_port -e data.len"}) {
    std::string args = "-r " + shell_quote(file) + " " + options;
    std::string theirs = tshark_cached(args);
    ASSERT_NE(theirs.find("127.0.0.1"), std::string::npos) << "no tshark or no corpus";
    std::string mine = netsift(args).out;
    EXPECT_TRUE(mine == theirs) << options << ": " << first_difference(theirs, mine);
  }
}

}  // namespace
}  // namespace netsift::test
