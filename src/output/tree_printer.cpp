#include "output/tree_printer.h"

#include <algorithm>

#include "core/field_registry.h"
#include "core/protocols.h"
#include "output/hex_dump.h"
#include "output/label_format.h"
#include "output/postscript.h"
#include "output/summary_printer.h"
#include "output/value_format.h"

namespace netsift {

void TreePrinter::append_item(std::string& out, const Packet& pkt, const Node& node,
                              size_t depth) {
  // Generated items are bracketed, unless their custom label carries its own brackets.
  bool generated = (node.flags & kGenerated) && !(node.label && node.label[0] == '[');
  label_.clear();
  if (generated) label_.push_back('[');
  size_t start = label_.size();
  append_label(label_, pkt, node);
  cut_long_label(label_, start, node.label != nullptr);
  if (generated) label_.push_back(']');
  if (mode_.postscript) {
    append_ps_line(out, depth, label_);
  } else {
    out.append(depth * 4, ' ');
    out.append(label_);
    out.push_back('\n');
  }
  // Uninterpreted data is dumped in hex under its line, unless -x dumps the whole packet or
  // -O leaves it a closed top-level item.
  if (!mode_.hex && node.field == protocols::data && (depth > 0 || expanded(node.field))) {
    ByteReader r = source_reader(pkt, node.source);
    if (r.has(node.offset, node.length)) {
      text_.clear();
      text_.push_back('\n');
      append_hex_dump(text_, r.data() + node.offset, node.length);
      append_lines(out, text_);
    }
  }
}

void TreePrinter::append_lines(std::string& out, std::string_view text) {
  if (mode_.postscript)
    append_ps_lines(out, text);
  else
    out.append(text);
}

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
    append_item(out, pkt, nodes[root], 0);
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
      append_item(out, pkt, nodes[node], stack_.size());
      if (children_.has_children(node)) stack_.push_back(children_.first(node));
    }
  }
}

void TreePrinter::begin(OutputSink& out) {
  if (mode_.postscript) append_ps_preamble(out.buffer(), mode_.capture_file);
}

void TreePrinter::packet(const Packet& pkt, OutputSink& out) {
  std::string& buf = out.buffer();
  if (mode_.summary) {
    if (mode_.postscript) {
      label_.clear();
      append_summary_line(label_, pkt, mode_.columns, mode_.delimiter);
      append_ps_line(buf, 0, label_);
    } else {
      append_summary_line_colored(buf, pkt, mode_.columns, mode_.delimiter, mode_.colors, label_);
    }
  }
  // The separator line (-S; empty by default) ends the details, or the hex dump after them.
  if (mode_.details) append_tree(buf, pkt);
  text_.clear();
  if (mode_.details && !mode_.hex) {
    text_.append(mode_.separator);
    text_.push_back('\n');
  }
  if (mode_.hex) {
    if (mode_.summary || mode_.details) text_.push_back('\n');
    append_packet_hex_dump(text_, pkt, mode_.hex_style);
    text_.append(mode_.separator);
    text_.push_back('\n');
  }
  append_lines(buf, text_);
}

void TreePrinter::end(OutputSink& out) {
  if (mode_.postscript) append_ps_finale(out.buffer());
  if (mode_.colors.terminal) out.write(kAnsiReset);
}

}  // namespace netsift
