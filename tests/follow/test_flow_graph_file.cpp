// --flow-graph: the SVG (and the HTML page around it) must be well-formed XML, with one arrow
// per TCP segment and each label built from tshark's own values for that segment (flags,
// relative Seq/Ack, calculated window, length), in capture order.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "tshark_cache.h"

namespace netsift::test {
namespace {

// The label Wireshark's flow graph shows, from tshark's field values.
std::string expected_label(const std::vector<std::string>& f) {
  static const char* const kNames[] = {"FIN", "SYN", "RST", "PSH", "ACK",
                                       "URG", "ECE", "CWR", "AE"};
  unsigned flags = std::stoul(f[0], nullptr, 16);
  std::string s;
  for (int bit = 0; bit < 9; ++bit)
    if (flags & (1u << bit)) s += (s.empty() ? "" : ", ") + std::string(kNames[bit]);
  if (s.empty()) s = "<None>";
  s += " Seq=" + f[1];
  if (flags & 0x10) s += " Ack=" + f[2];
  s += " Win=" + f[4] + " Len=" + f[3];
  return s;
}

// Labels and arrow count read back with Python's XML parser (fails on malformed XML).
CommandResult read_graph(const std::string& file) {
  const char* script =
      "import sys, xml.etree.ElementTree as ET\n"
      "ns = {'s': 'http://www.w3.org/2000/svg'}\n"
      "root = ET.parse(sys.argv[1]).getroot()\n"
      "svg = root if root.tag.endswith('svg') else root.find('.//s:svg', ns)\n"
      "arrows = svg.findall('.//s:line[@class=\"arrow\"]', ns)\n"
      "print(len(arrows))\n"
      "for t in svg.findall('.//s:text[@class=\"label\"]', ns): print(t.text)\n";
  return run_command("python3 -c " + shell_quote(script) + " " + shell_quote(file));
}

// The graph of `capture`'s packets that `filter` displays (a TCP filter): one arrow per segment.
void check_capture(const std::string& capture, const std::string& suffix,
                   const std::string& filter = "tcp") {
  std::string path = std::string(NETSIFT_CORPUS_DIR) + "/" + capture;
  // ctest runs each test in its own process, in parallel: one file name per test.
  std::string out = testing::TempDir() + "flow_graph_" +
                    testing::UnitTest::GetInstance()->current_test_info()->name() + suffix;
  std::remove(out.c_str());
  std::string display = filter == "tcp" ? "" : " -Y " + shell_quote(filter);
  CommandResult run = run_command(std::string(NETSIFT_BINARY) + " -r " + shell_quote(path) +
                                  display + " -q --flow-graph " + shell_quote(out));
  ASSERT_EQ(run.status, 0);
  std::vector<std::string> segments =
      split_lines(tshark_cached("-r " + shell_quote(path) + " -Y " + shell_quote(filter) +
                                " -T fields -e tcp.flags -e tcp.seq -e tcp.ack -e tcp.len "
                                "-e tcp.window_size"));
  ASSERT_FALSE(segments.empty());
  CommandResult graph = read_graph(out);
  ASSERT_EQ(graph.status, 0) << "not well-formed XML: " << out;
  std::vector<std::string> lines = split_lines(graph.out);
  ASSERT_EQ(lines.size(), segments.size() + 1);
  EXPECT_EQ(lines[0], std::to_string(segments.size()));
  for (size_t i = 0; i < segments.size(); ++i)
    EXPECT_EQ(lines[i + 1], expected_label(split_tabs(segments[i]))) << "segment " << i + 1;
  std::remove(out.c_str());
}

TEST(FlowGraphFile, SvgHasOneLabelledArrowPerSegment) {
  check_capture("http1/pcpp-three_http_streams.pcap", ".svg");
  check_capture("tcp/wiki-tcp-4-times-close.pcap", ".svg");
}

// As Wireshark's "limit to display filter": only the packets -Y displays are drawn.
TEST(FlowGraphFile, DrawsWhatTheDisplayFilterShows) {
  check_capture("http1/pcpp-three_http_streams.pcap", ".svg", "tcp.stream == 1");
  check_capture("tcp/wiki-tcp-4-times-close.pcap", ".svg", "tcp.flags.fin == 1 || tcp.flags.syn == 1");
}

TEST(FlowGraphFile, HtmlEmbedsTheSameGraph) {
  check_capture("tcp/wiki-200722_win_scale_examples_anon.pcapng", ".html");
}

}  // namespace
}  // namespace netsift::test
