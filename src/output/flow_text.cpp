#include "output/flow_text.h"

#include <fmt/format.h>

#include <optional>
#include <string>

#include "core/address_format.h"
#include "core/session.h"
#include "filter/display_filter.h"
#include "output/flow_sequence.h"

namespace netsift {

namespace {

constexpr size_t kNodeWidth = 20;

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) ++n;
  return n;
}

// The first `chars` UTF-8 characters of `s`.
std::string_view utf8_prefix(std::string_view s, size_t chars) {
  size_t i = 0;
  for (size_t seen = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xc0) != 0x80) {
      if (seen == chars) break;
      ++seen;
    }
  }
  return s.substr(0, i);
}

// Writes `text` over the characters between p1 and p2 of `line`, cut to that width, as
// Wireshark's flow dump does: the width counts characters of the text but bytes of the line.
void overwrite(std::string& line, std::string_view text, size_t p1, size_t p2) {
  if (p1 == p2) return;
  size_t pos = std::min(p1, p2);
  size_t len = p1 > p2 ? p1 - p2 : p2 - p1;
  size_t text_len = utf8_length(text);
  if (len > text_len)
    len = text_len;
  else if (len < text_len)
    text = utf8_prefix(text, len);
  if (pos > line.size()) pos = line.size();
  if (pos + len <= line.size()) line.erase(pos, len);  // GLib refuses an erase past the end
  line.insert(pos, text);
}

void pad_to(std::string& s, size_t width, char c = ' ') {
  if (s.size() < width) s.append(width - s.size(), c);
}

class FlowText : public Statistic {
 public:
  FlowText(FlowKind kind, bool network, std::optional<DisplayFilter> filter)
      : flow_(kind, network), filter_(std::move(filter)) {}

  bool needs_columns() const override { return flow_.needs_columns(); }

  void packet(const Packet& pkt) override {
    names_ = &pkt.session->names;
    resolve_ = &pkt.session->resolve;
    if (filter_ && !filter_->matches(pkt)) return;
    flow_.packet(pkt);
  }

  void print(OutputSink& out) override {
    const std::vector<Address>& nodes = flow_.assign_nodes();
    auto host_text = [this](const Address& a) {
      std::string s;
      append_address(s, a, *names_, *resolve_);
      return s;
    };
    const std::vector<FlowItem>& items = flow_.items();
    if (items.empty()) return;
    bool several = false;
    for (const FlowItem& it : items) several |= it.conv != items.front().conv;
    std::string& o = out.buffer();
    const char* empty_header = several ? "     |         " : "|         ";
    size_t header_len = several ? 16 : 10;
    o.append(several ? "Conv.| Time    " : "|Time     ");

    std::string empty_line, label;
    for (size_t i = 0; i < nodes.size(); i += 2) {
      label = "| " + host_text(nodes[i]);
      pad_to(label, kNodeWidth * 2);
      o.append(label);
      label = "| ";
      pad_to(label, kNodeWidth);
      empty_line += label;
    }
    o.append("|\n");
    o.append(empty_header);
    label = "| ";
    pad_to(label, kNodeWidth);
    o.append(label);
    for (size_t i = 1; i < nodes.size(); i += 2) {
      label = "| " + host_text(nodes[i]);
      if (label.size() < kNodeWidth) {
        pad_to(label, kNodeWidth);
        label += "| ";
      }
      pad_to(label, kNodeWidth * 2);
      o.append(label);
      label = "| ";
      pad_to(label, kNodeWidth);
      empty_line += label;
    }
    o.push_back('\n');
    empty_line.push_back('|');
    std::string separator(empty_line.size() + header_len, '-');

    uint32_t conv = items.front().conv;
    for (const FlowItem& it : items) {
      size_t start = it.src_node * kNodeWidth + kNodeWidth / 2;
      size_t end = it.dst_node * kNodeWidth + kNodeWidth / 2;
      size_t width;
      if (start != end) {
        width = start > end ? start - end : end - start;
      } else {
        end = start + kNodeWidth;
        width = kNodeWidth;
      }
      if (it.conv != conv) {
        o.append(separator);
        o.push_back('\n');
        conv = it.conv;
      }
      if (several) {
        label = fmt::format("{}", it.conv);
        pad_to(label, 5);
        o.append(label);
      }
      label = "|" + it.time;
      pad_to(label, 10);
      o.append(label);

      std::string line = empty_line;
      overwrite(line, it.label, start, end);
      o.append(line);
      o.append(it.comment);
      o.push_back('\n');

      o.append(empty_header);
      line = empty_line;
      std::string arrow;
      if (start < end) {
        arrow.assign(width - 2, '-');
        arrow.push_back('>');
      } else {
        arrow = "<";
        pad_to(arrow, width - 1, '-');
      }
      overwrite(line, arrow, start, end);
      std::string sport = fmt::format("({})", it.src_port).substr(0, 7);
      std::string dport = fmt::format("({})", it.dst_port).substr(0, 7);
      if (start < end) {
        overwrite(line, sport, start - 9, start - 1);
        overwrite(line, dport, end + 1, end + 9);
      } else {
        overwrite(line, sport, start + 1, start + 9);
        overwrite(line, dport, end - 9, end + 1);
      }
      o.append(line);
      o.push_back('\n');
      out.end_packet();
    }
  }

 private:
  FlowCollector flow_;
  std::optional<DisplayFilter> filter_;
  const NameResolver* names_ = nullptr;  // the run's, for host names as tshark resolves them
  const NameResolutionFlags* resolve_ = nullptr;
};

[[noreturn]] void fail(const char* what) {
  throw StatisticArgumentError(fmt::format("flow - {}", what));
}

}  // namespace

std::unique_ptr<Statistic> make_flow_text(std::string_view z_arg) {
  std::string_view s = z_arg.substr(5);  // after "flow,"
  FlowKind kind;
  auto eat = [&s](std::string_view p) {
    if (s.substr(0, p.size()) != p) return false;
    s.remove_prefix(p.size());
    return true;
  };
  // Longest names first: "icmpv6" before "icmp".
  if (eat("icmpv6"))
    kind = FlowKind::kIcmpv6;
  else if (eat("icmp"))
    kind = FlowKind::kIcmp;
  else if (eat("tcp"))
    kind = FlowKind::kTcp;
  else if (eat("any"))
    kind = FlowKind::kAny;
  else
    return nullptr;
  bool network;
  // tshark 4.0's "standard" takes the network-layer addresses, "network" the packet's source
  // and destination (link layer when there is no network layer).
  if (eat(",standard"))
    network = true;
  else if (eat(",network"))
    network = false;
  else
    fail("Invalid address type.");
  std::optional<DisplayFilter> filter;
  if (!s.empty() && s[0] == ',') {
    auto compiled = DisplayFilter::compile(s.substr(1));
    if (auto* f = std::get_if<DisplayFilter>(&compiled))
      filter.emplace(std::move(*f));
    else
      fail("Error registering tap listener.");
  }
  return std::make_unique<FlowText>(kind, network, std::move(filter));
}

}  // namespace netsift
