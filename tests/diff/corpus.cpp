#include "corpus.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>

#include "run_command.h"
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
    // The path below root by its text: fs::relative resolves symlinks component by component,
    // tens of thousands of system calls in each test process's start.
    std::string rel = e.path().string().substr(root.string().size() + 1);
    out.push_back({e.path().string(), prefix + rel, sanitized_name(prefix + rel)});
  }
}

// tests/diff/capture_options.txt: "<capture file name> <options>" lines ('#' comments).
std::map<std::string, std::string> capture_options(const std::string& path) {
  std::map<std::string, std::string> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    size_t space = line.find(' ');
    if (space != std::string::npos) out[line.substr(0, space)] = line.substr(space + 1);
  }
  return out;
}

// Wireshark's own IPsec test captures (scripts/fetch-wireshark-suite.sh puts them on every
// machine), decrypted with the tables its test/suite_decryption.py uses (capture_options.txt).
constexpr const char* kSuiteCaptures[] = {
    "esp-bug-12671.pcapng.gz",          "ikev1-bug-12610.pcapng.gz",
    "ikev1-bug-12620.pcapng.gz",        "ikev1-certs.pcap",
    "ikev2-decrypt-3des-sha1_160.pcap", "ikev2-decrypt-aes128ccm12-2.pcap",
    "ikev2-decrypt-aes128ccm12.pcap",   "ikev2-decrypt-aes192ctr.pcap",
    "ikev2-decrypt-aes256cbc.pcapng",   "ikev2-decrypt-aes256ccm16.pcapng",
    "ikev2-decrypt-aes256gcm16.pcap",   "ikev2-decrypt-aes256gcm8.pcap",
};

void collect_suite(std::vector<CaptureFile>& out) {
  fs::path dir = fs::path(NETSIFT_WIRESHARK_SUITE) / "current" / "captures";
  for (const char* name : kSuiteCaptures) {
    fs::path p = dir / name;
    std::string rel = std::string("wireshark-suite/") + name;
    if (fs::exists(p)) out.push_back({p.string(), rel, sanitized_name(rel)});
  }
}

}  // namespace

std::string input_args(const std::string& file) {
  static const std::map<std::string, std::string> options =
      capture_options(std::string(NETSIFT_SOURCE_DIR) + "/tests/diff/capture_options.txt");
  std::string args = "-r " + shell_quote(file);
  fs::path base = fs::path(file).replace_extension();
  for (const char* ext : {".keys", ".keylog"}) {
    fs::path keys = base.string() + ext;
    if (fs::exists(keys)) args += " -o " + shell_quote("tls.keylog_file:" + keys.string());
  }
  fs::path rsa_key = base.string() + ".key";  // a server's RSA private key (PEM)
  if (fs::exists(rsa_key))
    args += " -o " + shell_quote("uat:rsa_keys:\"" + rsa_key.string() + "\",\"\"");
  auto it = options.find(fs::path(file).filename().string());
  if (it != options.end()) args += " " + it->second;
  return args;
}

void PrintTo(const CaptureFile& c, std::ostream* os) {
  *os << c.name;
}

const std::vector<CaptureFile>& all_captures() {
  static const std::vector<CaptureFile> files = [] {
    std::vector<CaptureFile> out;
    collect(NETSIFT_CORPUS_DIR, "corpus/", out);
    std::sort(out.begin(), out.end(),
              [](const CaptureFile& a, const CaptureFile& b) { return a.path < b.path; });
    collect_suite(out);
    return out;
  }();
  return files;
}

}  // namespace netsift::test
