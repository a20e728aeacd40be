// HTTP entity bodies as tshark 4.0 shows them: the chunks of a chunked body (then a
// "De-chunked entity body" data source), the content coding (gzip, deflate, br; decoded into an
// "Uncompressed entity body" source, bounded), http.file_data, and the media type's dissector:
// "Line-based text data" (data-text-lines) for text, JSON, URL-encoded forms; raw data else.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <vector>

#include "analysis/decompress.h"
#include "core/expert.h"
#include "core/field_registry.h"
#include "core/session.h"
#include "core/text_format.h"
#include "dissectors/http.h"
#include "dissectors/http_internal.h"  // http::f_text
#include "dissectors/media.h"

namespace netsift::http_body {

namespace {

// Decoded bodies larger than this are cut, with an expert note (a decompression bomb must not
// exhaust memory; tshark has no limit).

FieldId f_chunk_size, f_chunk_data, f_chunk_boundary, f_chunked_trailer_part, f_file_data,
    f_decompression_failed, f_decompression_disabled, f_body_limit;

const FieldReg kFields[] = {
    {&f_chunked_trailer_part,
     {.name = "trailer-part",
      .abbrev = "http.chunked_trailer_part",
      .type = FieldType::kString,
      .blurb = "Optional trailer in a chunked body"}},
    {&f_chunk_boundary,
     {.name = "Chunk boundary", .abbrev = "http.chunk_boundary", .type = FieldType::kBytes}},
    {&f_chunk_size,
     {.name = "Chunk size",
      .abbrev = "http.chunk_size",
      .type = FieldType::kUint32,
      .base = Base::kUnit,
      .unit = " octets"}},
    {&f_chunk_data, {.name = "Chunk data", .abbrev = "http.chunk_data", .type = FieldType::kBytes}},
    {&f_file_data, {.name = "File Data", .abbrev = "http.file_data", .type = FieldType::kString}},
    {&f_decompression_failed,
     {.name = "Decompression failed", .abbrev = "http.decompression_failed"}},
    {&f_decompression_disabled,
     {.name = "Decompression disabled", .abbrev = "http.decompression_disabled"}},
    // netsift's own: tshark decodes without a limit.
    {&f_body_limit, {.name = "Decoded body limit reached", .abbrev = "http.decoded_body_limit"}},
};

struct ChunkLine {
  size_t size_len = 0;  // bytes of the chunk-size line, terminator included
  uint64_t size = 0;
  bool ok = false;
};

// The chunk-size line at r[off]: hex digits, optional extensions, CRLF (or LF).
ChunkLine read_chunk_line(const ByteReader& r, size_t off) {
  ChunkLine c;
  const uint8_t* p = r.data();
  size_t i = off;
  int digits = 0;
  while (i < r.size() && std::isxdigit(p[i])) {
    if (digits++ >= 15) return c;  // larger than any body we could hold
    c.size = c.size * 16 +
             static_cast<uint64_t>(std::isdigit(p[i]) ? p[i] - '0' : (p[i] | 0x20) - 'a' + 10);
    ++i;
  }
  if (digits == 0) return c;
  while (i < r.size() && p[i] != '\n') ++i;
  if (i >= r.size()) return c;
  c.size_len = i + 1 - off;
  c.ok = true;
  return c;
}

// The length of the line at r[off] including its LF, or 0 when it does not end in r.
size_t line_length(const ByteReader& r, size_t off) {
  const uint8_t* p = r.data();
  for (size_t i = off; i < r.size(); ++i)
    if (p[i] == '\n') return i + 1 - off;
  return 0;
}

std::string_view text_of(const ByteReader& r, size_t off, size_t len) {
  return {reinterpret_cast<const char*>(r.data() + off), len};
}

std::string escaped(std::string_view s) {
  std::string out;
  append_formatted_text(out, s);
  return out;
}

// The chunks: a "HTTP chunked response" subtree, and the de-chunked body as a new data source.
ByteReader dissect_chunks(Packet& pkt, int top, const ByteReader& r, size_t off, size_t len,
                          bool want_text) {
  ByteReader body = r.sub(off, len);
  int tree = pkt.tree.add(top, http::f_text, body, 0, len, Value{});
  if (want_text) pkt.set_label(tree, "HTTP chunked response");
  std::vector<std::pair<size_t, size_t>> pieces;  // data ranges within `body`
  size_t total = 0;
  size_t pos = 0;
  for (;;) {
    ChunkLine c = read_chunk_line(body, pos);
    if (!c.ok) break;
    if (c.size == 0) {
      int end = pkt.tree.add(tree, http::f_text, body, pos, c.size_len, Value{});
      if (want_text) pkt.set_label(end, "End of chunked encoding");
      pkt.add_uint(end, f_chunk_size, body, pos, c.size_len, 0);
      pos += c.size_len;
      // Trailer fields, then the empty line.
      for (;;) {
        size_t l = line_length(body, pos);
        if (l == 0) break;
        std::string_view line = text_of(body, pos, l);
        int n;
        if (line == "\r\n" || line == "\n")
          n = pkt.tree.add(tree, http::f_text, body, pos, l, Value{});
        else
          n = pkt.tree.add(tree, f_chunked_trailer_part, body, pos, l,
                           Value::of_bytes(body.data() + pos, l));
        if (want_text) pkt.set_label(n, escaped(line));
        pos += l;
        if (line == "\r\n" || line == "\n") break;
      }
      break;
    }
    size_t avail = body.size() - std::min(body.size(), pos + c.size_len);
    size_t data_len = static_cast<size_t>(std::min<uint64_t>(c.size, avail));
    size_t after = pos + c.size_len + data_len;
    size_t boundary = line_length(body, after);
    if (data_len < c.size) boundary = 0;
    int ch = pkt.tree.add(tree, http::f_text, body, pos, c.size_len + data_len + boundary, Value{});
    if (want_text) pkt.set_label(ch, fmt::format("Data chunk ({} octets)", c.size));
    pkt.add_uint(ch, f_chunk_size, body, pos, c.size_len, c.size);
    pkt.tree.add(ch, f_chunk_data, body, pos + c.size_len, data_len,
                 Value::of_bytes(body.data() + pos + c.size_len, data_len));
    if (boundary)
      pkt.tree.add(ch, f_chunk_boundary, body, after, boundary,
                   Value::of_bytes(body.data() + after, boundary));
    pieces.emplace_back(pos + c.size_len, data_len);
    total += data_len;
    pos = after + boundary;
    if (data_len < c.size || boundary == 0) break;
  }
  auto* copy = static_cast<uint8_t*>(pkt.arena.alloc(total ? total : 1, 1));
  size_t at = 0;
  for (auto [o, n] : pieces) {
    std::memcpy(copy + at, body.data() + o, n);
    at += n;
  }
  pkt.sources.push_back(DataSource{"De-chunked entity body", copy, static_cast<uint32_t>(total)});
  return ByteReader(copy, total, total, 0, static_cast<uint16_t>(pkt.sources.size()));
}

}  // namespace

size_t chunked_length(const ByteReader& r, size_t off) {
  size_t pos = off;
  for (;;) {
    ChunkLine c = read_chunk_line(r, pos);
    if (!c.ok) return 0;
    pos += c.size_len;
    if (c.size == 0) break;
    if (c.size > r.size() - pos) return 0;
    pos += static_cast<size_t>(c.size);
    size_t b = line_length(r, pos);
    if (b == 0) return 0;
    pos += b;
  }
  for (;;) {  // trailer fields up to the empty line
    size_t l = line_length(r, pos);
    if (l == 0) return 0;
    std::string_view line = text_of(r, pos, l);
    pos += l;
    if (line == "\r\n" || line == "\n") break;
  }
  return pos - off;
}

void dissect_body(Packet& pkt, int top, const ByteReader& r, size_t off, size_t len,
                  const BodyHeaders& h, HttpMessage& msg) {
  bool want_text = pkt.cols.enabled;
  if (h.chunked && !h.dechunk) {  // the chunks as sent: nothing more can be decoded
    pkt.call_data(r.sub(off, len), top);
    return;
  }
  ByteReader body = h.chunked ? dissect_chunks(pkt, top, r, off, len, want_text) : r.sub(off, len);
  ContentCoding coding = content_coding(h.content_encoding);
  if (coding != ContentCoding::kIdentity && body.size() > 0) {
    int e = pkt.tree.add(top, http::f_text, body, 0, body.size(), Value{});
    std::string label;
    if (want_text)
      label = fmt::format("Content-encoded entity body ({}): {} bytes", h.content_encoding,
                          body.size());
    if (!h.decompress) {
      if (want_text) pkt.set_label(e, label);
      add_expert(pkt, e, f_decompression_disabled, body, 0, 0, "Decompression disabled",
                 kExpertChat, kGroupUndecoded);
      pkt.call_data(body, e);
      return;
    }
    static std::vector<uint8_t> decoded;  // reused: no allocation per packet once grown
    // The cap of a body with a Content-Length (TCP's per-PDU limit), however it was framed.
    const size_t limit = pkt.session->memory().item_limit();
    DecodeStatus st = coding == ContentCoding::kUnsupported
                          ? DecodeStatus::kFailed
                          : decompress(coding, body.data(), body.size(), limit, decoded);
    if (st == DecodeStatus::kFailed) {
      if (want_text) pkt.set_label(e, label);
      add_expert(pkt, e, f_decompression_failed, body, 0, 0, "Decompression failed", kExpertWarn,
                 kGroupUndecoded);
      pkt.call_data(body, e);
      return;
    }
    if (want_text) pkt.set_label(e, fmt::format("{} -> {} bytes", label, decoded.size()));
    if (st == DecodeStatus::kTruncated)
      add_expert(pkt, e, f_body_limit, body, 0, body.size(),
                 fmt::format("Decoded body cut at {} bytes ({}, a sixth of --max-memory {})", limit,
                             byte_size_text(limit), byte_size_text(pkt.session->memory().limit())),
                 kExpertWarn, kGroupUndecoded);
    auto* copy = static_cast<uint8_t*>(pkt.arena.alloc(decoded.empty() ? 1 : decoded.size(), 1));
    if (!decoded.empty()) std::memcpy(copy, decoded.data(), decoded.size());
    pkt.sources.push_back(
        DataSource{"Uncompressed entity body", copy, static_cast<uint32_t>(decoded.size())});
    body = ByteReader(copy, decoded.size(), decoded.size(), 0,
                      static_cast<uint16_t>(pkt.sources.size()));
  }
  msg.has_body = true;
  msg.body = body.data();
  msg.body_len = body.size();
  if (body.size() == 0) return;
  // The field's text costs a pass over the body: only when the field is read.
  if (pkt.tree.wants(f_file_data)) {
    std::string_view text = ascii_string(pkt, text_of(body, 0, body.size()));
    int fd =
        pkt.tree.add(top, f_file_data, body, 0, body.size(),
                     Value::of_bytes(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
    if (want_text) pkt.set_label(fd, fmt::format("File Data: {} bytes", body.size()));
  }
  BodyCarrier& carrier = pkt.scratch<BodyCarrier>();
  carrier.has_path = msg.has_request_uri;
  carrier.path = msg.request_uri;
  carrier.request = msg.kind == HttpMessage::Kind::kRequest;
  if (!dissect_known_media(pkt, body, h.media_type, -1)) {
    dissect_media(pkt, body, h.media_type, top);
    return;
  }
  // A body its media type's dissector took leaves the HTTP item over the headers, as tshark
  // sets it.
  Node& http = pkt.tree[top];
  if (top != PacketTree::kDiscarded && http.source == r.source() && r.origin() + off >= http.offset)
    http.length = static_cast<uint32_t>(r.origin() + off - http.offset);
}

void register_fields(FieldId proto_http) {
  FieldRegistry& reg = registry();
  reg.add_fields(proto_http, kFields);
}

}  // namespace netsift::http_body
