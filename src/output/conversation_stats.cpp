#include "output/conversation_stats.h"

#include <algorithm>
#include <cstring>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "core/address_format.h"
#include "core/field_registry.h"
#include "core/session.h"
#include "filter/display_filter.h"
#include "output/stat_format.h"
#include "output/stat_taps.h"
#include "output/statistics_budget.h"

namespace netsift {

namespace {

constexpr const char* kRule =
    "================================================================================\n";

struct TableType {
  const char* arg;   // "tcp" in conv,tcp
  const char* name;  // "TCP" in the title
  TapLayer layer;
};

constexpr TableType kTypes[] = {
    {"eth", "Ethernet", TapLayer::kEth}, {"ip", "IPv4", TapLayer::kIpv4},
    {"ipv6", "IPv6", TapLayer::kIpv6},   {"tcp", "TCP", TapLayer::kTcp},
    {"udp", "UDP", TapLayer::kUdp},
};

bool has_ports(TapLayer l) {
  return l == TapLayer::kTcp || l == TapLayer::kUdp;
}

// "conv,tcp,ip.addr==1.2.3.4" after the "conv," prefix: the type and the optional filter.
struct ParsedArg {
  const TableType* type = nullptr;
  std::string filter_text;
  std::optional<DisplayFilter> filter;
};

std::optional<ParsedArg> parse(std::string_view rest, std::string_view tap) {
  size_t comma = rest.find(',');
  std::string_view type = rest.substr(0, comma);
  ParsedArg p;
  for (const TableType& t : kTypes)
    if (type == t.arg) p.type = &t;
  if (!p.type) return std::nullopt;
  if (comma != std::string_view::npos) {
    p.filter_text = std::string(rest.substr(comma + 1));
    p.filter.emplace(compile_tap_filter(p.filter_text, tap));
  }
  return p;
}

// Address and port as the tables print them, names resolved as the preferences say.
std::string address_text(const Address& a, const Session& s) {
  std::string out;
  append_address(out, a, s.names, s.resolve);
  return out;
}

std::string port_text(uint16_t port, TapLayer layer, const Session& s) {
  if (s.resolve.transport) {
    const char* name =
        layer == TapLayer::kTcp ? s.names.tcp_port_name(port) : s.names.udp_port_name(port);
    if (name) return name;
  }
  return fmt::format("{}", port);
}

int compare(const Address& a, const Address& b) {
  if (a.type != b.type) return a.type < b.type ? -1 : 1;
  return std::memcmp(a.bytes, b.bytes, a.size());
}

size_t hash_address(const Address& a, size_t h) {
  for (size_t i = 0; i < a.size(); ++i) h = h * 131 + a.bytes[i];
  return h;
}

// The statistics' shared part: the tap filter, the session (for names at print time).
class TableStatistic : public Statistic {
 public:
  explicit TableStatistic(ParsedArg arg) : arg_(std::move(arg)), taps_(arg_.type->layer) {}

  std::vector<const DisplayFilter*> tap_filters() const override {
    if (!arg_.filter) return {};
    return {&*arg_.filter};
  }

  // The headers' addresses, ports and streams, and what the tap filter reads.
  bool reads_only(std::vector<std::string>& names) const override {
    TapReader::fields_read(names);
    if (arg_.filter)
      for (FieldId id : arg_.filter->referenced())
        names.emplace_back(registry().info(id).def.abbrev);
    return true;
  }

  void packet(const Packet& pkt) override {
    if (arg_.filter && !arg_.filter->matches(pkt)) return;
    session_ = pkt.session;
    taps_.for_each(pkt, [&](const TapEvent& ev) { add(ev, pkt); });
  }

 protected:
  virtual void add(const TapEvent& ev, const Packet& pkt) = 0;
  void print_title(std::string& out, const char* kind) const {
    out += kRule;
    out += fmt::format("{} {}\nFilter:{}\n", arg_.type->name, kind,
                       arg_.filter ? arg_.filter_text : "<No Filter>");
  }
  TapLayer layer() const { return arg_.type->layer; }

