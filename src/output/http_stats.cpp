#include "output/http_stats.h"

#include <string>
#include <string_view>

#include <fmt/format.h>

#include "core/field_registry.h"
#include "output/address_format.h"
#include "output/stat_taps.h"
#include "output/stats_tree.h"

namespace netsift {

namespace {

// What tshark's HTTP tap reports for one message (one HTTP protocol node).
struct HttpTap {
  std::string_view method, host, uri, code_desc;
  unsigned response_code = 0;
};

std::string_view text(const Value& v) {
  return {reinterpret_cast<const char*>(v.bytes.p), v.bytes.n};
}

// Wireshark's address_to_str: no name resolution.
std::string address_text(const Address& a) {
  std::string out;
  if (a.type == AddressType::kIpv4)
    append_ipv4(out, uint32_t{a.bytes[0]} << 24 | uint32_t{a.bytes[1]} << 16 |
                         uint32_t{a.bytes[2]} << 8 | a.bytes[3]);
  else if (a.type == AddressType::kIpv6)
    append_ipv6(out, a.bytes);
  return out;
}

// Base of the three: finds each HTTP message in a packet and hands it to `count`.
class HttpStatistic : public Statistic {
 public:
  explicit HttpStatistic(const char* title) : tree_(title, StatsTree::Order::kByCountDescending) {}

  void packet(const Packet& pkt) override {
    for (size_t i = 0; i < pkt.tree.size(); ++i) {
      if (pkt.tree[i].field != http_) continue;
      HttpTap tap;
      for (size_t j = i + 1; j < pkt.tree.size() && pkt.tree[j].parent >= static_cast<int>(i);
           ++j) {
        const Node& n = pkt.tree[j];
        if (n.field == method_ && tap.method.empty())
          tap.method = text(n.value);
        else if (n.field == host_ && tap.host.empty())
          tap.host = text(n.value);
        else if (n.field == uri_ && tap.uri.empty())
          tap.uri = text(n.value);
        else if (n.field == code_ && tap.response_code == 0)
          tap.response_code = static_cast<unsigned>(n.value.u);
        else if (n.field == code_desc_ && tap.code_desc.empty())
          tap.code_desc = text(n.value);
      }
      tree_.set_now(static_cast<double>(relative_ns(pkt)) / 1e6);
      count(pkt, tap);
    }
  }

  void print(OutputSink& out) override { out.write(tree_.format()); }

 protected:
  virtual void count(const Packet& pkt, const HttpTap& tap) = 0;

  StatsTree tree_;

 private:
  FieldId http_ = registry().find("http"), method_ = registry().find("http.request.method");
  FieldId host_ = registry().find("http.host"), uri_ = registry().find("http.request.uri");
  FieldId code_ = registry().find("http.response.code");
  FieldId code_desc_ = registry().find("http.response.code.desc");
};

constexpr const char* kPackets = "Total HTTP Packets";
constexpr const char* kResponses = "HTTP Response Packets";
constexpr const char* kOther = "Other HTTP Packets";
// Status classes, indexed by the code's hundreds; 0 for codes outside 100-599.
constexpr const char* kClasses[] = {"???: broken",      "1xx: Informational", "2xx: Success",
                                    "3xx: Redirection", "4xx: Client Error",  "5xx: Server Error"};

class PacketCounter : public HttpStatistic {
 public:
  PacketCounter() : HttpStatistic("HTTP/Packet Counter") {
    packets_ = tree_.node(kPackets, StatsTree::kRoot);
    requests_ = tree_.node("HTTP Request Packets", packets_);
    responses_ = tree_.node(kResponses, packets_);
    for (const char* c : kClasses) tree_.node(c, responses_);
    tree_.node(kOther, packets_);
  }

 private:
  void count(const Packet&, const HttpTap& tap) override {
    tree_.tick(kPackets, StatsTree::kRoot);
    if (unsigned code = tap.response_code) {
      tree_.tick(kResponses, packets_);
      int group = tree_.tick(kClasses[code < 100 || code >= 600 ? 0 : code / 100], responses_);
      std::string desc =
          tap.code_desc.empty() ? fmt::format("Unknown ({})", code) : std::string(tap.code_desc);
      tree_.tick(fmt::format("{} {}", code, desc), group);
    } else if (!tap.method.empty()) {
      tree_.tick_pivot(requests_, tap.method);
    } else {
      tree_.tick(kOther, packets_);
    }
  }

  int packets_, requests_, responses_;
};

class Requests : public HttpStatistic {
 public:
  Requests() : HttpStatistic("HTTP/Requests") { by_host_ = tree_.node(kByHost, StatsTree::kRoot); }

 private:
  static constexpr const char* kByHost = "HTTP Requests by HTTP Host";

  void count(const Packet&, const HttpTap& tap) override {
    if (tap.method.empty()) return;
    tree_.tick(kByHost, StatsTree::kRoot);
    if (tap.host.empty()) return;
    int host = tree_.tick(tap.host, by_host_);
    if (!tap.uri.empty()) tree_.tick(tap.uri, host);
  }

  int by_host_;
};

class LoadDistribution : public HttpStatistic {
 public:
  LoadDistribution() : HttpStatistic("HTTP/Load Distribution") {
    requests_ = tree_.node(kRequests, StatsTree::kRoot);
    by_address_ = tree_.node(kByAddress, requests_);
    by_host_ = tree_.node(kByHost, requests_);
    responses_ = tree_.node(kResponses, StatsTree::kRoot);
  }

 private:
  static constexpr const char* kRequests = "HTTP Requests by Server";
  static constexpr const char* kByAddress = "HTTP Requests by Server Address";
  static constexpr const char* kByHost = "HTTP Requests by HTTP Host";
  static constexpr const char* kResponses = "HTTP Responses by Server Address";

  void count(const Packet& pkt, const HttpTap& tap) override {
    if (!tap.method.empty()) {
      std::string server = address_text(pkt.net_dst);
      tree_.tick(kRequests, StatsTree::kRoot);
      tree_.tick(kByAddress, requests_);
      tree_.tick(kByHost, requests_);
      int address = tree_.tick(server, by_address_);
      if (!tap.host.empty()) {
        int host = tree_.tick(tap.host, by_host_);
        tree_.tick(server, host);
        tree_.tick(tap.host, address);
      }
    } else if (unsigned code = tap.response_code) {
      tree_.tick(kResponses, StatsTree::kRoot);
      int address = tree_.tick(address_text(pkt.net_src), responses_);
      tree_.tick(code > 100 && code < 400 ? "OK" : "KO", address);
    }
  }

  int requests_, by_address_, by_host_, responses_;
};

}  // namespace

std::unique_ptr<Statistic> make_http_packet_counter() {
  return std::make_unique<PacketCounter>();
}

std::unique_ptr<Statistic> make_http_requests() {
  return std::make_unique<Requests>();
}

std::unique_ptr<Statistic> make_http_load_distribution() {
  return std::make_unique<LoadDistribution>();
}

}  // namespace netsift
