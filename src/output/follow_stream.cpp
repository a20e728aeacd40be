#include "output/follow_stream.h"
#include "core/append_format.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "analysis/tcp_follow.h"
#include "core/address_format.h"
#include "core/field_registry.h"
#include "dissectors/http.h"
#include "dissectors/http2.h"
#include "dissectors/tcp_fields.h"
#include "dissectors/tls.h"
#include "dissectors/udp_fields.h"

namespace netsift {

namespace {

enum class FollowProto { kTcp, kUdp, kHttp, kHttp2, kTls };
enum class FollowMode { kAscii, kHex, kRaw, kYaml };

constexpr std::string_view kSeparator =
    "===================================================================\n";
constexpr char kHexDigits[] = "0123456789abcdef";
constexpr uint8_t kTlsApplicationData = 23;

[[noreturn]] void fail(const char* what) {
  throw StatisticArgumentError(fmt::format("follow - {}", what));
}

// Reads a decimal number with an optional sign, as sscanf's %d does; false when none is there.
bool read_int(std::string_view& s, int64_t* v) {
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  size_t digits = i;
  int64_t n = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && n < (int64_t{1} << 40))
    n = n * 10 + (s[i++] - '0');
  if (i == digits) return false;
  *v = neg ? -n : n;
  s.remove_prefix(i);
  return true;
}

bool eat(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  return true;
}

void append_plain_address(std::string& out, const Address& a) {
  if (a.type == AddressType::kIpv4)
    append_ipv4(out, uint32_t{a.bytes[0]} << 24 | uint32_t{a.bytes[1]} << 16 |
                         uint32_t{a.bytes[2]} << 8 | a.bytes[3]);
  else if (a.type == AddressType::kIpv6)
    append_ipv6(out, a.bytes);
}

void append_base64(std::string& out, std::string_view in) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    uint32_t v =
        uint32_t{uint8_t(in[i])} << 16 | uint32_t{uint8_t(in[i + 1])} << 8 | uint8_t(in[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out.push_back(kAlphabet[(v >> k) & 63]);
  }
  size_t rest = in.size() - i;
  if (rest == 0) return;
  uint32_t v = uint32_t{uint8_t(in[i])} << 16;
  if (rest == 2) v |= uint32_t{uint8_t(in[i + 1])} << 8;
  out.push_back(kAlphabet[(v >> 18) & 63]);
  out.push_back(kAlphabet[(v >> 12) & 63]);
  out.push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
  out.push_back('=');
}

// tshark's follow hex dump: offset, 16 bytes in two groups of 8, their printable characters.
void append_hex_dump(std::string& out, std::string_view prefix, uint32_t offset,
                     std::string_view data) {
  for (size_t line = 0; line < data.size(); line += 16, offset += 16) {
    size_t n = std::min<size_t>(16, data.size() - line);
    char text[80];
    std::fill(std::begin(text), std::end(text), ' ');
    std::snprintf(text, sizeof text, "%08X", offset);
    text[8] = ' ';
    size_t hex = 10, ascii = 60;
    for (size_t i = 0; i < n; ++i) {
      uint8_t b = static_cast<uint8_t>(data[line + i]);
      text[hex] = kHexDigits[b >> 4];
      text[hex + 1] = kHexDigits[b & 15];
      hex += 3;
      text[ascii++] = b >= ' ' && b < 0x7f ? static_cast<char>(b) : '.';
      if (i == 7) {
        ++hex;
        ++ascii;
      }
    }
    if (text[ascii - 1] == ' ') --ascii;  // a line of exactly 8 bytes ends with the gap
    out.append(prefix);
    out.append(text, ascii);
    out.push_back('\n');
  }
}

struct Endpoint {
  Address addr;
  uint16_t port = 0;
  bool operator==(const Endpoint& o) const { return port == o.port && addr == o.addr; }
};

// One ADDR:PORT or [ADDR6]:PORT after a comma, as tshark's follow reads it.
bool parse_endpoint(std::string_view& s, Endpoint* e, int64_t* port) {
  if (!eat(s, ",")) return false;
  std::string host;
  bool v6 = false;
  if (!s.empty() && s[0] == '[') {
    size_t close = s.find(']');
    if (close == std::string_view::npos || close == 1) return false;
    host.assign(s.substr(1, close - 1));
    s.remove_prefix(close + 1);
    v6 = true;
  } else {
    size_t colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    host.assign(s.substr(0, colon));
    s.remove_prefix(colon);
  }
  if (host.size() > 80 || !eat(s, ":") || !read_int(s, port)) return false;
  uint8_t buf[16];
  if (v6) {
    if (inet_pton(AF_INET6, host.c_str(), buf) != 1) fail("Can't get IPv6 address");
    e->addr = Address::ipv6(buf);
  } else {
    if (inet_pton(AF_INET, host.c_str(), buf) != 1) fail("Can't get IPv4 address");
    e->addr = Address::ipv4(buf);
  }
  return true;
}

class FollowStream : public Statistic {
 public:
  explicit FollowStream(std::string_view z_arg) {
    parse(z_arg);
    // HTTP messages are followed on their TCP stream.
    const bool udp = proto_ == FollowProto::kUdp;
    proto_id_ = udp ? udp_fields::proto : tcp_fields::proto;
    stream_id_ = udp ? udp_fields::stream : tcp_fields::stream;
    payload_id_ = udp ? udp_fields::payload : tcp_fields::payload;
  }