  ParsedArg arg_;
  TapReader taps_;
  const Session* session_ = nullptr;
};

// One conversation: `src` is the sender of its first packet ("->" counts that direction).
struct ConversationRow {
  TapEvent first;
  uint64_t tx_frames = 0, tx_bytes = 0, rx_frames = 0, rx_bytes = 0;
  int64_t start_ns = 0, stop_ns = 0;
};

// Either direction of a conversation maps to the same key.
struct ConversationKey {
  Address a, b;
  uint16_t port_a, port_b;
  uint32_t stream;
  bool operator==(const ConversationKey&) const = default;
};

struct ConversationKeyHash {
  size_t operator()(const ConversationKey& k) const {
    size_t h = hash_address(k.b, hash_address(k.a, k.stream));
    return h * 65599 + (size_t{k.port_a} << 16 | k.port_b);
  }
};

ConversationKey conversation_key(const TapEvent& ev) {
  int c = compare(ev.src, ev.dst);
  bool swap = c > 0 || (c == 0 && ev.src_port > ev.dst_port);
  if (swap) return {ev.dst, ev.src, ev.dst_port, ev.src_port, ev.stream};
  return {ev.src, ev.dst, ev.src_port, ev.dst_port, ev.stream};
}

class ConversationStatistic : public TableStatistic {
 public:
  using TableStatistic::TableStatistic;

  void print(OutputSink& sink) override {
    bool ports = has_ports(layer());
    const char* pad = ports ? "            " : "";
    std::string& out = sink.buffer();
    print_title(out, "Conversations");
    out += fmt::format(
        "{}                                               |       <-      | |       ->      | "
        "|     Total     |    Relative    |   Duration   |\n",
        pad);
    out += fmt::format(
        "{}                                               | Frames  Bytes | | Frames  Bytes | "
        "| Frames  Bytes |      Start     |              |\n",
        pad);
    for (const ConversationRow* c : by_frames()) {
      std::string src = address_text(c->first.src, *session_);
      std::string dst = address_text(c->first.dst, *session_);
      int width = 20;
      if (ports) {
        width = 26;
        src += ":" + port_text(c->first.src_port, layer(), *session_);
        dst += ":" + port_text(c->first.dst_port, layer(), *session_);
      }
      out += fmt::format("{:<{}} <-> {:<{}}  {:>6} {:<9}  {:>6} {:<9}  {:>6} {:<9}  ", src, width,
                         dst, width, c->rx_frames, format_byte_size(c->rx_bytes), c->tx_frames,
                         format_byte_size(c->tx_bytes), c->rx_frames + c->tx_frames,
                         format_byte_size(c->rx_bytes + c->tx_bytes));
      double start = ns_to_seconds(c->start_ns);
      out += fmt::format("{:14.9f}   {:12.4f}\n", start, ns_to_seconds(c->stop_ns) - start);
      sink.flush_if_full();
    }
    out += rows_.note("packets in further conversations");
    out += kRule;
  }

 private:
  void add(const TapEvent& ev, const Packet& pkt) override {
    ConversationKey key = conversation_key(ev);
    auto it = index_.find(key);
    int64_t now = relative_ns(pkt);
    if (it == index_.end()) {
      if (!rows_.admit(pkt)) return;
      it = index_.emplace(key, items_.size()).first;
      items_.push_back(ConversationRow{ev});
      items_.back().start_ns = items_.back().stop_ns = now;
    }
    ConversationRow& c = items_[it->second];
    if (now > c.stop_ns)
      c.stop_ns = now;
    else if (now < c.start_ns)
      c.start_ns = now;
    uint64_t len = pkt.frame->len;
    if (ev.src == c.first.src && ev.dst == c.first.dst && ev.src_port == c.first.src_port &&
        ev.dst_port == c.first.dst_port) {
      ++c.tx_frames;
      c.tx_bytes += len;
    } else {
      ++c.rx_frames;
      c.rx_bytes += len;
    }
  }

  // tshark lists the busiest first; equal counts keep the order the conversations began.
  std::vector<const ConversationRow*> by_frames() const {
    std::vector<const ConversationRow*> order;
    for (const ConversationRow& c : items_) order.push_back(&c);
    std::stable_sort(order.begin(), order.end(),
                     [](const ConversationRow* x, const ConversationRow* y) {
                       return x->tx_frames + x->rx_frames > y->tx_frames + y->rx_frames;
                     });
    return order;
  }

