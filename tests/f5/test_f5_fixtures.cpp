// The generated F5 fixtures (tests/fixtures/gen_f5_fixtures.py) must be clean BIG-IP captures
// to tshark (nothing malformed, undecoded or too long) and must hold every trailer variant the
// generator claims; the differential tests then compare every f5ethtrailer field on them.
#include <gtest/gtest.h>

#include <filesystem>

#include "run_command.h"
#include "tshark_cache.h"

namespace netsift::test {
namespace {

std::string fixture(const char* name) {
  return std::string(NETSIFT_SOURCE_DIR) + "/tests/fixtures/" + name;
}

size_t frames_matching(const std::string& file, const std::string& filter) {
  return split_lines(tshark_cached("-r " + shell_quote(file) + " -Y " + shell_quote(filter) +
                                   " -T fields -e frame.number"))
      .size();
}

class F5Fixture : public ::testing::Test {
 protected:
  void SetUp() override {
    if (run_command("command -v tshark").status != 0) GTEST_SKIP() << "no tshark";
  }
};

TEST_F(F5Fixture, TsharkFindsNothingWrong) {
  for (const char* f : {"f5-legacy.pcap", "f5-dpt.pcap"}) {
    SCOPED_TRACE(f);
    EXPECT_EQ(frames_matching(fixture(f),
                              "_ws.malformed || _ws.short || "
                              "_ws.expert.severity >= \"error\" || "
                              "f5ethtrailer.undecoded || f5ethtrailer.badlen"),
              0u);
    // Every frame after the FILEINFO one carries a trailer.
    size_t all = frames_matching(fixture(f), "frame");
    EXPECT_EQ(frames_matching(fixture(f), "f5ethtrailer"), all - 1);
    EXPECT_EQ(frames_matching(fixture(f), "f5fileinfo.cmdline"), 1u);
  }
}

TEST_F(F5Fixture, EveryVariantIsPresent) {
  const std::pair<const char*, const char*> legacy[] = {
      {"low v1", "f5ethtrailer.low && f5ethtrailer.vipnamelen"},
      {"low v0 (10.x)", "f5ethtrailer.low && f5ethtrailer.version == 0 && !f5ethtrailer.flowid"},
      {"low v0 (9.4)", "f5ethtrailer.low && f5ethtrailer.slot == 0 && f5ethtrailer.flowid"},
      {"medium v0", "f5ethtrailer.medium && f5ethtrailer.haunit && !f5ethtrailer.flowid"},
      {"medium v1", "f5ethtrailer.medium && f5ethtrailer.version == 1"},
      {"medium v2", "f5ethtrailer.medium && f5ethtrailer.version == 2"},
      {"medium v3", "f5ethtrailer.cfflags2"},
      {"high v0 with peer", "f5ethtrailer.peerremoteaddr"},
      {"high without peer id", "f5ethtrailer.nopeer"},
      {"RST cause", "f5ethtrailer.rstcausetxt"},
      {"RST cause from the peer", "f5ethtrailer.rstcausepeer == 1"},
      {"VLAN", "vlan && f5ethtrailer"},
      {"zero padding", "eth.padding && f5ethtrailer"},
      {"several TMMs", "f5ethtrailer.tmm == 3"},
      {"several slots", "f5ethtrailer.slot == 2"},
  };
  for (auto [what, filter] : legacy)
    EXPECT_GT(frames_matching(fixture("f5-legacy.pcap"), filter), 0u) << what;
  const std::pair<const char*, const char*> dpt[] = {
      {"low v2", "f5ethtrailer.provider == 1 && f5ethtrailer.ingress && !f5ethtrailer.flags"},
      {"low v3 with hardware action", "f5ethtrailer.flags.hwaction == 3"},
      {"low v4 object names", "f5ethtrailer.trunk && f5ethtrailer.phys_port"},
      {"medium v4", "f5ethtrailer.version == 4 && f5ethtrailer.flowid"},
      {"high v1, IPv4-mapped", "f5ethtrailer.peerremoteaddr && !f5ethtrailer.peerremotertdom"},
      {"high v1, route domain", "f5ethtrailer.peerremotertdom == 2"},
      {"TLS 1.2 secrets", "f5ethtrailer.tls.master_secret"},
      {"TLS 1.3 secrets v1", "f5ethtrailer.tls.early_traffic_secret"},
      {"TLS 1.3 secrets v0", "f5ethtrailer.tls.secret_len == 32"},
      {"key log lines", "f5ethtrailer.tls.keylog"},
      {"unknown provider", "f5ethtrailer.unknown_trailer && f5ethtrailer.provider == 5"},
      {"trailer after an FCS", "f5ethtrailer.orig_fcs"},
      {"RST cause", "f5ethtrailer.rstcausetxt"},
      {"VLAN", "vlan && f5ethtrailer"},
  };
  for (auto [what, filter] : dpt)
    EXPECT_GT(frames_matching(fixture("f5-dpt.pcap"), filter), 0u) << what;
}

}  // namespace
}  // namespace netsift::test
