// The child lists of a packet's flat tree (each node's first child and next sibling), which
// the tree, JSON and PDML printers walk in tree order. Rebuilt per packet into reused vectors.
#pragma once

#include <vector>

#include "core/packet_tree.h"

namespace netsift {

class TreeChildren {
 public:
  void build(const PacketTree& tree) {
    const auto& nodes = tree.nodes();
    size_t n = nodes.size();
    first_child_.assign(n, -1);
    next_sibling_.assign(n, -1);
    last_child_.assign(n, -1);
    first_root_ = -1;
    int last_root = -1;
    for (size_t i = 0; i < n; ++i) {
      int p = nodes[i].parent, idx = static_cast<int>(i);
      // A parent always precedes its children; anything else is treated as top level.
      bool child = p >= 0 && static_cast<size_t>(p) < i;
      int& last = child ? last_child_[p] : last_root;
      int& head = child ? first_child_[p] : first_root_;
      if (last == -1)
        head = idx;
      else
        next_sibling_[last] = idx;
      last = idx;
    }
  }
  // -1 ends a list; first(-1) is the first top-level node.
  int first(int parent) const { return parent < 0 ? first_root_ : first_child_[parent]; }
  int next(int node) const { return next_sibling_[node]; }
  bool has_children(int node) const { return first_child_[node] != -1; }

 private:
  std::vector<int> first_child_, next_sibling_, last_child_;
  int first_root_ = -1;
};

}  // namespace netsift
