// Wireshark's stats_tree, as tshark -z NAME,tree prints it: named counter nodes with rate,
// percentage of the parent and burst rate (the busiest 100 ms window, in 5 ms buckets); value
// nodes that also show the average, minimum and maximum of the values counted; range nodes
// (buckets such as "40-79") that count the values falling inside them.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/memory_budget.h"

namespace netsift {

class StatsTree {
 public:
  static constexpr int kRoot = 0;

  // How children are listed: each statistic registers its own default with Wireshark.
  enum class Order { kByName, kByCountDescending };

  explicit StatsTree(std::string title, Order order = Order::kByName);

  // An id the memory budget refused (see use_budget); every call given it does nothing.
  static constexpr int kRefused = -1;

  // Nodes created from now on are charged to `budget`'s statistics share (core/memory_budget.h,
  // output/statistics_budget.h): past it no new node is made (kRefused), and format() says how
  // many counts were left out. The statistics call it with each packet's Session budget.
  void use_budget(MemoryBudget& budget) { budget_ = &budget; }

  // Creates node `name` under `parent` (kRoot for a top-level node) if missing; returns its id.
  // Nodes flagged `sort_top` are listed before their siblings.
  int node(std::string_view name, int parent, bool sort_top = false);
  // Adds `value` to node `name` under `parent`, creating it; returns its id.
  int increase(std::string_view name, int parent, int64_t value);
  int tick(std::string_view name, int parent) { return increase(name, parent, 1); }
  // Counts one in node `id` and in its child `name` (Wireshark's stats_tree_tick_pivot).
  void tick_pivot(int id, std::string_view name);

  // Counts one value in node `name` under `parent` (creating it as a value node): Wireshark's
  // avg_stat_node_add_value_int / _float.
  int add_value(std::string_view name, int parent, int64_t value);
  int add_value(std::string_view name, int parent, float value);

  // Creates the range nodes "A-B" ("A and greater" when open) under node `parent`, listed in
  // this order; `ranges` holds each range's floor and ceiling (-1: no ceiling).
  void add_ranges(int parent, const std::vector<std::pair<int64_t, int64_t>>& ranges);
  // Counts `value` in the range node of `parent` that holds it, if any.
  void tick_range(int parent, int64_t value);

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
  enum class Values : uint8_t { kNone, kInt, kFloat };
  struct Node {
    std::string name;
    int parent;
    int depth;
    bool sort_top = false;
    int64_t counter = 0;
    Values values = Values::kNone;  // shows average, minimum and maximum
    bool range = false;             // a range bucket: keeps its place among its siblings
    int64_t floor = 0, ceiling = -1;
    int64_t total = 0, min = 0, max = 0;
    float float_total = 0, float_min = 0, float_max = 0;
    std::vector<int> children{};
    std::unordered_map<std::string, int> by_name{};
    std::deque<Bucket> buckets{Bucket{0, 0, 0}};  // starts with tshark's empty bucket 0
    int64_t burst_count = 0;
    int64_t max_burst = 0;
    double burst_time = -1;
  };

  void update_burst(Node& n, int64_t value);
  void count_value(Node& n, int64_t value);
  void value_columns(const Node& n, std::string* columns) const;
  void format_node(std::string& out, int id, size_t name_width) const;

  std::string title_;
  Order order_;
  std::deque<Node> nodes_;  // a deque: growing never holds two copies
  double now_ = 0, start_ = -1, elapsed_ = 0;
  MemoryBudget* budget_ = nullptr;
  uint64_t refused_ = 0;
  std::string limit_;  // the budget's description, when first refused
};

}  // namespace netsift
