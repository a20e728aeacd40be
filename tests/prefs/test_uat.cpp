// The UAT record reader and the preference value parsers, on their own: Wireshark's quoting and
// escapes, the messages for a short or long record, ranges and booleans as tshark reads them.
#include <gtest/gtest.h>

#include "core/preferences.h"
#include "core/preferences_file.h"
#include "core/uat.h"
#include "dissectors/all.h"

namespace netsift {
namespace {

const UatDef kTwoFields{"pairs", "Pairs", {"first", "second"}};

TEST(Uat, QuotedFieldsWithEscapes) {
  UatParseResult r = parse_uat(kTwoFields, "\"a\\x41\\\"b\" , \"c\\101\\n\"\n# comment\n\n");
  ASSERT_EQ(r.error, "");
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0][0], "aA\"b");
  EXPECT_EQ(r.records[0][1], "cA\n");
}

TEST(Uat, HexByteFields) {
  UatParseResult r = parse_uat(kTwoFields, "0a0B,\"x\"");
  ASSERT_EQ(r.error, "");
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0][0], std::string("\x0a\x0b"));
}

TEST(Uat, ShortRecordNamesTheMissingField) {
  UatParseResult r = parse_uat(kTwoFields, "\"a\",\"b\"\n\"c\"\n\"d\",\"e\"\n");
  EXPECT_EQ(r.error, "expecting field second");
  EXPECT_EQ(r.error_line, 2);
  EXPECT_EQ(r.records.size(), 1u);
}

TEST(Uat, ExtraFieldOrTextAfterTheLastField) {
  EXPECT_EQ(parse_uat(kTwoFields, "\"a\",\"b\",\"c\"").error,
            "unexpected char , while looking for end of line");
  EXPECT_EQ(parse_uat(kTwoFields, "\"a\",\"b\" #").error,
            "unexpected char   while looking for end of line");
  EXPECT_EQ(parse_uat(kTwoFields, "\"a\"x").error,
            "unexpected char 'x' while looking for field first");
}

TEST(Uat, RecordCheckMessage) {
  UatDef def = kTwoFields;
  def.check = [](const UatRecord& rec) -> std::optional<std::string> {
    if (rec[0].empty()) return "first may not be empty";
    return std::nullopt;
  };
  UatParseResult r = parse_uat(def, "\"\",\"b\"");
  EXPECT_TRUE(r.check_failed);
  EXPECT_EQ(r.error, "first may not be empty");
}

TEST(PrefRange, ParsesAndPrintsAsWritten) {
  auto r = PrefRange::parse("443, 80-90,10,100-", 1000);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->to_string(), "443,80-90,10,100-1000");
  EXPECT_TRUE(r->contains(85));
  EXPECT_FALSE(r->contains(91));
  EXPECT_FALSE(PrefRange::parse("abc", 65535));
  EXPECT_FALSE(PrefRange::parse("70000", 65535));
  EXPECT_FALSE(PrefRange::parse("9-3", 65535));
}

class Prefs : public ::testing::Test {
 protected:
  void SetUp() override { register_all_dissectors(); }
};

TEST_F(Prefs, SetAsTsharkDoes) {
  PrefStore s;
  EXPECT_EQ(s.set("tcp.relative_sequence_numbers", "yes"), PrefSetStatus::kOk);
  EXPECT_EQ(s.to_string(prefs_registry().find("tcp.relative_sequence_numbers")), "FALSE");
  EXPECT_EQ(s.set("tcp.relative_sequence_numbers", "tRuE"), PrefSetStatus::kOk);
  EXPECT_TRUE(s.is_default(prefs_registry().find("tcp.relative_sequence_numbers")));
  EXPECT_EQ(s.set("dns.retransmission_timer", "0x10"), PrefSetStatus::kSyntaxError);
  EXPECT_EQ(s.set("dns.retransmission_timer", "-1"), PrefSetStatus::kSyntaxError);
  EXPECT_EQ(s.set("dns.retransmission_timer", "4294967296"), PrefSetStatus::kSyntaxError);
  EXPECT_EQ(s.set("vlan.qinq_ethertype", "0x8100"), PrefSetStatus::kOk);
  EXPECT_EQ(s.to_string(prefs_registry().find("vlan.qinq_ethertype")), "0x8100");
  EXPECT_EQ(s.set("tcp.default_window_scaling", "3"), PrefSetStatus::kOk);
  EXPECT_EQ(s.set("tcp.default_window_scaling", "no such choice"), PrefSetStatus::kOk);
  EXPECT_EQ(s.to_string(prefs_registry().find("tcp.default_window_scaling")), "3 (multiply by 8)");
  EXPECT_EQ(s.set("tcp.bogus", "1"), PrefSetStatus::kNoSuchPref);
  EXPECT_EQ(s.set("tcp.tcp_relative_sequence_numbers", "FALSE"), PrefSetStatus::kOk);
}

TEST_F(Prefs, PreferencesFileContinuationAndWarnings) {
  PrefStore s;
  auto w = read_preferences_text(
      "# comment\ntcp.check_checksum TRUE\n  ip.defragment: FALSE\ngui.column.format:\n"
      "\t\"No.\", \"%m\",\n\t\"Src\", \"%s\"\n",
      "/p/preferences", s);
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[0].message, "Malformed preference at line 3 of\n/p/preferences (save preferences to "
                          "remove this warning)");
  EXPECT_EQ(w[2].message, "Incomplete preference at line 2: of\n/p/preferences (save preferences "
                          "to remove this warning)");
  EXPECT_EQ(s.to_string(prefs_registry().find("ip.defragment")), "FALSE");
  EXPECT_EQ(s.to_string(prefs_registry().find("gui.column.format")),
            "\n\t\"No.\", \"%m\",\n\t\"Src\", \"%s\"");
}

}  // namespace
}  // namespace netsift
