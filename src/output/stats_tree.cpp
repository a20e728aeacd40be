#include "output/stats_tree.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <fmt/format.h>

namespace netsift {

namespace {

// tshark's defaults: st_burst_resolution 5 ms, st_burst_windowlen 100 ms.
constexpr double kBurstResolutionMs = 5;
constexpr double kBurstWindowMs = 100;
constexpr double kBurstWindowBuckets = kBurstWindowMs / kBurstResolutionMs;
constexpr size_t kColumnWidth = 13;  // each numeric column: 12 characters plus one space
constexpr const char* kColumns[] = {"Count",     "Average", "Min Val",    "Max Val",
                                    "Rate (ms)", "Percent", "Burst Rate", "Burst Start"};

void append_padded(std::string& out, std::string_view s, size_t width) {
  out.append(s);
  if (s.size() < width) out.append(width - s.size(), ' ');
}

}  // namespace

StatsTree::StatsTree(std::string title, Order order) : title_(std::move(title)), order_(order) {
  nodes_.push_back(Node{.name = "", .parent = -1, .depth = 0});
}

int StatsTree::node(std::string_view name, int parent, bool sort_top) {
  if (parent == kRefused) return kRefused;
  Node& p = nodes_[parent];
  auto it = p.by_name.find(std::string(name));
  if (it != p.by_name.end()) return it->second;
  if (budget_) {
    // The node, its burst deque's first block and map, its entry in the parent's name index,
    // and the name twice.
    size_t cost = sizeof(Node) + 736 + 2 * name.size();
    if (!budget_->fits(MemoryUse::kStatistics, cost)) {
      if (limit_.empty()) limit_ = budget_->describe(MemoryUse::kStatistics);
      ++refused_;
      return kRefused;
    }
    budget_->charge(MemoryUse::kStatistics, cost);
  }
  int id = static_cast<int>(nodes_.size());
  int depth = nodes_[parent].depth + 1;
  nodes_[parent].children.push_back(id);
  nodes_[parent].by_name.emplace(std::string(name), id);
  nodes_.push_back(
      Node{.name = std::string(name), .parent = parent, .depth = depth, .sort_top = sort_top});
  return id;
}

void StatsTree::tick_pivot(int id, std::string_view name) {
  if (id == kRefused) return;
  ++nodes_[id].counter;
  update_burst(nodes_[id], 1);
  tick(name, id);
}

void StatsTree::count_value(Node& n, int64_t value) {
  bool first = n.counter == 0;
  ++n.counter;
  n.total += value;
  if (first || value < n.min) n.min = value;
  if (first || value > n.max) n.max = value;
  update_burst(n, 1);
}

int StatsTree::add_value(std::string_view name, int parent, int64_t value) {
  int id = node(name, parent);
  if (id == kRefused) return id;
  nodes_[id].values = Values::kInt;
  count_value(nodes_[id], value);
  return id;
}

int StatsTree::add_value(std::string_view name, int parent, float value) {
  int id = node(name, parent);
  if (id == kRefused) return id;
  Node& n = nodes_[id];
  n.values = Values::kFloat;
  bool first = n.counter == 0;
  ++n.counter;
  n.float_total += value;
  if (first || value < n.float_min) n.float_min = value;
  if (first || value > n.float_max) n.float_max = value;
  update_burst(n, 1);
  return id;
}

void StatsTree::add_ranges(int parent, const std::vector<std::pair<int64_t, int64_t>>& ranges) {
  for (auto [floor, ceiling] : ranges) {
    std::string name =
        ceiling < 0 ? fmt::format("{} and greater", floor) : fmt::format("{}-{}", floor, ceiling);
    int id = node(name, parent);
    if (id == kRefused) return;
    Node& n = nodes_[id];
    n.values = Values::kInt;
    n.range = true;
    n.floor = floor;
    n.ceiling = ceiling;
  }
}

void StatsTree::tick_range(int parent, int64_t value) {
  if (parent == kRefused) return;
  for (int id : nodes_[parent].children) {
    Node& n = nodes_[id];
    if (n.range && value >= n.floor && (n.ceiling < 0 || value <= n.ceiling)) {
      count_value(n, value);
      return;
    }
  }
}

int StatsTree::increase(std::string_view name, int parent, int64_t value) {
  int id = node(name, parent);
  if (id == kRefused) return id;
  nodes_[id].counter += value;
  update_burst(nodes_[id], value);
  return id;
}

void StatsTree::set_now(double now_ms) {
  now_ = now_ms;
  if (start_ < 0) start_ = now_ms;
  elapsed_ = now_ - start_;
}

// Wireshark's update_burst_calc: counts per 5 ms bucket over a sliding 100 ms window.
void StatsTree::update_burst(Node& n, int64_t value) {
  double current = std::floor(now_ / kBurstResolutionMs);
  auto& b = n.buckets;
  if (current > b.back().number) {
    b.push_back({current, value, now_});
    n.burst_count += value;
    while (current >= b.front().number + kBurstWindowBuckets) {
      n.burst_count -= b.front().count;
      b.pop_front();
    }
  } else if (current < b.front().number) {
    // Out-of-order timestamp: counted only while still inside the window.
    if (current + kBurstWindowBuckets > b.back().number) {
      b.push_front({current, value, now_});
      n.burst_count += value;
    }
  } else {
    size_t i = b.size() - 1;
    while (current < b[i].number) --i;
    if (current == b[i].number) {
      b[i].count += value;
      b[i].start = std::min(b[i].start, now_);
    } else {
      b.insert(b.begin() + static_cast<std::ptrdiff_t>(i) + 1, Bucket{current, value, now_});
    }
    n.burst_count += value;
  }
  if (n.burst_count > n.max_burst) {
    n.max_burst = n.burst_count;
    n.burst_time = b.front().start;
  }
}

// Average, minimum and maximum ("-" before any value); empty for plain counters.
void StatsTree::value_columns(const Node& n, std::string* columns) const {
  if (n.values == Values::kNone) return;
  if (n.counter == 0) {
    columns[0] = columns[1] = columns[2] = "-";
    return;
  }
  if (n.values == Values::kInt) {
    columns[0] = fmt::format("{:.2f}", static_cast<float>(n.total) / static_cast<float>(n.counter));
    columns[1] = fmt::format("{}", n.min);
    columns[2] = fmt::format("{}", n.max);
  } else {
    columns[0] = fmt::format("{:.2f}", n.float_total / static_cast<float>(n.counter));
    columns[1] = fmt::format("{:f}", n.float_min);
    columns[2] = fmt::format("{:f}", n.float_max);
  }
}

void StatsTree::format_node(std::string& out, int id, size_t name_width) const {
  const Node& n = nodes_[id];
  size_t indent = static_cast<size_t>(n.depth - 1);
  out.append(indent, ' ');
  append_padded(out, n.name, name_width - indent);
  const Node& parent = nodes_[n.parent];
  std::string values[8];
  values[0] = fmt::format("{}", static_cast<uint32_t>(n.counter));
  value_columns(n, values + 1);
  if (elapsed_ != 0) values[4] = fmt::format("{:.4f}", static_cast<float>(n.counter) / elapsed_);
  if (n.parent != kRoot && parent.counter != 0)
    values[5] = fmt::format("{:.2f}%", n.counter * 100.0 / parent.counter);
  else if (n.parent == kRoot)
    values[5] = "100%";
  values[6] = n.max_burst ? fmt::format("{:.4f}", n.max_burst / kBurstWindowMs) : "-";
  values[7] = n.max_burst ? fmt::format("{:.3f}", n.burst_time / 1000.0) : "-";
  for (const std::string& v : values) {
    out.push_back(' ');
    append_padded(out, v, kColumnWidth);
  }
  out.push_back('\n');

  // Children: "sort top" nodes first, then by name (ties by count), or by count descending
  // (ties by name, also descending: Wireshark negates the whole comparison).
  std::vector<int> order = n.children;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const Node& x = nodes_[a];
    const Node& y = nodes_[b];
    if (x.sort_top != y.sort_top) return x.sort_top;
    if (x.range && y.range) return false;
    int c = std::strcmp(x.name.c_str(), y.name.c_str());
    if (order_ == Order::kByCountDescending) {
      if (x.counter != y.counter) return x.counter > y.counter;
      return c > 0;
    }
    if (c != 0) return c < 0;
    return x.counter < y.counter;
  });
  for (int child : order) format_node(out, child, name_width);
}

std::string StatsTree::format() const {
  // The root is named after the title's last path element and sits at depth 0.
  std::string_view root_name = title_;
  if (size_t slash = root_name.rfind('/'); slash != std::string_view::npos)
    root_name = root_name.substr(slash + 1);
  size_t name_width = root_name.size();
  for (size_t i = 1; i < nodes_.size(); ++i)
    name_width = std::max(name_width, nodes_[i].name.size() + nodes_[i].depth);

  size_t line_width = name_width + std::size(kColumns) * (kColumnWidth + 1);
  std::string out = "\n";
  out.append(line_width, '=');
  out.append("\n").append(title_).append(":\n");
  append_padded(out, "Topic / Item", name_width);
  for (const char* c : kColumns) {
    out.push_back(' ');
    append_padded(out, c, kColumnWidth);
  }
  out.append("\n").append(line_width, '-').append("\n");
  // Top-level nodes keep their creation order; only children are sorted.
  for (int child : nodes_[kRoot].children) format_node(out, child, name_width);
  out.append("\n").append(line_width, '-').append("\n");
  if (refused_ != 0)
    out += fmt::format("Not counted: {} counts of further items ({} used up)\n", refused_, limit_);
  return out;
}

}  // namespace netsift
