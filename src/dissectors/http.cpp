// Hypertext Transfer Protocol 1.x (RFC 9112) over TCP as tshark 4.0 shows it. This file frames
// messages: it finds where one starts, asks TCP for more bytes until its headers and body are
// whole (Content-Length, chunked coding, until the close), builds the message's tree and Info
// column, and dissects several messages in a segment. The parts:
// http_start_line.cpp (request/status lines), http_headers.cpp (header lines and fields),
// http_exchanges.cpp (request/response matching per connection), http_body.cpp (chunks,
// content coding, media types), http_fields.cpp (the field table), http_text.cpp.
#include "dissectors/http.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <deque>
#include <new>
#include <string>

#include "analysis/http_conversation.h"
#include "core/ascii.h"
#include "core/conversation.h"
#include "core/dissector_table.h"
#include "core/expert.h"
#include "core/field_registry.h"
#include "core/preferences.h"
#include "core/session.h"
#include "core/text_format.h"
#include "dissectors/http2.h"
#include "dissectors/http_internal.h"
#include "dissectors/media.h"
#include "dissectors/tcp_desegment.h"
#include "dissectors/tls.h"

namespace netsift {

using namespace http;

namespace {

constexpr uint16_t kTcpPorts[] = {80, 1900, 2710, 2869, 3128, 3132, 5985, 8080, 8088, 11371};

constexpr size_t kMaxExpertText = 239;

// Whether headers and bodies may ask TCP for more segments, and whether chunked and
// content-coded bodies are decoded (tshark's http.desegment_*, dechunk_body, decompress_body).
BoolPref pref_desegment_headers;
BoolPref pref_desegment_body;
BoolPref pref_dechunk_body;
BoolPref pref_decompress_body;
// HTTP's TCP ports (tshark's http.tcp.port): a CONNECT tunnel to one of them shows data.
RangePref pref_tcp_port;
// A Content-Length beyond what tshark's reassembly takes (a signed 32-bit length): the body is
// then read until the connection closes.
constexpr uint64_t kMaxReassembledLength = 0x7fffffff;

// A message record for the taps, in the packet arena (see HttpMessage).
HttpMessage& queue_message(Packet& pkt) {
  auto* msg = new (pkt.arena.alloc(sizeof(HttpMessage), alignof(HttpMessage))) HttpMessage{};
  pkt.taps.push_back(TapRecord{kHttpMessageTap, msg});
  return *msg;
}

// Bytes that start no message, for the taps: a body without headers, attributed to the
// connection's latest request.
void queue_unparsed(Packet& pkt, const ByteReader& r, size_t off, const HttpConversation& conv) {
  HttpMessage& msg = queue_message(pkt);
  msg.has_body = true;
  msg.body = r.data() + off;
  msg.body_len = r.size() - off;
  if (conv.have_request) {
    msg.has_request_uri = true;
    msg.request_uri = pkt.arena.copy(conv.latest_request_uri);
  }
}

void desegment(Packet& pkt, size_t off, uint32_t more) {
  TcpPayloadContext& tcp = pkt.scratch<TcpPayloadContext>();
  tcp.desegment_offset = static_cast<uint32_t>(off);
  tcp.desegment_len = more;
}

// One message starting at r[off]. Returns the bytes it used, or 0 when TCP was asked for more.
size_t dissect_message(const ByteReader& r, size_t off, Packet& pkt, HttpConversation& conv) {
  const TcpPayloadContext& tcp = pkt.scratch<TcpPayloadContext>();
  const PrefStore& prefs = pkt.session->prefs;
  bool more_headers = tcp.can_desegment && prefs.get(pref_desegment_headers);
  std::string_view all{reinterpret_cast<const char*>(r.data()), r.size()};
  // The first line decides, even before it is complete, whether a message starts here.
  Line first = find_line(r, off);
  std::string_view line = all.substr(off, first.len);
  std::string_view method;
  Kind kind = classify(line, &method);
  if (kind == Kind::kOther && conv.exchanges == 0) {
    // Not HTTP-looking and no HTTP seen on the connection yet: tshark keeps the bytes but
    // shows nothing for them, unless text without a line end may still become a request.
    // Text still reaches its taps (export, follow), as a body without headers.
    bool text = !line.empty() && std::isprint(static_cast<unsigned char>(line[0]));
    if (!(text && !first.complete && more_headers)) {
      if (text) queue_unparsed(pkt, r, off, conv);
      return r.reported_size() - off;
    }
  }
  // Binary bytes after HTTP was seen are a continuation at once, whatever their lines.
  bool binary = kind == Kind::kOther && !std::isprint(static_cast<unsigned char>(all[off]));
  if (!first.complete && more_headers && !binary) {
    desegment(pkt, off, kDesegmentOneMoreSegment);
    return 0;
  }
  // A line cut by the snapshot length: tshark's line search runs into the missing bytes.
  if (!first.complete && r.truncated()) r.fail(r.size(), 1);
  if (pkt.cols.enabled) pkt.cols.set_protocol("HTTP");
  if (kind == Kind::kOther) {
    // Body bytes of a message not seen whole (capture gap, or beyond its length): tshark
    // knows no message they belong to, so shows them as data in the HTTP tree, no file data.
    if (pkt.cols.enabled && conv.last_message_frame != pkt.number)
      pkt.cols.set_info("Continuation");
    size_t len = r.reported_size() - off;
    int top = pkt.add_protocol(-1, http_fields::proto, r, off, len);
    pkt.call_data(r.sub(off), top);
    queue_unparsed(pkt, r, off, conv);
    return len;
  }
  if (pkt.cols.enabled) {
    std::string info;
    append_formatted_text(info, line);
    info += ' ';
    pkt.cols.set_info(info);
  }

  // Without header reassembly tshark learns no body framing before it asks TCP for more: it
  // reads a response until the close, and takes a request as it is.
  if (!prefs.get(pref_desegment_headers) && prefs.get(pref_desegment_body) &&
      kind == Kind::kResponse && tcp.can_desegment && !tcp.fin) {
    desegment(pkt, off, kDesegmentUntilFin);
    return 0;
  }
  HeaderScan hs = scan_headers(r, first.next);
  if (!hs.complete && more_headers) {
    desegment(pkt, off, kDesegmentOneMoreSegment);
    return 0;
  }
  if (!hs.complete && r.truncated()) r.fail(r.size(), 1);
  size_t body_off = hs.complete ? hs.end : r.size();
  hs.body.media_type = media_type_of(pkt, hs.body.content_type);
  hs.body.dechunk = prefs.get(pref_dechunk_body);
  hs.body.decompress = prefs.get(pref_decompress_body);

  // The latest request decides whether a response has a body (HEAD), as in tshark.
  unsigned code = 0;
  if (kind == Kind::kResponse) {
    size_t c = line.find(' ');
    if (c != std::string_view::npos && c + 4 <= line.size()) {
      for (size_t i = c + 1; i < c + 4; ++i) {
        if (line[i] < '0' || line[i] > '9') {
          code = 0;
          break;
        }
        code = code * 10 + static_cast<unsigned>(line[i] - '0');
      }
    }
  }
  bool no_body =
      kind == Kind::kResponse && ((conv.have_request && conv.latest_method == "HEAD") ||
                                  (code >= 100 && code < 200) || code == 204 || code == 304);
  size_t body_len = 0;
  // The sender's FIN: whatever of the body is here is all there will be (tshark's
  // end_of_stream).
  bool more_body = tcp.can_desegment && !tcp.fin && prefs.get(pref_desegment_body) &&
                   prefs.get(pref_desegment_headers);
  if (!no_body && hs.complete) {
    if (hs.body.chunked) {
      size_t n = http_body::chunked_length(r, body_off);
      if (n == 0 && more_body) {
        desegment(pkt, off, kDesegmentOneMoreSegment);
        return 0;
      }
      body_len = n ? n : r.size() - body_off;
    } else if (hs.have_length && hs.content_length <= kMaxReassembledLength) {
      size_t have = r.reported_size() - body_off;
      if (hs.content_length > have && more_body) {
        uint64_t more = hs.content_length - have;
        desegment(pkt, off,
                  more >= kDesegmentOneMoreSegment ? kDesegmentOneMoreSegment
                                                   : static_cast<uint32_t>(more));
        return 0;
      }
      body_len = static_cast<size_t>(std::min<uint64_t>(hs.content_length, have));
    } else if (kind == Kind::kResponse) {
      // No length: the body ends when the server closes the connection.
      if (more_body) {
        desegment(pkt, off, kDesegmentUntilFin);
        return 0;
      }
      body_len = r.reported_size() - body_off;
    }
  }
  size_t msg_len = body_off - off + body_len;

  // The message is whole: build its tree and record it.
  conv.last_message_frame = pkt.number;
  int top = pkt.add_protocol(-1, http_fields::proto, r, off, msg_len);
  std::string_view line_eol = all.substr(off, first.next - off);
  int ln = pkt.tree.add(top, f_text, r, off, first.next - off, Value{});
  label_line(pkt, ln, line_eol);
  // tshark formats expert messages into a label buffer: longer ones are cut, unmarked.
  std::string chat = escaped(line_eol);
  if (chat.size() > kMaxExpertText) {
    size_t cut = kMaxExpertText;
    while (cut > 0 && (static_cast<unsigned char>(chat[cut]) & 0xc0) == 0x80) --cut;
    chat.resize(cut);
  }
  add_expert(pkt, ln, f_chat, r, off, first.next - off, chat, kExpertChat, kGroupSequence);
  HttpMessage& msg = queue_message(pkt);
  msg.kind = kind == Kind::kRequest ? HttpMessage::Kind::kRequest : HttpMessage::Kind::kResponse;
  msg.host = hs.host;
  msg.header = all.substr(off, body_off - off);
  msg.content_type = hs.body.media_type;
  std::string_view uri;
  if (kind == Kind::kRequest)
    dissect_request_line(pkt, ln, r, off, line, &uri);
  else
    dissect_status_line(pkt, ln, r, off, line);
  dissect_headers(pkt, top, r, first.next, body_off,
                  kind == Kind::kRequest ? f_request_line : f_response_line);

  if (iequals(trim(hs.upgrade), "h2c")) conv.upgrade_h2c = true;
  if (kind == Kind::kRequest)
    record_request(pkt, top, r, off, conv, method, uri, hs.host, msg);
  else
    record_response(pkt, top, r, off, conv, code, msg);
  if (code == 101 && conv.upgrade_h2c) conv.http2 = true;
  if (body_len > 0) {
    size_t avail = std::min(body_len, r.remaining(body_off));
    http_body::dissect_body(pkt, top, r, body_off, avail, hs.body, msg);
    if (avail < body_len) r.fail(r.size(), body_len - avail);  // cut by the snapshot length
  }
  return msg_len;
}

// The rest of the payload from `off` to HTTP/2. With `http_layer`, HTTP is a layer of the frame
// (frame.protocols) without any item: tshark's HTTP hands an upgraded or prior-knowledge
// connection over without showing itself (not even to "-Y http").
void hand_to_http2(const ByteReader& r, size_t off, Packet& pkt, bool http_layer) {
  const size_t tree_before = pkt.tree.size(), layers_before = pkt.layers.size();
  if (http_layer) pkt.add_layer(http_fields::proto);
  TcpPayloadContext& tcp = pkt.scratch<TcpPayloadContext>();
  dissect_http2(r.sub(off), pkt, -1);
  if (tcp.desegment_len == 0) return;
  // Nothing whole yet: the segment shows no HTTP layer, as in tshark.
  if (tcp.desegment_offset == 0 && http_layer) {
    pkt.tree.truncate(tree_before);
    pkt.layers.resize(layers_before);
  }
  tcp.desegment_offset += static_cast<uint32_t>(off);
}

// The port of a CONNECT's authority as tshark reads it: strtol of what follows the first ':'
// (0 when no digits start it).
long authority_port(std::string_view after_colon) {
  std::string digits(after_colon);
  return std::strtol(digits.c_str(), nullptr, 10);
}

size_t dissect_http_tcp(const ByteReader& r, Packet& pkt, int);

// The CONNECT tunnels a packet is being dissected inside (a packet scratch state): HTTP called
// within a tunnel is the tunnelled connection's, with state of its own. Tunnels nest only so
// deep; a deeper one shows data.
struct HttpTunnelNesting {
  int depth = 0;
};
constexpr int kMaxTunnelDepth = 4;

// The HTTP state of the connection this call is on: the TCP connection's, or the tunnelled
// connection's for a call from within its CONNECT tunnel.
HttpConversation& current_conversation(Packet& pkt) {
  HttpConversation* conv = &conversation(pkt);
  for (int i = pkt.scratch<HttpTunnelNesting>().depth; i > 0; --i) {
    if (!conv->tunnelled) conv->tunnelled = std::make_unique<HttpConversation>();
    conv = conv->tunnelled.get();
  }
  return *conv;
}

// A packet of a CONNECT tunnel, as tshark's http_payload_subdissector shows it: an HTTP item
// naming the tunnel's host and port, then the tunnelled protocol, found as TCP would find it
// with the tunnel's port in place of the side tshark takes for the server's: the lower port's
// dissector, the higher one's, the heuristics, else data. A port HTTP itself serves gets data
// (tshark's guard against calling HTTP again).
size_t dissect_connect_tunnel(const ByteReader& r, Packet& pkt, HttpConversation& conv) {
  if (!conv.tunnel_started) {
    conv.tunnel_started = true;
    conv.tunnel_server = pkt.dst;
    conv.tunnel_server_port = pkt.dst_port;
  }
  std::string_view uri = conv.latest_request_uri;
  size_t colon = uri.find(':');
  if (colon == std::string_view::npos) {
    pkt.add_layer(http_fields::proto);  // tshark shows nothing of a tunnel without a port
    return r.reported_size();
  }
  long port = authority_port(uri.substr(colon + 1));
  int top = pkt.add_protocol(-1, http_fields::proto, r, 0, r.size());
  add_string(pkt, top, http_fields::proxy_connect_host, r, 0, 0, uri.substr(0, colon), kGenerated);
  pkt.tree.add(top, f_proxy_connect_port, r, 0, 0, Value::of_uint(static_cast<uint32_t>(port)),
               kGenerated);
  const bool from_server = pkt.src == conv.tunnel_server && pkt.src_port == conv.tunnel_server_port;
  // A port beyond 16 bits finds no dissector (it is not cut to 16 bits for the lookup).
  const bool port_fits = port >= 0 && port <= 0xffff;
  const uint16_t uri_port = static_cast<uint16_t>(port);
  const uint16_t sport = from_server ? uri_port : pkt.src_port;
  const uint16_t dport = from_server ? pkt.dst_port : uri_port;
  Dissector d = nullptr;
  if (!pkt.session->prefs.get(pref_tcp_port).contains(static_cast<uint32_t>(port))) {
    d = conv.tunnel_dissector;
    for (uint16_t p : {std::min(sport, dport), std::max(sport, dport)})
      if (!d && p != 0 && (port_fits || p != uri_port)) d = tables::tcp_port().find(p);
    for (const HeuristicDissector& h : tables::tcp_heuristics())
      if (!d && h.accepts(r)) d = conv.tunnel_dissector = h.dissect;
  }
  HttpTunnelNesting& nesting = pkt.scratch<HttpTunnelNesting>();
  if (!d || d == dissect_http_tcp || nesting.depth >= kMaxTunnelDepth) return pkt.call_data(r, -1);
  const uint16_t saved_src = pkt.src_port, saved_dst = pkt.dst_port;
  pkt.src_port = sport;
  pkt.dst_port = dport;
  ++nesting.depth;
  d(r, pkt, -1);
  --nesting.depth;
  pkt.src_port = saved_src;
  pkt.dst_port = saved_dst;
  return r.reported_size();
}

// -2: a connection HTTP handed to HTTP/2 at a client's preface goes to HTTP/2 from its first
// packet in the second pass, without HTTP's tap (tshark's second pass finds the HTTP/2 session
// on the conversation and calls HTTP/2 directly, even for packets before the preface).
bool http2_from_first_pass(Packet& pkt, const HttpConversation& conv) {
  if (conv.exchanges != 0 || conv.upgrade_h2c || !pkt.conversation) return false;
  return pkt.session->later.find(http_fields::proto, pkt.conversation->stream).has_value();
}

size_t dissect_http_tcp(const ByteReader& r, Packet& pkt, int) {
  HttpConversation& conv = current_conversation(pkt);
  if (!conv.http2 && http2_from_first_pass(pkt, conv)) {
    conv.http2 = true;
    conv.preface_tapped = true;
  }
  if (conv.http2 || (conv.exchanges == 0 && r.has(0, kHttp2Preface.size()) &&
                     r.text(0, kHttp2Preface.size()) == kHttp2Preface)) {
    if (!conv.http2 && !conv.upgrade_h2c && pkt.conversation)
      pkt.session->later.note(http_fields::proto, pkt.conversation->stream, 0, 1);
    conv.http2 = true;
    const size_t layers_before = pkt.layers.size();
    hand_to_http2(r, 0, pkt, true);
    // Prior knowledge only: after an "Upgrade: h2c" or a CONNECT tshark taps nothing for the
    // preface. Its HTTP takes the packet for a message without headers whose body is the whole
    // payload (the export and follow taps see it: "object<frame>" in --export-objects).
    if (!conv.preface_tapped && !conv.upgrade_h2c && conv.exchanges == 0 &&
        pkt.layers.size() > layers_before) {
      conv.preface_tapped = true;
      pkt.taps.push_back(TapRecord{kHttpPrefaceTap, nullptr});
      queue_unparsed(pkt, r, 0, conv);
    }
    return r.reported_size();
  }
  if (conv.tunnel) return dissect_connect_tunnel(r, pkt, conv);
  if (conv.switched) {
    // After an upgrade the bytes belong to another protocol: tshark keeps a (hidden) HTTP
    // layer over them and shows them as data.
    int top = pkt.add_protocol(-1, http_fields::proto, r, 0, r.size());
    pkt.tree[top].flags |= kHidden;
    return pkt.call_data(r, -1);
  }
  size_t off = 0;
  while (off < r.reported_size() && off < r.size()) {
    size_t used = dissect_message(r, off, pkt, conv);
    if (used == 0) break;
    off += used;
    if (pkt.cols.enabled) pkt.cols.fence();
    if (conv.switched && off < r.size()) {
      if (conv.http2)
        hand_to_http2(r, off, pkt, false);
      else
        pkt.call_data(r.sub(off), -1);
      break;
    }
  }
  return r.reported_size();
}

// tshark's "HTTP over TCP" heuristic: the first line starts or ends with an HTTP version.
bool looks_like_http(const ByteReader& r) {
  Line l = find_line(r, 0);
  if (!l.complete || l.len < 8) return false;
  std::string_view line{reinterpret_cast<const char*>(r.data()), l.len};
  auto is_version = [](std::string_view s) { return iequals(s.substr(0, 7), "HTTP/1."); };
  return is_version(line) || is_version(line.substr(line.size() - 8));
}

}  // namespace

const char kHttpMessageTap[] = "http";
const char kHttpPrefaceTap[] = "http-preface";

namespace {

// tshark's "http" preferences (-o http.NAME:VALUE, -G defaultprefs); the handles are declared
// with the message framing that reads them.
RangePref pref_tls_port;

const PrefReg kHttpPrefs[] = {
    pref_bool(&pref_desegment_headers, "desegment_headers",
              "Whether the HTTP dissector should reassemble headers of a request spanning multiple TCP segments. To use this option, you must also enable \"Allow subdissectors to reassemble TCP streams\" in the TCP protocol settings.",
              true),
    pref_bool(&pref_desegment_body, "desegment_body",
              "Whether the HTTP dissector should use the \"Content-length:\" value, if present, to reassemble the body of a request spanning multiple TCP segments, and reassemble chunked data spanning multiple TCP segments. To use this option, you must also enable \"Allow subdissectors to reassemble TCP streams\" in the TCP protocol settings.",
              true),
    pref_bool(&pref_dechunk_body, "dechunk_body",
              "Whether to reassemble bodies of entities that are transferred using the \"Transfer-Encoding: chunked\" method",
              true),
    pref_bool(&pref_decompress_body, "decompress_body",
              "Whether to uncompress entity bodies that are compressed using \"Content-Encoding: \"",
              true),
    pref_port_range(&pref_tls_port, "tls.port", "SSL/TLS Ports range", "443", tls_tables::port,
                    dissect_http_tcp),
};

// tshark's custom_http_header_fields table: header names to give fields of their own.
std::optional<std::string> check_custom_header(const UatRecord& rec) {
  if (rec[0].find('"') != std::string::npos) return "Header name can't contain '\"'";
  return std::nullopt;
}

// The fields of the custom_http_header_fields records, by header name (any case). Written at
// start-up (use_custom_http_header_fields), read-only while packets are dissected.
struct CustomHeaderField {
  std::string name;
  FieldId field;
};
std::vector<CustomHeaderField> custom_header_fields;

}  // namespace

FieldId http::custom_header_field(std::string_view name) {
  for (const CustomHeaderField& c : custom_header_fields)
    if (iequals(c.name, name)) return c.field;
  return kNoField;
}

void use_custom_http_header_fields(const PrefStore& prefs) {
  const UatTable* table = prefs.find_uat("custom_http_header_fields");
  if (!table) return;
  // The registry keeps views of the names: they live as long as the process.
  static std::deque<std::string> texts;
  for (const UatRecord& rec : table->records) {
    std::string name{http::trim(rec[0])};
    if (name.empty() || http::custom_header_field(name) != kNoField) continue;
    const std::string& label = texts.emplace_back(name);
    const std::string& abbrev = texts.emplace_back("http.header." + name);
    const std::string& blurb = texts.emplace_back(rec[1]);
    FieldId id = kNoField;
    const FieldReg reg[] = {{&id,
                             {.name = label.c_str(),
                              .abbrev = abbrev.c_str(),
                              .type = FieldType::kString,
                              .blurb = blurb.c_str()}}};
    registry().add_fields(http_fields::proto, reg);
    custom_header_fields.push_back({name, id});
  }
}


void register_http() {
  PrefRegistry& prefs = prefs_registry();
  prefs.add_module({"http", "Hypertext Transfer Protocol"}, kHttpPrefs);
  // The same ports as kTcpPorts: a new value moves HTTP off them (tshark's http.tcp.port).
  static const PrefReg kPortRange[] = {
      pref_port_range(&pref_tcp_port, "tcp.port", "TCP port(s) range",
                      "80,1900,2710,2869,3128,3132,5985,8080,8088,11371", tables::tcp_port,
                      dissect_http_tcp)};
  prefs.add_prefs("http", kPortRange);
  prefs.add_uat({"custom_http_header_fields",
                 "Custom HTTP Header Fields",
                 {"header_name", "header_desc"},
                 check_custom_header});
  FieldRegistry& reg = registry();
  http_fields::proto.id = reg.add_protocol({"Hypertext Transfer Protocol", "HTTP", "http"});
  register_message_fields();
  register_protocol_state<HttpConversation>(StateScope::kConversation);
  register_protocol_state<HttpTunnelNesting>(StateScope::kPacket);
  header_defs[5].field = f_content_length_header;
  http_body::register_fields(http_fields::proto);
  register_http_path_fields(http_fields::proto);
  for (uint16_t p : kTcpPorts) tables::tcp_port().add(p, dissect_http_tcp, "http");
  tables::tcp_heuristics().push_back({looks_like_http, dissect_http_tcp, "http"});
  // Decrypted TLS application data (tshark's http.tls.port, the "http/1.1" ALPN and the
  // "HTTP over TLS" heuristic).
  tls_tables::port().add(443, dissect_http_tcp, "http");
  tls_tables::alpn().push_back({"http/1.1", dissect_http_tcp});
  tls_tables::heuristics().push_back({looks_like_http, dissect_http_tcp, "http"});
}

}  // namespace netsift