  std::unordered_map<ConversationKey, size_t, ConversationKeyHash> index_;
  std::deque<ConversationRow> items_;  // a deque: growing never holds two copies
  // A row, its index node (with the hash table's overheads) and its place in the print order.
  StatisticRowBudget rows_{sizeof(ConversationRow) + sizeof(ConversationKey) + 64};
};

struct Endpoint {
  Address address;
  uint16_t port;
  uint64_t tx_frames = 0, tx_bytes = 0, rx_frames = 0, rx_bytes = 0;
};

struct EndpointKey {
  Address address;
  uint16_t port;
  bool operator==(const EndpointKey&) const = default;
};

struct EndpointKeyHash {
  size_t operator()(const EndpointKey& k) const { return hash_address(k.address, k.port); }
};

class EndpointTable : public TableStatistic {
 public:
  using TableStatistic::TableStatistic;

  void print(OutputSink& sink) override {
    bool ports = has_ports(layer());
    std::string& out = sink.buffer();
    print_title(out, "Endpoints");
    out += fmt::format(
        "                       |  {}Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx "
        "Packets | | Rx Bytes |\n",
        ports ? "Port  ||  " : "");
    std::vector<const Endpoint*> order;
    for (const Endpoint& e : items_) order.push_back(&e);
    std::stable_sort(order.begin(), order.end(), [](const Endpoint* x, const Endpoint* y) {
      return x->tx_frames + x->rx_frames > y->tx_frames + y->rx_frames;
    });
    for (const Endpoint* e : order) {
      out += fmt::format("{:<20}      ", address_text(e->address, *session_));
      if (ports) out += fmt::format("{:>5}     ", port_text(e->port, layer(), *session_));
      out += fmt::format("{:>6}     {:>9}     {:>6}       {:>9}      {:>6}       {:>9}   \n",
                         e->tx_frames + e->rx_frames, e->tx_bytes + e->rx_bytes, e->tx_frames,
                         e->tx_bytes, e->rx_frames, e->rx_bytes);
      sink.flush_if_full();
    }
    out += rows_.note("packet ends at further endpoints");
    out += kRule;
  }

 private:
  // Each header counts once for its sender and once for its receiver.
  void add(const TapEvent& ev, const Packet& pkt) override {
    uint64_t len = pkt.frame->len;
    if (Endpoint* src = find(ev.src, ev.src_port, pkt)) {
      ++src->tx_frames;
      src->tx_bytes += len;
    }
    if (Endpoint* dst = find(ev.dst, ev.dst_port, pkt)) {
      ++dst->rx_frames;
      dst->rx_bytes += len;
    }
  }

  // The endpoint's row, added when new and within the budget (else nullptr).
  Endpoint* find(const Address& a, uint16_t port, const Packet& pkt) {
    EndpointKey key{a, port};
    auto it = index_.find(key);
    if (it == index_.end()) {
      if (!rows_.admit(pkt)) return nullptr;
      it = index_.emplace(key, items_.size()).first;
      items_.push_back(Endpoint{a, port});
    }
    return &items_[it->second];
  }

  std::unordered_map<EndpointKey, size_t, EndpointKeyHash> index_;
  std::deque<Endpoint> items_;  // a deque: growing never holds two copies
  StatisticRowBudget rows_{sizeof(Endpoint) + sizeof(EndpointKey) + 64};
};

}  // namespace

std::unique_ptr<Statistic> make_conversation_statistic(std::string_view z_arg) {
  std::optional<ParsedArg> p =
      parse(z_arg.substr(std::string_view("conv,").size()), "conversations");
  if (!p) return nullptr;
  return std::make_unique<ConversationStatistic>(std::move(*p));
}

std::unique_ptr<Statistic> make_endpoint_statistic(std::string_view z_arg) {
  std::optional<ParsedArg> p =
      parse(z_arg.substr(std::string_view("endpoints,").size()), "endpoint");
  if (!p) return nullptr;
  return std::make_unique<EndpointTable>(std::move(*p));
}

}  // namespace netsift
