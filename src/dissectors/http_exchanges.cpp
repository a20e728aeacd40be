// HTTP request/response matching on a connection, as tshark does it in one pass: requests are
// numbered in arrival order, a response answers the oldest request not answered yet and learns
// its frame, time and URI (see analysis/http_conversation.h).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/conversation.h"
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
    pkt.set_label(num, fmt::format("HTTP request {}/{}", x.number, conv.exchanges));
  if (conv.before_newest.request_frame)
    pkt.tree.add(top, f_prev_request_in, r, off, 0,
                 Value::of_uint(conv.before_newest.request_frame), kGenerated);
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
  pkt.tree.add(top, f_response, r, off, 0, Value::of_uint(1), kGenerated | kHidden);
  int num = pkt.tree.add(top, f_response_number, r, off, 0, Value::of_uint(x.number), kGenerated);
  if (text_wanted(pkt))
    pkt.set_label(num, fmt::format("HTTP response {}/{}", x.number, conv.exchanges));
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
  if (code == 101 || (conv.latest_method == "CONNECT" && code >= 200 && code < 300))
    conv.switched = true;
}

}  // namespace netsift::http
