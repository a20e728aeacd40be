#include "output/tree_printer.h"

#include <algorithm>

#include "core/field_registry.h"
#include "core/protocols.h"
#include "output/hex_dump.h"
#include "output/label_format.h"
#include "output/summary_printer.h"
#include "output/value_format.h"

namespace netsift {

namespace {

// Wireshark keeps a label in ITEM_LABEL_LENGTH (240) bytes: a longer one is cut at a character
// boundary and marked " [truncated]" after the field name (at the start of a text item).
constexpr size_t kItemLabelLength = 240;

void mark_truncated(std::string& label, bool custom) {
  static constexpr std::string_view kMark = " [truncated]";
  size_t name_pos = 0;
  if (!custom) {
    size_t colon = label.find(": ");
    if (colon != std::string::npos) name_pos = colon;
  }
  label.insert(name_pos, kMark);
  size_t cut = kItemLabelLength - 2;
  while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xc0) == 0x80) --cut;
  label.resize(cut);
}

void append_line(std::string& out, const Packet& pkt, const Node& node, size_t depth,
                 bool hex_for_data, std::string& label) {
  out.append(depth * 4, ' ');
  // Generated items are bracketed, unless their custom label carries its own brackets.
  bool generated = (node.flags & kGenerated) && !(node.label && node.label[0] == '[');
  if (generated) out.push_back('[');
  label.clear();
  append_label(label, pkt, node);
  if (label.size() >= kItemLabelLength) mark_truncated(label, node.label != nullptr);
  out.append(label);
  if (generated) out.push_back(']');
  out.push_back('\n');
  // Uninterpreted data is dumped in hex under its line, unless -x dumps the whole packet.
  if (hex_for_data && node.field == protocols::data) {
    ByteReader r = source_reader(pkt, node.source);
    if (r.has(node.offset, node.length)) {
      out.push_back('\n');
      append_hex_dump(out, r.data() + node.offset, node.length);
    }
  }
}
}  // namespace

TreePrinter::TreePrinter(TreeMode mode) : mode_(std::move(mode)) {
  for (const std::string& name : mode_.only_protocols)
    for (FieldId id = registry().find(name); id != kNoField;
         id = registry().info(id).same_name_next)
      only_ids_.push_back(id);
}

bool TreePrinter::expanded(FieldId f) const {
  if (mode_.only_protocols.empty()) return true;
  return std::find(only_ids_.begin(), only_ids_.end(), f) != only_ids_.end();
}

void TreePrinter::append_tree(std::string& out, const Packet& pkt) {
  const auto& nodes = pkt.tree.nodes();
  size_t n = nodes.size();
  first_child_.assign(n, -1);
  next_sibling_.assign(n, -1);
  last_child_.assign(n, -1);
  int first_root = -1, last_root = -1;
  for (size_t i = 0; i < n; ++i) {
    int p = nodes[i].parent;
    int idx = static_cast<int>(i);
    // A parent always precedes its children; anything else is treated as top level.
    if (p >= 0 && static_cast<size_t>(p) < i) {
      if (last_child_[p] == -1)
        first_child_[p] = idx;
      else
        next_sibling_[last_child_[p]] = idx;
      last_child_[p] = idx;
    } else {
      if (last_root == -1)
        first_root = idx;
      else
        next_sibling_[last_root] = idx;
      last_root = idx;
    }
  }
  // Depth-first walk without recursion (hostile packets can nest deeply): stack_ holds, for
  // each open level, the next sibling to print at that level.
  for (int root = first_root; root != -1; root = next_sibling_[root]) {
    if (nodes[root].flags & kHidden) continue;
    append_line(out, pkt, nodes[root], 0, !mode_.hex, label_);
    if (!expanded(nodes[root].field)) continue;
    stack_.assign(1, first_child_[root]);
    while (!stack_.empty()) {
      int node = stack_.back();
      while (node != -1 && (nodes[node].flags & kHidden)) node = next_sibling_[node];
      if (node == -1) {
        stack_.pop_back();
        continue;
      }
      stack_.back() = next_sibling_[node];
      append_line(out, pkt, nodes[node], stack_.size(), !mode_.hex, label_);
      if (first_child_[node] != -1) stack_.push_back(first_child_[node]);
    }
  }
}

void TreePrinter::packet(const Packet& pkt, OutputSink& out) {
  std::string& buf = out.buffer();
  if (mode_.summary) {
    append_summary_line(buf, pkt, mode_.columns);
    buf.push_back('\n');
  }
  if (mode_.details) {
    append_tree(buf, pkt);
    if (!mode_.hex) buf.push_back('\n');
  }
  if (mode_.hex) {
    if (mode_.summary || mode_.details) buf.push_back('\n');
    append_packet_hex_dump(buf, pkt, mode_.hex_style);
    buf.push_back('\n');
  }
}

}  // namespace netsift
