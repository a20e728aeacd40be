#include "output/http2_stats.h"

#include <fmt/format.h>

#include <string>

#include "core/field_registry.h"
#include "dissectors/http2.h"
#include "dissectors/http2_fields.h"
#include "output/stat_taps.h"
#include "output/stats_tree.h"

namespace netsift {

namespace {

// -z http2,tree: every HTTP/2 frame (not the preface) under "HTTP2", pivoted by its type name
// (tshark's http2_stats_tree_packet).
class Http2Tree : public Statistic {
 public:
  Http2Tree() : tree_("HTTP2", StatsTree::Order::kByCountDescending) {
    http2_ = tree_.node("HTTP2", StatsTree::kRoot);
    type_ = tree_.node("Type", http2_);
  }
  void packet(const Packet& pkt) override {
    for_each_http2_frame(pkt, [&](const Http2FrameRecord& f) {
      if (f.magic) return;
      tree_.set_now(static_cast<double>(relative_ns(pkt)) / 1e6);
      tree_.tick("HTTP2", StatsTree::kRoot);
      const char* name = value_name(registry().info(http2_fields::type).def, f.type);
      tree_.tick_pivot(type_, name ? std::string(name) : fmt::format("Unknown type ({})", f.type));
    });
  }
  void print(OutputSink& out) override { out.write(tree_.format()); }

 private:
  StatsTree tree_;
  int http2_, type_;
};

}  // namespace

std::unique_ptr<Statistic> make_http2_tree() {
  return std::make_unique<Http2Tree>();
}

}  // namespace netsift
