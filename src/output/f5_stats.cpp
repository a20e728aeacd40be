#include "output/f5_stats.h"

#include <fmt/format.h>

#include "core/field_registry.h"
#include "core/session.h"
#include "dissectors/f5ethtrailer.h"
#include "output/stats_tree.h"

namespace netsift {

namespace {

// Packet time as tshark's stats trees see it: ms since the capture's first frame.
double relative_ms(const Packet& pkt) {
  int64_t ns = pkt.frame->ts.total_ns() - pkt.session->timing.first.total_ns();
  int64_t secs = ns / 1000000000, nsecs = ns % 1000000000;
  return static_cast<double>(secs) * 1000 + static_cast<double>(nsecs) / 1000000;
}

// Frames with a low-noise block, their time set on `tree`; false for the others.
bool tapped(const Packet& pkt, StatsTree& tree, F5TapInfo& tap) {
  if (!f5_tap_info(pkt, tap)) return false;
  tree.use_budget(pkt.session->memory());
  tree.set_now(relative_ms(pkt));
  return true;
}

// The trailer fields f5_tap_info reads.
bool reads_tap(std::vector<std::string>& names) {
  for (FieldId f : {f5_fields::tmm, f5_fields::slot, f5_fields::ingress, f5_fields::vip})
    names.emplace_back(registry().info(f).def.abbrev);
  return true;
}

class TmmDistribution : public Statistic {
 public:
  TmmDistribution() : tree_("F5/tmm Distribution") {
    packets_ = tree_.node("tmm Packet Distribution", StatsTree::kRoot, true);
    bytes_ = tree_.node("tmm Byte Distribution (excludes trailer)", StatsTree::kRoot);
  }

  void packet(const Packet& pkt) override {
    F5TapInfo tap;
    if (!tapped(pkt, tree_, tap)) return;
    int64_t len = static_cast<int64_t>(pkt.frame->len) - tap.trailer_len;
    std::string name = fmt::format("slot {:3},tmm {:3}", tap.slot, tap.tmm);
    tree_.tick("tmm Packet Distribution", StatsTree::kRoot);
    tree_.increase("tmm Byte Distribution (excludes trailer)", StatsTree::kRoot, len);
    int tmm_packets = tree_.tick(name, packets_);
    int tmm_bytes = tree_.increase(name, bytes_, len);
    // The sibling of each counted node is created at zero, so all five rows always show.
    count(tmm_packets, tmm_bytes, len, tap.ingress ? "direction in" : "direction out",
          {tap.ingress ? "direction out" : "direction in"});
    // tshark 4.0 never hands its statistics the flow id, so frames without a virtual server
    // name count as "flow none" even when they belong to a flow.
    if (tap.vip.empty())
      count(tmm_packets, tmm_bytes, len, "flow none",
            {"flow without virtual", "flow with virtual"});
    else
      count(tmm_packets, tmm_bytes, len, "flow with virtual",
            {"flow without virtual", "flow none"});
  }

  void print(OutputSink& out) override { out.write(tree_.format()); }
  bool reads_only(std::vector<std::string>& names) const override { return reads_tap(names); }

 private:
  void count(int tmm_packets, int tmm_bytes, int64_t len, const char* counted,
             std::initializer_list<const char*> zero) {
    tree_.tick(counted, tmm_packets);
    tree_.increase(counted, tmm_bytes, len);
    for (const char* z : zero) {
      tree_.increase(z, tmm_packets, 0);
      tree_.increase(z, tmm_bytes, 0);
    }
  }

  StatsTree tree_;
  int packets_, bytes_;
};

class VirtualDistribution : public Statistic {
 public:
  VirtualDistribution() : tree_("F5/Virtual Server Distribution") {
    packets_ = tree_.node("Virtual Server Packet Distribution", StatsTree::kRoot, true);
    bytes_ = tree_.node("Virtual Server Byte Distribution (excludes trailer)", StatsTree::kRoot);
    for (int parent : {packets_, bytes_}) {
      tree_.node(kNoFlow, parent, true);
      tree_.node("Flow without virtual server name", parent, true);
    }
  }

  void packet(const Packet& pkt) override {
    F5TapInfo tap;
    if (!tapped(pkt, tree_, tap)) return;
    int64_t len = static_cast<int64_t>(pkt.frame->len) - tap.trailer_len;
    tree_.tick("Virtual Server Packet Distribution", StatsTree::kRoot);
    tree_.increase("Virtual Server Byte Distribution (excludes trailer)", StatsTree::kRoot, len);
    // As tshark 4.0: without a name the frame is "No flow", whatever its flow id.
    std::string_view name = tap.vip.empty() ? std::string_view(kNoFlow) : tap.vip;
    tree_.tick(name, packets_);
    tree_.increase(name, bytes_, len);
  }

  void print(OutputSink& out) override { out.write(tree_.format()); }
  bool reads_only(std::vector<std::string>& names) const override { return reads_tap(names); }

 private:
  static constexpr const char* kNoFlow = "No flow";
  StatsTree tree_;
  int packets_, bytes_;
};

}  // namespace

std::unique_ptr<Statistic> make_f5_tmm_distribution() {
  return std::make_unique<TmmDistribution>();
}
std::unique_ptr<Statistic> make_f5_virtual_distribution() {
  return std::make_unique<VirtualDistribution>();
}

}  // namespace netsift
