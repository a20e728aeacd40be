// -G reports against tshark 4.0: ftypes identical; values (value, range and true/false strings)
// identical for fields netsift and tshark both have; column formats a subset of tshark's (the
// ones netsift's columns implement), with tshark's descriptions; help, fieldcount, folders and
// plugins in tshark's shapes.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "run_command.h"
#include "tshark_cache.h"

namespace netsift {
namespace {

using test::run_command;
using test::split_lines;
using test::tshark_cached;

std::string netsift_g(const std::string& report) {
  test::CommandResult r = run_command(std::string(NETSIFT_BINARY) + " -G " + report);
  EXPECT_EQ(r.status, 0) << report;
  return r.out;
}

// The value, range and true/false lines of `text` about `field` ("V\tfield\t..."; tshark's
// "E" lines name its C tables, which netsift does not have).
std::vector<std::string> lines_of(const std::string& text, const std::string& field) {
  std::vector<std::string> out;
  for (const std::string& l : split_lines(text))
    if (l.size() > 2 && std::string("VRT").find(l[0]) != std::string::npos &&
        l.compare(2, field.size() + 1, field + "\t") == 0)
      out.push_back(l);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(GlossaryReports, FtypesAsTshark) { EXPECT_EQ(netsift_g("ftypes"), tshark_cached("-G ftypes")); }

TEST(GlossaryReports, ValuesAsTshark) {
  const char* const kFields[] = {"tcp.option_kind",    "ip.proto",           "eth.type",
                                 "dns.qry.type",       "http2.type",         "isakmp.nextpayload",
                                 "tls.handshake.type", "tcp.flags.syn"};
  std::string pattern;
  for (const char* f : kFields) pattern += std::string(pattern.empty() ? "" : "|") + f;
  std::string ours = netsift_g("values");
  // Only these fields' lines of tshark's 1.4 million.
  std::string theirs =
      test::shell_cached("tshark -G values 2>/dev/null | grep -P '^[VRT]\\t(" + pattern + ")\\t'").out;
  for (const char* field : kFields) {
    std::vector<std::string> mine = lines_of(ours, field);
    EXPECT_FALSE(mine.empty()) << field;
    EXPECT_EQ(mine, lines_of(theirs, field)) << field;
  }
}

TEST(GlossaryReports, ColumnFormatsAreTsharks) {
  std::set<std::string> theirs;
  for (const std::string& l : split_lines(tshark_cached("-G column-formats"))) theirs.insert(l);
  std::vector<std::string> ours = split_lines(netsift_g("column-formats"));
  size_t formats = 0;
  for (const std::string& l : ours)
    if (l.starts_with("%")) {
      ++formats;
      EXPECT_TRUE(theirs.count(l)) << l;
    }
  EXPECT_GE(formats, 30u);  // the columns netsift implements
}

TEST(GlossaryReports, OtherReports) {
  EXPECT_NE(netsift_g("help").find("Usage: netsift -G [report]"), std::string::npos);
  EXPECT_EQ(netsift_g("fieldcount").rfind("There are ", 0), 0u);
  EXPECT_NE(netsift_g("folders").find("Personal configuration:"), std::string::npos);
  EXPECT_EQ(netsift_g("plugins"), "");
  test::CommandResult bad = run_command(std::string(NETSIFT_BINARY) + " -G nosuch 2>&1");
  EXPECT_EQ(bad.status, 1);
}

}  // namespace
}  // namespace netsift
