// Hypertext Transfer Protocol 1.x (RFC 9112) over TCP as tshark 4.0 shows it: request and
// status lines, every header line (http.request.line / http.response.line, plus the fields of
// the headers tshark knows), request/response matching per connection, and the Info column.
// Messages are reassembled through TCP desegmentation: headers across segments, then the body
// by Content-Length or chunked coding; several messages in a segment are all dissected.
// Bodies (chunks, content coding, media types) are in http_body.cpp.
#include "dissectors/http.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <iterator>

#include "analysis/http_conversation.h"
#include "analysis/tcp_conversations.h"
#include "analysis/tcp_reassembly.h"
#include "core/expert.h"
#include "core/field_registry.h"
#include "dissectors/media.h"
#include "output/label_format.h"  // append_formatted_text

namespace netsift {

namespace {

FieldId proto_http;
FieldId f_text, f_chat, f_te_and_length, f_te_unknown, f_authbasic, f_request, f_response,
    f_request_number, f_response_number, f_request_line, f_response_line, f_method, f_uri,
    f_uri_path, f_uri_query, f_uri_query_param, f_request_version, f_response_version, f_full_uri,
    f_code, f_code_desc, f_phrase, f_response_for_uri, f_content_length_header, f_content_length,
    f_cookie_pair, f_request_in, f_prev_request_in, f_prev_response_in, f_response_in,
    f_next_request_in, f_next_response_in, f_time;

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

HeaderDef header_defs[] = {
    {Hdr::kAuthorization, "Authorization"},
    {Hdr::kProxyAuthorization, "Proxy-Authorization"},
    {Hdr::kProxyAuthenticate, "Proxy-Authenticate"},
    {Hdr::kWwwAuthenticate, "WWW-Authenticate"},
    {Hdr::kContentType, "Content-Type"},
    {Hdr::kContentLength, "Content-Length"},
    {Hdr::kContentEncoding, "Content-Encoding"},
    {Hdr::kTransferEncoding, "Transfer-Encoding"},
    {Hdr::kUpgrade, "Upgrade"},
    {Hdr::kUserAgent, "User-Agent"},
    {Hdr::kHost, "Host"},
    {Hdr::kConnection, "Connection"},
    {Hdr::kCookie, "Cookie"},
    {Hdr::kAccept, "Accept"},
    {Hdr::kReferer, "Referer"},
    {Hdr::kAcceptLanguage, "Accept-Language"},
    {Hdr::kAcceptEncoding, "Accept-Encoding"},
    {Hdr::kDate, "Date"},
    {Hdr::kCacheControl, "Cache-Control"},
    {Hdr::kServer, "Server"},
    {Hdr::kLocation, "Location"},
    {Hdr::kSecWebSocketAccept, "Sec-WebSocket-Accept"},
    {Hdr::kSecWebSocketExtensions, "Sec-WebSocket-Extensions"},
    {Hdr::kSecWebSocketKey, "Sec-WebSocket-Key"},
    {Hdr::kSecWebSocketProtocol, "Sec-WebSocket-Protocol"},
    {Hdr::kSecWebSocketVersion, "Sec-WebSocket-Version"},
    {Hdr::kSetCookie, "Set-Cookie"},
    {Hdr::kLastModified, "Last-Modified"},
    {Hdr::kXForwardedFor, "X-Forwarded-For"},
    {Hdr::kHttp2Settings, "HTTP2-Settings"},
};

using FT = FieldType;

const FieldReg kFields[] = {
    {&f_text, {"Text", "http.text", FT::kNone}},
    {&f_chat, {"Formatted text", "http.chat", FT::kNone}},
    {&f_te_and_length,
     {"The Content-Length and Transfer-Encoding header must not be set together",
      "http.te_and_length", FT::kNone}},
    {&f_te_unknown,
     {"Unknown transfer coding name in Transfer-Encoding header", "http.te_unknown", FT::kNone}},
    {&f_authbasic, {"Credentials", "http.authbasic", FT::kString}},
    {&f_response,
     {"Response", "http.response", FT::kBoolean, Base::kNone, {}, 0, "true if HTTP response"}},
    {&f_request,
     {"Request", "http.request", FT::kBoolean, Base::kNone, {}, 0, "true if HTTP request"}},
    {&f_response_number, {"Response number", "http.response_number", FT::kUint32, Base::kDec}},
    {&f_request_number, {"Request number", "http.request_number", FT::kUint32, Base::kDec}},
    {&f_response_line, {"Response line", "http.response.line", FT::kString}},
    {&f_request_line, {"Request line", "http.request.line", FT::kString}},
    {&f_method,
     {"Request Method",
      "http.request.method",
      FT::kString,
      Base::kNone,
      {},
      0,
      "HTTP Request Method"}},
    {&f_uri,
     {"Request URI", "http.request.uri", FT::kString, Base::kNone, {}, 0, "HTTP Request-URI"}},
    {&f_uri_path,
     {"Request URI Path",
      "http.request.uri.path",
      FT::kString,
      Base::kNone,
      {},
      0,
      "HTTP Request-URI Path"}},
    {&f_uri_query,
     {"Request URI Query",
      "http.request.uri.query",
      FT::kString,
      Base::kNone,
      {},
      0,
      "HTTP Request-URI Query"}},
    {&f_uri_query_param,
     {"Request URI Query Parameter",
      "http.request.uri.query.parameter",
      FT::kString,
      Base::kNone,
      {},
      0,
      "HTTP Request-URI Query Parameter"}},
    {&f_request_version,
     {"Request Version",
      "http.request.version",
      FT::kString,
      Base::kNone,
      {},
      0,
      "HTTP Request HTTP-Version"}},
    {&f_response_version,
     {"Response Version",
      "http.response.version",
      FT::kString,
      Base::kNone,
      {},
      0,
      "HTTP Response HTTP-Version"}},
    {&f_full_uri,
     {"Full request URI",
      "http.request.full_uri",
      FT::kString,
      Base::kNone,
      {},
      0,
      "The full requested URI (including host name)"}},
    {&f_code,
     {"Status Code",
      "http.response.code",
      FT::kUint16,
      Base::kDec,
      {},
      0,
      "HTTP Response Status Code"}},
    {&f_code_desc,
     {"Status Code Description",
      "http.response.code.desc",
      FT::kString,
      Base::kNone,
      {},
      0,
      "HTTP Response Status Code Description"}},
    {&f_response_for_uri,
     {"Request URI",
      "http.response_for.uri",
      FT::kString,
      Base::kNone,
      {},
      0,
      "HTTP Response For-URI"}},
    {&f_phrase,
     {"Response Phrase",
      "http.response.phrase",
      FT::kString,
      Base::kNone,
      {},
      0,
      "HTTP Response Reason Phrase"}},
    {&header_defs[0].field,
     {"Authorization",
      "http.authorization",
      FT::kString,
      Base::kNone,
      {},
      0,
      "HTTP Authorization header"}},
    {&header_defs[1].field,
     {"Proxy-Authorization",
      "http.proxy_authorization",
      FT::kString,
      Base::kNone,
      {},
      0,
      "HTTP Proxy-Authorization header"}},
    {&header_defs[2].field,
     {"Proxy-Authenticate",
      "http.proxy_authenticate",
      FT::kString,
      Base::kNone,
      {},
      0,
      "HTTP Proxy-Authenticate header"}},
    {&header_defs[3].field,
     {"WWW-Authenticate",
      "http.www_authenticate",
      FT::kString,
      Base::kNone,
      {},
      0,
      "HTTP WWW-Authenticate header"}},
    {&header_defs[4].field,
     {"Content-Type",
      "http.content_type",
      FT::kString,
      Base::kNone,
      {},
      0,
      "HTTP Content-Type header"}},
    {&f_content_length_header,
     {"Content-Length",
      "http.content_length_header",
      FT::kString,
      Base::kNone,
      {},
      0,
      "HTTP Content-Length header"}},
    {&f_content_length, {"Content length", "http.content_length", FT::kUint64, Base::kDec}},
    {&header_defs[6].field,
     {"Content-Encoding",
      "http.content_encoding",
      FT::kString,
      Base::kNone,
      {},
      0,
      "HTTP Content-Encoding header"}},
    {&header_defs[7].field,
     {"Transfer-Encoding",
      "http.transfer_encoding",
      FT::kString,
      Base::kNone,
      {},
      0,
      "HTTP Transfer-Encoding header"}},
    {&header_defs[8].field,
     {"Upgrade", "http.upgrade", FT::kString, Base::kNone, {}, 0, "HTTP Upgrade header"}},
    {&header_defs[9].field,
     {"User-Agent", "http.user_agent", FT::kString, Base::kNone, {}, 0, "HTTP User-Agent header"}},
    {&header_defs[10].field, {"Host", "http.host", FT::kString, Base::kNone, {}, 0, "HTTP Host"}},
    {&header_defs[11].field,
     {"Connection", "http.connection", FT::kString, Base::kNone, {}, 0, "HTTP Connection"}},
    {&header_defs[12].field,
     {"Cookie", "http.cookie", FT::kString, Base::kNone, {}, 0, "HTTP Cookie"}},
    {&f_cookie_pair,
     {"Cookie pair",
      "http.cookie_pair",
      FT::kString,
      Base::kNone,
      {},
      0,
      "A name/value HTTP cookie pair"}},
    {&header_defs[13].field,
     {"Accept", "http.accept", FT::kString, Base::kNone, {}, 0, "HTTP Accept"}},
    {&header_defs[14].field,
     {"Referer", "http.referer", FT::kString, Base::kNone, {}, 0, "HTTP Referer"}},
    {&header_defs[15].field,
     {"Accept-Language",
      "http.accept_language",
      FT::kString,
      Base::kNone,
      {},
      0,
      "HTTP Accept Language"}},
    {&header_defs[16].field,
     {"Accept Encoding",
      "http.accept_encoding",
      FT::kString,
      Base::kNone,
      {},
      0,
      "HTTP Accept Encoding"}},
    {&header_defs[17].field, {"Date", "http.date", FT::kString, Base::kNone, {}, 0, "HTTP Date"}},
    {&header_defs[18].field,
     {"Cache-Control",
      "http.cache_control",
      FT::kString,
      Base::kNone,
      {},
      0,
      "HTTP Cache Control"}},
    {&header_defs[19].field,
     {"Server", "http.server", FT::kString, Base::kNone, {}, 0, "HTTP Server"}},
    {&header_defs[20].field,
     {"Location", "http.location", FT::kString, Base::kNone, {}, 0, "HTTP Location"}},
    {&header_defs[21].field, {"Sec-WebSocket-Accept", "http.sec_websocket_accept", FT::kString}},
    {&header_defs[22].field,
     {"Sec-WebSocket-Extensions", "http.sec_websocket_extensions", FT::kString}},
    {&header_defs[23].field, {"Sec-WebSocket-Key", "http.sec_websocket_key", FT::kString}},
    {&header_defs[24].field,
     {"Sec-WebSocket-Protocol", "http.sec_websocket_protocol", FT::kString}},
    {&header_defs[25].field, {"Sec-WebSocket-Version", "http.sec_websocket_version", FT::kString}},
    {&header_defs[26].field,
     {"Set-Cookie", "http.set_cookie", FT::kString, Base::kNone, {}, 0, "HTTP Set Cookie"}},
    {&header_defs[27].field,
     {"Last-Modified",
      "http.last_modified",
      FT::kString,
      Base::kNone,
      {},
      0,
      "HTTP Last Modified"}},
    {&header_defs[28].field,
     {"X-Forwarded-For",
      "http.x_forwarded_for",
      FT::kString,
      Base::kNone,
      {},
      0,
      "HTTP X-Forwarded-For"}},
    {&header_defs[29].field, {"HTTP2-Settings", "http.http2_settings", FT::kString}},
    {&f_request_in,
     {"Request in frame",
      "http.request_in",
      FT::kFrameNum,
      Base::kNone,
      {},
      0,
      "This packet is a response to the packet with this number"}},
    // Frames after this one: tshark fills these only in a two-pass run (-2); in one pass they are
    // empty, as here (netsift's -2 first pass does not run HTTP yet).
    {&f_response_in, {"Response in frame", "http.response_in", FT::kFrameNum}},
    {&f_next_request_in, {"Next request in frame", "http.next_request_in", FT::kFrameNum}},
    {&f_next_response_in, {"Next response in frame", "http.next_response_in", FT::kFrameNum}},
    {&f_prev_request_in, {"Prev request in frame", "http.prev_request_in", FT::kFrameNum}},
    {&f_prev_response_in, {"Prev response in frame", "http.prev_response_in", FT::kFrameNum}},
    {&f_time,
     {"Time since request",
      "http.time",
      FT::kRelTime,
      Base::kNone,
      {},
      0,
      "Time since the request was sent"}},
};

constexpr ValueName kStatusCodes[] = {
    {100, "Continue"},
    {101, "Switching Protocols"},
    {102, "Processing"},
    {103, "Early Hints"},
    {199, "Informational - Others"},
    {200, "OK"},
    {201, "Created"},
    {202, "Accepted"},
    {203, "Non-authoritative Information"},
    {204, "No Content"},
    {205, "Reset Content"},
    {206, "Partial Content"},
    {207, "Multi-Status"},
    {208, "Already Reported"},
    {226, "IM Used"},
    {299, "Success - Others"},
    {300, "Multiple Choices"},
    {301, "Moved Permanently"},
    {302, "Found"},
    {303, "See Other"},
    {304, "Not Modified"},
    {305, "Use Proxy"},
    {307, "Temporary Redirect"},
    {308, "Permanent Redirect"},
    {399, "Redirection - Others"},
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {402, "Payment Required"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {406, "Not Acceptable"},
    {407, "Proxy Authentication Required"},
    {408, "Request Time-out"},
    {409, "Conflict"},
    {410, "Gone"},
    {411, "Length Required"},
    {412, "Precondition Failed"},
    {413, "Request Entity Too Large"},
    {414, "Request-URI Too Long"},
    {415, "Unsupported Media Type"},
    {416, "Requested Range Not Satisfiable"},
    {417, "Expectation Failed"},
    {418, "I'm a teapot"},
    {421, "Misdirected Request"},
    {422, "Unprocessable Entity"},
    {423, "Locked"},
    {424, "Failed Dependency"},
    {425, "Too Early"},
    {426, "Upgrade Required"},
    {428, "Precondition Required"},
    {429, "Too Many Requests"},
    {431, "Request Header Fields Too Large"},
    {451, "Unavailable For Legal Reasons"},
    {499, "Client Error - Others"},
    {500, "Internal Server Error"},
    {501, "Not Implemented"},
    {502, "Bad Gateway"},
    {503, "Service Unavailable"},
    {504, "Gateway Time-out"},
    {505, "HTTP Version not supported"},
    {506, "Variant Also Negotiates"},
    {507, "Insufficient Storage"},
    {508, "Loop Detected"},
    {510, "Not Extended"},
    {511, "Network Authentication Required"},
    {599, "Server Error - Others"},
};

// Methods tshark recognises at the start of a request line.
constexpr std::string_view kMethods[] = {
    "GET",
    "PUT",
    "ACL",
    "HEAD",
    "POST",
    "COPY",
    "LOCK",
    "MOVE",
    "POLL",
    "BIND",
    "BCOPY",
    "BMOVE",
    "MKCOL",
    "TRACE",
    "LABEL",
    "MERGE",
    "PATCH",
    "DELETE",
    "SEARCH",
    "UNLOCK",
    "REPORT",
    "UPDATE",
    "NOTIFY",
    "REBIND",
    "UNBIND",
    "BDELETE",
    "CONNECT",
    "OPTIONS",
    "CHECKIN",
    "PROPFIND",
    "CHECKOUT",
    "CCM_POST",
    "M-SEARCH",
    "SUBSCRIBE",
    "PROPPATCH",
    "BPROPFIND",
    "BPROPPATCH",
    "UNCHECKOUT",
    "MKACTIVITY",
    "MKWORKSPACE",
    "UNSUBSCRIBE",
    "RPC_CONNECT",
    "MKREDIRECTREF",
    "MKCALENDAR",
    "UPDATEREDIRECTREF",
    "VERSION-CONTROL",
    "BASELINE-CONTROL",
    "ORDERPATCH",
    "RPC_IN_DATA",
    "RPC_OUT_DATA",
};

constexpr uint16_t kTcpPorts[] = {80, 1900, 2710, 2869, 3128, 3132, 5985, 8080, 8088, 11371};

HttpMessage g_last;

constexpr size_t kMaxExpertText = 239;
// A Content-Length beyond what tshark's reassembly takes (a signed 32-bit length): the body is
// then read until the connection closes.
constexpr uint64_t kMaxReassembledLength = 0x7fffffff;

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A line of r from `off`: its length without the terminator, and where the next one starts.
// As tshark's tvb_find_line_end: CRLF, LF or a lone CR end a line; a CR as the very last byte
// may be half of a CRLF, so the line is not known to have ended.
struct Line {
  size_t len = 0;
  size_t next = 0;
  bool complete = false;
};

Line find_line(const ByteReader& r, size_t off) {
  Line l;
  size_t n = r.size();
  const uint8_t* p = r.data();
  for (size_t i = off; i < n; ++i) {
    if (p[i] == '\n') return {i - off, i + 1, true};
    if (p[i] == '\r') {
      if (i + 1 >= n) break;
      return {i - off, i + (p[i + 1] == '\n' ? 2 : 1), true};
    }
  }
  l.len = n > off ? n - off : 0;
  l.next = n;
  return l;
}

bool is_method(std::string_view line, std::string_view* method) {
  std::string_view m = line.substr(0, line.find(' '));  // the whole line when no space
  for (std::string_view k : kMethods)
    if (k == m) {
      *method = m;
      return true;
    }
  return false;
}

enum class Kind { kOther, kRequest, kResponse };

Kind classify(std::string_view line, std::string_view* method) {
  if (line.size() >= 5 && line.substr(0, 5) == "HTTP/") return Kind::kResponse;
  if (is_method(line, method)) return Kind::kRequest;
  return Kind::kOther;
}

const char* status_text(unsigned code) {
  for (const ValueName& v : kStatusCodes)
    if (v.value == code) return v.name;
  unsigned others = code / 100 * 100 + 99;
  for (const ValueName& v : kStatusCodes)
    if (v.value == others) return v.name;
  return "Unknown";
}

bool text_wanted(const Packet& pkt) {
  return pkt.cols.enabled;
}

// The line text as tshark labels it: escaped, line terminator included.
std::string escaped(std::string_view line_with_eol) {
  std::string s;
  append_formatted_text(s, line_with_eol);
  return s;
}

void label_line(Packet& pkt, int node, std::string_view line_with_eol) {
  if (text_wanted(pkt)) pkt.set_label(node, escaped(line_with_eol));
}

int add_string(Packet& pkt, int parent, FieldId f, const ByteReader& r, size_t off, size_t len,
               std::string_view value, uint8_t flags = 0) {
  value = ascii_string(pkt, value);
  return pkt.tree.add(parent, f, r, off, len,
                      Value::of_bytes(reinterpret_cast<const uint8_t*>(value.data()), value.size()),
                      flags);
}

HttpConversation& conversation(Packet& pkt) {
  static HttpConversation detached;  // HTTP not over a tracked TCP connection
  if (!pkt.tcp_conv) {
    detached = HttpConversation{};
    return detached;
  }
  if (!pkt.tcp_conv->http) pkt.tcp_conv->http = std::make_shared<HttpConversation>();
  return *pkt.tcp_conv->http;
}

// The request line: method, URI (with path and query parameters when it has a query) and
// version, under the line's node.
void dissect_request_line(Packet& pkt, int line_node, const ByteReader& r, size_t off,
                          std::string_view line, std::string_view* uri_out) {
  size_t sp1 = std::min(line.find(' '), line.size());
  add_string(pkt, line_node, f_method, r, off, sp1, line.substr(0, sp1));
  size_t uri_start = std::min(sp1 + 1, line.size());
  size_t uri_end = line.find(' ', uri_start);
  if (uri_end == std::string_view::npos) uri_end = line.size();
  std::string_view uri = line.substr(uri_start, uri_end - uri_start);
  *uri_out = uri;
  int u = add_string(pkt, line_node, f_uri, r, off + uri_start, uri.size(), uri);
  size_t q = uri.find('?');
  if (q != std::string_view::npos) {
    add_string(pkt, u, f_uri_path, r, off + uri_start, q, uri.substr(0, q));
    std::string_view query = uri.substr(q + 1);
    size_t qoff = off + uri_start + q + 1;
    int qn = add_string(pkt, u, f_uri_query, r, qoff, query.size(), query);
    size_t start = 0;
    for (;;) {
      size_t amp = query.find('&', start);
      size_t end = amp == std::string_view::npos ? query.size() : amp;
      add_string(pkt, qn, f_uri_query_param, r, qoff + start, end - start,
                 query.substr(start, end - start));
      if (amp == std::string_view::npos) break;
      start = amp + 1;
    }
  }
  // The version is the rest of the line after the spaces ending the URI (tshark's token end).
  size_t ver = uri_end;
  while (ver < line.size() && line[ver] == ' ') ++ver;
  add_string(pkt, line_node, f_request_version, r, off + ver, line.size() - ver, line.substr(ver));
}

// The status line: version, code (with its description) and reason phrase.
unsigned dissect_status_line(Packet& pkt, int line_node, const ByteReader& r, size_t off,
                             std::string_view line) {
  size_t sp = line.find(' ');
  if (sp == std::string_view::npos) sp = line.size();
  add_string(pkt, line_node, f_response_version, r, off, sp, line.substr(0, sp));
  size_t c = sp;
  while (c < line.size() && line[c] == ' ') ++c;
  if (c + 3 > line.size()) return 0;
  unsigned code = 0;
  for (size_t i = c; i < c + 3; ++i) {
    if (line[i] < '0' || line[i] > '9') return 0;
    code = code * 10 + static_cast<unsigned>(line[i] - '0');
  }
  pkt.add_uint(line_node, f_code, r, off + c, 3, code);
  add_string(pkt, line_node, f_code_desc, r, off + c, 3, status_text(code), kGenerated);
  size_t ph = c + 3;
  if (ph < line.size() && line[ph] == ' ') ++ph;
  if (ph < line.size())
    add_string(pkt, line_node, f_phrase, r, off + ph, line.size() - ph, line.substr(ph));
  return code;
}

const HeaderDef* find_header(std::string_view name) {
  for (const HeaderDef& h : header_defs)
    if (iequals(name, h.name)) return &h;
  return nullptr;
}

// What the dissector needs from the headers before building the tree.
struct HeaderScan {
  size_t end = 0;            // offset just after the empty line
  bool complete = false;     // the empty line was seen
  bool have_length = false;  // a valid Content-Length
  uint64_t content_length = 0;
  http_body::BodyHeaders body;
  std::string_view host, upgrade;
};

uint64_t parse_length(std::string_view v, bool* ok) {
  v = trim(v);
  uint64_t n = 0;
  *ok = !v.empty() && v.size() <= 18;
  for (char c : v) {
    if (c < '0' || c > '9') {
      *ok = false;
      break;
    }
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  return *ok ? n : 0;
}

HeaderScan scan_headers(const ByteReader& r, size_t off) {
  HeaderScan s;
  std::string_view all{reinterpret_cast<const char*>(r.data()), r.size()};
  while (off < r.size()) {
    Line l = find_line(r, off);
    if (!l.complete) return s;
    std::string_view line = all.substr(off, l.len);
    off = l.next;
    if (line.empty()) {
      s.end = off;
      s.complete = true;
      return s;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view name = line.substr(0, colon), value = trim(line.substr(colon + 1));
    const HeaderDef* h = find_header(name);
    if (!h) continue;
    switch (h->id) {
      case Hdr::kContentLength: {
        bool ok;
        uint64_t n = parse_length(value, &ok);
        if (ok) {
          s.have_length = true;
          s.content_length = n;
        }
        break;
      }
      case Hdr::kTransferEncoding:
        // tshark dechunks only a value starting with "chunked".
        if (value.size() >= 7 && iequals(value.substr(0, 7), "chunked")) s.body.chunked = true;
        break;
      case Hdr::kContentType:
        s.body.content_type = value;
        break;
      case Hdr::kContentEncoding:
        s.body.content_encoding = value;
        break;
      case Hdr::kHost:
        s.host = value;
        break;
      case Hdr::kUpgrade:
        s.upgrade = value;
        break;
      default:
        break;
    }
  }
  return s;
}

// Whether every name in a Transfer-Encoding value is one tshark knows: "chunked" any number of
// times and at most one compression coding, names matched as prefixes, as tshark parses them.
bool known_transfer_codings(std::string_view v) {
  bool have_coding = false;
  size_t i = 0;
  while (i < v.size()) {
    while (i < v.size() && (v[i] == ' ' || v[i] == '\t' || v[i] == ',')) ++i;
    if (i == v.size()) break;
    std::string_view rest = v.substr(i);
    if (rest.starts_with("chunked")) {
      i += 7;
      continue;
    }
    if (have_coding) return false;
    bool known = false;
    for (std::string_view name :
         {"compress", "deflate", "gzip", "identity", "x-compress", "x-gzip"})
      if (rest.starts_with(name)) {
        i += name.size();
        known = true;
        break;
      }
    if (!known) return false;
    have_coding = true;
  }
  return true;
}

// Base64 as tshark's in-place decoder reads it: up to the first character outside the
// alphabet (line ends skipped), the result a C string (cut at a NUL).
std::string_view base64_text(Packet& pkt, std::string_view in) {
  auto* out = static_cast<char*>(pkt.arena.alloc(in.size() + 1, 1));
  size_t n = 0;
  uint32_t bits = 0;
  int have = 0;
  for (char c : in) {
    int v;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      v = c - '0' + 52;
    else if (c == '+')
      v = 62;
    else if (c == '/')
      v = 63;
    else if (c == '\r' || c == '\n')
      continue;
    else
      break;
    bits = (bits << 6) | static_cast<uint32_t>(v);
    have += 6;
    if (have >= 8) {
      have -= 8;
      out[n++] = static_cast<char>((bits >> have) & 0xff);
    }
  }
  std::string_view text(out, n);
  return text.substr(0, text.find('\0'));
}

// Adds every header line between `off` and the empty line ending at `end`.
void dissect_headers(Packet& pkt, int top, const ByteReader& r, size_t off, size_t end,
                     FieldId line_field) {
  std::string_view all{reinterpret_cast<const char*>(r.data()), r.size()};
  bool have_length = false, have_transfer_encoding = false;
  while (off < end) {
    Line l = find_line(r, off);
    std::string_view line = all.substr(off, l.len);
    std::string_view with_eol = all.substr(off, l.next - off);
    size_t len = l.next - off;
    if (line.empty()) {
      int t = pkt.tree.add(top, f_text, r, off, len, Value{});
      label_line(pkt, t, with_eol);
      break;
    }
    size_t colon = line.find(':');
    const HeaderDef* h =
        colon == std::string_view::npos ? nullptr : find_header(line.substr(0, colon));
    if (h) {
      std::string_view value = trim(line.substr(colon + 1));
      int n;
      if (h->id == Hdr::kContentLength) {
        n = add_string(pkt, top, f_content_length_header, r, off, len, value);
        bool ok;
        uint64_t cl = parse_length(value, &ok);
        if (ok) {
          pkt.tree.add(n, f_content_length, r, off, len, Value::of_uint(cl), kGenerated);
          have_length = true;
          if (have_transfer_encoding)
            add_expert(pkt, n, f_te_and_length, r, off, len,
                       "The Content-Length and Transfer-Encoding header must not be set together",
                       kExpertWarn, kGroupMalformed);
        }
      } else {
        n = add_string(pkt, top, h->field, r, off, len, value);
        if (h->id == Hdr::kTransferEncoding) {
          have_transfer_encoding = true;
          if (have_length)
            add_expert(pkt, n, f_te_and_length, r, off, len,
                       "The Content-Length and Transfer-Encoding header must not be set together",
                       kExpertWarn, kGroupMalformed);
          if (!known_transfer_codings(value))
            add_expert(pkt, n, f_te_unknown, r, off, len,
                       "Unknown transfer coding name in Transfer-Encoding header", kExpertWarn,
                       kGroupUndecoded);
        }
        if ((h->id == Hdr::kAuthorization || h->id == Hdr::kProxyAuthorization) &&
            value.starts_with("Basic "))
          add_string(pkt, n, f_authbasic, r, 0, 0, base64_text(pkt, value.substr(6)));
        if (h->id == Hdr::kCookie) {
          size_t start = 0;
          for (;;) {
            size_t semi = value.find(';', start);
            size_t e = semi == std::string_view::npos ? value.size() : semi;
            std::string_view pair = trim(value.substr(start, e - start));
            size_t at = off + static_cast<size_t>(pair.data() - line.data());
            add_string(pkt, n, f_cookie_pair, r, at, pair.size(), pair);
            if (semi == std::string_view::npos) break;
            start = semi + 1;
          }
        }
      }
      label_line(pkt, n, with_eol);
      int hidden = add_string(pkt, top, line_field, r, off, len, with_eol, kHidden);
      label_line(pkt, hidden, with_eol);
    } else {
      int n = add_string(pkt, top, line_field, r, off, len, with_eol);
      label_line(pkt, n, with_eol);
    }
    off = l.next;
  }
}

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

void desegment(Packet& pkt, size_t off, uint32_t more) {
  pkt.desegment_offset = static_cast<uint32_t>(off);
  pkt.desegment_len = more;
}

// One message starting at r[off]. Returns the bytes it used, or 0 when TCP was asked for more.
size_t dissect_message(const ByteReader& r, size_t off, Packet& pkt, HttpConversation& conv) {
  std::string_view all{reinterpret_cast<const char*>(r.data()), r.size()};
  // The first line decides, even before it is complete, whether a message starts here.
  Line first = find_line(r, off);
  std::string_view line = all.substr(off, first.len);
  std::string_view method;
  Kind kind = classify(line, &method);
  if (kind == Kind::kOther && conv.exchanges == 0) {
    // Not HTTP-looking and no HTTP seen on the connection yet: tshark keeps the bytes but
    // shows nothing for them, unless text without a line end may still become a request.
    bool text = !line.empty() && std::isprint(static_cast<unsigned char>(line[0]));
    if (!(text && !first.complete && pkt.can_desegment)) return r.reported_size() - off;
  }
  if (!first.complete && pkt.can_desegment) {
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
    int top = pkt.add_protocol(-1, proto_http, r, off, len);
    pkt.call_data(r.sub(off), top);
    return len;
  }
  if (pkt.cols.enabled) {
    std::string info;
    append_formatted_text(info, line);
    info += ' ';
    pkt.cols.set_info(info);
  }

  HeaderScan hs = scan_headers(r, first.next);
  if (!hs.complete && pkt.can_desegment) {
    desegment(pkt, off, kDesegmentOneMoreSegment);
    return 0;
  }
  if (!hs.complete && r.truncated()) r.fail(r.size(), 1);
  size_t body_off = hs.complete ? hs.end : r.size();
  hs.body.media_type = media_type_of(pkt, hs.body.content_type);

  // The response's request decides whether it has a body (HEAD) and what it answers.
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
  const HttpExchange* answered =
      kind == Kind::kResponse && !conv.unanswered.empty() ? &conv.unanswered.front() : nullptr;
  bool no_body =
      kind == Kind::kResponse && ((answered && answered->method == "HEAD") ||
                                  (code >= 100 && code < 200) || code == 204 || code == 304);
  size_t body_len = 0;
  // The sender's FIN: whatever of the body is here is all there will be (tshark's
  // end_of_stream).
  bool more_body = pkt.can_desegment && !pkt.tcp_fin;
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
  int top = pkt.add_protocol(-1, proto_http, r, off, msg_len);
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
  g_last = HttpMessage{};
  g_last.frame = pkt.number;
  g_last.is_request = kind == Kind::kRequest;
  g_last.host = hs.host;
  std::string_view uri;
  if (kind == Kind::kRequest)
    dissect_request_line(pkt, ln, r, off, line, &uri);
  else
    dissect_status_line(pkt, ln, r, off, line);
  dissect_headers(pkt, top, r, first.next, body_off,
                  kind == Kind::kRequest ? f_request_line : f_response_line);

  uint64_t now_ns = static_cast<uint64_t>(pkt.frame->ts.total_ns());
  if (kind == Kind::kRequest) {
    HttpExchange x;
    x.number = ++conv.exchanges;
    x.request_frame = pkt.number;
    x.request_ns = static_cast<int64_t>(now_ns);
    x.method = std::string(method);
    x.prev_request_frame = conv.last_request_frame;
    std::string_view full = full_uri(pkt, method, uri, hs.host);
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
    g_last.number = x.number;
    g_last.method = method;
    g_last.uri = uri;
    g_last.full_uri = full;
    if (conv.unanswered.size() >= HttpConversation::kMaxUnanswered) conv.unanswered.pop_front();
    conv.unanswered.push_back(std::move(x));
  } else {
    HttpExchange x;
    if (answered) {
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
      pkt.tree.add(top, f_time, r, off, 0,
                   Value::of_int(static_cast<int64_t>(now_ns) - x.request_ns), kGenerated);
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
    g_last.number = x.number;
    g_last.status = static_cast<uint16_t>(code);
    g_last.request_frame = x.request_frame;
    if (code == 101 || (x.method == "CONNECT" && code >= 200 && code < 300)) conv.switched = true;
  }
  if (body_len > 0) {
    size_t avail = std::min(body_len, r.remaining(body_off));
    ByteReader body = http_body::dissect_body(pkt, top, r, body_off, avail, hs.body);
    g_last.body = body.data();
    g_last.body_len = body.size();
    g_last.content_type = hs.body.media_type;
    if (avail < body_len) r.fail(r.size(), body_len - avail);  // cut by the snapshot length
  }
  g_last.content_type = hs.body.media_type;
  return msg_len;
}

size_t dissect_http_tcp(const ByteReader& r, Packet& pkt, int) {
  HttpConversation& conv = conversation(pkt);
  g_last = HttpMessage{};
  if (conv.switched) {
    // After an upgrade the bytes belong to another protocol: tshark keeps a (hidden) HTTP
    // layer over them and shows them as data.
    int top = pkt.add_protocol(-1, proto_http, r, 0, r.size());
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

const HttpMessage& last_http_message() {
  return g_last;
}

void register_http() {
  FieldRegistry& reg = registry();
  proto_http = reg.add_protocol({"Hypertext Transfer Protocol", "HTTP", "http"});
  reg.add_fields(proto_http, kFields);
  header_defs[5].field = f_content_length_header;
  http_body::register_fields(proto_http);
  for (uint16_t p : kTcpPorts) tables::tcp_port().add(p, dissect_http_tcp);
  tables::tcp_heuristics().push_back({looks_like_http, dissect_http_tcp});
}

}  // namespace netsift
