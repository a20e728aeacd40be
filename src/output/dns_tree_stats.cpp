#include "output/dns_tree_stats.h"

#include <string>

#include <fmt/format.h>

#include "core/field_registry.h"
#include "core/protocols.h"
#include "core/session.h"
#include "dissectors/dns.h"
#include "dissectors/dns_fields.h"
#include "dissectors/icmp_fields.h"
#include "dissectors/tcp_fields.h"
#include "dissectors/udp_fields.h"
#include "output/stat_taps.h"
#include "output/stats_tree.h"

namespace netsift {

namespace {

constexpr const char* kPackets = "Total Packets";
constexpr const char* kPayloadSize = "Payload size";
constexpr const char* kQnameLen = "Qname Len";
constexpr const char* kLevels[] = {"1st Level", "2nd Level", "3rd Level", "4th Level or more"};
// The message's section counts, in the order of kSectionCounts.
const UintField* const kSectionCountFields[] = {&dns_fields::count_queries,
                                                &dns_fields::count_answers, &dns_fields::count_auth,
                                                &dns_fields::count_add};
constexpr const char* kSectionCounts[] = {"no. of questions", "no. of answers",
                                          "no. of authorities", "no. of additionals"};
constexpr const char* kUnsolicited = "no. of unsolicited responses";
constexpr const char* kRetransmissions = "no. of retransmissions";
constexpr const char* kResponseTime = "request-response time (msec)";

// What tshark's DNS tap reports for one message.
struct DnsTap {
  uint16_t flags = 0;
  uint16_t counts[4] = {};
  uint16_t qtype = 0, qclass = 0, qname_len = 0, qname_labels = 0;  // of the last question
  uint64_t payload_size = 0;
  bool retransmission = false, unsolicited = false, answered = false;
  int64_t response_ns = 0;
};

std::string name_or(const char* name, const char* unknown, unsigned v) {
  if (name) return name;
  return fmt::format("{} ({})", unknown, v);
}

class DnsTree : public Statistic {
 public:
  DnsTree() : tree_("DNS", StatsTree::Order::kByCountDescending) {
    int packets = tree_.node(kPackets, StatsTree::kRoot);
    qr_ = tree_.node("Query/Response", packets);
    qtypes_ = tree_.node("Query Type", packets);
    qclasses_ = tree_.node("Class", packets);
    rcodes_ = tree_.node("rcode", packets);
    opcodes_ = tree_.node("opcodes", packets);
    tree_.node(kPayloadSize, StatsTree::kRoot);
    query_stats_ = tree_.node("Query Stats", StatsTree::kRoot);
    tree_.node(kQnameLen, query_stats_);
    labels_ = tree_.node("Label Stats", query_stats_);
    for (const char* level : kLevels) tree_.node(level, labels_);
    response_stats_ = tree_.node("Response Stats", StatsTree::kRoot);
    for (const char* count : kSectionCounts) tree_.node(count, response_stats_);
    service_stats_ = tree_.node("Service Stats", StatsTree::kRoot);
    for (const char* name : {kUnsolicited, kRetransmissions, kResponseTime})
      tree_.node(name, service_stats_);
  }

  void packet(const Packet& pkt) override {
    for (size_t i = 0; i < pkt.tree.size(); ++i) {
      FieldId f = pkt.tree[i].field;
      // Messages quoted in an ICMP error are not tapped either.
      if (f != dns_fields::proto_dns || aborted(pkt, i) || inside_icmp(pkt, i)) continue;
      DnsTap tap;
      if (read_message(pkt, i, tap)) count(pkt, tap);
    }
  }

  void print(OutputSink& out) override { out.write(tree_.format()); }

 private:
  // A message whose dissection threw before its end is not tapped.
  bool aborted(const Packet& pkt, size_t i) const {
    if (!pkt.malformed || pkt.layers.empty() || pkt.layers.back() != pkt.tree[i].field)
      return false;
    for (size_t j = i + 1; j < pkt.tree.size(); ++j)
      if (pkt.tree[j].field == pkt.tree[i].field && pkt.tree[j].parent == -1) return false;
    return true;
  }

  // Whether the message at `i` is quoted by an ICMP error: its protocol node is at the top
  // level, but the transport header that carried it sits inside the ICMP tree.
  bool inside_icmp(const Packet& pkt, size_t i) const {
    size_t t = i;
    while (t > 0 && pkt.tree[t].field != udp_fields::proto &&
           pkt.tree[t].field != tcp_fields::proto)
      --t;
    for (int p = pkt.tree[t].parent; p >= 0; p = pkt.tree[p].parent)
      if (pkt.tree[p].field == icmp_fields::icmp || pkt.tree[p].field == icmpv6_fields::icmpv6)
        return true;
    return false;
  }

