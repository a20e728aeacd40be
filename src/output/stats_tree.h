// Wireshark's stats_tree, as tshark -z NAME,tree prints it: named counter nodes with rate,
// percentage of the parent and burst rate (the busiest 100 ms window, in 5 ms buckets).
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace netsift {

class StatsTree {
 public:
  static constexpr int kRoot = 0;

  // How children are listed: each statistic registers its own default with Wireshark.
  enum class Order { kByName, kByCountDescending };

  explicit StatsTree(std::string title, Order order = Order::kByName);

  // Creates node `name` under `parent` (kRoot for a top-level node) if missing; returns its id.
  // Nodes flagged `sort_top` are listed before their siblings.
  int node(std::string_view name, int parent, bool sort_top = false);
  // Adds `value` to node `name` under `parent`, creating it; returns its id.
  int increase(std::string_view name, int parent, int64_t value);
  int tick(std::string_view name, int parent) { return increase(name, parent, 1); }

  // Time of the packet about to be counted, in ms since the capture's first frame.
  void set_now(double now_ms);

  // The plain-text table tshark prints at the end of the run.
  std::string format() const;

 private:
  struct Bucket {
    double number;
    int64_t count;
    double start;
  };
  struct Node {
    std::string name;
    int parent;
    int depth;
    bool sort_top = false;
    int64_t counter = 0;
    std::vector<int> children;
    std::unordered_map<std::string, int> by_name;
    std::deque<Bucket> buckets{Bucket{0, 0, 0}};  // starts with tshark's empty bucket 0
    int64_t burst_count = 0;
    int64_t max_burst = 0;
    double burst_time = -1;
  };

  void update_burst(Node& n, int64_t value);
  void format_node(std::string& out, int id, size_t name_width) const;

  std::string title_;
  Order order_;
  std::vector<Node> nodes_;
  double now_ = 0, start_ = -1, elapsed_ = 0;
};

}  // namespace netsift
