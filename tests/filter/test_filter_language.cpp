// Lexer, parser and compiler errors, and evaluation on a packet built byte by byte.
#include <gtest/gtest.h>

#include "core/packet.h"
#include "core/session.h"
#include "dissectors/all.h"
#include "dissectors/frame.h"
#include "filter/display_filter.h"
#include "filter/lexer.h"

namespace netsift {
namespace {

// Ethernet (broadcast, from 00:0c:29:00:00:01) / IPv4 10.0.0.1 -> 10.0.0.2, TTL 64 / TCP
// 34582 -> 80 SYN, then "GET /" as payload.
const uint8_t kPacket[] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x0c, 0x29, 0x00, 0x00, 0x01, 0x08, 0x00,  // eth
    0x45, 0x00, 0x00, 0x2d, 0x12, 0x34, 0x40, 0x00, 0x40, 0x06, 0x00, 0x00,              // ip
    0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02,                                      //
    0x87, 0x16, 0x00, 0x50, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,              // tcp
    0x50, 0x02, 0xfa, 0xf0, 0x00, 0x00, 0x00, 0x00,                                      //
    'G',  'E',  'T',  ' ',  '/'};

class FilterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    register_all_dissectors();
    frame_.data = kPacket;
    frame_.caplen = frame_.len = sizeof kPacket;
    frame_.ts = {1700000000, 500000000};
    pkt_.reset(7, &frame_, &session_);
    dissect_packet(pkt_);
  }
  bool match(const char* expr) {
    auto f = DisplayFilter::compile(expr);
    if (auto* e = std::get_if<FilterError>(&f)) {
      ADD_FAILURE() << expr << ": " << e->message;
      return false;
    }
    return std::get<DisplayFilter>(f).matches(pkt_);
  }
  FilterError error(const char* expr) {
    auto f = DisplayFilter::compile(expr);
    if (auto* e = std::get_if<FilterError>(&f)) return *e;
    ADD_FAILURE() << expr << " compiled";
    return {};
  }

  CapturedFrame frame_;
  Session session_;
  Packet pkt_;
};

TEST(FilterLexer, SplitsWordsOperatorsAndSlices) {
  auto r = dfilter::tokenize("frame[-4:2,1-3] == aa:bb && x.y in {1..2} r\"a\\b\" '\\x41'");
  auto& t = std::get<std::vector<dfilter::Token>>(r);
  ASSERT_EQ(t.size(), 15u);
  EXPECT_EQ(t[0].text, "frame");
  EXPECT_EQ(t[1].kind, dfilter::Tok::kSlice);
  ASSERT_EQ(t[1].ranges.size(), 2u);
  EXPECT_EQ(t[1].ranges[0].start, -4);
  EXPECT_EQ(t[1].ranges[1].kind, dfilter::SliceRange::kStartEnd);
  EXPECT_EQ(t[2].kind, dfilter::Tok::kEq);
  EXPECT_EQ(t[3].text, "aa:bb");
  EXPECT_EQ(t[4].kind, dfilter::Tok::kAnd);
  EXPECT_EQ(t[8].text, "1");
  EXPECT_EQ(t[9].kind, dfilter::Tok::kDotDot);
  EXPECT_EQ(t[12].kind, dfilter::Tok::kRawString);
  EXPECT_EQ(t[12].text, "a\\b");
  EXPECT_EQ(t[13].number, 0x41u);
}

TEST(FilterLexer, StringEscapes) {
  auto r = dfilter::tokenize(R"("\x48E\101D\n\t\"\\\u00e9")");
  auto& t = std::get<std::vector<dfilter::Token>>(r);
  EXPECT_EQ(t[0].text, "HEAD\n\t\"\\\xc3\xa9");
}

TEST(FilterLexer, CidrOnlyOnAddressWords) {
  auto r = dfilter::tokenize("10.0.0.0/8 frame.len/2");
  auto& t = std::get<std::vector<dfilter::Token>>(r);
  EXPECT_EQ(t[0].text, "10.0.0.0/8");
  EXPECT_EQ(t[1].text, "frame.len");
  EXPECT_EQ(t[2].kind, dfilter::Tok::kSlash);
}

