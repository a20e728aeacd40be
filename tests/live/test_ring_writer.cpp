// RingWriter without a live capture: dumpcap's file names, rotation by size, files:N.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "capture/capture_reader.h"
#include "capture/ring_writer.h"
#include "live_test_util.h"

namespace netsift {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> names_in(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

void write_frames(CaptureWriter& w, int n) {
  std::vector<uint8_t> bytes(300, 0xab);
  std::vector<InterfaceInfo> ifs(1);
  CapturedFrame f;
  f.data = bytes.data();
  f.caplen = f.len = static_cast<uint32_t>(bytes.size());
  for (int i = 0; i < n; ++i) {
    f.ts.sec = 1700000000 + i;
    w.write_frame(f, ifs);
  }
  w.close();
}

TEST(RingWriter, WithoutLimitsWritesTheNamedFile) {
  std::string dir = test::make_temp_dir();
  RingWriter w(dir + "/plain.pcap", WriteFormat::kPcap, {}, {});
  write_frames(w, 5);
  EXPECT_EQ(names_in(dir), std::vector<std::string>{"plain.pcap"});
  auto reader = open_capture(dir + "/plain.pcap");
  CapturedFrame f;
  int frames = 0;
  while (reader->next(f)) ++frames;
  EXPECT_EQ(frames, 5);
  fs::remove_all(dir);
}

TEST(RingWriter, RotatesBySizeAndKeepsTheNewestFiles) {
  std::string dir = test::make_temp_dir();
  RingOptions ring;
  ring.filesize_kb = 1;  // about three 300-byte frames per file
  ring.files = 2;
  RingWriter w(dir + "/cap.pcapng", WriteFormat::kPcapng, {}, ring);
  write_frames(w, 20);
  auto names = names_in(dir);
  ASSERT_EQ(names.size(), 2u);
  static const std::regex dumpcap_name(R"(cap_(\d{5})_\d{14}\.pcapng)");
  int total = 0;
  for (const auto& n : names) {
    std::smatch m;
    ASSERT_TRUE(std::regex_match(n, m, dumpcap_name)) << n;
    EXPECT_GT(std::stoi(m[1].str()), 4) << n;  // the early files were removed
    auto reader = open_capture(dir + "/" + n);
    CapturedFrame f;
    while (reader->next(f)) ++total;
  }
  EXPECT_GT(total, 0);
  EXPECT_LT(total, 20);
  fs::remove_all(dir);
}

TEST(RingWriter, NameWithoutExtension) {
  std::string dir = test::make_temp_dir();
  RingOptions ring;
  ring.filesize_kb = 1000;
  RingWriter w(dir + "/capture", WriteFormat::kPcap, {}, ring);
  write_frames(w, 1);
  auto names = names_in(dir);
  ASSERT_EQ(names.size(), 1u);
  EXPECT_TRUE(std::regex_match(names[0], std::regex(R"(capture_00001_\d{14})"))) << names[0];
  fs::remove_all(dir);
}

}  // namespace
}  // namespace netsift
