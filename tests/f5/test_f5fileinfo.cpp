// f5fileinfo: the capture-information pseudo packet BIG-IP writes as frame 1 (spec TV7).
#include <gtest/gtest.h>

#include "f5_test_util.h"

namespace netsift::test {
namespace {

constexpr const char* kTv7 =
    "00 00 00 00 00 00 00 00 00 00 00 00 05 ff 46 35 2d 50 73 65 75 64 6f 2d 70 6b 74 00 43 4d 44"
    "3a 20 74 63 70 64 75 6d 70 20 2d 6e 69 20 30 2e 30 3a 6e 6e 6e 00 56 45 52 3a 20 31 35 2e 31"
    "2e 30 20 30 2e 30 2e 33 31 00 50 4c 41 54 3a 20 5a 31 30 30 00 50 52 4f 44 3a 20 42 49 47 2d"
    "49 50 00 53 45 53 53 3a 20 30 00";

TEST(F5FileInfo, FirstFrameFields) {
  F5Frames f;
  f.dissect(hex(kTv7));
  EXPECT_EQ(f.str("f5fileinfo.cmdline"), "tcpdump -ni 0.0:nnn");
  EXPECT_EQ(f.str("f5fileinfo.version"), "15.1.0 0.0.31");
  EXPECT_EQ(f.str("f5fileinfo.platform"), "Z100");
  EXPECT_EQ(f.str("f5fileinfo.platformname"), "");
  EXPECT_EQ(f.str("f5fileinfo.product"), "BIG-IP");
  EXPECT_FALSE(f.has("f5fileinfo.hostname"));
  EXPECT_EQ(f.packet().cols.protocol, "FILEINFO");
  EXPECT_EQ(f.packet().cols.info, "tcpdump -ni 0.0:nnn");
  EXPECT_FALSE(f.has("eth.type"));  // not decoded as Ethernet
}

TEST(F5FileInfo, OnlyFrameOne) {
  F5Frames f;
  f.dissect(tcp_frame_with_trailer({}));
  f.dissect(hex(kTv7));
  EXPECT_FALSE(f.has("f5fileinfo.cmdline"));
}

}  // namespace
}  // namespace netsift::test
