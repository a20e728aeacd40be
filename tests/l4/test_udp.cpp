// UDP header fields, stream numbering and length checks, from hand-built datagrams.
#include <gtest/gtest.h>

#include "dissected.h"

namespace netsift::test {
namespace {

TEST(Udp, FieldsInfoAndStreams) {
  Dissected d(kLinkEthernet);
  // Port 40001 has no dissector, so the payload stays UDP data.
  d.next_at(0, ipv4_frame(17, udp_header(34582, 40001, 12, {1, 2, 3, 4}), 1, 2));
  EXPECT_EQ(d.info(), "34582 → 40001 Len=4");
  EXPECT_EQ(d.num("udp.length"), 12);
  EXPECT_EQ(d.num("udp.stream"), 0);
  EXPECT_EQ(d.num("udp.checksum.status"), 2);
  d.next_at(5, ipv4_frame(17, udp_header(40001, 34582, 9, {7}), 2, 1));
  EXPECT_EQ(d.num("udp.stream"), 0);
  EXPECT_EQ(d.num("udp.time_delta"), 5000000);
  // tshark shows the per-stream times only for datagrams that carry a payload.
  d.next_at(5, ipv4_frame(17, udp_header(40001, 34582, 8, {}), 2, 1));
  EXPECT_FALSE(d.has("udp.time_delta"));
  d.next_at(0, ipv4_frame(17, udp_header(40001, 34583, 8, {}), 2, 1));
  EXPECT_EQ(d.num("udp.stream"), 1);
}

TEST(Udp, BadLengthsAreReported) {
  Dissected d(kLinkEthernet);
  d.next_at(0, ipv4_frame(17, udp_header(1, 2, 4, {}), 1, 2));
  EXPECT_EQ(d.info(), "1 → 2 [BAD UDP LENGTH 4 < 8]");
  d.next_at(0, ipv4_frame(17, udp_header(1, 2, 100, {9, 9}), 1, 2));
  EXPECT_EQ(d.info(), "1 → 2 [BAD UDP LENGTH 100 > IP PAYLOAD LENGTH] Len=92");
  EXPECT_TRUE(d.has("udp.length.bad"));
}

}  // namespace
}  // namespace netsift::test
