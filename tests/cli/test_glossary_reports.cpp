// -G reports against tshark 4.0: ftypes identical; values (value, range and true/false strings)
// identical for fields netsift and tshark both have; column formats a subset of tshark's (the
// ones netsift's columns implement), with tshark's descriptions; decodes, dissector-tables and
// heuristic-decodes: netsift's tables, each line as tshark's where tshark has the same table;
// elastic-mapping: tshark's layout, the same type for every field both have; help,
// fieldcount, folders and plugins in tshark's shapes.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
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

// Lines of `report` whose first column names a table of `tables`.
std::set<std::string> lines_of_tables(const std::string& report, const std::set<std::string>& tables) {
  std::set<std::string> out;
  for (const std::string& l : split_lines(report))
    if (tables.count(l.substr(0, l.find('\t')))) out.insert(l);
  return out;
}

TEST(GlossaryReports, DissectorTablesAsTsharks) {
  std::set<std::string> theirs;
  for (const std::string& l : split_lines(tshark_cached("-G dissector-tables"))) theirs.insert(l);
  std::vector<std::string> ours = split_lines(netsift_g("dissector-tables"));
  EXPECT_TRUE(std::is_sorted(ours.begin(), ours.end()));
  EXPECT_GE(ours.size(), 8u);
  for (const std::string& l : ours) EXPECT_TRUE(theirs.count(l)) << l;
}

// Each key of netsift's tables goes where tshark's goes. Not wtap_encap: netsift keys it by
// pcap LINKTYPE values, tshark by its own encapsulation numbers.
TEST(GlossaryReports, DecodesAmongTsharks) {
  const std::set<std::string> tables = {"ethertype", "ip.proto", "tcp.port", "udp.port",
                                        "tls.port",  "llc.dsap", "llc.cisco_pid"};
  std::set<std::string> theirs = lines_of_tables(tshark_cached("-G decodes"), tables);
  std::string report = netsift_g("decodes");
  std::set<std::string> ours = lines_of_tables(report, tables);
  EXPECT_GE(ours.size(), 40u);
  // netsift's DNS dissector also reads mDNS (5353) and LLMNR (5355), which tshark registers as
  // protocols of their own.
  const std::set<std::string> own = {"udp.port\t5353\tdns", "udp.port\t5355\tdns"};
  for (const std::string& l : ours)
    if (!own.count(l)) EXPECT_TRUE(theirs.count(l)) << l;
  EXPECT_NE(report.find("wtap_encap\t1\teth\n"), std::string::npos);
}

TEST(GlossaryReports, HeuristicDecodesAmongTsharks) {
  std::set<std::string> theirs;
  for (const std::string& l : split_lines(tshark_cached("-G heuristic-decodes"))) theirs.insert(l);
  std::vector<std::string> ours = split_lines(netsift_g("heuristic-decodes"));
  for (const char* expected : {"tcp\thttp\tT", "tcp\ttls\tT", "udp\tdtls\tT", "tls\thttp\tT",
                               "tls\thttp2\tT", "eth\tf5fileinfo\tT"})
    EXPECT_NE(std::find(ours.begin(), ours.end(), expected), ours.end()) << expected;
  for (const std::string& l : ours) EXPECT_TRUE(theirs.count(l)) << l;
}

// Every typed member of a mapping as "member: type" (a name registered twice with two types,
// tls.handshake.session_id_length, appears once with each).
std::set<std::string> elastic_types(const std::string& mapping) {
  std::set<std::string> out;
  static const std::regex member(R"re("([^"]+)": \{\n *"type": "([a-z]+)")re");
  for (std::sregex_iterator it(mapping.begin(), mapping.end(), member), end; it != end; ++it)
    out.insert((*it)[1].str() + ": " + (*it)[2].str());
  return out;
}

TEST(GlossaryReports, ElasticMappingAsTsharks) {
  const std::string protocols = "frame,eth,ip,ipv6,tcp,udp,icmp,arp,dns,http,tls,http2,isakmp,esp";
  std::string theirs = tshark_cached("-G elastic-mapping --elastic-mapping-filter " + protocols);
  test::CommandResult r = run_command(std::string(NETSIFT_BINARY) +
                                      " -G elastic-mapping --elastic-mapping-filter " + protocols);
  ASSERT_EQ(r.status, 0);
  ASSERT_GT(r.out.size(), 40u);
  ASSERT_GT(theirs.size(), 40u);
  // The same document around the protocols' objects (whose order is registration order).
  auto head = [](const std::string& s) {
    size_t layers = s.find("\"layers\": {");
    return layers == std::string::npos ? s : s.substr(0, s.find('{', layers + 12) + 1);
  };
  EXPECT_EQ(head(r.out), head(theirs));
  EXPECT_EQ(r.out.substr(r.out.size() - 40), theirs.substr(theirs.size() - 40));
  std::set<std::string> mine = elastic_types(r.out), tsharks = elastic_types(theirs);
  std::set<std::string> tshark_names;
  for (const std::string& m : tsharks) tshark_names.insert(m.substr(0, m.find(':')));
  size_t shared = 0;
  for (const std::string& m : mine) {
    std::string name = m.substr(0, m.find(':'));
    if (name == "timestamp") continue;
    // Only the protocols asked for.
    EXPECT_NE(protocols.find(name.substr(0, name.find('_'))), std::string::npos) << name;
    if (!tshark_names.count(name)) continue;  // a field tshark 4.0 does not have
    ++shared;
    EXPECT_TRUE(tsharks.count(m)) << m;
  }
  EXPECT_GE(shared, 500u);
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
