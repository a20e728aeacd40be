// The printers on hand-built packets: -T fields options, -V tree layout, -x dump, JSON, -G.
#include <gtest/gtest.h>

#include <cstdio>

#include "output/fields_printer.h"
#include "output/glossary.h"
#include "output/hex_dump.h"
#include "output/json_printer.h"
#include "output/postscript.h"
#include "output/tree_printer.h"
#include "output_test_util.h"

namespace netsift {
namespace {
using namespace testproto;

// A packet with a protocol node, two occurrences of nstest.u8, a hidden and a generated item.
struct Sample : TestPacket {
  Sample() : TestPacket({0x50, 0x35, 0x08, 0x00, 'h', 'i'}) {
    int p = pkt.add_protocol(-1, proto, reader(), 0, 6);
    pkt.set_label(p, "Netsift Test Protocol, Len: 6");
    pkt.add_item(p, u8_dec, reader(), 0, 1);
    int t = pkt.add_item(p, u16_hex, reader(), 2, 2);
    pkt.add_item(t, u8_dec, reader(), 1, 1);
    int h = pkt.add_item(p, flag, reader(), 0, 1);
    pkt.tree[h].flags |= kHidden;
    pkt.tree.add_generated(p, rel_time, Value::of_int(1500000000));
    pkt.add_item(p, str, reader(), 4, 2);
  }
};

std::string run(PacketPrinter& printer, const Packet& pkt) {
  OutputSink sink(nullptr);
  printer.begin(sink);
  printer.packet(pkt, sink);
  printer.end(sink);
  std::string text = sink.buffer();
  sink.buffer().clear();  // nothing to flush to the null file
  return text;
}

FieldsPrinter fields(std::vector<std::string> names, std::vector<std::string> opts = {}) {
  FieldsFormat f;
  for (const auto& o : opts) EXPECT_TRUE(parse_fields_option(o, f));
  return FieldsPrinter(std::move(names), f);
}

TEST(FieldsPrinter, AllOccurrencesAggregatedAndAbsentEmpty) {
  Sample s;
  FieldsPrinter p = fields({"nstest.u8", "nstest.ip", "nstest.u16", "nstest.flag"});
  ASSERT_TRUE(p.resolve());
  EXPECT_EQ(run(p, s.pkt), "80,53\t\t0x0800\t1\n");
}

TEST(FieldsPrinter, Options) {
  Sample s;
  FieldsPrinter p = fields({"nstest.u8", "nstest.ip", "nstest"},
                           {"header=y", "separator=/s", "quote=d", "occurrence=l"});
  ASSERT_TRUE(p.resolve());
  EXPECT_EQ(run(p, s.pkt),
            "nstest.u8 nstest.ip nstest\n\"53\"  \"Netsift Test Protocol, Len: 6\"\n");
  FieldsPrinter q = fields({"nstest.u8"}, {"aggregator=/s", "occurrence=f", "separator=;"});
  ASSERT_TRUE(q.resolve());
  EXPECT_EQ(run(q, s.pkt), "80\n");
  FieldsPrinter r = fields({"nstest.u8", "nstest.u8"}, {"aggregator=|", "separator=,"});
  ASSERT_TRUE(r.resolve());
  EXPECT_EQ(run(r, s.pkt), ",80|53\n");  // a repeated name fills its last column (tshark)
}

TEST(FieldsPrinter, EscapesLineBreaksAndTabs) {
  TestPacket t({'a', '\n', 'b', '\t', '\r', '\\'});
  t.pkt.add_item(-1, str, t.reader(), 0, 6);
  FieldsPrinter p = fields({"nstest.text"});
  ASSERT_TRUE(p.resolve());
  EXPECT_EQ(run(p, t.pkt), "a\\nb\\t\\r\\\n");
}

TEST(FieldsPrinter, RejectsBadOptionsAndUnknownFields) {
  FieldsFormat f;
  EXPECT_FALSE(parse_fields_option("occurrence=2", f));
  EXPECT_FALSE(parse_fields_option("escape=n", f));
  EXPECT_FALSE(parse_fields_option("quote=x", f));
  EXPECT_TRUE(parse_fields_option("bom=y", f));
  TestPacket t({});
  FieldsPrinter p = fields({"nstest.u8", "no.such.field"});
  EXPECT_FALSE(p.resolve());
  FieldsPrinter none = fields({});
  EXPECT_FALSE(none.resolve());
}

TEST(TreePrinter, IndentsBracketsAndHides) {
  Sample s;
  TreeMode mode;
  mode.details = true;
  TreePrinter p(mode);
  EXPECT_EQ(run(p, s.pkt),
            "Netsift Test Protocol, Len: 6\n"
            "    Small: 80\n"
            "    Type: 0x0800\n"
            "        Small: 53\n"
            "    [Delta: 1.500000000 seconds]\n"
            "    Text: hi\n"
            "\n");
}

TEST(TreePrinter, PostScriptLinesCarryTheDepth) {
  Sample s;
  TreeMode mode;
  mode.details = true;
  mode.postscript = true;
  mode.capture_file = "in (1).pcap";
  TreePrinter p(mode);
  std::string ps = run(p, s.pkt);
  EXPECT_NE(ps.find("/pagetitle (in \\(1\\).pcap - netsift 0.1.0) def\n"), std::string::npos);
  EXPECT_NE(ps.find("\n0 (Netsift Test Protocol, Len: 6) putline\n"
                    "1 (Small: 80) putline\n"
                    "1 (Type: 0x0800) putline\n"
                    "2 (Small: 53) putline\n"
                    "1 ([Delta: 1.500000000 seconds]) putline\n"
                    "1 (Text: hi) putline\n"
                    "0 () putline\n"
                    "\ndecorate\nshowpage\n"),
            std::string::npos)
      << ps;
}

TEST(PostScript, EscapesAndCutsLines) {
  std::string out;
  append_ps_line(out, 3, "a(b)c\\d");
  EXPECT_EQ(out, "3 (a\\(b\\)c\\\\d) putline\n");
  out.clear();
  append_ps_line(out, 0, std::string(254, 'x') + "()");  // the escape would pass 255 bytes
  EXPECT_EQ(out, "0 (" + std::string(254, 'x') + ") putline\n");
  out.clear();
  append_ps_lines(out, "one\n\ntwo\n");
  EXPECT_EQ(out, "0 (one) putline\n0 () putline\n0 (two) putline\n");
}

TEST(TreePrinter, OnlyListedProtocolsExpand) {
  Sample s;
  TreeMode mode;
  mode.details = true;
  mode.only_protocols = {"frame"};
  TreePrinter p(mode);
  EXPECT_EQ(run(p, s.pkt), "Netsift Test Protocol, Len: 6\n\n");
}

TEST(TreePrinter, HexDumpLayout) {
  std::vector<uint8_t> bytes(18);
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>(0x3e + i);
  TestPacket t(bytes);
  TreeMode mode;
  mode.hex = true;
  TreePrinter p(mode);
  EXPECT_EQ(run(p, t.pkt),
            "0000  3e 3f 40 41 42 43 44 45 46 47 48 49 4a 4b 4c 4d   >?@ABCDEFGHIJKLM\n"
            "0010  4e 4f                                             NO\n"
            "\n");
}

TEST(TreePrinter, ExtraDataSourcesAreHeaded) {
  TestPacket t({0x00, 0x7f});
  static const uint8_t reassembled[] = {'G', 'E', 'T'};
  t.pkt.sources.push_back({"Reassembled TCP", reassembled, 3});
  std::string out;
  append_packet_hex_dump(out, t.pkt);
  EXPECT_EQ(out,
            "Frame (2 bytes):\n"
            "0000  00 7f                                             ..\n"
            "Reassembled TCP (3 bytes):\n"
            "0000  47 45 54                                          GET\n");
}

TEST(JsonPrinter, LayersValuesTreesAndLeaves) {
  Sample s;
  JsonPrinter p(JsonStyle::kJson, {});
  ASSERT_TRUE(p.resolve());
  EXPECT_EQ(run(p, s.pkt),
            "[\n"
            "  {\n"
            "    \"_index\": \"packets-2017-04-06\",\n"
            "    \"_type\": \"doc\",\n"
            "    \"_score\": null,\n"
            "    \"_source\": {\n"
            "      \"layers\": {\n"
            "        \"nstest\": {\n"
            "          \"nstest.u8\": \"80\",\n"
            "          \"nstest.u16\": \"0x0800\",\n"
            "          \"nstest.u16_tree\": {\n"
            "            \"nstest.u8\": \"53\"\n"
            "          },\n"
            "          \"nstest.flag\": \"1\",\n"
            "          \"nstest.delta\": \"1.500000000\",\n"
            "          \"nstest.text\": \"hi\"\n"
            "        }\n"
            "      }\n"
            "    }\n"
            "  }\n"
            "]\n");
}

TEST(JsonPrinter, SelectedFieldsAndEmptyRun) {
  Sample s;
  JsonPrinter p(JsonStyle::kJson, {"nstest.u8", "nstest.ip"});
  ASSERT_TRUE(p.resolve());
  std::string out = run(p, s.pkt);
  EXPECT_NE(out.find("      \"layers\": {\n        \"nstest.u8\": [\n          \"80\",\n"
                     "          \"53\"\n        ]\n      }\n"),
            std::string::npos)
      << out;
  JsonPrinter empty(JsonStyle::kJson, {});
  OutputSink sink(nullptr);
  empty.begin(sink);
  empty.end(sink);
  EXPECT_EQ(sink.buffer(), "[]\n");
  sink.buffer().clear();
}

TEST(JsonPrinter, StringEscaping) {
  std::string out;
  append_json_string(out, std::string_view("a\"b\\c\td\x01"
                                           "e\xffz\n\x7f",
                                           13));
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\td\\u0001e\uFFFDz\\n\x7f\"");
  out.clear();
  append_json_string(out, "</script> a/b");  // json_dumper's "<\/"
  EXPECT_EQ(out, "\"<\\/script> a/b\"");
}

TEST(JsonWriter, PrettyAndCompactLayouts) {
  std::string pretty;
  JsonWriter p(pretty, true, false, 1);
  p.begin_object();
  p.name("ip.flags", "_tree");
  p.begin_array();
  p.string("a");
  p.raw("0");
  p.end_array();
  p.name("empty");
  p.begin_object();
  p.end_object();
  p.end_object();
  EXPECT_EQ(pretty, "{\n    \"ip.flags_tree\": [\n      \"a\",\n      0\n    ],\n"
                    "    \"empty\": {}\n  }");
  std::string compact;
  JsonWriter c(compact, false, true);
  c.begin_object();
  c.name("tcp.options.mss");
  c.string("1.2");
  c.end_object();
  EXPECT_EQ(compact, "{\"tcp_options_mss\":\"1.2\"}");
}

TEST(Glossary, FieldLinesAsTshark) {
  register_once();
  std::FILE* f = std::tmpfile();
  ASSERT_EQ(write_glossary("fields", f, PrefStore()), 0);
  std::rewind(f);
  std::string text;
  char buf[4096];
  while (size_t n = std::fread(buf, 1, sizeof buf, f)) text.append(buf, n);
  std::fclose(f);
  EXPECT_NE(text.find("P\tNetsift Test Protocol\tnstest\n"), std::string::npos);
  EXPECT_NE(text.find("F\tType\tnstest.u16\tFT_UINT16\tnstest\tBASE_HEX\t0x0\t\n"),
            std::string::npos);
  EXPECT_NE(text.find("F\tSyn\tnstest.syn\tFT_BOOLEAN\tnstest\t12\t0x2\t\n"), std::string::npos);
  EXPECT_NE(text.find("F\tFlag\tnstest.flag\tFT_BOOLEAN\tnstest\t0\t0x0\t\n"), std::string::npos);
  EXPECT_NE(text.find("F\tDestination\tnstest.eth\tFT_ETHER\tnstest\t\t0x0\t\n"),
            std::string::npos);
  EXPECT_EQ(write_glossary("nonsense", stdout, PrefStore()), 1);
}

}  // namespace
}  // namespace netsift