  void packet(const Packet& pkt) override {
    const PacketTree& t = pkt.tree;
    // A TCP or UDP header quoted inside an ICMP error sits below the ICMP node: not followed.
    int top = -1;
    for (size_t i = 0; i < t.size() && top < 0; ++i)
      if (t[i].field == proto_id_ && t[i].parent < 0) top = static_cast<int>(i);
    if (top < 0) return;
    int64_t stream = -1;
    std::string_view payload;
    uint32_t seq = 0, ack = 0, seglen = 0;
    uint16_t flags = 0;
    bool have_len = false, header_whole = false;
    for (size_t i = static_cast<size_t>(top) + 1; i < t.size(); ++i) {
      const Node& n = t[i];
      if (n.parent < top) break;  // past the protocol's subtree
      // tcp.time_relative sits in the [Timestamps] subtree; the rest are the header's items.
      if (n.field == tcp_fields::time_relative) header_whole = true;
      if (n.parent != top) continue;
      if (auto v = field_value(n, stream_id_))
        stream = static_cast<int64_t>(*v);
      else if (auto v = field_value(n, payload_id_))
        payload = {reinterpret_cast<const char*>(v->data()), v->size()};
      else if (auto v = field_value(n, tcp_fields::seq))
        seq = static_cast<uint32_t>(*v);
      else if (auto v = field_value(n, tcp_fields::ack))
        ack = static_cast<uint32_t>(*v);
      else if (auto v = field_value(n, tcp_fields::flags))
        flags = static_cast<uint16_t>(*v);
      else if (auto v = field_value(n, tcp_fields::len)) {
        seglen = static_cast<uint32_t>(*v);
        have_len = true;
      }
    }
    Endpoint src{pkt.net_src, pkt.src_port}, dst{pkt.net_dst, pkt.dst_port};
    if (stream_index_ >= 0) {
      if (stream != stream_index_) return;
    } else if (!((src == filter_[0] && dst == filter_[1]) ||
                 (src == filter_[1] && dst == filter_[0]))) {
      return;
    }
    if (proto_ == FollowProto::kHttp) {
      add_http_messages(pkt, src, dst);
      return;
    }
    if (proto_ == FollowProto::kHttp2) {
      add_http2_frames(pkt, src, dst);
      return;
    }
    if (proto_ == FollowProto::kTls) {
      add_tls_records(pkt, src, dst);
      return;
    }
    // tshark hands a segment to follow only once its header and options were dissected whole:
    // TCP adds tcp.time_relative right after them.
    if (proto_ == FollowProto::kTcp && !(have_len && header_whole)) return;
    if (!have_client_) {
      client_ = src;
      server_ = dst;
      have_client_ = true;
    }
    bool from_server = !(src == client_);
    uint32_t frame = static_cast<uint32_t>(pkt.number);
    if (proto_ == FollowProto::kUdp) {
      messages_.push_back(FollowChunk{from_server, frame, pkt.frame->ts, 0, std::string(payload)});
      return;
    }
    tcp_.add(FollowSegment{from_server, seq, ack, (flags & 0x002) != 0, seglen, payload, frame,
                           pkt.frame->ts});
  }

