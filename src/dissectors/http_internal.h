// What the files of the HTTP/1.x dissector share: http.cpp (message framing and
// desegmentation), http_fields.cpp (the field table), http_text.cpp (lines and strings),
// http_start_line.cpp, http_headers.cpp and http_exchanges.cpp (request/response matching).
// Only those files include this.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "analysis/http_conversation.h"
#include "core/ascii.h"
#include "core/packet.h"
#include "dissectors/http.h"
#include "dissectors/http_fields.h"

namespace netsift::http {

// ---- Field ids (http_fields.cpp)
extern FieldId f_text, f_chat, f_te_and_length, f_te_unknown, f_authbasic, f_request, f_response,
    f_request_number, f_response_number, f_request_line, f_response_line, f_uri_path, f_uri_query,
    f_uri_query_param, f_request_version, f_response_version, f_phrase, f_content_length_header,
    f_content_length, f_cookie_pair, f_request_in, f_prev_request_in, f_prev_response_in,
    f_response_in, f_next_request_in, f_next_response_in, f_time, f_proxy_connect_port;

// Registers the fields of the start line, headers and matching, in tshark's order.
void register_message_fields();

// The http.header.<name> field of a custom_http_header_fields header, or kNoField.
FieldId custom_header_field(std::string_view name);

// ---- Lines and strings (http_text.cpp)
std::string_view trim(std::string_view s);

// A line of r from `off`: its length without the terminator, and where the next one starts.
// As tshark's tvb_find_line_end: CRLF, LF or a lone CR end a line; a CR as the very last byte
// may be half of a CRLF, so the line is not known to have ended.
struct Line {
  size_t len = 0;
  size_t next = 0;
  bool complete = false;
};
Line find_line(const ByteReader& r, size_t off);

bool text_wanted(const Packet& pkt);
// The line text as tshark labels it: escaped, line terminator included.
std::string escaped(std::string_view line_with_eol);
void label_line(Packet& pkt, int node, std::string_view line_with_eol);
int add_string(Packet& pkt, int parent, FieldId f, const ByteReader& r, size_t off, size_t len,
               std::string_view value, uint8_t flags = 0);

// ---- Start lines (http_start_line.cpp)
enum class Kind { kOther, kRequest, kResponse };
Kind classify(std::string_view line, std::string_view* method);

// The request line: method, URI (with path and query parameters when it has a query) and
// version, under the line's node.
void dissect_request_line(Packet& pkt, int line_node, const ByteReader& r, size_t off,
                          std::string_view line, std::string_view* uri_out);
// The status line: version, code (with its description) and reason phrase.
unsigned dissect_status_line(Packet& pkt, int line_node, const ByteReader& r, size_t off,
                             std::string_view line);

// ---- Header fields (http_headers.cpp)
// Headers with a field of their own (tshark's headers[] table); the rest are only lines.
enum class Hdr : uint8_t {
  kOther,
  kAuthorization,
  kProxyAuthorization,
  kProxyAuthenticate,
  kWwwAuthenticate,
  kContentType,
  kContentLength,
  kContentEncoding,
  kTransferEncoding,
  kUpgrade,
  kUserAgent,
  kHost,
  kConnection,
  kCookie,
  kAccept,
  kReferer,
  kAcceptLanguage,
  kAcceptEncoding,
  kDate,
  kCacheControl,
  kServer,
  kLocation,
  kSecWebSocketAccept,
  kSecWebSocketExtensions,
  kSecWebSocketKey,
  kSecWebSocketProtocol,
  kSecWebSocketVersion,
  kSetCookie,
  kLastModified,
  kXForwardedFor,
  kHttp2Settings,
  kCount
};

struct HeaderDef {
  Hdr id;
  const char* name;  // as matched, case-insensitively
  FieldId field = kNoField;
};

extern HeaderDef header_defs[static_cast<size_t>(Hdr::kCount) - 1];

// What the dissector needs from the headers before building the tree.
struct HeaderScan {
  size_t end = 0;            // offset just after the empty line
  bool complete = false;     // the empty line was seen
  bool have_length = false;  // a valid Content-Length
  uint64_t content_length = 0;
  http_body::BodyHeaders body;
  std::string_view host, upgrade;
};
HeaderScan scan_headers(const ByteReader& r, size_t off);

// Adds every header line between `off` and the empty line ending at `end`.
void dissect_headers(Packet& pkt, int top, const ByteReader& r, size_t off, size_t end,
                     FieldId line_field);

// ---- Request/response matching (http_exchanges.cpp)
HttpConversation& conversation(Packet& pkt);

// Opens an exchange for a request, adds its generated items (full URI, request number,
// previous request) under `top`; fills msg's request fields.
void record_request(Packet& pkt, int top, const ByteReader& r, size_t off, HttpConversation& conv,
                    std::string_view method, std::string_view uri, std::string_view host,
                    HttpMessage& msg);

// Matches a response with the exchange it answers (see HttpConversation) and adds the generated
// items (response number, http.time, request_in, prev_*, response_for.uri); fills msg.
void record_response(Packet& pkt, int top, const ByteReader& r, size_t off, HttpConversation& conv,
                     unsigned code, HttpMessage& msg);

}  // namespace netsift::http
