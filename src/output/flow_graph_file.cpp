#include "output/flow_graph_file.h"
#include "core/append_format.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/address_format.h"
#include "output/flow_sequence.h"

namespace netsift {

namespace {

constexpr int kTimeWidth = 120;  // left margin: frame number and time
constexpr int kColumn = 260;     // distance between host lines
constexpr int kHeader = 60;      // host names
constexpr int kRow = 40;         // one segment
constexpr int kCommentWidth = 20;

void append_escaped(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
}

std::string host_text(const Address& a) {
  std::string s;
  if (a.type == AddressType::kIpv4)
    append_ipv4(s, uint32_t{a.bytes[0]} << 24 | uint32_t{a.bytes[1]} << 16 |
                       uint32_t{a.bytes[2]} << 8 | a.bytes[3]);
  else if (a.type == AddressType::kIpv6)
    append_ipv6(s, a.bytes);
  else if (a.type == AddressType::kEther)
    append_mac_raw(s, a.bytes);
  return s;
}

// "SYN, ACK Seq=0 Ack=1 Win=65535 Len=0", Wireshark's flow graph label for a segment.
std::string segment_label(const FlowItem& it) {
  std::string s;
  append_tcp_flag_names(s, it.tcp_flags);
  append_format(s, " Seq={}", it.seq);
  if (it.tcp_flags & 0x010) append_format(s, " Ack={}", it.ack);
  append_format(s, " Win={} Len={}", it.window, it.len);
  return s;
}

class FlowGraphFile : public Statistic {
 public:
  explicit FlowGraphFile(std::string path) : path_(std::move(path)), flow_(FlowKind::kTcp, true) {}

  void packet(const Packet& pkt) override { flow_.packet(pkt); }
  bool displayed_only() const override { return true; }

  void print(OutputSink&) override {
    std::string svg = flow_graph_svg(flow_);
    std::string text;
    bool html = path_.size() >= 5 && (path_.compare(path_.size() - 5, 5, ".html") == 0 ||
                                      path_.compare(path_.size() - 4, 4, ".htm") == 0);
    if (html) {
      text =
          "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n"
          "<meta charset=\"utf-8\"/>\n<title>netsift flow graph</title>\n</head>\n<body>\n";
      text += svg;
      text += "</body>\n</html>\n";
    } else {
      text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg;
    }
    FILE* f = std::fopen(path_.c_str(), "w");
    bool ok = f && std::fwrite(text.data(), 1, text.size(), f) == text.size();
    if (f && std::fclose(f) != 0) ok = false;
    if (!ok)
      std::fprintf(stderr, "netsift: cannot write the flow graph to \"%s\": %s\n", path_.c_str(),
                   std::strerror(errno));
  }

 private:
  std::string path_;
  FlowCollector flow_;
};

}  // namespace

std::string flow_graph_svg(FlowCollector& flow) {
  const std::vector<Address>& nodes = flow.assign_nodes();
  const std::vector<FlowItem>& items = flow.items();
  size_t columns = std::max<size_t>(nodes.size(), 2);
  int width = kTimeWidth + static_cast<int>(columns) * kColumn + kCommentWidth;
  int height = kHeader + static_cast<int>(items.size() + 1) * kRow;
  auto x_of = [](size_t node) {
    return kTimeWidth + kColumn / 2 + static_cast<int>(node) * kColumn;
  };

  std::string o;
  append_format(o,
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
                 "viewBox=\"0 0 {0} {1}\" font-family=\"monospace\" font-size=\"12\">\n",
                 width, height);
  o += "<defs><marker id=\"head\" markerWidth=\"10\" markerHeight=\"8\" refX=\"10\" refY=\"4\" "
       "orient=\"auto\"><path d=\"M0,0 L10,4 L0,8 z\" fill=\"#204a87\"/></marker></defs>\n";
  append_format(o,
                 "<rect width=\"{}\" height=\"{}\" fill=\"white\"/>\n"
                 "<text class=\"column-title\" x=\"8\" y=\"30\" font-weight=\"bold\">Time</text>\n",
                 width, height);
  for (size_t i = 0; i < nodes.size(); ++i) {
    int x = x_of(i);
    o += fmt::format(
        "<text class=\"host\" x=\"{}\" y=\"30\" text-anchor=\"middle\" "
        "font-weight=\"bold\">",
        x);
    append_escaped(o, host_text(nodes[i]));
    o += fmt::format(
        "</text>\n<line class=\"lifeline\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" "
        "y2=\"{2}\" stroke=\"#888\" stroke-dasharray=\"4,3\"/>\n",
        x, kHeader - 15, height - 10);
  }
  for (size_t i = 0; i < items.size(); ++i) {
    const FlowItem& it = items[i];
    int y = kHeader + static_cast<int>(i + 1) * kRow - 10;
    int x1 = x_of(it.src_node), x2 = x_of(it.dst_node);
    o += fmt::format("<g class=\"segment\" data-frame=\"{}\" data-stream=\"{}\">\n", it.frame,
                     it.conv);
    o += fmt::format("<text class=\"time\" x=\"8\" y=\"{}\">", y + 4);
    append_escaped(o, it.time);
    o += "</text>\n";
    o += fmt::format(
        "<line class=\"arrow\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" "
        "stroke=\"#204a87\" stroke-width=\"1.5\" marker-end=\"url(#head)\"/>\n",
        x1, y, x2, y);
    o += fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">",
                     (x1 + x2) / 2, y - 5);
    append_escaped(o, segment_label(it));
    o += "</text>\n";
    o += fmt::format(
        "<text class=\"port\" x=\"{}\" y=\"{}\" text-anchor=\"{}\" "
        "fill=\"#555\">{}</text>\n",
        x1 + (x1 < x2 ? -4 : 4), y + 4, x1 < x2 ? "end" : "start", it.src_port);
    o += fmt::format(
        "<text class=\"port\" x=\"{}\" y=\"{}\" text-anchor=\"{}\" "
        "fill=\"#555\">{}</text>\n",
        x2 + (x1 < x2 ? 4 : -4), y + 4, x1 < x2 ? "start" : "end", it.dst_port);
    o += "</g>\n";
  }
  o += "</svg>\n";
  return o;
}

std::unique_ptr<Statistic> make_flow_graph_file(const std::string& path) {
  return std::make_unique<FlowGraphFile>(path);
}

}  // namespace netsift
