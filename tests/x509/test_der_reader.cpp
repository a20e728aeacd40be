// BER/DER element headers: classes, tags (high tag numbers), short and long lengths, and the
// encodings the reader refuses.
#include <gtest/gtest.h>

#include <vector>

#include "core/der_reader.h"

namespace netsift {
namespace {

BerHeader header(std::vector<uint8_t> bytes, size_t limit = SIZE_MAX) {
  ByteReader r(bytes.data(), bytes.size(), bytes.size());
  return read_ber_header(r, 0, limit == SIZE_MAX ? bytes.size() : limit);
}

TEST(DerReader, ShortFormUniversalPrimitive) {
  BerHeader h = header({0x02, 0x01, 0x05});
  EXPECT_EQ(h.error, BerError::kNone);
  EXPECT_TRUE(h.universal(2));
  EXPECT_FALSE(h.constructed);
  EXPECT_EQ(h.header_len, 2u);
  EXPECT_EQ(h.length, 1u);
  EXPECT_EQ(h.end(), 3u);
}

TEST(DerReader, LongFormLengthAndConstructedSequence) {
  std::vector<uint8_t> b = {0x30, 0x82, 0x01, 0x00};
  b.resize(4 + 256);
  BerHeader h = header(b);
  EXPECT_EQ(h.error, BerError::kNone);
  EXPECT_TRUE(h.constructed);
  EXPECT_TRUE(h.universal(16));
  EXPECT_EQ(h.header_len, 4u);
  EXPECT_EQ(h.length, 256u);
}

TEST(DerReader, ContextAndPrivateClasses) {
  BerHeader c = header({0xa3, 0x00});
  EXPECT_TRUE(c.context(3));
  EXPECT_TRUE(c.constructed);
  BerHeader p = header({0xc1, 0x00});
  EXPECT_EQ(p.cls, BerClass::kPrivate);
  EXPECT_EQ(p.tag, 1u);
  BerHeader a = header({0x61, 0x00});
  EXPECT_EQ(a.cls, BerClass::kApplication);
}

TEST(DerReader, HighTagNumbers) {
  BerHeader h = header({0x9f, 0x81, 0x00, 0x00});  // [128] in two base-128 digits
  EXPECT_EQ(h.error, BerError::kNone);
  EXPECT_TRUE(h.context(128));
  EXPECT_EQ(h.header_len, 4u);
  BerHeader small = header({0x5f, 0x21, 0x00});  // [APPLICATION 33]
  EXPECT_EQ(small.tag, 33u);
  BerHeader huge = header({0x1f, 0x81, 0x81, 0x81, 0x81, 0x01, 0x00});
  EXPECT_EQ(huge.error, BerError::kTagTooLong);
}

TEST(DerReader, IndefiniteLengthRefused) {
  BerHeader h = header({0x30, 0x80, 0x02, 0x01, 0x00, 0x00, 0x00});
  EXPECT_EQ(h.error, BerError::kIndefiniteLength);
  EXPECT_EQ(h.length, 0u);
}

TEST(DerReader, LengthsTooWideOrBeyondTheEnclosingElement) {
  EXPECT_EQ(header({0x04, 0x85, 1, 0, 0, 0, 0}).error, BerError::kLengthTooLong);
  EXPECT_EQ(header({0x04, 0x84, 0xff, 0xff, 0xff, 0xff}).error, BerError::kOverrun);
  EXPECT_EQ(header({0x04, 0x03, 0x01, 0x02}).error, BerError::kOverrun);
  EXPECT_EQ(header({0x04, 0x02, 0x01, 0x02, 0x03}, 3).error, BerError::kOverrun);
}

TEST(DerReader, MissingHeaderBytesThrow) {
  std::vector<uint8_t> cut = {0x30, 0x82, 0x01};
  ByteReader r(cut.data(), cut.size(), cut.size());
  EXPECT_THROW(read_ber_header(r, 0, cut.size()), BoundsError);
  std::vector<uint8_t> tag_only = {0x1f, 0x81};
  ByteReader t(tag_only.data(), tag_only.size(), tag_only.size());
  EXPECT_THROW(read_ber_header(t, 0, tag_only.size()), BoundsError);
}

}  // namespace
}  // namespace netsift
