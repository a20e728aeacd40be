#include "output/http_stats.h"

#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>

#include "core/address_format.h"
#include "core/field_registry.h"
#include "core/session.h"
#include "dissectors/http.h"
#include "dissectors/http_fields.h"
#include "output/stat_taps.h"
#include "output/stats_tree.h"

namespace netsift {

namespace {

// What tshark's HTTP tap reports for one message (one HTTP protocol node).
struct HttpTap {
  std::string_view method, host, uri, code_desc, full_uri, referer, location, response_for_uri;
  unsigned response_code = 0;
  bool has_host = false, has_uri = false;  // present, if empty
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
      if (pkt.tree[i].field != http_fields::proto) continue;
      HttpTap tap;
      bool tunnel = false;  // a CONNECT tunnel's packet: tshark's HTTP taps nothing for it
      for (size_t j = i + 1; j < pkt.tree.size() && pkt.tree[j].parent >= static_cast<int>(i);
           ++j) {
        const Node& n = pkt.tree[j];
        if (n.field == http_fields::proxy_connect_host)
          tunnel = true;
        else if (n.field == http_fields::request_method && tap.method.empty())
          tap.method = text(n.value);
        else if (n.field == http_fields::host && !tap.has_host)
          tap.host = text(n.value), tap.has_host = true;
        else if (n.field == http_fields::request_uri && !tap.has_uri)
          tap.uri = text(n.value), tap.has_uri = true;
        else if (n.field == http_fields::response_code && tap.response_code == 0)
          tap.response_code = static_cast<unsigned>(n.value.u);
        else if (n.field == http_fields::response_code_desc && tap.code_desc.empty())
          tap.code_desc = text(n.value);
        else if (n.field == http_fields::request_full_uri && tap.full_uri.empty())
          tap.full_uri = text(n.value);
        else if (n.field == http_fields::referer && tap.referer.empty())
          tap.referer = text(n.value);
        else if (n.field == http_fields::location && tap.location.empty())
          tap.location = text(n.value);
        else if (n.field == http_fields::response_for_uri && tap.response_for_uri.empty())
          tap.response_for_uri = text(n.value);
      }
      if (tunnel) continue;
      if (tap.method.empty() && tap.response_code == 0 && binary(pkt, pkt.tree[i])) continue;
      tree_.use_budget(pkt.session->memory());
      tree_.set_now(static_cast<double>(relative_ns(pkt)) / 1e6);
      count(pkt, tap);
    }
    for (const TapRecord& t : pkt.taps) {
      if (t.tap != kHttpPrefaceTap) continue;
      tree_.use_budget(pkt.session->memory());
      tree_.set_now(static_cast<double>(relative_ns(pkt)) / 1e6);
      count(pkt, HttpTap{});
    }
  }

  void print(OutputSink& out) override { out.write(tree_.format()); }

 protected:
  virtual void count(const Packet& pkt, const HttpTap& tap) = 0;

  StatsTree tree_;

