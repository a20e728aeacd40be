#include "output/protocol_hierarchy.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/field_registry.h"
#include "dissectors/frame.h"
#include "dissectors/tcp_fields.h"
#include "filter/display_filter.h"

namespace netsift {

namespace {

constexpr const char* kRule =
    "===================================================================\n";

class ProtocolHierarchy : public Statistic {
 public:
  ProtocolHierarchy(std::string filter_text, std::optional<DisplayFilter> filter)
      : filter_text_(std::move(filter_text)), filter_(std::move(filter)) {
    nodes_.push_back(Node{});  // the root holds the top level's first child
  }

  std::vector<const DisplayFilter*> tap_filters() const override {
    if (!filter_) return {};
    return {&*filter_};
  }
  void set_context(const StatisticContext& ctx) override { frame_item_ = ctx.frame_in_tree; }
  bool reads_top_level_only(std::vector<std::string>& names) const override {
    if (filter_)
      for (FieldId id : filter_->referenced()) names.emplace_back(registry().info(id).def.abbrev);
    return true;
  }

  void packet(const Packet& pkt) override {
    if (filter_ && !filter_->matches(pkt)) return;
    size_t level = 0;  // the node whose children hold the next item
    bool comments = false;
    auto count = [&](FieldId f) {
      level = child(level, f);
      nodes_[level].frames++;
      nodes_[level].bytes += pkt.frame->len;
    };
    int deferred = -1;  // a TCP segment list waiting for its PDU's protocols
    for (size_t i = 0; i < pkt.tree.size(); ++i) {
      const netsift::Node& n = pkt.tree[i];
      FieldId f = n.field;
      if (n.parent != -1 || (f == frame_fields::proto && !frame_item_)) continue;
      // tshark gathers a packet's comments under one "pkt_comment" item; netsift keeps them
      // as top-level frame.comment items.
      if (f == frame_fields::comment && std::exchange(comments, true)) continue;
      // tshark adds a reassembled PDU's segment list after the PDU's dissector ran, and moves
      // it up beside TCP only in a tree meant for display: here it follows the PDU's protocols
      // (on the reassembled bytes and the sources made from them), before what the frame's
      // own bytes hold next.
      if (deferred >= 0 && (n.source == 0 || f == tcp_reassembly_fields::segments)) {
        count(pkt.tree[deferred].field);
        deferred = -1;
      }
      if (f == tcp_reassembly_fields::segments) {
        deferred = static_cast<int>(i);
        continue;
      }
      count(f);
    }
    if (deferred >= 0) count(pkt.tree[deferred].field);
  }

  void print(OutputSink& out) override {
    std::string text = "\n";
    text += kRule;
    text += fmt::format("Protocol Hierarchy Statistics\nFilter: {}\n\n", filter_text_);
    draw(text, nodes_[0].first_child, 0);
    text += kRule;
    out.write(text);
  }

 private:
  struct Node {
    FieldId field = kNoField;
    uint32_t frames = 0;
    uint64_t bytes = 0;
    size_t first_child = 0, next_sibling = 0;  // 0: none (the root is never a child)
  };

  // The child of `parent` for `field`, appended after its siblings when new.
  size_t child(size_t parent, FieldId field) {
    size_t* link = &nodes_[parent].first_child;
    while (*link != 0) {
      if (nodes_[*link].field == field) return *link;
      link = &nodes_[*link].next_sibling;
    }
    size_t id = nodes_.size();
    *link = id;  // before push_back: `link` points into nodes_
    nodes_.push_back(Node{field});
    return id;
  }

  void draw(std::string& text, size_t id, int indentation) const {
    for (; id != 0; id = nodes_[id].next_sibling) {
      const Node& n = nodes_[id];
      std::string name;
      for (int i = 0; i < indentation; ++i) {
        if (i > 15) {
          name += "...";
          break;
        }
        name += "  ";
      }
      name +=
          n.field == frame_fields::comment ? "pkt_comment" : registry().info(n.field).def.abbrev;
      if (name.size() > 79) name.resize(79);  // tshark's 80-byte line buffer
      text += fmt::format("{:<40} frames:{} bytes:{}\n", name, n.frames, n.bytes);
      draw(text, n.first_child, indentation + 1);
    }
  }

  std::string filter_text_;
  std::optional<DisplayFilter> filter_;
  bool frame_item_ = false;
  std::vector<Node> nodes_;
};

}  // namespace

std::unique_ptr<Statistic> make_protocol_hierarchy(std::string_view z_arg) {
  std::string_view rest = z_arg.substr(std::string_view("io,phs").size());
  if (rest.empty()) return std::make_unique<ProtocolHierarchy>("", std::nullopt);
  if (rest[0] != ',') return nullptr;
  std::string text(rest.substr(1));
  DisplayFilter filter = compile_tap_filter(text, "io,phs");
  return std::make_unique<ProtocolHierarchy>(text, std::move(filter));
}

}  // namespace netsift
