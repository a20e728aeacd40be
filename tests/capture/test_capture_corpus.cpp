// Every file of the shared corpus, read by us and by tshark: the same frames (count, time,
// lengths, interface, comments), and an error exactly where tshark reports one.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "capture_test_util.h"
#include "sanitizer_build.h"
#include "test_names.h"
#include "tshark_cache.h"

namespace netsift::test {
namespace {

// Every file of the corpus; under the sanitizers every fourth (the corpus differential tests
// read each capture there too, and the fuzz targets cover the readers).
std::vector<std::string> corpus_files() {
  std::vector<std::string> files;
  std::error_code ec;
  const std::string root = NETSIFT_CORPUS_DIR;
  for (auto& e : std::filesystem::recursive_directory_iterator(root, ec)) {
    // The path below root by its text (fs::relative resolves symlinks: thousands of system
    // calls in every test process's start).
    if (e.is_regular_file() && e.path().filename() != "MANIFEST.md")
      files.push_back(e.path().string().substr(root.size() + 1));
  }
  std::sort(files.begin(), files.end());
  if (!kSanitizerBuild) return files;
  std::vector<std::string> sample;
  for (size_t i = 0; i < files.size(); i += 4) sample.push_back(files[i]);
  return sample;
}

// tshark escapes these in -T fields output.
std::string escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '\n')
      o += "\\n";
    else if (c == '\r')
      o += "\\r";
    else if (c == '\t')
      o += "\\t";
    else if (c == '\\')
      o += "\\\\";
    else
      o += c;
  }
  return o;
}

class Corpus : public ::testing::TestWithParam<std::string> {};

TEST_P(Corpus, MatchesTshark) {
  std::string path = std::string(NETSIFT_CORPUS_DIR) + "/" + GetParam();
  // tshark's answer for a corpus file never changes: cached (tests/common/tshark_cache.h).
  std::string out = shell_cached("tshark -r '" + path +
                                 "' -T fields -e frame.time_epoch -e frame.len -e frame.cap_len "
                                 "-e frame.interface_id -e frame.comment 2>/dev/null; echo \"#$?\"")
                        .out;
  size_t mark = out.rfind('#');
  int tshark_rc = std::stoi(out.substr(mark + 1));
  std::string tshark_frames = out.substr(0, mark);

  std::unique_ptr<CaptureReader> reader;
  try {
    reader = open_capture(path);
  } catch (const CaptureError& e) {
    if (tshark_frames.empty() && tshark_rc != 0) return;  // neither of us reads it
    // tshark also reads formats we do not (Microsoft NetMon, JSON, text): allowed, reported.
    // A pcap, pcapng or gzip file that we refuse is a failure.
    std::string head = run_command("head -c 4 '" + path + "' | od -An -tx1 | tr -d ' \\n'").out;
    bool ours = head == "0a0d0d0a" || head == "d4c3b2a1" || head == "a1b2c3d4" ||
                head == "4d3cb2a1" || head == "a1b23c4d" || head.rfind("1f8b", 0) == 0;
    if (!ours) GTEST_SKIP() << "format we do not read (magic " << head << "); tshark does";
    FAIL() << "we refused a file tshark reads: " << e.what();
  }
  ReadResult r = read_all(*reader);
  std::ostringstream ours;
  bool pcapng = reader->format() == FileFormat::kPcapng;
  for (const auto& f : r.frames) {
    std::string comments;
    for (size_t i = 0; i < f.comments.size(); ++i)
      comments += (i ? "," : "") + escape(f.comments[i]);
    ours << tshark_epoch(f.ts) << '\t' << f.len << '\t' << f.caplen << '\t'
         << (pcapng ? std::to_string(f.interface_id) : "") << '\t' << comments << '\n';
  }
  EXPECT_EQ(ours.str(), tshark_frames);
  // tshark exits non-zero exactly when the file is damaged or cut short.
  EXPECT_EQ(r.failed, tshark_rc != 0) << r.error;
  if (r.failed) {
    EXPECT_EQ(r.error_frame, r.frames.size() + 1);
  }
}

INSTANTIATE_TEST_SUITE_P(Files, Corpus, ::testing::ValuesIn(corpus_files()), ParamAsName{});

}  // namespace
}  // namespace netsift::test