 private:
  // tshark shows binary bytes after an HTTP message as a Continuation without tapping them:
  // the first byte (after one leading CRLF) is not printable ASCII.
  static bool binary(const Packet& pkt, const Node& n) {
    const uint8_t* data = pkt.frame->data;
    size_t size = pkt.frame->caplen;
    if (n.source != 0) {
      data = pkt.sources[n.source - 1].data;
      size = pkt.sources[n.source - 1].length;
    }
    size_t off = n.offset;
    if (n.length > 3 && off + 2 <= size && data[off] == '\r' && data[off + 1] == '\n') off += 2;
    return off < size && (data[off] < 0x20 || data[off] > 0x7e);
  }
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
    if (!tap.has_host) return;
    int host = tree_.tick(tap.host, by_host_);
    if (tap.has_uri) tree_.tick(tap.uri, host);
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
      if (tap.has_host) {
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

// A Location header resolved against the URI of the request it answers, with the shortcuts
// Wireshark's determine_http_location_target takes; nullopt when it cannot.
std::optional<std::string> location_target(std::string_view base, std::string_view location) {
  size_t scheme_end = base.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  if (location.empty()) return std::string(base);
  if (location.starts_with("//")) {
    // The base's scheme (RFC 3986: a letter, then letters, digits, '+', '-', '.').
    size_t colon = base.find(':');
    if (colon == 0 || !std::isalpha(static_cast<unsigned char>(base[0]))) return std::nullopt;
    for (char c : base.substr(0, colon))
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.')
        return std::nullopt;
    return fmt::format("{}:{}", base.substr(0, colon), location);
  }
  if (location.find("://") != std::string_view::npos) return std::string(location);
  std::string_view no_query = base.substr(0, base.find('#'));
  no_query = no_query.substr(0, no_query.find('?'));
  if (location.starts_with("?")) return fmt::format("{}{}", no_query, location);
  std::string_view after_scheme = no_query.substr(scheme_end + 3);
  if (location.starts_with("/")) {
    if (after_scheme.empty()) return std::nullopt;
    size_t netloc_end = after_scheme.find('/');
    if (netloc_end == std::string_view::npos) return std::nullopt;
    return fmt::format("{}{}", no_query.substr(0, scheme_end + 3 + netloc_end), location);
  }
  size_t last_slash = after_scheme.rfind('/');
  if (last_slash != std::string_view::npos)
    return fmt::format("{}/{}", no_query.substr(0, scheme_end + 3 + last_slash), location);
  return fmt::format("{}/{}", no_query, location);
}

// Referer chains: each request is counted under the node of its Referer, and every node above
// is counted again, so each level shows how many requests followed from it. A URI maps to the
// node where it was last requested (Wireshark's best effort: a Referer names no chain).
class RequestSequences : public HttpStatistic {
 public:
  RequestSequences() : HttpStatistic("HTTP/Request Sequences") {
    root_ = tree_.node(kRoot, StatsTree::kRoot);
    uri_node_[kRoot] = root_;
    node_uri_[root_] = kRoot;
    node_parent_[root_] = StatsTree::kRoot;
  }

 private:
  static constexpr const char* kRoot = "HTTP Request Sequences";

  void count(const Packet&, const HttpTap& tap) override {
    if (!tap.location.empty() && !tap.response_for_uri.empty())
      if (auto target = location_target(tap.response_for_uri, tap.location))
        follow(tap.response_for_uri, *target);
    if (!tap.method.empty() && !tap.referer.empty() && !tap.full_uri.empty())
      follow(tap.referer, tap.full_uri);
  }

  void follow(std::string_view from, std::string_view to) {
    int referer = tick_referer(std::string(from));
    tick_request(std::string(to), referer);
    for (int current = referer;;) {
      auto parent = node_parent_.find(current);
      if (parent == node_parent_.end()) break;
      tree_.tick(node_uri_[current], parent->second);
      current = parent->second;
    }
  }

  int tick_referer(const std::string& uri) {
    auto known = uri_node_.find(uri);
    if (known != uri_node_.end()) return tree_.tick(uri, node_parent_[known->second]);
    int id = tree_.tick(uri, root_);
    if (id == StatsTree::kRefused) return id;  // past the statistics budget: nothing kept
    uri_node_[uri] = id;
    node_uri_[id] = uri;
    node_parent_[id] = root_;
    return id;
  }

  void tick_request(const std::string& uri, int referer) {
    int id = tree_.tick(uri, referer);
    if (id == StatsTree::kRefused) return;
    if (node_uri_.emplace(id, uri).second) node_parent_[id] = referer;
    uri_node_[node_uri_[id]] = id;
  }

  int root_;
  std::unordered_map<std::string, int> uri_node_;
  std::unordered_map<int, std::string> node_uri_;
  std::unordered_map<int, int> node_parent_;
};

}  // namespace

std::unique_ptr<Statistic> make_http_request_sequences() {
  return std::make_unique<RequestSequences>();
}

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
