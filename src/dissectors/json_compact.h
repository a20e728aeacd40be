// json.compact_form: the "JSON compact form:" subtree tshark adds before a body's items, one line
// per member ("key": value, {...} or [...]) and per array element ("0: value"), the way browser
// developer tools show JSON. Built from the same grammar events as the full tree, in step with
// it (packet-json.c's *_compact callbacks; the 5G-core key decoders are not reproduced).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/byte_reader.h"
#include "core/field.h"
#include "core/packet.h"
#include "dissectors/json_grammar.h"

namespace netsift::json {

// Counts one more item toward tshark's gui.max_tree_items (1 000 000) for the body's tree;
// throws tshark's dissector bug, naming field `f`, past it.
void count_tree_item(size_t& items, FieldId f);
inline constexpr size_t kMaxTreeItems = 1000000;

class CompactTree {
 public:
  // Adds the "JSON compact form:" item under `json_top`, covering the whole `body` (leading
  // bytes json.ignore_leading_bytes skips included); returns its node.
  static int add_root(Packet& pkt, const ByteReader& body, int json_top);
  // Walks the events of `text` (the body from where the JSON starts) under `root`. `items` is
  // the body's shared tree item count.
  CompactTree(Packet& pkt, const ByteReader& text, int root, size_t& items);
  // The compact items of one event, after the full tree's items of that event.
  void apply(const Event& e);

 private:
  int add(int parent, FieldId f, const Event& e);
  void set_label(int n, std::string text);
  void append_label(int n, std::string_view text);
  // A value's token as tshark reads it for the label: UTF-8, invalid bytes as U+FFFD, up to
  // the first NUL.
  std::string token_text(uint32_t off, uint32_t len) const;

  Packet& pkt_;
  const ByteReader& body_;
  size_t& items_;
  std::vector<int> parents_;  // tshark's stack_compact
  // tshark's array_idx stack: an array's next index (>= 0), or an object with (-2) or without
  // (-1) members so far, or the top (-3).
  std::vector<int> indexes_;
  std::string unescaped_;
};

// Registers json.array_compact, json.object_compact, json.member_compact and
// json.array_item_compact (tshark's order), and the text item of the subtree.
void register_compact_fields(FieldId proto);

}  // namespace netsift::json
