#include "output/ptype_stats.h"

#include "core/field_registry.h"
#include "core/session.h"
#include "dissectors/tcp_fields.h"
#include "dissectors/udp_fields.h"
#include "output/stat_taps.h"
#include "output/stats_tree.h"

namespace netsift {

namespace {

class IpProtocolTypes : public Statistic {
 public:
  IpProtocolTypes()
      : tree_("IPv4 Statistics/IP Protocol Types", StatsTree::Order::kByCountDescending),
        ip_(TapLayer::kIpv4) {
    pivot_ = tree_.node("IP Protocol Types", StatsTree::kRoot);
  }

  void packet(const Packet& pkt) override {
    // The tap runs once per IPv4 header, after the whole packet is dissected: every header
    // gets the packet's last port type (Wireshark's pinfo->ptype), which a TCP or UDP header
    // quoted in an ICMP error sets too.
    const char* type = "NONE";
    for (size_t i = pkt.tree.size(); i-- > 0;) {
      if (pkt.tree[i].field == tcp_fields::proto || pkt.tree[i].field == udp_fields::proto) {
        type = pkt.tree[i].field == tcp_fields::proto ? "TCP" : "UDP";
        break;
      }
    }
    ip_.for_each(pkt, [&](const TapEvent&) {
      tree_.use_budget(pkt.session->memory());
      tree_.set_now(static_cast<double>(relative_ns(pkt)) / 1e6);
      tree_.tick("IP Protocol Types", StatsTree::kRoot);
      tree_.tick(type, pivot_);
    });
  }

  void print(OutputSink& out) override { out.write(tree_.format()); }

 private:
  StatsTree tree_;
  TapReader ip_;
  int pivot_;
};

}  // namespace

std::unique_ptr<Statistic> make_ip_protocol_types() {
  return std::make_unique<IpProtocolTypes>();
}

}  // namespace netsift
