#include "output/expert_stats.h"

#include <algorithm>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "core/expert.h"
#include "core/field_registry.h"
#include "core/protocols.h"
#include "dissectors/dns_fields.h"
#include "dissectors/eth.h"
#include "dissectors/frame.h"
#include "dissectors/sll_fields.h"
#include "filter/display_filter.h"
#include "output/statistics_budget.h"

namespace netsift {

namespace {

// Table order and titles; the levels a "-z expert,LEVEL" keeps are this one and those before.
struct Level {
  ExpertSeverity severity;
  const char* title;
  const char* arg;
};

constexpr Level kLevels[] = {
    {kExpertError, "Errors", "error"},       {kExpertWarn, "Warns", "warn"},
    {kExpertNote, "Notes", "note"},          {kExpertChat, "Chats", "chat"},
    {kExpertComment, "Comments", "comment"},
};
constexpr size_t kLevelCount = std::size(kLevels);

struct Entry {
  uint32_t group;
  std::string protocol;
  std::string summary;
  uint64_t frequency = 0;
};

// tshark names the protocol whose dissector was running when the item was added: the layer
// whose subtree holds the item (mDNS for DNS's notes on port 5353, VLAN for a trailer after a
// tag; TCP for its options' subtrees), except that the Ethertype dissector adds the trailer note
// of a plain Ethernet or Linux cooked frame. mDNS's registered short name differs from the
// Protocol column text netsift keeps for it.
const char* reporting_protocol(const Packet& pkt, size_t expert_node, FieldId expert_field) {
  for (int p = pkt.tree[expert_node].parent; p >= 0; p = pkt.tree[p].parent) {
    FieldId f = pkt.tree[p].field;
    if (f == kNoField || registry().info(f).def.type != FieldType::kProtocol) continue;
    bool exception = f == protocols::malformed || f == protocols::unreassembled;
    if (!exception && std::find(pkt.layers.begin(), pkt.layers.end(), f) == pkt.layers.end())
      continue;  // a protocol-like subtree inside a layer (TCP Fast Open)
    if ((f == eth_fields::proto || f == sll_fields::proto) &&
        expert_field == eth_fields::padding_bad)
      return "Ethertype";
    if (f == dns_fields::proto_mdns) return "mDNS";
    // "Malformed Packet", an unreassembled fragment: tshark names the protocol whose dissector
    // threw.
    if (exception && !pkt.layers.empty())
      return registry().info(pkt.layers.back()).short_name;
    return registry().info(f).short_name;
  }
  return registry().info(registry().info(expert_field).protocol).short_name;
}

// tshark keeps the level in one global: the last -z expert that names a level sets it for all.
size_t lowest_level_kept = kLevelCount - 1;

class ExpertStatistic : public Statistic {
 public:
  explicit ExpertStatistic(std::optional<DisplayFilter> filter) : filter_(std::move(filter)) {}

  std::vector<const DisplayFilter*> tap_filters() const override {
    if (!filter_) return {};
    return {&*filter_};
  }

  void packet(const Packet& pkt) override {
    if (filter_ && !filter_->matches(pkt)) return;
    for (size_t i = 0; i < pkt.tree.size(); ++i) {
      const Node& n = pkt.tree[i];
      if (n.field == protocols::expert)
        expert_item(pkt, i);
      else if (n.field == frame_fields::comment && n.parent == -1)
        add(pkt, kExpertComment, kGroupComment, "Frame", text(n.value));
    }
  }

  void print(OutputSink& out) override {
    std::string& buf = out.buffer();
    for (size_t level = 0; level < kLevelCount; ++level) {
      const std::deque<Entry>& entries = entries_[level];
      if (entries.empty()) continue;
      uint64_t total = 0;
      for (const Entry& e : entries) total += e.frequency;
      buf += fmt::format("\n{} ({})\n=============\n", kLevels[level].title, total);
      buf += "   Frequency      Group           Protocol  Summary\n";
      for (const Entry& e : entries) {
        buf += fmt::format("{:12} {:>10} {:>18}  {}\n", e.frequency,
                           group_text(static_cast<ExpertGroup>(e.group)), e.protocol, e.summary);
        out.flush_if_full();
      }
    }
    buf += rows_.note("expert infos with further messages");
  }

 private:
  static std::string_view text(const Value& v) {
    return {reinterpret_cast<const char*>(v.bytes.p), v.bytes.n};
  }

  // An expert subtree: the protocol's expert field first, then message, severity and group.
  void expert_item(const Packet& pkt, size_t at) {
    const char* protocol = nullptr;
    std::string_view message;
    uint32_t severity = 0, group = 0;
    for (size_t j = at + 1; j < pkt.tree.size() && pkt.tree[j].parent == static_cast<int>(at);
         ++j) {
      const Node& c = pkt.tree[j];
      if (c.field == protocols::expert_message)
        message = text(c.value);
      else if (c.field == protocols::expert_severity)
        severity = static_cast<uint32_t>(c.value.u);
      else if (c.field == protocols::expert_group)
        group = static_cast<uint32_t>(c.value.u);
      else if (!protocol && c.field != kNoField)
        protocol = reporting_protocol(pkt, at, c.field);
    }
    if (protocol) add(pkt, static_cast<ExpertSeverity>(severity), group, protocol, message);
  }

  void add(const Packet& pkt, ExpertSeverity severity, uint32_t group, std::string_view protocol,
           std::string_view summary) {
    size_t level = 0;
    while (level < kLevelCount && kLevels[level].severity != severity) ++level;
    if (level >= kLevelCount || level > lowest_level_kept) return;
    std::string key = fmt::format("{}\n{}", protocol, summary);
    auto it = index_[level].find(key);
    if (it == index_[level].end()) {
      // The key, and the entry's copies of its two parts.
      if (!rows_.admit(pkt, 2 * key.size())) return;
      it = index_[level].emplace(std::move(key), entries_[level].size()).first;
      entries_[level].push_back(Entry{group, std::string(protocol), std::string(summary)});
    }
    ++entries_[level][it->second].frequency;
  }

  std::optional<DisplayFilter> filter_;
  std::deque<Entry> entries_[kLevelCount];  // in the order first seen
  std::unordered_map<std::string, size_t> index_[kLevelCount];
  // An entry with its index node and the strings' own overheads; the texts are added per row.
  StatisticRowBudget rows_{sizeof(Entry) + sizeof(std::string) + 3 * 32 + 64};
};

}  // namespace

std::unique_ptr<Statistic> make_expert_statistic(std::string_view z_arg) {
  constexpr std::string_view kPrefix = "expert";
  if (!z_arg.starts_with(kPrefix)) return nullptr;
  std::string_view rest = z_arg.substr(kPrefix.size());
  for (size_t level = 0; level < kLevelCount; ++level) {
    std::string arg = fmt::format(",{}", kLevels[level].arg);
    if (rest.starts_with(arg)) {
      lowest_level_kept = level;
      rest.remove_prefix(arg.size());
      break;
    }
  }
  if (!rest.empty() && rest[0] != ',') return nullptr;
  std::optional<DisplayFilter> filter;
  if (rest.size() > 1) {
    std::string text(rest.substr(1));
    auto compiled = DisplayFilter::compile(text);
    if (!std::holds_alternative<DisplayFilter>(compiled))
      throw StatisticArgumentError(fmt::format("Expert tap error (Filter \"{}\" is invalid - {})!",
                                               text, std::get<FilterError>(compiled).message));
    filter.emplace(std::move(std::get<DisplayFilter>(compiled)));
  }
  return std::make_unique<ExpertStatistic>(std::move(filter));
}

}  // namespace netsift
