// HTTP request/response matching on a connection, as tshark does it in one pass: requests are
// numbered in arrival order, a response answers the oldest request not answered yet and learns
// its frame, time and URI (see analysis/http_conversation.h).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "core/conversation.h"
#include "core/session.h"
#include "dissectors/http_internal.h"
#include "dissectors/tls.h"

namespace netsift::http {

namespace {

// The full URI tshark reconstructs for a request: absolute URIs (and CONNECT's authority) as
// they are, paths prefixed with the scheme and the Host header.
std::string_view full_uri(Packet& pkt, std::string_view method, std::string_view uri,
                          std::string_view host) {
  size_t scheme = uri.find("://");
  bool absolute =
      scheme != std::string_view::npos && scheme > 0 &&
      std::all_of(uri.begin(), uri.begin() + static_cast<long>(scheme), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
      });
  if (method == "CONNECT" || absolute) return pkt.arena.copy(uri);
  if (host.empty()) return {};
  return pkt.arena.copy(fmt::format("{}://{}{}", tls_in_layers(pkt) ? "https" : "http", host, uri));
}

// -2: the connection's exchanges as the first pass saw them, for the links tshark's second
// pass shows toward later frames (http.response_in, next_request_in, next_response_in) and the
// final count in "HTTP request n/N". Noted per TCP stream and exchange number.
struct LaterExchanges {
  FirstPassNotes& notes;
  const Conversation* flow;

  void note_request(const HttpExchange& x, uint32_t exchanges) const {
    if (!flow) return;
    notes.note(f_request_in, flow->stream, x.number, x.request_frame);
    notes.note(f_request_number, flow->stream, 0, exchanges);
  }
  void note_response(const HttpExchange& x, uint32_t exchanges) const {
    if (!flow) return;
    notes.note(f_response_in, flow->stream, x.number, x.response_frame);
    notes.note(f_request_number, flow->stream, 0, exchanges);
  }
  uint32_t total(uint32_t exchanges_so_far) const {
    std::optional<uint64_t> n;
    if (flow) n = notes.find(f_request_number, flow->stream);
    return n ? static_cast<uint32_t>(*n) : exchanges_so_far;
  }
  // The frame of exchange `number`'s request (`field` f_request_in) or response (f_response_in).
  void add_link(Packet& pkt, int top, const ByteReader& r, size_t off, FieldId shown,
                FieldId field, uint32_t number) const {
    if (!flow) return;
    if (auto frame = notes.find(field, flow->stream, number))
      if (*frame) pkt.tree.add(top, shown, r, off, 0, Value::of_uint(*frame), kGenerated);
  }
};

LaterExchanges later_exchanges(Packet& pkt) {
  return LaterExchanges{pkt.session->later, pkt.conversation};
}

}  // namespace

HttpConversation& conversation(Packet& pkt) {
  static HttpConversation detached;  // HTTP not over a tracked TCP connection
  if (!pkt.conversation) {
    detached = HttpConversation{};
    return detached;
  }
  return pkt.conversation->state<HttpConversation>();
}

void record_request(Packet& pkt, int top, const ByteReader& r, size_t off, HttpConversation& conv,
                    std::string_view method, std::string_view uri, std::string_view host,
                    HttpMessage& msg) {
  conv.before_newest = conv.newest;
  conv.newest = HttpExchange{++conv.exchanges, pkt.number, pkt.frame->ts.total_ns(), 0};
  const HttpExchange& x = conv.newest;
  const LaterExchanges later = later_exchanges(pkt);
  later.note_request(x, conv.exchanges);
  std::string_view full = full_uri(pkt, method, uri, host);
  conv.have_request = true;
  conv.latest_method = std::string(method);
  conv.latest_request_uri = std::string(uri);
  conv.latest_full_uri = std::string(full.empty() ? uri : full);  // http.response_for.uri
  if (!full.empty())
    add_string(pkt, top, http_fields::request_full_uri, r, off, 0, full, kGenerated);
  pkt.tree.add(top, f_request, r, off, 0, Value::of_uint(1), kGenerated | kHidden);
  int num = pkt.tree.add(top, f_request_number, r, off, 0, Value::of_uint(x.number), kGenerated);
  if (text_wanted(pkt))
    pkt.set_label(num, fmt::format("HTTP request {}/{}", x.number, later.total(conv.exchanges)));
  if (conv.before_newest.request_frame)
    pkt.tree.add(top, f_prev_request_in, r, off, 0,
                 Value::of_uint(conv.before_newest.request_frame), kGenerated);
  later.add_link(pkt, top, r, off, f_response_in, f_response_in, x.number);
  later.add_link(pkt, top, r, off, f_next_request_in, f_request_in, x.number + 1);
  msg.number = x.number;
  msg.method = method;
  msg.uri = uri;
  msg.full_uri = full;
  msg.has_request_uri = true;
  msg.request_uri = uri;
}

void record_response(Packet& pkt, int top, const ByteReader& r, size_t off, HttpConversation& conv,
                     unsigned code, HttpMessage& msg) {
  if (conv.exchanges == 0 || conv.newest.response_frame != 0) {
    conv.before_newest = conv.newest;
    conv.newest = HttpExchange{++conv.exchanges, 0, 0, 0};
  }
  conv.newest.response_frame = pkt.number;
  const HttpExchange& x = conv.newest;
  const HttpExchange& prev = conv.before_newest;
  const LaterExchanges later = later_exchanges(pkt);
  later.note_response(x, conv.exchanges);
  pkt.tree.add(top, f_response, r, off, 0, Value::of_uint(1), kGenerated | kHidden);
  int num = pkt.tree.add(top, f_response_number, r, off, 0, Value::of_uint(x.number), kGenerated);
  if (text_wanted(pkt))
    pkt.set_label(num, fmt::format("HTTP response {}/{}", x.number, later.total(conv.exchanges)));
  if (x.request_frame)
    pkt.tree.add(top, f_time, r, off, 0, Value::of_int(pkt.frame->ts.total_ns() - x.request_ns),
                 kGenerated);
  if (prev.request_frame)
    pkt.tree.add(top, f_prev_request_in, r, off, 0, Value::of_uint(prev.request_frame), kGenerated);
  if (prev.response_frame)
    pkt.tree.add(top, f_prev_response_in, r, off, 0, Value::of_uint(prev.response_frame),
                 kGenerated);
  if (x.request_frame)
    pkt.tree.add(top, f_request_in, r, off, 0, Value::of_uint(x.request_frame), kGenerated);
  later.add_link(pkt, top, r, off, f_next_request_in, f_request_in, x.number + 1);
  later.add_link(pkt, top, r, off, f_next_response_in, f_response_in, x.number + 1);
  if (!conv.latest_full_uri.empty())
    add_string(pkt, top, http_fields::response_for_uri, r, off, 0,
               pkt.arena.copy(conv.latest_full_uri), kGenerated);
  msg.number = x.number;
  msg.status = static_cast<uint16_t>(code);
  msg.request_frame = x.request_frame;
  if (conv.have_request) {
    msg.has_request_uri = true;
    msg.request_uri = pkt.arena.copy(conv.latest_request_uri);
  }
  if (code == 101) conv.switched = true;
  // tshark tunnels only after a 200 (its response_code check), not any 2xx.
  if (code == 200 && conv.have_request && conv.latest_method == "CONNECT") conv.tunnel = true;
}

}  // namespace netsift::http
