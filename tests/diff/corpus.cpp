#include "corpus.h"

#include <algorithm>
#include <filesystem>
#include <ostream>

#include "test_names.h"

namespace netsift::test {

namespace fs = std::filesystem;

namespace {

bool is_capture(const fs::path& p) {
  static const char* const kExtensions[] = {".pcap", ".pcapng", ".cap", ".ntar", ".gz", ".dmp"};
  std::string ext = p.extension().string();
  return std::any_of(std::begin(kExtensions), std::end(kExtensions),
                     [&](const char* e) { return ext == e; });
}

void collect(const fs::path& root, const std::string& prefix, std::vector<CaptureFile>& out) {
  if (!fs::exists(root)) return;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file() || !is_capture(e.path())) continue;
    std::string rel = fs::relative(e.path(), root).string();
    out.push_back({e.path().string(), prefix + rel, sanitized_name(prefix + rel)});
  }
}

}  // namespace

void PrintTo(const CaptureFile& c, std::ostream* os) {
  *os << c.name;
}

std::vector<CaptureFile> all_captures() {
  std::vector<CaptureFile> files;
  collect(NETSIFT_CORPUS_DIR, "corpus/", files);
  std::sort(files.begin(), files.end(),
            [](const CaptureFile& a, const CaptureFile& b) { return a.path < b.path; });
  return files;
}

}  // namespace netsift::test
