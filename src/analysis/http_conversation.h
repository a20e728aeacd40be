// HTTP/1.x request/response state of one TCP connection, kept on its TcpConversation
// (conv.http) and freed with it. Requests are numbered in arrival order and answered first in,
// first out, as tshark matches them in one pass: a response learns its request (frame, time,
// URI); a request never learns its later response (http.response_in needs a second pass).
//
// For statistics and exports (-z http,*, --export-objects): the dissector fills an HttpMessage
// for every message it dissects (see dissectors/http.h, last_http_message()), and this state
// tells which request a response answered.
#pragma once

#include <cstdint>
#include <deque>
#include <string>

namespace netsift {

struct HttpExchange {
  uint32_t number = 0;         // "HTTP request N/..": 1 for the connection's first request
  uint64_t request_frame = 0;  // 0 for a response that came without a request
  int64_t request_ns = 0;
  uint64_t prev_request_frame = 0;  // the request before this one (http.prev_request_in)
  std::string method;               // "GET"; HEAD and CONNECT change how the response is read
  std::string full_uri;             // http.request.full_uri
};

struct HttpConversation {
  // Requests not answered yet, oldest first. Bounded: a connection sending requests that are
  // never answered forgets the oldest.
  static constexpr size_t kMaxUnanswered = 64;
  std::deque<HttpExchange> unanswered;
  uint32_t exchanges = 0;            // requests (and unsolicited responses) numbered so far
  uint64_t last_request_frame = 0;   // http.prev_request_in of the next request
  uint64_t last_response_frame = 0;  // http.prev_response_in of the next response
  uint64_t last_message_frame = 0;  // frame of the last request/response dissected
  // After a 101 Switching Protocols (or a successful CONNECT) the stream is no longer HTTP.
  bool switched = false;
  uint64_t switched_after_frame = 0;
};

}  // namespace netsift
