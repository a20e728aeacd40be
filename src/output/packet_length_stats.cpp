#include "output/packet_length_stats.h"

#include "core/session.h"
#include "output/stat_taps.h"
#include "output/stats_tree.h"

namespace netsift {

namespace {

constexpr const char* kRootName = "Packet Lengths";

class PacketLengths : public Statistic {
 public:
  PacketLengths() : tree_("Packet Lengths", StatsTree::Order::kByCountDescending) {
    root_ = tree_.node(kRootName, StatsTree::kRoot);
    // Wireshark's default buckets (the "plen" preference): powers of two from 20 bytes.
    tree_.add_ranges(root_, {{0, 19},
                             {20, 39},
                             {40, 79},
                             {80, 159},
                             {160, 319},
                             {320, 639},
                             {640, 1279},
                             {1280, 2559},
                             {2560, 5119},
                             {5120, -1}});
  }

  void packet(const Packet& pkt) override {
    int64_t len = pkt.frame->len;
    tree_.use_budget(pkt.session->memory());
    tree_.set_now(static_cast<double>(relative_ns(pkt)) / 1e6);
    tree_.add_value(kRootName, StatsTree::kRoot, len);
    tree_.tick_range(root_, len);
  }

  void print(OutputSink& out) override { out.write(tree_.format()); }

 private:
  StatsTree tree_;
  int root_;
};

}  // namespace

std::unique_ptr<Statistic> make_packet_lengths() {
  return std::make_unique<PacketLengths>();
}

}  // namespace netsift