  // The message's items: direct children and, for the questions, deeper ones.
  bool read_message(const Packet& pkt, size_t top, DnsTap& tap) const {
    bool have_flags = false;
    size_t end = top + 1;
    for (; end < pkt.tree.size(); ++end) {
      const Node& n = pkt.tree[end];
      if (n.parent < static_cast<int>(top)) break;  // left the message's subtree
      using namespace dns_fields;
      auto u16 = [&n](UintField f) -> std::optional<uint16_t> {
        if (auto v = field_value(n, f)) return static_cast<uint16_t>(*v);
        return std::nullopt;
      };
      if (auto v = u16(flags))
        tap.flags = *v, have_flags = true;
      else if (auto v = u16(qry_type))
        tap.qtype = *v;
      else if (auto v = u16(qry_class); v || (v = u16(qry_class_mdns)))
        tap.qclass = *v;
      else if (auto v = u16(qry_name_len))
        tap.qname_len = *v;
      else if (auto v = u16(count_labels))
        tap.qname_labels = *v;
      else if (n.field == retransmission)
        tap.retransmission = true;
      else if (n.field == unsolicited)
        tap.unsolicited = true;
      else if (auto ns = field_value(n, time))
        tap.answered = true, tap.response_ns = *ns;
      for (size_t c = 0; c < 4; ++c)
        if (auto v = u16(*kSectionCountFields[c])) tap.counts[c] = *v;
    }
    tap.payload_size = pkt.tree[top].length;  // over TCP with the two-byte length
    return have_flags;
  }

  void count(const Packet& pkt, const DnsTap& tap) {
    tree_.use_budget(pkt.session->memory());
    tree_.set_now(static_cast<double>(relative_ns(pkt)) / 1e6);
    bool response = tap.flags & 0x8000;
    unsigned opcode = (tap.flags >> 11) & 0xf, rcode = tap.flags & 0xf;
    tree_.tick(kPackets, StatsTree::kRoot);
    tree_.tick_pivot(qr_, response ? "Response" : "Query");
    const char* type = nullptr;
    for (const ValueName& v : dns::type_names())
      if (v.value == tap.qtype) type = v.name;
    tree_.tick_pivot(qtypes_, name_or(type, "Unknown packet type", tap.qtype));
    tree_.tick_pivot(qclasses_,
                     name_or(value_name(registry().info(dns_fields::qry_class).def, tap.qclass),
                             "Unknown class", tap.qclass));
    tree_.tick_pivot(rcodes_, name_or(value_name(registry().info(dns_fields::fl_rcode).def, rcode),
                                      "Unknown rcode", rcode));
    tree_.tick_pivot(opcodes_,
                     name_or(value_name(registry().info(dns_fields::fl_opcode).def, opcode),
                             "Unknown opcode", opcode));
    tree_.add_value(kPayloadSize, StatsTree::kRoot, static_cast<int64_t>(tap.payload_size));
    if (!response) {
      tree_.add_value(kQnameLen, query_stats_, int64_t{tap.qname_len});
      tree_.tick(kLevels[tap.qname_labels >= 1 && tap.qname_labels <= 3 ? tap.qname_labels - 1 : 3],
                 labels_);
      return;
    }
    // tshark 4.0 adds a response's section counts twice unless it is unsolicited.
    add_section_counts(tap);
    if (tap.unsolicited) {
      tree_.tick(kUnsolicited, service_stats_);
      return;
    }
    add_section_counts(tap);
    if (tap.retransmission) {
      tree_.tick(kRetransmissions, service_stats_);
    } else {
      // Wireshark's response time: seconds * 1000 + nanoseconds / 1e6, as a float.
      int64_t secs = tap.response_ns / 1000000000, nsecs = tap.response_ns % 1000000000;
      tree_.add_value(kResponseTime, service_stats_,
                      static_cast<float>(static_cast<double>(secs) * 1000. +
                                         static_cast<double>(nsecs) / 1000000.0));
    }
  }

  void add_section_counts(const DnsTap& tap) {
    for (size_t c = 0; c < 4; ++c)
      tree_.add_value(kSectionCounts[c], response_stats_, int64_t{tap.counts[c]});
  }

  StatsTree tree_;
  int qr_, qtypes_, qclasses_, rcodes_, opcodes_, query_stats_, labels_, response_stats_,
      service_stats_;
};

}  // namespace

std::unique_ptr<Statistic> make_dns_tree() {
  return std::make_unique<DnsTree>();
}

}  // namespace netsift
