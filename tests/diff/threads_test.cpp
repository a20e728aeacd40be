// --threads: on every corpus capture, netsift with --threads 2 prints and writes exactly what
// it does with --threads 1 (summary lines, -V, -T fields, -T json, -z statistics, -w files,
// messages and exit status).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "corpus.h"
#include "run_command.h"
#include "sanitizer_build.h"

namespace netsift::test {
namespace {

namespace fs = std::filesystem;

// What a run produced: its output and messages together, and its exit status.
CommandResult run_netsift(unsigned threads, const std::string& args) {
  return run_command(std::string(NETSIFT_BINARY) + " --threads " + std::to_string(threads) + " " +
                     args + " 2>&1");
}

std::string file_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every output format and statistic, and -w: one test per capture (each runs netsift twice
// per mode; separate tests per mode cost more in test start-up than in the runs).
const char* const kModes[] = {
    "",    // summary lines
    "-V",  // the detail tree
    "-T fields -e frame.number -e frame.protocols -e ip.src -e ipv6.dst -e tcp.stream "
    "-e udp.stream -e tcp.analysis.bytes_in_flight -e http.request.uri -e dns.qry.name "
    "-e tls.handshake.type -e _ws.col.Info",
    "-T json",
    "-q -z conv,tcp -z conv,udp -z io,phs -z expert -z http,tree",
};

class Threads : public ::testing::TestWithParam<CaptureFile> {};

TEST_P(Threads, SameOutputAsOneThread) {
  const std::string input = input_args(GetParam().path);
  for (const char* mode : kModes) {
    std::string args = input + " " + mode;
    CommandResult one = run_netsift(1, args);
    CommandResult two = run_netsift(2, args);
    EXPECT_EQ(one.status, two.status) << args;
    EXPECT_TRUE(one.out == two.out) << "output differs between --threads 1 and 2: " << args;
  }
  // -w with a display filter: the written files are identical byte for byte.
  fs::path dir = fs::temp_directory_path() / ("netsift-threads-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string args = input + " -Y " + shell_quote("tcp || udp") + " -w ";
  fs::path one = dir / "one.pcapng", two = dir / "two.pcapng";
  CommandResult r1 = run_netsift(1, args + shell_quote(one.string()));
  CommandResult r2 = run_netsift(2, args + shell_quote(two.string()));
  EXPECT_EQ(r1.status, r2.status);
  EXPECT_EQ(r1.out, r2.out);
  EXPECT_TRUE(file_bytes(one) == file_bytes(two)) << "written files differ: " << args;
  fs::remove_all(dir);
}

// The captures a pass compares: every fourth one in the release pass, in corpus order (a spread
// over every directory; each comparison is a dozen netsift runs); in the sanitizer pass, whose
// purpose is memory and thread errors in the read-ahead path rather than output differences,
// every twentieth (several times slower under ASan: every sixth took 470 s of the pass's 2,700
// test-seconds).
std::vector<CaptureFile> captures_for_this_pass() {
  const std::vector<CaptureFile>& all = all_captures();
  std::vector<CaptureFile> sample;
  const size_t every = kSanitizerBuild ? 20 : 4;
  for (size_t i = 0; i < all.size(); i += every) sample.push_back(all[i]);
  return sample;
}

INSTANTIATE_TEST_SUITE_P(Corpus, Threads, ::testing::ValuesIn(captures_for_this_pass()),
                         [](const ::testing::TestParamInfo<CaptureFile>& info) {
                           return info.param.test_name;
                         });

}  // namespace
}  // namespace netsift::test
