// -V tree labels: exact bytes in, exactly tshark's label out.
#include <gtest/gtest.h>

#include "core/text_format.h"
#include "output/label_format.h"
#include "output_test_util.h"

namespace netsift {
namespace {
using namespace testproto;

std::string label_of(TestPacket& t, FieldId f, size_t off, size_t len) {
  int n = t.pkt.add_item(-1, f, t.reader(), off, len);
  std::string out;
  append_label(out, t.pkt, t.pkt.tree[n]);
  return out;
}

TEST(LabelFormat, Integers) {
  TestPacket t({0x50, 0x08, 0x00, 0x00, 0x00, 0x00, 0x0a, 0x06, 0x07});
  EXPECT_EQ(label_of(t, u8_dec, 0, 1), "Small: 80");
  EXPECT_EQ(label_of(t, u16_hex, 1, 2), "Type: 0x0800");
  EXPECT_EQ(label_of(t, u32_dechex, 3, 4), "Ident: 10 (0x0000000a)");
  EXPECT_EQ(label_of(t, u8_names, 7, 1), "Protocol: TCP (6)");
  EXPECT_EQ(label_of(t, u8_names, 8, 1), "Protocol: Unknown (7)");
  EXPECT_EQ(label_of(t, port, 0, 2), "Source Port: 20488");
}

TEST(LabelFormat, BitfieldsShowTheParentWidth) {
  TestPacket t({0x40, 0x12, 0x00, 0x02, 0x00, 0x00});
  EXPECT_EQ(label_of(t, u16_bits, 0, 2), "...0 0000 0001 0010 = Offset: 18");
  EXPECT_EQ(label_of(t, flag_named, 2, 2), ".... .... ..1. = Syn: Set");
  EXPECT_EQ(label_of(t, flag_named, 4, 2), ".... .... ..0. = Syn: Not set");
  EXPECT_EQ(label_of(t, flag, 4, 1), "Flag: False");
}

TEST(LabelFormat, AddressesBytesAndTimes) {
  TestPacket t({0x00, 0x00, 0x5e, 0x00, 0x53, 0x01, 192, 168, 0, 1});
  t.session.resolve.mac = false;
  EXPECT_EQ(label_of(t, ether, 0, 6), "Destination: 00:00:5e:00:53:01");
  EXPECT_EQ(label_of(t, ipv4, 6, 4), "Source Address: 192.168.0.1");
  int r = t.pkt.tree.add_generated(-1, rel_time, Value::of_int(15584000));
  std::string out;
  append_label(out, t.pkt, t.pkt.tree[r]);
  EXPECT_EQ(out, "Delta: 0.015584000 seconds");
}

TEST(LabelFormat, LongBytesAreCutWithAnEllipsis) {
  std::vector<uint8_t> data(40, 0xab);
  TestPacket t(data);
  std::string hex;
  for (int i = 0; i < 36; ++i) hex += "ab";
  EXPECT_EQ(label_of(t, bytes, 0, 40), "Data: " + hex + "\u2026");
  EXPECT_EQ(label_of(t, bytes, 0, 0), "Data: <MISSING>");
}

TEST(LabelFormat, StringsEscapeControlCharacters) {
  std::string out;
  append_formatted_text(out, std::string_view("a\tb\x01\xff"
                                              "c\\",
                                              7));
  EXPECT_EQ(out, "a\\tb\\001\uFFFDc\\");
}

TEST(LabelFormat, CustomLabelWins) {
  TestPacket t({0x45});
  int n = t.pkt.add_item(-1, u8_dec, t.reader(), 0, 1);
  t.pkt.set_label(n, "Version: 4");
  std::string out;
  append_label(out, t.pkt, t.pkt.tree[n]);
  EXPECT_EQ(out, "Version: 4");
}

}  // namespace
}  // namespace netsift
