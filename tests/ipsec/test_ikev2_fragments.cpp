// IKEv2 fragment reassembly (analysis/ikev2_fragments): completion by Fragment Number whatever
// the arrival order, repeated, extra and second last fragments as tshark flags them, numbers
// of zero, separate messages, and the memory bound.
#include <gtest/gtest.h>

#include <vector>

#include "analysis/ikev2_fragments.h"

namespace netsift {
namespace {

using Bytes = std::vector<uint8_t>;

Ikev2FragmentKey key(uint32_t message_id, uint8_t host = 1) {
  uint8_t a[4] = {192, 0, 2, host}, b[4] = {198, 51, 100, 20};
  return Ikev2FragmentKey{Address::ipv4(a), Address::ipv4(b), message_id};
}

TEST(Ikev2Fragments, CompletesInFragmentNumberOrder) {
  Ikev2Fragments f;
  EXPECT_FALSE(f.add(key(1), 10, 3, 3, Bytes{5, 6}));
  EXPECT_FALSE(f.add(key(1), 11, 1, 3, Bytes{1, 2}));
  auto m = f.add(key(1), 12, 2, 3, Bytes{3, 4});
  ASSERT_TRUE(m);
  EXPECT_EQ(m->data, (Bytes{1, 2, 3, 4, 5, 6}));
  ASSERT_EQ(m->fragments.size(), 3u);
  EXPECT_EQ(m->fragments[0].frame, 11u);
  EXPECT_EQ(m->fragments[1].offset, 2u);
  EXPECT_EQ(m->fragments[2].frame, 10u);
  EXPECT_EQ(m->fragments[2].length, 2u);
  EXPECT_EQ(f.pending_bytes(), 0u);
}

TEST(Ikev2Fragments, ListsRepeatedFragmentsAsOverlaps) {
  Ikev2Fragments f;
  EXPECT_FALSE(f.add(key(1), 1, 1, 2, Bytes{1}));
  EXPECT_FALSE(f.add(key(1), 2, 1, 2, Bytes{1}));  // a retransmission: the same content
  EXPECT_FALSE(f.add(key(1), 3, 1, 2, Bytes{9}));  // the same number, other content
  auto m = f.add(key(1), 4, 2, 2, Bytes{2});
  ASSERT_TRUE(m);
  EXPECT_EQ(m->data, (Bytes{1, 2}));  // the first content of each number
  ASSERT_EQ(m->fragments.size(), 4u);
  EXPECT_EQ(m->fragments[0].frame, 1u);
  EXPECT_FALSE(m->fragments[0].overlap);
  EXPECT_TRUE(m->fragments[1].overlap);
  EXPECT_FALSE(m->fragments[1].overlap_conflict);
  EXPECT_EQ(m->fragments[1].offset, 0u);
  EXPECT_TRUE(m->fragments[2].overlap_conflict);  // compared with the one before it
  EXPECT_EQ(m->fragments[3].offset, 1u);
  EXPECT_TRUE(m->illegal);
}

TEST(Ikev2Fragments, NumberAboveTotalIsALastFragment) {
  Ikev2Fragments f;
  EXPECT_FALSE(f.add(key(1), 1, 3, 2, Bytes{3}));  // above the total: a last fragment, block 2
  EXPECT_FALSE(f.add(key(1), 2, 1, 2, Bytes{1}));
  auto m = f.add(key(1), 3, 2, 2, Bytes{2});  // the announced last one: a second tail
  ASSERT_TRUE(m);
  EXPECT_EQ(m->data, (Bytes{1, 2, 3}));
  ASSERT_EQ(m->fragments.size(), 3u);
  EXPECT_TRUE(m->fragments[1].multiple_tails);
  EXPECT_FALSE(m->fragments[2].too_long);
  EXPECT_TRUE(m->illegal);
}

TEST(Ikev2Fragments, FragmentsPastTheLastOneAreTooLong) {
  Ikev2Fragments f;
  EXPECT_FALSE(f.add(key(1), 1, 1, 3, Bytes{1}));
  EXPECT_FALSE(f.add(key(1), 2, 3, 3, Bytes{3}));
  EXPECT_FALSE(f.add(key(1), 3, 4, 3, Bytes{4}));  // a second tail, past the first
  auto m = f.add(key(1), 4, 2, 3, Bytes{2});       // completes 1..4: past the last one
  ASSERT_TRUE(m);
  EXPECT_EQ(m->data, (Bytes{1, 2, 3, 4}));
  EXPECT_TRUE(m->fragments[1].too_long);  // the fragment that completed it
  EXPECT_TRUE(m->fragments[3].multiple_tails);
}

TEST(Ikev2Fragments, AfterCompletionAFragmentStartsANewMessage) {
  Ikev2Fragments f;
  EXPECT_FALSE(f.add(key(1), 1, 1, 2, Bytes{1}));
  EXPECT_TRUE(f.add(key(1), 2, 2, 2, Bytes{2}));
  EXPECT_FALSE(f.add(key(1), 3, 2, 2, Bytes{2}));
  EXPECT_EQ(f.pending_bytes(), 1u);
}

TEST(Ikev2Fragments, KeepsMessagesApartByAddressAndMessageId) {
  Ikev2Fragments f;
  EXPECT_FALSE(f.add(key(1), 1, 1, 2, Bytes{1}));
  EXPECT_FALSE(f.add(key(2), 2, 2, 2, Bytes{2}));
  EXPECT_FALSE(f.add(key(1, 7), 3, 2, 2, Bytes{3}));
  auto m = f.add(key(1), 4, 2, 2, Bytes{4});
  ASSERT_TRUE(m);
  EXPECT_EQ(m->data, (Bytes{1, 4}));
  EXPECT_EQ(f.pending_bytes(), 2u);
}

TEST(Ikev2Fragments, ZeroFragmentNumberWrapsPastEveryOther) {
  Ikev2Fragments f;
  EXPECT_FALSE(f.add(key(1), 1, 0, 1, Bytes{7}));  // block 0xffffffff, not a last one
  auto m = f.add(key(1), 2, 1, 1, Bytes{1});
  ASSERT_TRUE(m);
  EXPECT_EQ(m->data, (Bytes{1, 7}));  // tshark keeps its content, after the others
  EXPECT_FALSE(m->illegal);
}

TEST(Ikev2Fragments, ZeroTotalMakesTheFirstFragmentTheLast) {
  Ikev2Fragments f;
  auto m = f.add(key(1), 1, 1, 0, Bytes{1});
  ASSERT_TRUE(m);
  EXPECT_EQ(m->fragments.size(), 1u);
}

TEST(Ikev2Fragments, PendingBytesAreBounded) {
  Ikev2Fragments f;
  Bytes big(Ikev2Fragments::kMaxPendingBytes / 2, 0xab);
  for (uint32_t id = 0; id < 8; ++id) EXPECT_FALSE(f.add(key(id), id, 1, 2, big));
  EXPECT_LE(f.pending_bytes(), Ikev2Fragments::kMaxPendingBytes);
  // The newest message survived the evictions and still completes.
  EXPECT_TRUE(f.add(key(7), 9, 2, 2, Bytes{1}));
}

TEST(Ikev2Fragments, PendingMessagesAreBounded) {
  Ikev2Fragments f;
  for (uint32_t id = 0; id < 3 * Ikev2Fragments::kMaxPendingMessages; ++id)
    f.add(key(id), id, 1, 2, Bytes{});
  EXPECT_FALSE(f.add(key(0), 1, 2, 2, Bytes{1}));  // message 0 was dropped long ago
}

}  // namespace
}  // namespace netsift
