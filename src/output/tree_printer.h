// tshark's text output beyond the summary line: the -V detail tree (4 spaces per level), -O
// (details of the listed protocols only) and the -x hex dump, alone or combined with the
// summary line (-P), separated by blank lines (or -S's line) exactly as tshark separates them.
#pragma once

#include <string>
#include <vector>

#include "core/field.h"
#include "output/color_rules.h"
#include "output/columns.h"
#include "output/hex_dump.h"
#include "output/printer.h"
#include "output/tree_children.h"

namespace netsift {

struct TreeMode {
  bool summary = false;  // the one-line summary first
  bool details = false;  // -V or -O
  bool hex = false;      // -x
  HexDumpStyle hex_style;  // --hexdump
  // -O: protocols whose subtrees are expanded; empty means all of them.
  std::vector<std::string> only_protocols;
  ColumnLayout columns = default_column_layout();  // of the summary line
  char delimiter = ' ';                            // between its columns (-T tabs: a tab)
  std::string separator;                           // -S: the line after each packet's details
  AnsiColoring colors;                             // of the summary line
  // -T ps: the same lines as PostScript (output/postscript.h), titled with the capture file.
  bool postscript = false;
  std::string capture_file;
};

class TreePrinter : public PacketPrinter {
 public:
  explicit TreePrinter(TreeMode mode);
  void begin(OutputSink& out) override;
  void packet(const Packet& pkt, OutputSink& out) override;
  void end(OutputSink& out) override;

 private:
  void append_tree(std::string& out, const Packet& pkt);
  // One tree item's line at `depth`, then the hex dump of uninterpreted data under it.
  void append_item(std::string& out, const Packet& pkt, const Node& node, size_t depth);
  // Lines of text output (each ended by '\n', at depth 0): as they are, or as PostScript.
  void append_lines(std::string& out, std::string_view text);
  bool expanded(FieldId top_level_field) const;

  TreeMode mode_;
  std::vector<FieldId> only_ids_;
  // Reused per packet: the tree's child lists, and the stack of the depth-first walk.
  TreeChildren children_;
  std::vector<int> stack_;
  std::string label_;
  std::string text_;  // -T ps: a block of text lines before its conversion
};

}  // namespace netsift
