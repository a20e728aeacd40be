// Golden files: tshark's output for each fixture and case, recorded by scripts/make_golden.py
// (header: tshark's version, the fixture's CRC-32, the arguments, tshark's exit status), against
// netsift's output for the same arguments, byte for byte. One netsift run per case, no tshark.
// Understood differences are listed in tests/golden/known_differences.txt with their reasons;
// the golden file still holds tshark's output for them.
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "known_differences.h"
#include "run_command.h"
#include "sanitizer_build.h"
#include "test_names.h"

namespace netsift::test {
namespace {

namespace fs = std::filesystem;

const fs::path kGolden = fs::path(NETSIFT_SOURCE_DIR) / "tests" / "golden";
const fs::path kFixtures = fs::path(NETSIFT_SOURCE_DIR) / "tests" / "fixtures";
constexpr size_t kMaxReported = 10;  // differing lines shown per failure

bool is_capture(const fs::path& p) {
  for (const char* ext : {".pcap", ".pcapng", ".cap", ".ntar", ".gz"})
    if (p.extension() == ext) return true;
  return false;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct GoldenFile {
  std::string fixture;  // file name in tests/fixtures
  std::string name;     // the case: summary, tree, fields, z-<statistic>
  fs::path path;
};

// Every golden file; under the sanitizers, whose purpose is memory errors in the dissectors,
// the dissection cases only (summary, tree, fields and their keyed forms): the -z statistics
// are exercised there by the corpus statistics tests, and each case is a test process.
std::vector<GoldenFile> golden_files() {
  std::vector<GoldenFile> files;
  if (!fs::exists(kGolden)) return files;
  for (const auto& dir : fs::directory_iterator(kGolden)) {
    if (!dir.is_directory()) continue;
    for (const auto& f : fs::directory_iterator(dir.path())) {
      std::string name = f.path().stem().string();
      if (f.path().extension() != ".txt" || (kSanitizerBuild && name.rfind("z-", 0) == 0))
        continue;
      files.push_back({dir.path().filename().string(), name, f.path()});
    }
  }
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.path < b.path; });
  return files;
}

// The four header lines and the output after them.
struct Recorded {
  std::string tshark, capture, args, output;
  int exit = -1;
};

bool parse(const std::string& text, Recorded& r) {
  std::string* fields[] = {&r.tshark, &r.capture, &r.args};
  const char* keys[] = {"# tshark: ", "# capture: ", "# args: ", "# exit: "};
  size_t pos = 0;
  for (int i = 0; i < 4; ++i) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos || text.compare(pos, strlen(keys[i]), keys[i]) != 0) return false;
    std::string value = text.substr(pos + strlen(keys[i]), nl - pos - strlen(keys[i]));
    if (i < 3)
      *fields[i] = value;
    else
      r.exit = std::stoi(value);
    pos = nl + 1;
  }
  r.output = text.substr(pos);
  return true;
}

// "<name> crc32 <hex>" as make_golden.py writes it for the fixture's current bytes.
std::string capture_line(const std::string& fixture) {
  std::string bytes = read_file(kFixtures / fixture);
  unsigned long crc = crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()),
                            static_cast<uInt>(bytes.size()));
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08lx", crc);
  return fixture + " crc32 " + hex;
}

// Differing lines (line number, tshark's, netsift's), the first kMaxReported of them. For -T
// fields output, the differing columns are named after the -e arguments.
std::string describe_difference(const Recorded& r, const std::string& ours) {
  std::vector<std::string> fields;
  if (r.args.find("-T fields") != std::string::npos) {
    std::istringstream words(r.args);
    for (std::string w, prev; words >> w; prev = w)
      if (prev == "-e") fields.push_back(w);
  }
  auto theirs = split_lines(r.output), mine = split_lines(ours);
  std::ostringstream out;
  size_t differing = 0;
  for (size_t i = 0; i < std::max(theirs.size(), mine.size()); ++i) {
    std::string t = i < theirs.size() ? theirs[i] : "<none>";
    std::string m = i < mine.size() ? mine[i] : "<none>";
    if (t == m || differing++ >= kMaxReported) continue;
    out << "line " << i + 1;
    auto tc = split_tabs(t), mc = split_tabs(m);
    if (!fields.empty() && tc.size() == fields.size() && mc.size() == fields.size()) {
      for (size_t c = 0; c < fields.size(); ++c)
        if (tc[c] != mc[c])
          out << "\n field " << fields[c] << "\n  tshark:  " << tc[c] << "\n  netsift: " << mc[c];
      out << "\n";
    } else {
      out << "\n tshark:  " << t << "\n netsift: " << m << "\n";
    }
  }
  out << differing << " of " << theirs.size() << " lines differ";
  return out.str();
}

void PrintTo(const GoldenFile& g, std::ostream* os) {
  *os << g.fixture << " " << g.name;
}

class Golden : public ::testing::TestWithParam<GoldenFile> {};

TEST_P(Golden, SameAsTshark) {
  const GoldenFile& g = GetParam();
  std::string reason = known_difference((kGolden / "known_differences.txt").string(), g.name,
                                        g.fixture);
  if (!reason.empty()) GTEST_SKIP() << "known difference:" << reason;
  Recorded r;
  ASSERT_TRUE(parse(read_file(g.path), r)) << g.path << ": no make_golden.py header";
  ASSERT_EQ(r.capture, capture_line(g.fixture))
      << g.fixture << " changed since its golden files were made: run scripts/make_golden.py "
      << g.fixture;
  CommandResult ours = run_command("cd " + shell_quote(kFixtures.string()) + " && TZ=UTC " +
                                   NETSIFT_BINARY + " " + r.args + " 2>/dev/null");
  EXPECT_EQ(ours.status != 0, r.exit != 0)
      << "tshark exit " << r.exit << ", netsift " << ours.status;
  if (ours.out != r.output)
    ADD_FAILURE() << g.path.string() << " (" << r.tshark << ")\n"
                  << describe_difference(r, ours.out);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, Golden, ::testing::ValuesIn(golden_files()),
                         [](const auto& info) {
                           return sanitized_name(info.param.fixture + "_" + info.param.name);
                         });

// Every fixture has golden files and every golden directory a fixture, so a new fixture cannot
// go untested and a removed one leaves nothing behind.
TEST(GoldenFiles, OneDirectoryPerFixture) {
  std::vector<std::string> fixtures, directories;
  for (const auto& f : fs::directory_iterator(kFixtures))
    if (f.is_regular_file() && is_capture(f.path())) fixtures.push_back(f.path().filename());
  for (const auto& d : fs::directory_iterator(kGolden))
    if (d.is_directory()) directories.push_back(d.path().filename());
  std::sort(fixtures.begin(), fixtures.end());
  std::sort(directories.begin(), directories.end());
  EXPECT_EQ(directories, fixtures) << "run scripts/make_golden.py for the new fixtures";
}

}  // namespace
}  // namespace netsift::test
