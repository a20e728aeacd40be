// -T json, -T jsonraw and -T ek in tshark 4.0's layout: an array of Elasticsearch-style
// documents ({"_index", "_type", "_score", "_source": {"layers": ...}}), one member per tree
// node in tree order (duplicate keys kept, as tshark does), "<abbrev>_tree" for the children
// of a node that also has a value; with -e, only the listed fields as arrays of values.
#pragma once

#include <string>
#include <vector>

#include "core/field.h"
#include "output/columns.h"
#include "output/printer.h"

namespace netsift {

enum class JsonStyle { kJson, kJsonRaw, kEk };

class JsonPrinter : public PacketPrinter {
 public:
  JsonPrinter(JsonStyle style, std::vector<std::string> fields,
              ColumnLayout columns = default_column_layout());
  // Resolves the -e names; prints tshark's message and returns false when some are unknown.
  bool resolve();

  void begin(OutputSink& out) override;
  void packet(const Packet& pkt, OutputSink& out) override;
  void end(OutputSink& out) override;

 private:
  void append_children(std::string& out, const Packet& pkt, int first, int depth);
  void append_node(std::string& out, const Packet& pkt, int index, int depth, bool& first);
  void append_selected_fields(std::string& out, const Packet& pkt, int depth);
  void append_ek(std::string& out, const Packet& pkt);
  void append_ek_fields(std::string& out, const Packet& pkt, const std::vector<int>& parents,
                        bool& first_member);
  void build_children(const Packet& pkt);

  JsonStyle style_;
  std::vector<std::string> names_;
  std::vector<std::vector<FieldId>> ids_;  // by -e column
  // by -e column: the summary column it names (-e _ws.col.Info), if any
  ColumnLayout columns_;
  std::vector<const ColumnSpec*> summary_columns_;
  bool any_packet_ = false;
  // Reused per packet.
  std::vector<int> first_child_, next_sibling_, last_child_;
  int first_root_ = -1;
  std::string scratch_;
};

// Appends `s` as a JSON string literal, escaped as tshark's json_dumper escapes it (invalid
// UTF-8 becomes U+FFFD).
void append_json_string(std::string& out, std::string_view s);

}  // namespace netsift
