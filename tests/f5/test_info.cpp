// netsift info: the lines capinfos also prints must be capinfos' own (run here on the same
// files), and the BIG-IP part must say what tshark reads from the FILEINFO packet and trailers.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "run_command.h"
#include "test_names.h"
#include "tshark_cache.h"

namespace netsift::test {
namespace {

const std::string kNetsift = NETSIFT_BINARY;

// capinfos lines netsift does not print: hashes, pcapng section and interface options it does
// not keep (see README). netsift prints "Time resolution" for every pcapng interface, capinfos
// only when the if_tsresol option is present, which netsift's reader does not record.
bool netsift_skips(const std::string& l) {
  for (const char* p : {"SHA256:", "RIPEMD160:", "SHA1:", "Capture application:",
                        "Capture hardware:", "Capture oper-sys:", "Capture comment:"})
    if (l.rfind(p, 0) == 0) return true;
  for (const char* p : {"Operating system = ", "Filter string = ", "Number of stat entries = ",
                        "Time resolution = "})
    if (l.find(p) != std::string::npos) return true;
  return false;
}

bool f5_line(const std::string& l) {
  if (l.rfind("BIG-IP ", 0) == 0 || l.rfind("F5 ", 0) == 0) return true;
  for (const char* p :
       {"Version = ", "Platform = ", "Hostname = ", "Product = ", "Command line = "})
    if (l.find(p) != std::string::npos) return true;
  return false;
}

std::vector<std::string> without(const std::vector<std::string>& lines,
                                 bool (*drop)(const std::string&)) {
  std::vector<std::string> out;
  for (const std::string& l : lines)
    if (!drop(l)) out.push_back(l);
  return out;
}

class Info : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    std::string p = GetParam();
    path_ = p.rfind("fixtures/", 0) == 0 ? std::string(NETSIFT_SOURCE_DIR) + "/tests/" + p
                                         : std::string(NETSIFT_CORPUS_DIR) + "/" + p;
    if (!std::filesystem::exists(path_)) GTEST_SKIP() << "no " << path_;
    if (run_command("command -v capinfos").status != 0) GTEST_SKIP() << "no capinfos";
  }
  std::string path_;
};

TEST_P(Info, CapinfosLinesAsCapinfos) {
  auto theirs = shell_cached("capinfos " + shell_quote(path_) + " 2>/dev/null");
  auto ours = run_command(kNetsift + " info " + shell_quote(path_));
  ASSERT_EQ(ours.status, 0);
  auto ours_lines = without(split_lines(ours.out), f5_line);
  EXPECT_EQ(without(ours_lines, netsift_skips), without(split_lines(theirs.out), netsift_skips));
}

INSTANTIATE_TEST_SUITE_P(
    Files, Info,
    ::testing::Values("bigip-ctf/ctf-a.pcap", "bigip-ctf/ctf-b.pcapng", "f5/f5-hackazon2.pcap",
                      "f5/zeek-mixed-vlan-mpls.pcap", "fixtures/snaplen-cut.pcap",
                      "fixtures/nsec-bigendian.pcap", "fixtures/l2-mix.pcap.gz",
                      "fixtures/linktypes-sll2.pcap", "file-formats/wiki-dhcp_big_endian.pcapng",
                      "file-formats/zeek-pcapng-multi-interface.pcapng"),
    ParamAsName{});

std::string value_of(const std::vector<std::string>& lines, const std::string& key) {
  for (const std::string& l : lines) {
    size_t at = l.find(key);
    if (at != std::string::npos) return l.substr(at + key.size());
  }
  return "<missing>";
}

// The BIG-IP lines against tshark's reading of the same files.
TEST(InfoF5, BigIpHeaderAndNoiseLevels) {
  if (run_command("command -v tshark").status != 0) GTEST_SKIP() << "no tshark";
  for (const char* rel : {"bigip-ctf/ctf-a.pcap", "bigip-ctf/ctf-b.pcapng", "f5/f5-hackazon2.pcap",
                          "f5/zeek-mixed-vlan-mpls.pcap"}) {
    std::string path = std::string(NETSIFT_CORPUS_DIR) + "/" + rel;
    if (!std::filesystem::exists(path)) GTEST_SKIP() << "no corpus";
    SCOPED_TRACE(rel);
    auto ours = split_lines(run_command(kNetsift + " info " + shell_quote(path)).out);
    auto header = split_tabs(
        tshark_cached(
            "-r " + shell_quote(path) +
            " -c 1 -T fields -e f5fileinfo.version -e f5fileinfo.platform -e f5fileinfo.hostname "
            "-e f5fileinfo.product -e f5fileinfo.cmdline")
            .substr(0, std::string::npos));
    for (std::string& h : header) h.erase(h.find_last_not_of('\n') + 1);
    if (!header.empty() && !header[0].empty()) {
      EXPECT_EQ(value_of(ours, "Version = "), header[0]);
      EXPECT_EQ(value_of(ours, "Platform = ").substr(0, header[1].size()), header[1]);
      EXPECT_EQ(value_of(ours, "Hostname = "), header[2]);
      EXPECT_EQ(value_of(ours, "Product = "), header[3]);
      EXPECT_EQ(value_of(ours, "Command line = "), header[4]);
    } else {
      EXPECT_EQ(value_of(ours, "Version = "), "<missing>");
    }
    auto frames = split_lines(
        tshark_cached("-r " + shell_quote(path) +
                      " -Y f5ethtrailer -T fields -e f5ethtrailer.low -e f5ethtrailer.medium -e "
                      "f5ethtrailer.high -e f5ethtrailer.trailer_magic -e f5ethtrailer.tls.data"));
    bool present[5] = {};
    size_t tls = 0;
    for (const std::string& l : frames) {
      auto c = split_tabs(l);
      for (size_t i = 0; i < 5 && i < c.size(); ++i) present[i] |= !c[i].empty();
      tls += c.size() > 4 && !c[4].empty();
    }
    std::string levels;
    const char* names[] = {"low", "medium", "high"};
    for (int i = 0; i < 3; ++i)
      if (present[i]) levels += (levels.empty() ? "" : ", ") + std::string(names[i]);
    EXPECT_EQ(value_of(ours, "F5 trailer frames:   "), std::to_string(frames.size()));
    EXPECT_EQ(value_of(ours, "F5 noise levels:     "), levels);
    EXPECT_EQ(value_of(ours, "F5 trailer format:   ").substr(0, 3), present[3] ? "DPT" : "leg");
    EXPECT_EQ(value_of(ours, "F5 TLS secrets:      "),
              tls ? "in " + std::to_string(tls) + " frames (--f5 ssl)" : "none");
  }
}

}  // namespace
}  // namespace netsift::test