  void print(OutputSink& out) override {
    std::string& o = out.buffer();
    if (mode_ == FollowMode::kYaml) {
      o.append("peers:\n");
      print_yaml_peer(o, 0, client_);
      print_yaml_peer(o, 1, server_);
      o.append("packets:\n");
    } else {
      o.push_back('\n');
      o.append(kSeparator);
      append_format(o, "Follow: {},{}\nFilter: {}\n", proto_name(),
                     mode_name(), filter_text_);
      print_node(o, 0, client_);
      print_node(o, 1, server_);
    }
    const std::vector<FollowChunk>& chunks =
        proto_ == FollowProto::kTcp ? tcp_.chunks() : messages_;
    uint32_t position[2] = {0, 0};
    uint64_t number = 0;
    for (const FollowChunk& c : chunks) {
      ++number;
      uint32_t& pos = position[c.from_server];
      if (number < chunk_min_ || number > chunk_max_) {
        pos += static_cast<uint32_t>(c.data.size());
        continue;
      }
      print_chunk(o, c, pos);
      out.end_packet();
    }
    if (mode_ != FollowMode::kYaml) o.append(kSeparator);
  }

 private:
  void parse(std::string_view arg) {
    std::string_view s = arg;
    eat(s, "follow,");
    if (eat(s, "tcp"))
      proto_ = FollowProto::kTcp;
    else if (eat(s, "udp"))
      proto_ = FollowProto::kUdp;
    else if (eat(s, "http2"))
      proto_ = FollowProto::kHttp2;
    else if (eat(s, "http"))
      proto_ = FollowProto::kHttp;
    else if (eat(s, "tls"))
      proto_ = FollowProto::kTls;
    if (eat(s, ",hex"))
      mode_ = FollowMode::kHex;
    else if (eat(s, ",ascii"))
      mode_ = FollowMode::kAscii;
    else if (eat(s, ",raw"))
      mode_ = FollowMode::kRaw;
    else if (eat(s, ",yaml"))
      mode_ = FollowMode::kYaml;
    else
      fail("Invalid display mode.");
    parse_filter(s);
    parse_range(s);
    if (!s.empty()) fail("Invalid parameter.");
  }

  void parse_filter(std::string_view& s) {
    std::string_view probe = s;
    int64_t index;
    if (proto_ == FollowProto::kHttp2) {
      // TCP stream and HTTP/2 stream ids; or, as for TCP, the two endpoints (every stream).
      int64_t sub;
      if (eat(probe, ",") && read_int(probe, &index) && (probe.empty() || probe[0] == ',')) {
        if (!eat(probe, ",") || !read_int(probe, &sub))
          fail("Error creating filter for this stream.");
        s = probe;
        if (index < 0 || index > 0x7fffffff || sub < 0 || sub > 0x7fffffff)
          fail("Error registering tap listener.");
        stream_index_ = index;
        substream_ = static_cast<uint32_t>(sub);
        filter_text_ = fmt::format("tcp.stream eq {} and http2.streamid eq {}", index, sub);
        return;
      }
      all_substreams_ = true;
      probe = s;
    }
    if (eat(probe, ",") && read_int(probe, &index) && (probe.empty() || probe[0] == ',')) {
      s = probe;
      if (index < 0 || index > 0x7fffffff) fail("Error registering tap listener.");
      stream_index_ = index;
      filter_text_ =
          fmt::format("{}.stream eq {}", proto_ == FollowProto::kUdp ? "udp" : "tcp", index);
      return;
    }
    for (Endpoint& e : filter_) {
      int64_t port = 0;
      if (!parse_endpoint(s, &e, &port)) fail("Invalid address.");
      if (port <= 0 || port > 65535) fail("Invalid port.");
      e.port = static_cast<uint16_t>(port);
    }
    if (filter_[0].addr.type != filter_[1].addr.type) fail("Mismatched IP address types.");
    std::string a, b;
    append_plain_address(a, filter_[0].addr);
    append_plain_address(b, filter_[1].addr);
    const char* ip = filter_[0].addr.type == AddressType::kIpv6 ? "ipv6" : "ip";
    const char* l4 = proto_ == FollowProto::kUdp ? "udp" : "tcp";
    filter_text_ = fmt::format(
        "(({0}.src eq {1} and {5}.srcport eq {2}) and ({0}.dst eq {3} and {5}.dstport eq {4})) or "
        "(({0}.src eq {3} and {5}.srcport eq {4}) and ({0}.dst eq {1} and {5}.dstport eq {2}))",
        ip, a, filter_[0].port, b, filter_[1].port, l4);
  }

