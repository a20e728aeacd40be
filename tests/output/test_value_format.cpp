// -T fields values: exact bytes in, exactly tshark's text out.
#include <gtest/gtest.h>

#include "output/value_format.h"
#include "output_test_util.h"

namespace netsift {
namespace {
using namespace testproto;

std::string value_of(TestPacket& t, FieldId f, size_t off, size_t len) {
  int n = t.pkt.add_item(-1, f, t.reader(), off, len);
  std::string out;
  append_field_value(out, t.pkt, t.pkt.tree[n]);
  return out;
}

TEST(ValueFormat, IntegersInTheirBase) {
  TestPacket t({0x50, 0x08, 0x00, 0x00, 0x00, 0x00, 0x0a, 0x06});
  EXPECT_EQ(value_of(t, u8_dec, 0, 1), "80");
  EXPECT_EQ(value_of(t, u16_hex, 1, 2), "0x0800");  // zero-padded to the type's width
  EXPECT_EQ(value_of(t, u32_dechex, 3, 4), "10");   // BASE_DEC_HEX prints decimal
  EXPECT_EQ(value_of(t, u8_names, 7, 1), "6");      // value names do not show
}

TEST(ValueFormat, BitfieldsAndBooleans) {
  TestPacket t({0x40, 0x12, 0x00, 0x02});
  EXPECT_EQ(value_of(t, u16_bits, 0, 2), "18");  // 0x4012 & 0x1fff
  EXPECT_EQ(value_of(t, flag_named, 2, 2), "1");
  EXPECT_EQ(value_of(t, flag, 0, 1), "1");
  EXPECT_EQ(value_of(t, flag, 2, 1), "0");
}

TEST(ValueFormat, SignedIntegers) {
  TestPacket t({0xff, 0xfe});
  EXPECT_EQ(value_of(t, int16, 0, 2), "-2");
}

TEST(ValueFormat, Addresses) {
  TestPacket t({0x6c, 0xf0, 0x49, 0xb2, 0xde, 0x6e, 10, 0, 0, 1, 0x20, 0x01, 0x0d,
                0xb8, 0,    0,    0,    0,    0,    0,  0, 0, 0, 0,    0,    1});
  EXPECT_EQ(value_of(t, ether, 0, 6), "6c:f0:49:b2:de:6e");
  EXPECT_EQ(value_of(t, ipv4, 6, 4), "10.0.0.1");
  EXPECT_EQ(value_of(t, ipv6, 10, 16), "2001:db8::1");
}

TEST(ValueFormat, BytesAreplainHexAndStringsRaw) {
  TestPacket t({0x02, 0x04, 0x05, 0xb4, 'a', '\t', 'b'});
  EXPECT_EQ(value_of(t, bytes, 0, 4), "020405b4");
  EXPECT_EQ(value_of(t, str, 4, 3), "a\tb");  // the fields printer escapes, not the value
}

TEST(ValueFormat, Times) {
  TestPacket t({});
  int a = t.pkt.tree.add(-1, abs_time, t.reader(), 0, 0, Value::of_int(1491516383915793000));
  int r = t.pkt.tree.add(-1, rel_time, t.reader(), 0, 0, Value::of_int(-766));
  int z = t.pkt.tree.add(-1, rel_time, t.reader(), 0, 0, Value::of_int(15584000));
  std::string out;
  append_field_value(out, t.pkt, t.pkt.tree[a]);
  EXPECT_EQ(out, "Apr  6, 2017 22:06:23.915793000 UTC");  // tests run with TZ unset: UTC
  out.clear();
  append_field_value(out, t.pkt, t.pkt.tree[r]);
  EXPECT_EQ(out, "-0.000000766");
  out.clear();
  append_field_value(out, t.pkt, t.pkt.tree[z]);
  EXPECT_EQ(out, "0.015584000");
}

TEST(ValueFormat, NoneAndProtocols) {
  TestPacket t({1, 2, 3});
  int p = t.pkt.add_protocol(-1, proto, t.reader(), 0, 3);
  int m = t.pkt.tree.add(p, none, t.reader(), 0, 1, Value{});
  std::string out;
  append_field_value(out, t.pkt, t.pkt.tree[m]);
  EXPECT_EQ(out, "1");
  out.clear();
  append_field_value(out, t.pkt, t.pkt.tree[p]);
  EXPECT_EQ(out, "Netsift Test Protocol");
  t.pkt.set_label(p, "Netsift Test Protocol, Len: 3");
  out.clear();
  append_field_value(out, t.pkt, t.pkt.tree[p]);
  EXPECT_EQ(out, "Netsift Test Protocol, Len: 3");
}

}  // namespace
}  // namespace netsift
