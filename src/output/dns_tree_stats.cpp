#include "output/dns_tree_stats.h"

#include <string>

#include <fmt/format.h>

#include "core/field_registry.h"
#include "core/protocols.h"
#include "dissectors/dns.h"
#include "output/stat_taps.h"
#include "output/stats_tree.h"

namespace netsift {

namespace {

constexpr const char* kPackets = "Total Packets";
constexpr const char* kPayloadSize = "Payload size";
constexpr const char* kQnameLen = "Qname Len";
constexpr const char* kLevels[] = {"1st Level", "2nd Level", "3rd Level", "4th Level or more"};
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

FieldId field(const char* abbrev) {
  return registry().find(abbrev);
}

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
      if (f != dns_ || aborted(pkt, i) || inside_icmp(pkt, i)) continue;
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
    while (t > 0 && pkt.tree[t].field != udp_ && pkt.tree[t].field != tcp_) --t;
    for (int p = pkt.tree[t].parent; p >= 0; p = pkt.tree[p].parent)
      if (pkt.tree[p].field == icmp_ || pkt.tree[p].field == icmpv6_) return true;
    return false;
  }

  // The message's items: direct children and, for the questions, deeper ones.
  bool read_message(const Packet& pkt, size_t top, DnsTap& tap) const {
    bool have_flags = false;
    size_t end = top + 1;
    for (; end < pkt.tree.size(); ++end) {
      const Node& n = pkt.tree[end];
      if (n.parent < static_cast<int>(top)) break;  // left the message's subtree
      uint16_t v = static_cast<uint16_t>(n.value.u);
      if (n.field == flags_)
        tap.flags = v, have_flags = true;
      else if (n.field == qry_type_)
        tap.qtype = v;
      else if (n.field == qry_class_ || n.field == qry_class_mdns_)
        tap.qclass = v;
      else if (n.field == qry_name_len_)
        tap.qname_len = v;
      else if (n.field == count_labels_)
        tap.qname_labels = v;
      else if (n.field == retransmission_)
        tap.retransmission = true;
      else if (n.field == unsolicited_)
        tap.unsolicited = true;
      else if (n.field == time_)
        tap.answered = true, tap.response_ns = n.value.i;
      for (size_t c = 0; c < 4; ++c)
        if (n.field == count_fields_[c]) tap.counts[c] = v;
    }
    tap.payload_size = pkt.tree[top].length;  // over TCP with the two-byte length
    return have_flags;
  }

  void count(const Packet& pkt, const DnsTap& tap) {
    tree_.set_now(static_cast<double>(relative_ns(pkt)) / 1e6);
    bool response = tap.flags & 0x8000;
    unsigned opcode = (tap.flags >> 11) & 0xf, rcode = tap.flags & 0xf;
    tree_.tick(kPackets, StatsTree::kRoot);
    tree_.tick_pivot(qr_, response ? "Response" : "Query");
    const char* type = nullptr;
    for (const ValueName& v : dns::type_names())
      if (v.value == tap.qtype) type = v.name;
    tree_.tick_pivot(qtypes_, name_or(type, "Unknown packet type", tap.qtype));
    tree_.tick_pivot(qclasses_, name_or(value_name(registry().info(qry_class_).def, tap.qclass),
                                        "Unknown class", tap.qclass));
    tree_.tick_pivot(
        rcodes_, name_or(value_name(registry().info(rcode_).def, rcode), "Unknown rcode", rcode));
    tree_.tick_pivot(opcodes_, name_or(value_name(registry().info(opcode_).def, opcode),
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
  FieldId dns_ = field("dns");
  FieldId icmp_ = field("icmp"), icmpv6_ = field("icmpv6");
  FieldId udp_ = field("udp"), tcp_ = field("tcp");
  FieldId flags_ = field("dns.flags");
  FieldId rcode_ = field("dns.flags.rcode"), opcode_ = field("dns.flags.opcode");
  FieldId qry_type_ = field("dns.qry.type"), qry_class_ = field("dns.qry.class");
  FieldId qry_class_mdns_ = registry().info(qry_class_).same_name_next;
  FieldId qry_name_len_ = field("dns.qry.name.len"), count_labels_ = field("dns.count.labels");
  FieldId retransmission_ = field("dns.retransmission"), unsolicited_ = field("dns.unsolicited");
  FieldId time_ = field("dns.time");
  FieldId count_fields_[4] = {field("dns.count.queries"), field("dns.count.answers"),
                              field("dns.count.auth_rr"), field("dns.count.add_rr")};
};

}  // namespace

std::unique_ptr<Statistic> make_dns_tree() {
  return std::make_unique<DnsTree>();
}

}  // namespace netsift