  void parse_range(std::string_view& s) {
    if (s.empty()) return;
    int64_t lo = 0, hi = 0;
    std::string_view p = s;
    if (!eat(p, ",") || p.empty() || p[0] == '-' || !read_int(p, &lo)) fail("Invalid range.");
    hi = lo;
    std::string_view q = p;
    if (eat(q, "-") && !q.empty() && q[0] != '-' && read_int(q, &hi)) p = q;
    s = p;
    if (lo < 1 || lo > hi) fail("Invalid range value.");
    chunk_min_ = static_cast<uint64_t>(lo);
    chunk_max_ = static_cast<uint64_t>(hi);
  }

  const char* proto_name() const {
    switch (proto_) {
      case FollowProto::kTcp:
        return "tcp";
      case FollowProto::kUdp:
        return "udp";
      case FollowProto::kHttp:
        return "http";
      case FollowProto::kHttp2:
        return "http2";
      case FollowProto::kTls:
        return "tls";
    }
    return "";
  }

  // HTTP's follow tap: for each message completed in this packet (the dissector's records),
  // its header block (start line, header lines, blank line; empty for a body continued from
  // earlier) and then its entity body as decoded (de-chunked, uncompressed), when it has one.
  void add_http_messages(const Packet& pkt, const Endpoint& src, const Endpoint& dst) {
    for_each_http_message(pkt, [&](const HttpMessage& m) {
      add_message_chunk(pkt, src, dst, m.header);
      if (m.has_body)
        add_message_chunk(pkt, src, dst, {reinterpret_cast<const char*>(m.body), m.body_len});
    });
  }

  // HTTP/2's follow tap: every frame of the followed stream, a header block as its decoded
  // fields, any other frame whole (header included).
  void add_http2_frames(const Packet& pkt, const Endpoint& src, const Endpoint& dst) {
    for_each_http2_frame(pkt, [&](const Http2FrameRecord& f) {
      if (f.magic || (!all_substreams_ && f.stream_id != substream_) || f.follow_len == 0)
        return;
      add_message_chunk(pkt, src, dst,
                        {reinterpret_cast<const char*>(f.follow_data), f.follow_len});
    });
  }

  // TLS's follow tap, as tshark 4.0 has it: the sender of the first packet with any decrypted
  // record is node 0 (the server, in TLS 1.3, whose EncryptedExtensions come first) and node 1
  // stays empty; each decrypted application data record with bytes is one chunk.
  void add_tls_records(const Packet& pkt, const Endpoint& src, const Endpoint&) {
    for_each_tls_decrypted_record(pkt, [&](const TlsDecryptedRecord& r) {
      if (!have_client_) {
        client_ = src;
        have_client_ = true;
      }
      if (r.content_type != kTlsApplicationData || r.plaintext.empty()) return;
      messages_.push_back(FollowChunk{
          !(src == client_), static_cast<uint32_t>(pkt.number), pkt.frame->ts, 0,
          std::string(reinterpret_cast<const char*>(r.plaintext.data()), r.plaintext.size())});
    });
  }

