// HTTP request/response matching on a connection, as tshark does it in one pass: requests are
// numbered in arrival order, a response answers the oldest request not answered yet and learns
// its frame, time and URI (see analysis/http_conversation.h).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "analysis/tcp_conversations.h"
#include "dissectors/http_internal.h"

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
  return pkt.arena.copy(fmt::format("http://{}{}", host, uri));
}

}  // namespace

HttpConversation& conversation(Packet& pkt) {
  static HttpConversation detached;  // HTTP not over a tracked TCP connection
  if (!pkt.tcp_conv) {
    detached = HttpConversation{};
    return detached;
  }
  if (!pkt.tcp_conv->http) pkt.tcp_conv->http = std::make_shared<HttpConversation>();
  return *pkt.tcp_conv->http;
}

const HttpExchange* answered_request(const HttpConversation& conv) {
  return conv.unanswered.empty() ? nullptr : &conv.unanswered.front();
}

void record_request(Packet& pkt, int top, const ByteReader& r, size_t off, HttpConversation& conv,
                    std::string_view method, std::string_view uri, std::string_view host,
                    HttpMessage& msg) {
  HttpExchange x;
  x.number = ++conv.exchanges;
  x.request_frame = pkt.number;
  x.request_ns = pkt.frame->ts.total_ns();
  x.method = std::string(method);
  x.prev_request_frame = conv.last_request_frame;
  std::string_view full = full_uri(pkt, method, uri, host);
  x.full_uri = std::string(full.empty() ? uri : full);  // http.response_for.uri
  if (!full.empty()) add_string(pkt, top, f_full_uri, r, off, 0, full, kGenerated);
  pkt.tree.add(top, f_request, r, off, 0, Value::of_uint(1), kGenerated | kHidden);
  int num = pkt.tree.add(top, f_request_number, r, off, 0, Value::of_uint(x.number), kGenerated);
  if (text_wanted(pkt))
    pkt.set_label(num, fmt::format("HTTP request {}/{}", x.number, conv.exchanges));
  if (x.prev_request_frame)
    pkt.tree.add(top, f_prev_request_in, r, off, 0, Value::of_uint(x.prev_request_frame),
                 kGenerated);
  conv.last_request_frame = pkt.number;
  msg.number = x.number;
  msg.method = method;
  msg.uri = uri;
  msg.full_uri = full;
  if (conv.unanswered.size() >= HttpConversation::kMaxUnanswered) conv.unanswered.pop_front();
  conv.unanswered.push_back(std::move(x));
}

void record_response(Packet& pkt, int top, const ByteReader& r, size_t off, HttpConversation& conv,
                     unsigned code, HttpMessage& msg) {
  HttpExchange x;
  if (answered_request(conv)) {
    x = std::move(conv.unanswered.front());
    conv.unanswered.pop_front();
  } else {
    x.number = ++conv.exchanges;
  }
  pkt.tree.add(top, f_response, r, off, 0, Value::of_uint(1), kGenerated | kHidden);
  int num = pkt.tree.add(top, f_response_number, r, off, 0, Value::of_uint(x.number), kGenerated);
  if (text_wanted(pkt))
    pkt.set_label(num, fmt::format("HTTP response {}/{}", x.number, conv.exchanges));
  if (x.request_frame)
    pkt.tree.add(top, f_time, r, off, 0, Value::of_int(pkt.frame->ts.total_ns() - x.request_ns),
                 kGenerated);
  if (x.prev_request_frame)
    pkt.tree.add(top, f_prev_request_in, r, off, 0, Value::of_uint(x.prev_request_frame),
                 kGenerated);
  if (conv.last_response_frame)
    pkt.tree.add(top, f_prev_response_in, r, off, 0, Value::of_uint(conv.last_response_frame),
                 kGenerated);
  if (x.request_frame)
    pkt.tree.add(top, f_request_in, r, off, 0, Value::of_uint(x.request_frame), kGenerated);
  if (!x.full_uri.empty())
    add_string(pkt, top, f_response_for_uri, r, off, 0, pkt.arena.copy(x.full_uri), kGenerated);
  conv.last_response_frame = pkt.number;
  msg.number = x.number;
  msg.status = static_cast<uint16_t>(code);
  msg.request_frame = x.request_frame;
  if (code == 101 || (x.method == "CONNECT" && code >= 200 && code < 300)) conv.switched = true;
}

}  // namespace netsift::http
