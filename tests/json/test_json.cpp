// tshark 4.0's JSON grammar limits and string quirks, each value checked against tshark on
// captures built the same way (tests/fixtures/http-json.pcap holds them for the differential
// tests): tvbparse's 100-level recursion limit lets 25 nested arrays through and not 26, its
// counter leaks one level per limit hit, and json_string_unescape drops escapes ending a string.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "dissectors/json_grammar.h"
#include "dissectors/json_text.h"

namespace netsift::json {
namespace {

size_t used(const std::string& text, std::vector<Event>* events = nullptr) {
  std::vector<Event> scratch;
  std::vector<Event>& ev = events ? *events : scratch;
  return recognise(reinterpret_cast<const uint8_t*>(text.data()), text.size(), ev);
}

std::string nested(size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

size_t count(const std::vector<Event>& ev, EventKind k) {
  size_t n = 0;
  for (const Event& e : ev) n += e.kind == k;
  return n;
}

TEST(JsonGrammar, NestingLimit) {
  EXPECT_EQ(used(nested(25)), 50u);
  EXPECT_EQ(used(nested(26)), 0u);
  // 19 nested objects pass, 20 do not (five levels per object and member).
  std::string obj19, obj20;
  for (int i = 0; i < 19; ++i) obj19 += "{\"k\":";
  obj20 = obj19 + "{\"k\":";
  obj19 += "1" + std::string(19, '}');
  obj20 += "1" + std::string(20, '}');
  EXPECT_EQ(used(obj19), obj19.size());
  EXPECT_EQ(used(obj20), 0u);
}

TEST(JsonGrammar, RecursionCounterLeaks) {
  // Each 25-deep text hits the limit once in a probe that fails anyway, and tvbparse does not
  // give that level back: the third text of the same body no longer fits.
  std::vector<Event> ev;
  std::string body = nested(25) + "\n" + nested(25) + "\n" + nested(25);
  EXPECT_EQ(used(body, &ev), 2 * 51u);
  EXPECT_EQ(count(ev, EventKind::kBeginArray), 50u);
}

TEST(JsonGrammar, MegabyteOfOpeningBracketsStopsAtTheLimit) {
  auto start = std::chrono::steady_clock::now();
  std::vector<Event> ev;
  EXPECT_EQ(used(std::string(1 << 20, '['), &ev), 0u);
  EXPECT_TRUE(ev.empty());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(JsonGrammar, WhitespaceBetweenElements) {
  std::vector<Event> ev;
  std::string body = "[1 2, - 3]";
  EXPECT_EQ(used(body, &ev), body.size());
  ASSERT_EQ(count(ev, EventKind::kNumber), 2u);
  EXPECT_EQ(ev[1].len, 3u);  // "1 2"
  EXPECT_EQ(ev[2].len, 3u);  // "- 3"
  EXPECT_EQ(used("[01]"), 0u);
  EXPECT_EQ(used("\"text\""), 0u);
  EXPECT_EQ(used("{} x"), 3u);  // the whitespace after a text belongs to it
}

std::string text(const std::string& s) {
  std::string out;
  EXPECT_TRUE(unescape(s, out));
  return out;
}

TEST(JsonText, EscapesAsTsharkShowsThem) {
  EXPECT_EQ(text("x\\u00e9y"), "x\xc3\xa9y");
  EXPECT_EQ(text("x\\u00e9"), "x");  // an escape ending the string adds nothing
  EXPECT_EQ(text("a\\ud83d\\ude00b"),
            "a\xf0\x9f\x98\x80"
            "b");
  EXPECT_EQ(text("a\\ud83dbc"),
            "a\xef\xbf\xbd"
            "c");  // a lone lead swallows one character
  EXPECT_EQ(text("a\\ude00b"),
            "a\xef\xbf\xbd"
            "b");
  EXPECT_EQ(text("a\\ud83d"), "a");
  EXPECT_EQ(text("a\\u0000b\\u0001c\\u00adz"), "abcz");  // unprintable code points dropped
  EXPECT_EQ(text("a\xff"
                 "b"),
            "a");  // 0xff ends the text
  std::string out;
  EXPECT_FALSE(unescape("a\\ n", out));  // tshark's failed assertion
}

}  // namespace
}  // namespace netsift::json
