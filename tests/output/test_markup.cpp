// PDML and PSML printers and --color's rules on hand-built packets: the attribute layout, text
// items, hidden and generated items' positions, the fake wrapper, -j/-J, escaping, and the
// colorfilters file's format. (tests/diff compares whole corpus captures with tshark.)
#include <gtest/gtest.h>

#include "core/expert.h"
#include "output/color_rules.h"
#include "output/pdml_printer.h"
#include "output/psml_printer.h"
#include "output/xml_text.h"
#include "output_test_util.h"

namespace netsift {
namespace {
using namespace testproto;

// A protocol over bytes 2-5 holding an item, a hidden item, a generated value, a text item with
// a child and an expert note; before it, a top-level bitmask field.
struct Sample : TestPacket {
  Sample() : TestPacket({0x50, 0x35, 0x08, 0x00, 'h', 'i'}) {
    pkt.labels = true;
    pkt.add_item(-1, u16_bits, reader(), 0, 2);
    int p = pkt.add_protocol(-1, proto, reader(), 2, 4);
    pkt.add_item(p, u8_dec, reader(), 2, 1);
    int h = pkt.add_item(p, flag, reader(), 3, 1);
    pkt.tree[h].flags |= kHidden;
    pkt.tree.add_generated(p, rel_time, Value::of_int(1500000000));
    int text = pkt.tree.add(p, kNoField, reader(), 4, 2, Value{});
    pkt.set_label(text, "Text <&>");
    pkt.add_item(text, str, reader(), 4, 2);
    add_expert(pkt, p, none, reader(), 2, 1, "Note <x>", kExpertNote, kGroupMalformed);
  }
};

std::string run(PacketPrinter& printer, const Packet& pkt) {
  OutputSink sink(nullptr);
  printer.packet(pkt, sink);
  std::string text = sink.buffer();
  sink.buffer().clear();  // nothing to flush to the null file
  return text;
}

std::string pdml(const Packet& pkt, std::vector<std::string> filter = {}, bool children = false) {
  PdmlOptions options;
  options.protocol_filter = std::move(filter);
  options.filter_includes_children = children;
  PdmlPrinter p(std::move(options), {}, default_column_layout());
  return run(p, pkt);
}

TEST(XmlText, EscapesAsTsharkPrintEscapedXml) {
  std::string out;
  append_xml_escaped(out, std::string_view("a&<>\"'\t\n\r\x01\x1f\x7f\xc3\xa9", 14));
  EXPECT_EQ(out, "a&amp;&lt;&gt;&quot;&#x27;\t\n\r\\x1\\x1f\\x7f\xc3\xa9");
  out.clear();
  append_xml_escaped(out, std::string_view("ab\0cd", 5));
  EXPECT_EQ(out, "ab");  // tshark's C strings end at a NUL
}

TEST(PdmlPrinter, ElementsAttributesAndPositions) {
  Sample s;
  std::string out = pdml(s.pkt);
  // No frame protocol: no geninfo. The top-level field sits in a fake protocol.
  EXPECT_EQ(
      out.rfind("<packet>\n  <proto name=\"fake-field-wrapper\">\n    <field name=\"nstest.offset\""
                " showname=\"",
                0),
      0u)
      << out;
  EXPECT_NE(
      out.find("\" size=\"2\" pos=\"0\" show=\"4149\" value=\"1035\" unmaskedvalue=\"5035\"/>\n"
               "  </proto>\n  <proto name=\"nstest\" showname=\"Netsift Test Protocol\" "
               "size=\"4\" pos=\"2\">\n"),
      std::string::npos)
      << out;
  EXPECT_NE(out.find("    <field name=\"nstest.u8\" showname=\"Small: 8\" size=\"1\" pos=\"2\" "
                     "show=\"8\" value=\"08\"/>\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("<field name=\"nstest.flag\" showname=\"Flag: False\" hide=\"yes\" size=\"1\" "
                     "pos=\"3\" show=\"0\" value=\"00\"/>\n"),
            std::string::npos)
      << out;
  // A generated value without bytes is at its protocol's start.
  EXPECT_NE(out.find("<field name=\"nstest.delta\" showname=\"Delta: 1.500000000 seconds\" "
                     "size=\"0\" pos=\"2\" show=\"1.500000000\"/>\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("    <field name=\"\" show=\"Text &lt;&amp;&gt;\" size=\"2\" pos=\"4\" "
                     "value=\"6869\">\n      <field name=\"nstest.text\" showname=\"Text: hi\" "
                     "size=\"2\" pos=\"4\" show=\"hi\" value=\"6869\"/>\n    </field>\n"),
            std::string::npos)
      << out;
  // The expert subtree has no bytes: at its parent's start, its children at 0; a Malformed
  // note brings a hidden _ws.malformed beside it.
  EXPECT_NE(out.find("<field name=\"_ws.expert\" showname=\"Expert Info (Note/Malformed): Note "
                     "&lt;x&gt;\" size=\"0\" pos=\"2\">\n      <field name=\"nstest.marker\" "
                     "showname=\"Note &lt;x&gt;\" size=\"0\" pos=\"0\" show=\"\" value=\"\"/>\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("    </field>\n    <proto name=\"_ws.malformed\" showname=\"Malformed "
                     "Packet\" hide=\"yes\" size=\"0\" pos=\"2\"/>\n  </proto>\n</packet>\n\n\n"),
            std::string::npos)
      << out;
}

TEST(PdmlPrinter, ProtocolFilters) {
  Sample s;
  // -j: the listed protocol's children are written, unlisted items below it are filtered.
  std::string j = pdml(s.pkt, {"nstest"});
  EXPECT_NE(j.find("<field name=\"nstest.u8\""), std::string::npos) << j;
  EXPECT_NE(j.find("      <field name=\"filtered\" value=\"text\" />\n"), std::string::npos) << j;
  EXPECT_NE(j.find("      <field name=\"filtered\" value=\"_ws.expert\" />\n"), std::string::npos)
      << j;
  EXPECT_EQ(j.find("nstest.text"), std::string::npos) << j;
  // -J: everything below a listed protocol.
  std::string top = pdml(s.pkt, {"nstest"}, true);
  EXPECT_EQ(top.find("filtered"), std::string::npos) << top;
  EXPECT_NE(top.find("nstest.text"), std::string::npos) << top;
  // Unlisted: the protocol's children are replaced.
  std::string other = pdml(s.pkt, {"ip"});
  EXPECT_NE(other.find("size=\"4\" pos=\"2\">\n    <field name=\"filtered\" value=\"nstest\" />\n"
                       "  </proto>\n"),
            std::string::npos)
      << other;
}

TEST(PsmlPrinter, SectionsAndColors) {
  Sample s;
  ColumnSpec number;
  number.title = "N<o>";
  number.column = Column::kNumber;
  auto rules = std::make_shared<const ColorRules>(
      ColorRules::parse("@Test@nstest@[256,512,768][65535,0,4096]\n", "test"));
  PsmlPrinter p({number}, rules);
  OutputSink sink(nullptr);
  p.begin(sink);
  p.packet(s.pkt, sink);
  p.end(sink);
  EXPECT_EQ(sink.buffer(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<psml version=\"0\" "
            "creator=\"wireshark/4.0.17\">\n<structure>\n<section>N&lt;o&gt;</section>\n"
            "</structure>\n\n<packet foreground='#ff0010' background='#010203'>\n"
            "<section>1</section>\n</packet>\n\n</psml>\n");
  sink.buffer().clear();
}

TEST(ColorRules, ParsesTheColorfiltersFormat) {
  Sample s;
  ColorRules rules = ColorRules::parse(
      "# a comment\n"
      "!@Off@nstest@[1,2,3][4,5,6]\n"
      "@No colours@nstest@\n"
      "@Bad@nstest.u8 ==@[1,2,3][4,5,6]\n"
      "  @Absent names@!nosuch.proto && nstest.u8 == 8 && !(nosuch.x == 1)@[ 256,512,768]"
      "[65535,0,4096] trailing words\n"
      "@Later@nstest@[0,0,0][0,0,0]\n",
      "test");
  const ColorRule* r = rules.match(s.pkt);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->name, "Absent names");
  EXPECT_EQ(r->background.rgb(), 0x010203u);
  EXPECT_EQ(r->foreground.rgb(), 0xff0010u);
  std::string line;
  append_ansi_colored_line(line, "x", *r);
  EXPECT_EQ(line, "\x1b[38;2;255;0;16m\x1b[48;2;1;2;3mx\x1b[K\n\x1b[0m");
  std::string tag;
  append_packet_open_tag(tag, nullptr);
  EXPECT_EQ(tag, "<packet>\n");
  EXPECT_TRUE(ColorRules::parse("@Only@nosuch@[1,2,3][4,5,6]\n", "t").match(s.pkt) == nullptr);
}

}  // namespace
}  // namespace netsift
