// Object identifiers: BER content to dotted text, tshark's names (own or nearest named
// ancestor's), and filter literals back to BER.
#include <gtest/gtest.h>

#include <string>

#include "core/oid.h"

namespace netsift {
namespace {

std::string dotted(std::string bytes) {
  std::string out;
  EXPECT_TRUE(append_oid_dotted(out, reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
  return out;
}

TEST(Oid, DottedFromBer) {
  EXPECT_EQ(dotted("\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0b"), "1.2.840.113549.1.1.11");
  EXPECT_EQ(dotted("\x55\x04\x03"), "2.5.4.3");
  EXPECT_EQ(dotted("\x67\x81\x0c\x01\x02\x01"), "2.23.140.1.2.1");
  EXPECT_EQ(dotted(std::string("\x00", 1)), "0.0");
  EXPECT_EQ(dotted("\x88\x37"), "2.999");  // first subidentifier beyond 80: arc 2
}

TEST(Oid, CutOrOversizedArcsAreRejected) {
  std::string out;
  const uint8_t cut[] = {0x2a, 0x86};
  EXPECT_FALSE(append_oid_dotted(out, cut, sizeof cut));
  const uint8_t wide[] = {0x2a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f};
  out.clear();
  EXPECT_FALSE(append_oid_dotted(out, wide, sizeof wide));
}

TEST(Oid, NamesAsTsharkResolvesThem) {
  EXPECT_EQ(oid_resolved_name("2.5.4.3"), "id-at-commonName");
  EXPECT_EQ(oid_resolved_name("1.2.840.113549.1.1.11"), "sha256WithRSAEncryption");
  EXPECT_EQ(oid_resolved_name("1.2.840.10045.3.1.7"), "secp256r1");
  // Unnamed: the nearest named ancestor, then the remaining arcs.
  EXPECT_EQ(oid_resolved_name("2.23.140.1.2.1"), "joint-iso-itu-t.23.140.1.2.1");
  EXPECT_EQ(oid_resolved_name("1.2.840.113549.1.1.99"), "ISO assigned OIDs, USA.113549.1.1.99");
  EXPECT_EQ(oid_exact_name("2.23.140.1.2.1"), nullptr);
}

TEST(Oid, FilterLiteralsEncodeBackToBer) {
  std::string ber;
  ASSERT_TRUE(encode_oid("1.2.840.113549.1.1.11", ber));
  EXPECT_EQ(ber, "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0b");
  ber.clear();
  ASSERT_TRUE(encode_oid("2.999", ber));
  EXPECT_EQ(ber, "\x88\x37");
  for (const char* bad : {"", "1", "1.", ".1.2", "3.1", "1.40", "1.2.x", "1..2"}) {
    ber.clear();
    EXPECT_FALSE(encode_oid(bad, ber)) << bad;
  }
}

}  // namespace
}  // namespace netsift
