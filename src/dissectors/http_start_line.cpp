// HTTP request lines (method, URI with its query parameters, version) and status lines
// (version, code, phrase), and which of the two a line is.
#include <algorithm>

#include "dissectors/http_internal.h"

namespace netsift::http {

namespace {

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

bool is_method(std::string_view line, std::string_view* method) {
  std::string_view m = line.substr(0, line.find(' '));  // the whole line when no space
  for (std::string_view k : kMethods)
    if (k == m) {
      *method = m;
      return true;
    }
  return false;
}

const char* status_text(unsigned code) {
  if (const char* name = http_status_name(code)) return name;
  unsigned others = code / 100 * 100 + 99;
  for (const ValueName& v : kStatusCodes)
    if (v.value == others) return v.name;
  return "Unknown";
}

}  // namespace

}  // namespace netsift::http

namespace netsift {

const char* http_status_name(unsigned code) {
  for (const ValueName& v : http::kStatusCodes)
    if (v.value == code) return v.name;
  return nullptr;
}

}  // namespace netsift

namespace netsift::http {

Kind classify(std::string_view line, std::string_view* method) {
  if (line.size() >= 5 && line.substr(0, 5) == "HTTP/") return Kind::kResponse;
  if (is_method(line, method)) return Kind::kRequest;
  return Kind::kOther;
}

void dissect_request_line(Packet& pkt, int line_node, const ByteReader& r, size_t off,
                          std::string_view line, std::string_view* uri_out) {
  size_t sp1 = std::min(line.find(' '), line.size());
  add_string(pkt, line_node, http_fields::request_method, r, off, sp1, line.substr(0, sp1));
  size_t uri_start = std::min(sp1 + 1, line.size());
  size_t uri_end = line.find(' ', uri_start);
  if (uri_end == std::string_view::npos) uri_end = line.size();
  std::string_view uri = line.substr(uri_start, uri_end - uri_start);
  *uri_out = uri;
  int u = add_string(pkt, line_node, http_fields::request_uri, r, off + uri_start, uri.size(), uri);
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
  pkt.add_uint(line_node, http_fields::response_code, r, off + c, 3, code);
  add_string(pkt, line_node, http_fields::response_code_desc, r, off + c, 3, status_text(code),
             kGenerated);
  size_t ph = c + 3;
  if (ph < line.size() && line[ph] == ' ') ++ph;
  if (ph < line.size())
    add_string(pkt, line_node, f_phrase, r, off + ph, line.size() - ph, line.substr(ph));
  return code;
}

}  // namespace netsift::http
