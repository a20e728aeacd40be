// HTTP/1.x request/response state of one TCP connection, a per-conversation protocol state
// (pkt.conversation->state<HttpConversation>()) freed with the connection, as tshark 4.0 keeps it in one pass: exchanges are numbered in
// arrival order; a response answers the newest exchange when that has no response yet, else it
// opens an exchange of its own (so with pipelining the last request gets the first response).
// A request never learns its later response (http.response_in needs a second pass).
//
// For statistics and exports (-z follow,http, --export-objects): the dissector queues an
// HttpMessage tap record for every message it dissects (see dissectors/http.h).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/address.h"
#include "core/dissector_table.h"

namespace netsift {

// One request/response exchange (tshark's http_req_res_t).
struct HttpExchange {
  uint32_t number = 0;         // "HTTP request N/..": 1 for the connection's first exchange
  uint64_t request_frame = 0;  // 0 for a response that came without a request
  int64_t request_ns = 0;
  uint64_t response_frame = 0;  // 0 until answered
};

struct HttpConversation {
  // Only the newest two exchanges matter in one pass: responses match the newest, and
  // http.prev_request_in / prev_response_in come from the one before it.
  HttpExchange newest, before_newest;
  uint32_t exchanges = 0;  // exchanges numbered so far
  // The latest request's method and URIs (tshark's per-connection copies): whichever exchange
  // a response answers, they decide whether it has a body (HEAD), its http.response_for.uri and
  // the name its exported body gets.
  bool have_request = false;
  std::string latest_method, latest_request_uri, latest_full_uri;
  uint64_t last_message_frame = 0;  // frame of the last request/response dissected
  // After a 101 Switching Protocols the stream is no longer HTTP.
  bool switched = false;
  uint64_t switched_after_frame = 0;
  // A CONNECT answered with 200: the packets after the answer are the tunnelled protocol's
  // (tshark's http_payload_subdissector). tshark takes the destination of the first of them
  // for the tunnel's server, whichever side sent it.
  bool tunnel = false;
  bool tunnel_started = false;
  Address tunnel_server;
  uint16_t tunnel_server_port = 0;
  // The heuristic dissector that took the tunnel (tshark keeps it on the conversation of the
  // tunnel's rewritten ports).
  Dissector tunnel_dissector = nullptr;
  // HTTP inside the tunnel (over TLS through a CONNECT to 443, ...): a conversation of its own,
  // as tshark keys it by the tunnel's rewritten ports. Made when first needed.
  std::unique_ptr<HttpConversation> tunnelled;
  // An "Upgrade: h2c" was seen; with the 101 the connection switches to HTTP/2, as it does at
  // a client's connection preface.
  bool upgrade_h2c = false;
  bool http2 = false;
  bool preface_tapped = false;  // the packet HTTP handed the preface over in was tapped
};

}  // namespace netsift