  void add_message_chunk(const Packet& pkt, const Endpoint& src, const Endpoint& dst,
                         std::string_view data) {
    if (!have_client_) {
      client_ = src;
      server_ = dst;
      have_client_ = true;
    }
    messages_.push_back(FollowChunk{!(src == client_), static_cast<uint32_t>(pkt.number),
                                    pkt.frame->ts, 0, std::string(data)});
  }

  const char* mode_name() const {
    switch (mode_) {
      case FollowMode::kHex:
        return "hex";
      case FollowMode::kAscii:
        return "ascii";
      case FollowMode::kRaw:
        return "raw";
      case FollowMode::kYaml:
        return "yaml";
    }
    return "";
  }

  static void print_node(std::string& o, int n, const Endpoint& e) {
    append_format(o, "Node {}: ", n);
    if (e.addr.type == AddressType::kIpv6) o.push_back('[');
    append_plain_address(o, e.addr);
    if (e.addr.type == AddressType::kIpv6) o.push_back(']');
    append_format(o, ":{}\n", e.port);
  }

  static void print_yaml_peer(std::string& o, int n, const Endpoint& e) {
    append_format(o, "  - peer: {}\n    host: ", n);
    append_plain_address(o, e.addr);
    append_format(o, "\n    port: {}\n", e.port);
  }

  void print_chunk(std::string& o, const FollowChunk& c, uint32_t& pos) const {
    std::string_view indent = c.from_server ? "\t" : "";
    switch (mode_) {
      case FollowMode::kHex:
        append_hex_dump(o, indent, pos, c.data);
        pos += static_cast<uint32_t>(c.data.size());
        break;
      case FollowMode::kAscii:
        append_format(o, "{}{}\n", indent, c.data.size());
        for (char ch : c.data) {
          auto b = static_cast<unsigned char>(ch);
          o.push_back(ch == '\r' || ch == '\n' || (b >= 0x20 && b < 0x7f) ? ch : '.');
        }
        o.push_back('\n');
        break;
      case FollowMode::kRaw:
        o.append(indent);
        for (char ch : c.data) {
          auto b = static_cast<unsigned char>(ch);
          o.push_back(kHexDigits[b >> 4]);
          o.push_back(kHexDigits[b & 15]);
        }
        o.push_back('\n');
        break;
      case FollowMode::kYaml: {
        // tshark converts the timestamp to a double before printing it.
        double secs = static_cast<double>(c.ts.sec) + static_cast<double>(c.ts.nsec) / 1e9;
        append_format(o,
                       "  - packet: {}\n    peer: {}\n    timestamp: {:.9f}\n"
                       "    data: !!binary |\n",
                       c.frame, c.from_server ? 1 : 0, secs);
        std::string_view d = c.data;
        for (size_t i = 0; i < d.size(); i += 57) {
          o.append("      ");
          append_base64(o, d.substr(i, 57));
          o.push_back('\n');
        }
        break;
      }
    }
  }

  FollowProto proto_ = FollowProto::kTcp;
  FollowMode mode_ = FollowMode::kAscii;
  int64_t stream_index_ = -1;
  uint32_t substream_ = 0;        // HTTP/2 stream id
  bool all_substreams_ = false;  // HTTP/2 followed by endpoints: every stream
  Endpoint filter_[2];
  std::string filter_text_;
  uint64_t chunk_min_ = 1, chunk_max_ = UINT32_MAX;

  // TCP's or UDP's.
  ProtocolField proto_id_;
  UintField stream_id_;
  BytesField payload_id_;
  bool have_client_ = false;
  Endpoint client_, server_;
  TcpFollowAssembler tcp_;
  // UDP datagrams, HTTP header blocks and bodies, HTTP/2 frames or TLS records.
  std::vector<FollowChunk> messages_;
};

}  // namespace

std::unique_ptr<Statistic> make_follow_stream(std::string_view z_arg) {
  return std::make_unique<FollowStream>(z_arg);
}

}  // namespace netsift
