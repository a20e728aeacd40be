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

void append_line(std::string& out, const Packet& pkt, const Node& node, size_t depth,
                 bool hex_for_data, std::string& label) {
  out.append(depth * 4, ' ');
  // Generated items are bracketed, unless their custom label carries its own brackets.
  bool generated = (node.flags & kGenerated) && !(node.label && node.label[0] == '[');
  if (generated) out.push_back('[');
  label.clear();
  append_label(label, pkt, node);
  cut_long_label(label, 0, node.label != nullptr);
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
  children_.build(pkt.tree);
  // Depth-first walk without recursion (hostile packets can nest deeply): stack_ holds, for
  // each open level, the next sibling to print at that level.
  for (int root = children_.first(-1); root != -1; root = children_.next(root)) {
    if (nodes[root].flags & kHidden) continue;
    append_line(out, pkt, nodes[root], 0, !mode_.hex, label_);
    if (!expanded(nodes[root].field)) continue;
    stack_.assign(1, children_.first(root));
    while (!stack_.empty()) {
      int node = stack_.back();
      while (node != -1 && (nodes[node].flags & kHidden)) node = children_.next(node);
      if (node == -1) {
        stack_.pop_back();
        continue;
      }
      stack_.back() = children_.next(node);
      append_line(out, pkt, nodes[node], stack_.size(), !mode_.hex, label_);
      if (children_.has_children(node)) stack_.push_back(children_.first(node));
    }
  }
}

void TreePrinter::packet(const Packet& pkt, OutputSink& out) {
  std::string& buf = out.buffer();
  if (mode_.summary)
    append_summary_line_colored(buf, pkt, mode_.columns, mode_.delimiter, mode_.colors, label_);
  // The separator line (-S; empty by default) ends the details, or the hex dump after them.
  if (mode_.details) {
    append_tree(buf, pkt);
    if (!mode_.hex) {
      buf.append(mode_.separator);
      buf.push_back('\n');
    }
  }
  if (mode_.hex) {
    if (mode_.summary || mode_.details) buf.push_back('\n');
    append_packet_hex_dump(buf, pkt, mode_.hex_style);
    buf.append(mode_.separator);
    buf.push_back('\n');
  }
}

void TreePrinter::end(OutputSink& out) {
  if (mode_.colors.terminal) out.write(kAnsiReset);
}

}  // namespace netsift
