// -T pdml as tshark 4.0 writes it (epan/print.c): one <packet> per frame holding a "geninfo"
// pseudo-protocol, then the tree: a <proto> per protocol and a <field> per item with its name,
// showname (the item's text), hide="yes" for hidden items, size, pos, show (the value as
// -T json shows it) and value (the bytes in hex; for a bitmask field the masked value, then
// the bytes as unmaskedvalue). Text items are fields without name; top-level items that are
// not protocols sit in a "fake-field-wrapper" protocol. -j/-J replace the children of an item
// not listed with a "filtered" field; with -e, only the listed fields' values. --color gives
// <packet> the colours of the packet's coloring rule.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "output/color_rules.h"
#include "output/columns.h"
#include "output/printer.h"
#include "output/selected_fields.h"
#include "output/tree_children.h"

namespace netsift {

struct PdmlOptions {
  std::string capture_file;  // named in the <pdml> element, as given to -r
  // -j/-J: the items whose children are written; others get a "filtered" field. Empty: all.
  std::vector<std::string> protocol_filter;
  bool filter_includes_children = false;     // -J: below a listed item, everything
  std::shared_ptr<const ColorRules> colors;  // --color: the <packet> element's colours
};

class PdmlPrinter : public PacketPrinter {
 public:
  PdmlPrinter(PdmlOptions options, std::vector<std::string> fields, ColumnLayout columns);
  // Resolves the -e names; prints tshark's message and returns false when some are unknown.
  bool resolve() { return fields_.resolve(); }
  void set_occurrence(char occurrence) { fields_.set_occurrence(occurrence); }  // -E occurrence

  void begin(OutputSink& out) override;
  void packet(const Packet& pkt, OutputSink& out) override;
  void end(OutputSink& out) override;

 private:
  // What an open element needs when its children are done.
  struct Open {
    int node;
    int level;       // its indentation level (inside the fake wrapper, if any)
    bool wrapped;    // inside a fake-field-wrapper
    bool lifted;     // -J lifted the filter for its children: restore it on closing
    int next_child;  // the next child to write, -1 when done
  };

  void compute_positions(const Packet& pkt);
  void append_geninfo(std::string& out, const Packet& pkt);
  void append_tree(std::string& out, const Packet& pkt);
  Open open_node(std::string& out, const Packet& pkt, int node, int level);
  void close_node(std::string& out, const Packet& pkt, const Open& e);
  void append_element(std::string& out, const Packet& pkt, int node);
  void append_bytes_hex(std::string& out, const Packet& pkt, const Node& n);
  void append_selected_fields(std::string& out, const Packet& pkt);

  PdmlOptions options_;
  SelectedFields fields_;
  // The protocol filter in force: -J lifts it below a listed item.
  const std::vector<std::string>* filter_ = nullptr;
  // Reused per packet.
  TreeChildren children_;
  std::vector<uint32_t> start_;        // each node's offset as tshark records it
  std::vector<uint32_t> proto_start_;  // the offset of the protocol the node belongs to
  std::vector<uint8_t> in_expert_;     // an expert item or below one
  std::vector<Open> stack_;
  std::string scratch_;
};

}  // namespace netsift
