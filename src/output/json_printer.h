// -T json, -T jsonraw and -T ek in tshark 4.0's layout (epan/print.c): an array of
// Elasticsearch-style documents ({"_index", "_type", "_score", "_source": {"layers": ...}}),
// one member per tree node in tree order (duplicate keys kept unless --no-duplicate-keys),
// "<abbrev>_tree" for the children of a node that also has a value, "<abbrev>_raw" for its
// bytes (-x, and jsonraw alone); ek flattens the fields of each protocol under
// "<protocol>_<abbrev>" keys. With -e, only the listed fields as arrays of values.
#pragma once

#include <string>
#include <vector>

#include "core/field.h"
#include "output/columns.h"
#include "output/json_writer.h"
#include "output/printer.h"
#include "output/selected_fields.h"
#include "output/tree_children.h"

namespace netsift {

enum class JsonStyle { kJson, kJsonRaw, kEk };

struct JsonTreeOptions {
  bool hex = false;                   // -x: "_raw" members beside the values
  bool merge_duplicate_keys = false;  // --no-duplicate-keys: one member (an array) per key
  // -j/-J: the keys whose children are written; others show {"filtered": key}. Empty: all.
  std::vector<std::string> protocol_filter;
  bool filter_includes_children = false;  // -J: below a listed key, everything
};

class JsonPrinter : public PacketPrinter {
 public:
  JsonPrinter(JsonStyle style, std::vector<std::string> fields,
              ColumnLayout columns = default_column_layout());
  // Resolves the -e names; prints tshark's message and returns false when some are unknown.
  bool resolve() { return fields_.resolve(); }
  void set_occurrence(char occurrence) { fields_.set_occurrence(occurrence); }  // -E occurrence
  void set_tree_options(JsonTreeOptions options) { tree_ = std::move(options); }

  void begin(OutputSink& out) override;
  void packet(const Packet& pkt, OutputSink& out) override;
  void end(OutputSink& out) override;

 private:
  void write_children(JsonWriter& w, const Packet& pkt, int parent);
  void write_group(JsonWriter& w, const Packet& pkt, const std::vector<int>& group);
  void write_raw(JsonWriter& w, const Packet& pkt, const Node& n);
  void write_value(JsonWriter& w, const Packet& pkt, const Node& n);
  void write_no_value(JsonWriter& w, const Packet& pkt, const Node& n);
  std::string json_key(const Packet& pkt, int index);
  bool listed(std::string_view key, bool ek) const;
  void append_selected_fields(std::string& out, const Packet& pkt, int depth);
  void append_ek(std::string& out, const Packet& pkt);
  void write_ek_node(JsonWriter& w, const Packet& pkt, int parent);
  void collect_ek_attrs(const Packet& pkt, int parent);
  void add_to_ek_group(const Packet& pkt, int node, FieldId parent_field, bool root);
  void write_ek_attr(JsonWriter& w, const Packet& pkt, int head, int tail);
  void write_ek_value(JsonWriter& w, const Packet& pkt, const Node& n);
  const std::string& ek_quoted_name(const FieldInfo& f);
  void prepare_ek_groups(size_t nodes);

  JsonStyle style_;
  JsonTreeOptions tree_;
  // The protocol filter in force while writing: -J lifts it below a listed key.
  const std::vector<std::string>* filter_ = nullptr;
  SelectedFields fields_;  // -e
  bool any_packet_ = false;
  // Reused per packet.
  TreeChildren children_;
  std::string scratch_;
  // ek groups sibling fields in one pass: each group a list through ek_next_ (by node), the
  // groups of the levels being written a stack, and a hash table from (field, parent's field)
  // to the group of the level being collected (slots of an older stamp are empty).
  struct EkGroup {
    int head, tail;
  };
  struct EkSlot {
    uint64_t key = 0;
    uint32_t stamp = 0;
    int group = 0;
  };
  std::vector<int> ek_next_;
  std::vector<EkGroup> ek_groups_;
  std::vector<EkSlot> ek_slots_;
  uint32_t ek_stamp_ = 0;
  std::vector<std::string> ek_names_;  // by field id: the quoted member name, "" until needed
};

}  // namespace netsift
