#include "output/f5_flows_stat.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/field_registry.h"
#include "dissectors/f5ethtrailer.h"
#include "dissectors/tcp_fields.h"
#include "core/address_format.h"

namespace netsift {

namespace {

constexpr uint64_t kSyn = 0x002, kAck = 0x010, kRst = 0x004;

std::string endpoint(const Address& a, uint16_t port) {
  std::string s;
  if (a.type == AddressType::kIpv4) {
    append_ipv4(s, (uint32_t{a.bytes[0]} << 24) | (uint32_t{a.bytes[1]} << 16) |
                       (uint32_t{a.bytes[2]} << 8) | a.bytes[3]);
    return fmt::format("{}:{}", s, port);
  }
  append_ipv6(s, a.bytes);
  return fmt::format("[{}]:{}", s, port);
}

// One TCP connection (tcp.stream) as the trailers of its displayed frames describe it.
struct Side {
  uint32_t stream = 0;
  uint64_t first_frame = 0;
  std::optional<uint32_t> peer;
  // The far end (the client on the client side, the pool member on the server side) sends
  // the frames BIG-IP marks ingress; `near` is the BIG-IP's own address (virtual or self IP).
  std::string far, near;
  bool endpoints_known = false;
  std::optional<bool> syn_ingress;  // direction of the first SYN: ingress = client side
  std::string vip, tmm;
  uint64_t packets = 0, payload = 0;
  int64_t syn_ns = -1, handshake_ns = -1;  // latest SYN; SYN to first ACK (initial RTT)
  std::string reset;                       // first RST cause text, or "RST" for a reset without one
};

struct FrameFacts {
  std::optional<uint32_t> stream, peer;
  uint64_t flags = 0, payload = 0;
  bool ingress = false, low = false;
  uint8_t slot = 0, tmm = 0;
  std::string_view vip, rst_cause;
};

class F5Flows : public Statistic {
 public:
  void packet(const Packet& pkt) override {
    FrameFacts f;
    if (!read(pkt, f)) return;
    Side& s = sides_[*f.stream];
    if (s.packets == 0) {
      s.stream = *f.stream;
      s.first_frame = pkt.number;
    }
    ++s.packets;
    s.payload += f.payload;
    if (f.peer) s.peer = f.peer;
    if (f.low && s.tmm.empty()) s.tmm = fmt::format("s{}/tmm{}", f.slot, f.tmm);
    if (!f.vip.empty() && s.vip.empty()) s.vip = f.vip;
    if (f.low && !s.endpoints_known) {
      s.far = f.ingress ? endpoint(pkt.net_src, pkt.src_port) : endpoint(pkt.net_dst, pkt.dst_port);
      s.near =
          f.ingress ? endpoint(pkt.net_dst, pkt.dst_port) : endpoint(pkt.net_src, pkt.src_port);
      s.endpoints_known = true;
    }
    track_handshake(s, f, pkt.frame->ts.total_ns());
    if ((f.flags & kRst) && s.reset.empty()) s.reset = f.rst_cause.empty() ? "RST" : f.rst_cause;
  }

  void print(OutputSink& out) override;

 private:
  bool read(const Packet& pkt, FrameFacts& f) const;
  static void track_handshake(Side& s, const FrameFacts& f, int64_t now);

