// Scenario §4 (HTTP/2 frame size) end to end on tests/fixtures/http2-frame-size.pcap, which
// gen_http2_fixtures.py builds with a server announcing SETTINGS_MAX_FRAME_SIZE 1024 and a
// client opening a 4096-byte window: `-Y 'http2.type == 0' -T fields -e http2.length` must list
// what tshark lists, every DATA frame's payload length (the 9-byte header not counted), none
// above 1024; the frames add up to the bodies the generator sent, and no frame-size or
// flow-control expert item (netsift's own) fires on a capture that keeps the limits.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tshark_cache.h"

namespace netsift::test {
namespace {

const std::string kFixture =
    std::string(NETSIFT_SOURCE_DIR) + "/tests/fixtures/http2-frame-size.pcap";
const std::string kDataLengths =
    "-r " + shell_quote(kFixture) + " -Y 'http2.type == 0' -T fields -e http2.length";

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> r;
  size_t start = 0;
  for (size_t comma; (comma = s.find(',', start)) != std::string::npos; start = comma + 1)
    r.push_back(s.substr(start, comma - start));
  r.push_back(s.substr(start));
  return r;
}

std::string netsift(const std::string& args) {
  return run_command(std::string(NETSIFT_BINARY) + " " + args).out;
}

// The DATA frames' lengths of one -T fields output (HEADERS in the same packet are listed too
// by -e http2.length: the frame types tell them apart).
std::vector<unsigned> data_lengths(const std::string& out_types, const std::string& out_lengths) {
  std::vector<unsigned> r;
  std::vector<std::string> types = split_lines(out_types), lengths = split_lines(out_lengths);
  for (size_t i = 0; i < types.size() && i < lengths.size(); ++i) {
    std::vector<std::string> t = split_commas(types[i]), l = split_commas(lengths[i]);
    for (size_t k = 0; k < t.size() && k < l.size(); ++k)
      if (t[k] == "0") r.push_back(static_cast<unsigned>(std::stoul(l[k])));
  }
  return r;
}

TEST(Http2FrameSize, DataLengthsAsTshark) {
  std::string ours = netsift(kDataLengths);
  EXPECT_EQ(ours, tshark_cached(kDataLengths));
  EXPECT_EQ(split_lines(ours).size(), 8u);  // the 8 packets holding DATA frames
}

TEST(Http2FrameSize, NoDataFrameAboveTheLimit) {
  std::string base = "-r " + shell_quote(kFixture) + " -Y 'http2.type == 0' -T fields -e ";
  std::vector<unsigned> lengths =
      data_lengths(netsift(base + "http2.type"), netsift(base + "http2.length"));
  ASSERT_EQ(lengths.size(), 10u);  // 9000 bytes in 1024-byte frames (9), the JSON body (1)
  unsigned total = 0;
  for (unsigned n : lengths) {
    EXPECT_LE(n, 1024u);
    total += n;
  }
  // /big.txt's 9000 bytes and the gzip-encoded JSON body.
  EXPECT_EQ(total, 9000u + lengths.back());
  EXPECT_EQ(lengths.front(), 1024u);  // a full frame: 1033 bytes on the wire, 1024 of payload
}

TEST(Http2FrameSize, LimitsKeptSoNoExpertItems) {
  std::string out =
      netsift("-r " + shell_quote(kFixture) +
              " -Y 'http2.analysis.frame_too_large || http2.analysis.window_exceeded'");
  EXPECT_EQ(out, "");
}

}  // namespace
}  // namespace netsift::test
