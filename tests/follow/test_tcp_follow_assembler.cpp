// The follow stream assembler on hand-made segments: the expected byte streams follow from TCP
// sequence semantics (RFC 9293) and tshark's documented gap marker.
#include <gtest/gtest.h>

#include <string>

#include "analysis/tcp_follow.h"

namespace netsift {
namespace {

FollowSegment seg(bool server, uint32_t seq, std::string_view data, uint32_t frame,
                  bool syn = false, uint32_t ack = 0) {
  FollowSegment s;
  s.from_server = server;
  s.seq = seq;
  s.ack = ack;
  s.syn = syn;
  s.seglen = static_cast<uint32_t>(data.size());
  s.payload = data;
  s.frame = frame;
  return s;
}

std::string joined(const TcpFollowAssembler& a, bool server) {
  std::string out;
  for (const FollowChunk& c : a.chunks())
    if (c.from_server == server) out += c.data;
  return out;
}

TEST(TcpFollowAssembler, InOrderSegmentsBecomeOneChunkEach) {
  TcpFollowAssembler a;
  a.add(seg(false, 0, "", 1, true));
  a.add(seg(false, 1, "abc", 2));
  a.add(seg(false, 4, "def", 3));
  ASSERT_EQ(a.chunks().size(), 2u);
  EXPECT_EQ(a.chunks()[0].data, "abc");
  EXPECT_EQ(a.chunks()[1].frame, 3u);
}

TEST(TcpFollowAssembler, OutOfOrderSegmentWaitsForTheGap) {
  TcpFollowAssembler a;
  a.add(seg(false, 0, "", 1, true));
  a.add(seg(false, 4, "def", 2));
  EXPECT_TRUE(a.chunks().empty());
  EXPECT_EQ(a.held_bytes(), 3u);
  a.add(seg(false, 1, "abc", 3));
  EXPECT_EQ(joined(a, false), "abcdef");
  EXPECT_EQ(a.chunks()[1].frame, 2u);
  EXPECT_EQ(a.held_bytes(), 0u);
}

TEST(TcpFollowAssembler, RetransmissionsAddOnlyNewBytes) {
  TcpFollowAssembler a;
  a.add(seg(true, 100, "abcd", 1));
  a.add(seg(true, 100, "abcd", 2));  // whole retransmission: nothing new
  a.add(seg(true, 102, "cdef", 3));  // overlaps: "ef" is new
  EXPECT_EQ(joined(a, true), "abcdef");
  ASSERT_EQ(a.chunks().size(), 2u);
  EXPECT_EQ(a.chunks()[1].data, "ef");
}

TEST(TcpFollowAssembler, AcknowledgedGapIsMarked) {
  TcpFollowAssembler a;
  a.add(seg(false, 0, "", 1, true));
  a.add(seg(false, 1, "abc", 2));
  a.add(seg(false, 10, "xyz", 3));        // bytes 4..9 never captured
  a.add(seg(true, 0, "", 4, false, 13));  // the peer acknowledges all 12 bytes
  std::string marker = std::string("[6 bytes missing in capture file]") + '\0';
  EXPECT_EQ(joined(a, false), "abc" + marker + "xyz");
  EXPECT_EQ(a.chunks()[1].frame, 4u);  // the marker belongs to the acknowledging frame
}

TEST(TcpFollowAssembler, SequenceNumbersWrap) {
  TcpFollowAssembler a;
  a.add(seg(false, 0xfffffffe, "ab", 1));
  a.add(seg(false, 2, "ef", 2));  // after "cd" at 0: held
  a.add(seg(false, 0, "cd", 3));
  EXPECT_EQ(joined(a, false), "abcdef");
}

TEST(TcpFollowAssembler, TruncatedPayloadKeepsSequenceSpace) {
  TcpFollowAssembler a;
  FollowSegment s = seg(false, 1, "ab", 1);
  s.seglen = 4;  // 4 bytes sent, 2 captured
  a.add(s);
  a.add(seg(false, 5, "ef", 2));
  EXPECT_EQ(joined(a, false), "abef");
}

}  // namespace
}  // namespace netsift
