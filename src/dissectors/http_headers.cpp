// HTTP header lines: the headers tshark gives a field of their own (Content-Length with its
// value, Transfer-Encoding checks, Basic credentials, cookie pairs), the rest as lines; and the
// quick scan that tells the framing code how long the message is.
#include <openssl/evp.h>

#include <cstring>
#include <string>
#include <vector>

#include "core/expert.h"
#include "dissectors/http2.h"
#include "dissectors/http_internal.h"

namespace netsift::http {

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

namespace {

const HeaderDef* find_header(std::string_view name) {
  for (const HeaderDef& h : header_defs)
    if (iequals(name, h.name)) return &h;
  return nullptr;
}

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

// An HTTP2-Settings value (RFC 9113 section 3.2.1: base64url without padding), decoded by
// OpenSSL into a "Base64uri decoded" source, its SETTINGS entries under the header's line.
void dissect_http2_settings_header(Packet& pkt, int line, std::string_view value) {
  std::string b64(value);
  for (char& c : b64) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  while (b64.size() % 4) b64.push_back('=');
  std::vector<uint8_t> out(b64.size() / 4 * 3 + 1);
  int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(b64.data()),
                          static_cast<int>(b64.size()));
  if (n < 0) return;
  size_t len = static_cast<size_t>(n);
  for (size_t i = b64.size(); i > 0 && b64[i - 1] == '=' && len > 0; --i) --len;
  auto* copy = static_cast<uint8_t*>(pkt.arena.alloc(len ? len : 1, 1));
  std::memcpy(copy, out.data(), len);
  pkt.sources.push_back(DataSource{"Base64uri decoded", copy, static_cast<uint32_t>(len)});
  dissect_http2_settings_list(
      pkt, line, ByteReader(copy, len, len, 0, static_cast<uint16_t>(pkt.sources.size())));
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

}  // namespace

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
      if (h->id == Hdr::kHttp2Settings) dissect_http2_settings_header(pkt, n, value);
      int hidden = add_string(pkt, top, line_field, r, off, len, with_eol, kHidden);
      label_line(pkt, hidden, with_eol);
    } else if (FieldId custom = colon == std::string_view::npos
                                    ? kNoField
                                    : custom_header_field(trim(line.substr(0, colon)));
               custom != kNoField) {
      // A custom_http_header_fields header: its own field, and the line hidden (as tshark).
      int n = add_string(pkt, top, custom, r, off, len, trim(line.substr(colon + 1)));
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

}  // namespace netsift::http