  std::map<uint32_t, Side> sides_;
};

bool F5Flows::read(const Packet& pkt, FrameFacts& f) const {
  using namespace f5_fields;
  bool trailer = false;
  for (const Node& n : pkt.tree.nodes()) {
    if (auto v = field_value(n, tcp_fields::stream))
      f.stream = static_cast<uint32_t>(*v);
    else if (auto v = field_value(n, tcp_fields::flags))
      f.flags = *v;
    else if (auto v = field_value(n, tcp_fields::len))
      f.payload = *v;
    else if (n.field == proto)
      trailer = true;
    else if (n.field == peer_stream)
      f.peer = static_cast<uint32_t>(n.value.u);
    else if (n.field == ingress)
      f.ingress = n.value.u != 0;
    else if (n.field == tmm)
      f.tmm = static_cast<uint8_t>(n.value.u), f.low = true;
    else if (n.field == slot)
      f.slot = static_cast<uint8_t>(n.value.u);
    else if (n.field == vip && n.value.bytes.n > 0)
      f.vip = n.value.str();
    else if (n.field == rstcausetxt)
      f.rst_cause = n.value.str();
  }
  return trailer && f.stream && pkt.port_type == PortType::kTcp;
}

// As tshark's tcp.analysis.initial_rtt: from the latest SYN to the first ACK without SYN.
void F5Flows::track_handshake(Side& s, const FrameFacts& f, int64_t now) {
  bool syn = f.flags & kSyn, ack = f.flags & kAck;
  if (syn && !ack) {
    if (s.syn_ns < 0 && f.low) s.syn_ingress = f.ingress;
    s.syn_ns = now;
  } else if (!syn && ack && s.syn_ns >= 0 && s.handshake_ns < 0) {
    s.handshake_ns = now - s.syn_ns;
  }
}

std::string handshake_ms(const Side* s) {
  if (!s || s->handshake_ns < 0) return "-";
  return fmt::format("{:.3f}", static_cast<double>(s->handshake_ns) / 1e6);
}

void F5Flows::print(OutputSink& out) {
  // Pair the streams; the client side is the one whose SYN came in (else the earlier one).
  // Either side may be the one that learnt the pairing (single pass: the later one).
  for (auto& [id, s] : sides_) {
    auto it = s.peer ? sides_.find(*s.peer) : sides_.end();
    if (it != sides_.end() && !it->second.peer) it->second.peer = id;
  }
  std::vector<std::pair<const Side*, const Side*>> rows;
  for (const auto& [id, s] : sides_) {
    const Side* peer = nullptr;
    if (s.peer) {
      auto it = sides_.find(*s.peer);
      if (it != sides_.end() && it->second.peer == id) peer = &it->second;
    }
    const Side* client = &s;
    const Side* server = peer;
    if (peer) {
      bool swap = s.syn_ingress.has_value() && peer->syn_ingress.has_value()
                      ? !*s.syn_ingress && *peer->syn_ingress
                      : (s.syn_ingress ? !*s.syn_ingress : peer->first_frame < s.first_frame);
      if (swap) std::swap(client, server);
      if (client != &s) continue;  // the row is printed once, from its client side
    } else if (s.syn_ingress == false) {
      std::swap(client, server);  // a connection the BIG-IP opened, with no client side seen
    }
    rows.emplace_back(client, server);
  }
  auto first = [](const auto& r) { return (r.first ? r.first : r.second)->first_frame; };
  std::sort(rows.begin(), rows.end(),
            [&](const auto& a, const auto& b) { return first(a) < first(b); });

  const std::vector<std::string> head = {
      "Streams",  "Client", "Virtual server", "Virtual address", "BIG-IP side", "Server",
      "Slot/TMM", "C pkts", "C bytes",        "S pkts",          "S bytes",     "C hs ms",
      "S hs ms",  "Reset"};
  std::vector<std::vector<std::string>> table;
  auto num = [](const Side* s, uint64_t Side::*m) {
    return s ? std::to_string(s->*m) : std::string("-");
  };
  auto text = [](const Side* s, std::string Side::*m) {
    return s && !(s->*m).empty() ? s->*m : std::string("-");
  };
  for (auto [c, s] : rows) {
    std::string reset = "-";
    if (c && !c->reset.empty())
      reset = "client side: " + c->reset;
    else if (s && !s->reset.empty())
      reset = "server side: " + s->reset;
    std::string vip = text(c, &Side::vip);
    if (vip == "-") vip = text(s, &Side::vip);
    std::string tmm = text(c, &Side::tmm);
    if (tmm == "-") tmm = text(s, &Side::tmm);
    table.push_back({fmt::format("{}/{}", c ? std::to_string(c->stream) : "-",
                                 s ? std::to_string(s->stream) : "-"),
                     text(c, &Side::far), vip, text(c, &Side::near), text(s, &Side::near),
                     text(s, &Side::far), tmm, num(c, &Side::packets), num(c, &Side::payload),
                     num(s, &Side::packets), num(s, &Side::payload), handshake_ms(c),
                     handshake_ms(s), reset});
  }
  std::vector<size_t> width(head.size());
  for (size_t i = 0; i < head.size(); ++i) {
    width[i] = head[i].size();
    for (const auto& r : table) width[i] = std::max(width[i], r[i].size());
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string l;
    for (size_t i = 0; i < cells.size(); ++i) {
      bool last = i + 1 == cells.size();
      bool numeric = i >= 7 && i <= 12;  // counts and times: right-aligned
      if (numeric)
        l += fmt::format("{:>{}}  ", cells[i], width[i]);
      else
        l += last ? cells[i] : fmt::format("{:<{}}  ", cells[i], width[i]);
    }
    return l + "\n";
  };
  std::string body = line(head);
  for (const auto& r : table) body += line(r);
  std::string rule(std::max<size_t>(body.find('\n'), 80), '=');
  out.write(
      fmt::format("{}\nF5 proxied connections: client -> virtual server -> server "
                  "(C = client side, S = server side; bytes = TCP payload; hs = SYN to "
                  "first ACK, as tcp.analysis.initial_rtt)\n{}{}\n",
                  rule, body, rule));
}

}  // namespace

std::unique_ptr<Statistic> make_f5_flows() {
  return std::make_unique<F5Flows>();
}

}  // namespace netsift