TEST_F(FilterTest, ErrorsPointAtTheToken) {
  FilterError e = error("tcp.prot == 1");
  EXPECT_EQ(e.message, "Left side of \"==\" expression must be a field or function, not tcp.prot.");
  EXPECT_EQ(e.offset, 0u);
  EXPECT_EQ(e.length, 8u);
  e = error("foo");
  EXPECT_EQ(e.message, "foo is neither a field nor a protocol name.");
  e = error("frame.len == abc");
  EXPECT_EQ(e.message, "\"abc\" is not a valid number.");
  EXPECT_EQ(e.offset, 13u);
  EXPECT_EQ(e.length, 3u);
  e = error("frame.len in {80 443}");
  EXPECT_EQ(e.message, "\"443\" was unexpected in this context.");
  EXPECT_EQ(e.offset, 17u);
  e = error("frame.len ==");
  EXPECT_EQ(e.message, "Unexpected end of filter expression.");
  e = error("frame.len contains 1");
  EXPECT_EQ(e.message,
            "frame.len (type=Unsigned integer (4 bytes)) cannot participate in contains "
            "comparison.");
  e = error("frame.len == 0x1ffffffff");
  EXPECT_EQ(e.message, "\"0x1ffffffff\" too big for this field, maximum 4294967295.");
  e = error("foo(frame.len)");
  EXPECT_EQ(e.message, "Function 'foo' does not exist");
  e = error("ip xor tcp");
  EXPECT_EQ(e.offset, 3u);
}

TEST_F(FilterTest, ErrorReportFormat) {
  FilterError e = error("frame.len == abc");
  EXPECT_EQ(format_filter_error("netsift", "frame.len == abc", e),
            "netsift: \"abc\" is not a valid number.\n    frame.len == abc\n"
            "                 ^~~\n");
}

TEST_F(FilterTest, FrameFieldsAndOperators) {
  EXPECT_TRUE(match(""));
  EXPECT_TRUE(match("frame"));
  EXPECT_TRUE(match("frame.number == 7"));
  EXPECT_TRUE(match("frame.number eq 0x7 and frame.number == 07 and frame.number == 0b111"));
  EXPECT_FALSE(match("frame.number != 7"));
  EXPECT_TRUE(match("frame.len == 59"));
  EXPECT_TRUE(match("frame.len > '\\x0a'"));
  EXPECT_TRUE(match("frame.number in {1, 5..8}"));
  EXPECT_FALSE(match("frame.number in {1, 8..9}"));
  EXPECT_TRUE(match("frame.number + 1 == 8 && frame.number * 2 == 14 && frame.number % 4 == 3"));
  EXPECT_TRUE(match("frame.len >= 4 * {frame.number + 3}"));
  EXPECT_TRUE(match("frame.number & 4"));
  EXPECT_FALSE(match("frame.number & 8"));
  EXPECT_TRUE(match("-frame.number < 0"));  // a negated unsigned value is signed, as in tshark
  EXPECT_TRUE(match("not frame.number == 1 and !(frame.len < 10)"));
  EXPECT_TRUE(match("frame.len == 1 or frame.len == 59 and frame.number == 7"));
  EXPECT_TRUE(match("string(frame.number) matches \"[13579]$\""));
  EXPECT_TRUE(match("count(frame.number) == 1 && len(frame) == 59"));
  EXPECT_TRUE(match("max(frame.len, frame.number) == 59 && min(frame.len, frame.number) == 7"));
  EXPECT_TRUE(match("frame.time_epoch > 1699999999.9 && frame.time_epoch < 1700000000.6"));
  EXPECT_TRUE(match("frame.time == \"2023-11-14T22:13:20.5Z\""));
  EXPECT_TRUE(match("frame.time == \"Nov 14, 2023 22:13:20.500000000 UTC\""));
  EXPECT_TRUE(match("frame.number#1 == 7 && !frame.number#2"));
}

TEST_F(FilterTest, SlicesAndBytes) {
  EXPECT_TRUE(match("frame[0:6] == ff:ff:ff:ff:ff:ff"));
  EXPECT_TRUE(match("frame[6-8] == 00.0c.29 && frame[6:3] == 00-0c-29"));
  EXPECT_TRUE(match("frame[12] == 08 && frame[12] == 0x08"));
  EXPECT_TRUE(match("frame[-5:] == \"GET /\" && frame[-5:3] == 47:45:54"));
  EXPECT_TRUE(match("frame[:2] == ff:ff && frame[0,12-13] == ff:08:00"));
  EXPECT_TRUE(match("frame contains \"GET\" && frame contains 47.45.54"));
  EXPECT_TRUE(match("frame matches \"get /$\" && !(frame matches \"(?-i)get\")"));
  EXPECT_TRUE(match("frame[47] & 0x02 && frame[46:2] & 00:ff == 00:02"));
  EXPECT_FALSE(match("frame[100:2] == 00:00"));
  EXPECT_TRUE(match("frame[12:2] > 07:ff && frame[12:2] < \"\\x08\\x01\""));
}

TEST_F(FilterTest, Normalized) {
  auto f = DisplayFilter::compile("frame.len eq 1 and (frame.number ne 2 or not frame)");
  EXPECT_EQ(std::get<DisplayFilter>(f).normalized(),
            "frame.len == 1 && (frame.number != 2 || !frame)");
}

}  // namespace
}  // namespace netsift
