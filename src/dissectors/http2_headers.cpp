// HTTP/2 header blocks (HEADERS, PUSH_PROMISE, CONTINUATION) as tshark 4.0 shows them: each
// fragment is decoded by the sender's HPACK decoder in frame order (analysis/http2_hpack.h);
// the decoded fields form a "Decompressed Header" data source (name length, name, value length,
// value per field) the tree items point into, beside each field's representation and index in
// the frame. :method/:path and :status go to the Info column and the Stream item; the first
// block of a stream in each direction says how its DATA is to be read (content type and
// coding), and links requests with responses (netsift's http2.request_in/response_in).
#include <fmt/format.h>

#include <cstdlib>
#include <cstring>

#include "core/conversation.h"
#include "core/expert.h"
#include "core/field_registry.h"
#include "core/session.h"
#include "dissectors/grpc.h"
#include "dissectors/http.h"
#include "dissectors/http2_internal.h"
#include "dissectors/media.h"

namespace netsift::http2 {

using namespace http2_fields;

namespace {

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int hex_value(char c) {
  return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

// g_uri_unescape_string(): %XX escapes decoded; false for a malformed escape or an escaped NUL.
bool uri_unescape(std::string_view s, std::string& out) {
  out.clear();
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out.push_back(s[i]);
      continue;
    }
    if (i + 2 >= s.size() || !is_hex(s[i + 1]) || !is_hex(s[i + 2])) return false;
    char c = static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
    if (c == '\0') return false;
    out.push_back(c);
    i += 2;
  }
  return true;
}

bool parse_uint(std::string_view s, uint64_t max, uint64_t* out) {
  if (s.empty()) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (max - d) / 10) return false;
    v = v * 10 + d;
  }
  *out = v;
  return true;
}

// "text/html; charset=utf-8" -> "text/html" (lower case) and "charset=utf-8".
void split_content_type(std::string_view v, std::string& type, std::string& params) {
  size_t end = 0;
  while (end < v.size() && v[end] != ';' && v[end] != ' ' && v[end] != '\t' && v[end] != '\r' &&
         v[end] != '\n' && v[end] != '\v' && v[end] != '\f')
    ++end;
  type.assign(v.substr(0, end));
  for (char& c : type)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  size_t p = end;
  while (p < v.size() && (v[p] == ';' || v[p] == ' ' || v[p] == '\t')) ++p;
  params.assign(v.substr(p));
}

// Whether this frame belongs to the stream's first header block in the sender's direction
// (tshark's is_in_header_context): PUSH_PROMISE blocks and trailers do not.
bool in_header_context(Frame& f) {
  const Http2StreamSide& side = f.stream().side[f.dir];
  return side.header_start != 0 && f.number >= side.header_start &&
         (side.header_end == 0 || f.number <= side.header_end);
}

// What a header of the stream's first block tells about its DATA (tshark's
// populate_http_header_tracking).
void track_header(Frame& f, std::string_view name, std::string_view value) {
  Http2Stream& s = f.stream();
  Http2StreamSide& side = s.side[f.dir];
  if (name == "content-encoding" && side.content_encoding.empty())
    side.content_encoding.assign(value);
  if (name == ":status" && value == "206") side.partial_content = true;
  if (name == ":status" || name == ":method") side.data_initiated = true;
  if (name == "transfer-encoding") side.transfer_encoded = true;
  if (name == ":method" && value == "CONNECT") s.is_connect = true;
  if (name == "content-type" && side.content_type.empty()) {
    split_content_type(value, side.content_type, side.content_type_params);
    s.streaming = is_grpc_type(side.content_type);
  }
  if (name == ":path" && !side.has_path) {
    side.has_path = true;
    side.path.assign(value);
  }
  if (name == "grpc-encoding" && side.grpc_encoding.empty()) side.grpc_encoding.assign(value);
}

// netsift's request/response links (hidden items: tshark's tree has none): the first block
// with :method is the stream's request, the first with :status its response. A request learns
// its response frame only with -2 (noted by the first pass per TCP stream and stream id).
void link_exchange(Frame& f, int top, bool request, bool response) {
  Http2Stream& s = f.stream();
  Packet& pkt = f.pkt;
  int64_t now = pkt.frame ? pkt.frame->ts.total_ns() : 0;
  if (request && s.request_frame == 0) {
    s.request_frame = pkt.number;
    s.request_ns = now;
  }
  if (response && s.response_frame == 0) {
    s.response_frame = pkt.number;
    if (pkt.conversation)
      pkt.session->later.note(response_in, pkt.conversation->stream, f.stream_id, pkt.number);
  }
  if (request && pkt.conversation)
    if (auto frame = pkt.session->later.find(response_in, pkt.conversation->stream, f.stream_id))
      pkt.tree.add_generated(top, response_in, Value::of_uint(*frame), kHidden);
  if (response && s.request_frame != 0) {
    pkt.tree.add_generated(top, request_in, Value::of_uint(s.request_frame), kHidden);
    pkt.tree.add_generated(top, time, Value::of_int(now - s.request_ns), kHidden);
  }
}

// The decoded fields of one block fragment at f.r[off, off+len) under f.tree.
void inflate_block(Frame& f, size_t off, size_t len) {
  Packet& pkt = f.pkt;
  HpackBlockResult block =
      f.conn.hpack[f.dir].decode({f.r.ptr(off, len), len}, (f.flags & kEndHeaders) != 0);
  if (block.fields.empty()) return;

  // The "Decompressed Header" source: per field, name length, name, value length, value.
  size_t total = 0;
  for (const HpackField& h : block.fields)
    if (h.repr != HpackRepr::kTableSizeUpdate) total += 8 + h.name.size() + h.value.size();
  auto* buf = static_cast<uint8_t*>(pkt.arena.alloc(total ? total : 1, 1));
  size_t w = 0;
  auto put_u32 = [&](size_t n) {
    for (int i = 3; i >= 0; --i) buf[w++] = static_cast<uint8_t>(n >> (8 * i));
  };
  for (const HpackField& h : block.fields) {
    if (h.repr == HpackRepr::kTableSizeUpdate) continue;
    put_u32(h.name.size());
    std::memcpy(buf + w, h.name.data(), h.name.size());
    w += h.name.size();
    put_u32(h.value.size());
    std::memcpy(buf + w, h.value.data(), h.value.size());
    w += h.value.size();
  }
  pkt.sources.push_back(DataSource{"Decompressed Header", buf, static_cast<uint32_t>(total)});
  f.record->follow_data = buf;
  f.record->follow_len = total;
  ByteReader dec(buf, total, total, 0, static_cast<uint16_t>(pkt.sources.size()));

  int ti = pkt.tree.add(f.tree, header_length, dec, 0, 1, Value::of_uint(total), kGenerated);
  if (block.size_attempted > 0)
    add_expert(pkt, ti, header_size_exceeded, dec, 0, 1,
               fmt::format("Decompression stopped after {} bytes ({} attempted).",
                           block.size_reached, block.size_attempted),
               kExpertError, kGroupUndecoded);
  ti = pkt.tree.add(f.tree, header_count, dec, 0, 1, Value::of_uint(block.fields.size()),
                    kGenerated);
  if (block.lines_exceeded)
    add_expert(pkt, ti, header_lines_exceeded, dec, 0, 1,
               "Decompression stopped after 200 header lines.", kExpertError, kGroupUndecoded);

  const bool context = in_header_context(f);
  std::string method, path, authority, scheme, unescaped;
  bool have_method = false, have_path = false, have_authority = false, have_scheme = false;
  bool status_seen = false;
  size_t hoff = 0;
  for (const HpackField& h : block.fields) {
    if (h.repr == HpackRepr::kTableSizeUpdate) {
      int u = pkt.tree.add(f.tree, header_table_size_update, f.r, off, h.encoded_length, Value{});
      pkt.tree.add(u, header_table_size, f.r, off, h.encoded_length, Value::of_uint(h.index));
      off += h.encoded_length;
      continue;
    }
    int item = pkt.tree.add(f.tree, header, f.r, off, h.encoded_length, Value{});
    pkt.add_item(item, header_name_length, dec, hoff, 4);
    hoff += 4;
    std::string_view name = ascii_string(pkt, dec.text(hoff, h.name.size()));
    pkt.tree.add(item, header_name, dec, hoff, h.name.size(),
                 Value::of_bytes(reinterpret_cast<const uint8_t*>(name.data()), name.size()));
    hoff += h.name.size();
    pkt.add_item(item, header_value_length, dec, hoff, 4);
    hoff += 4;
    std::string_view value = ascii_string(pkt, dec.text(hoff, h.value.size()));
    pkt.tree.add(item, header_value, dec, hoff, h.value.size(),
                 Value::of_bytes(reinterpret_cast<const uint8_t*>(value.data()), value.size()));
    if (FieldId named = named_header(name); named != kNoField) {
      const FieldDef& def = registry().info(named).def;
      uint64_t n;
      if (def.type == FieldType::kString) {
        int n_item = pkt.tree.add(
            item, named, dec, hoff, h.value.size(),
            Value::of_bytes(reinterpret_cast<const uint8_t*>(value.data()), value.size()));
        if (name == ":path") add_http_path_components(pkt, n_item, dec, hoff, h.value.size());
      }
      else if (parse_uint(value, def.type == FieldType::kUint64 ? UINT64_MAX : UINT32_MAX, &n))
        pkt.tree.add(item, named, dec, hoff, h.value.size(), Value::of_uint(n));
    }
    if (uri_unescape(value, unescaped)) {
      std::string_view copy = pkt.arena.copy(unescaped);
      pkt.tree.add(item, header_unescaped, dec, hoff, h.value.size(),
                   Value::of_bytes(reinterpret_cast<const uint8_t*>(copy.data()), copy.size()),
                   kGenerated);
    }
    // The generated string sits on the value's bytes, as in tshark.
    hoff += h.value.size();
    if (context) track_header(f, name, value);
    pkt.tree.add(item, header_repr, f.r, off, 1,
                 Value::of_bytes(reinterpret_cast<const uint8_t*>(hpack_repr_name(h.repr)),
                                 std::strlen(hpack_repr_name(h.repr))));
    switch (h.repr) {
      case HpackRepr::kIndexed:
        pkt.tree.add(item, header_index, f.r, off, h.encoded_length, Value::of_uint(h.index));
        break;
      case HpackRepr::kIncrementalIndexedName:
      case HpackRepr::kWithoutIndexingIndexedName:
      case HpackRepr::kNeverIndexedIndexedName:
        pkt.tree.add(item, header_index, f.r, off, 1, Value::of_uint(h.index));
        break;
      default:
        break;
    }
    std::string item_label;
    if (pkt.labels) item_label = fmt::format("Header: {}: {}", name, value);
    auto append_request = [&] {
      if (!have_method || !have_path) return;
      if (pkt.cols.enabled) pkt.cols.append_info(fmt::format(": {} {}", method, path));
      f.label += fmt::format(", {} {}", method, path);
    };
    if (name == ":method") {
      method.assign(value);
      have_method = true;
      append_request();
    } else if (name == ":path") {
      path.assign(value);
      have_path = true;
      append_request();
    } else if (name == ":status") {
      uint64_t code = std::strtoul(std::string(value).c_str(), nullptr, 10);
      const char* reason = http_status_name(static_cast<unsigned>(code));
      if (!reason) reason = "Unknown";
      if (pkt.cols.enabled) pkt.cols.append_info(fmt::format(": {} {}", value, reason));
      item_label += fmt::format(" {}", reason);
      f.label += fmt::format(", {} {}", value, reason);
      status_seen = true;
    } else if (name == ":authority") {
      authority.assign(value);
      have_authority = true;
    } else if (name == ":scheme") {
      scheme.assign(value);
      have_scheme = true;
    }
    if (item_label.size() > 239) item_label.resize(239);  // tshark's label buffer, silently
    if (pkt.labels) pkt.set_label(item, item_label);
    off += h.encoded_length;
  }
  if (have_authority && have_scheme && have_path)
    pkt.add_generated_string(f.tree, request_full_uri,
                             fmt::format("{}://{}{}", scheme, authority, path));
  if (f.type == kHeaders || f.type == kContinuation)
    link_exchange(f, f.tree, have_method, status_seen);
}

// The header block fragment of a HEADERS, PUSH_PROMISE or CONTINUATION frame from `off`, with
// `padding` bytes of padding after it.
void dissect_block(Frame& f, size_t off, uint16_t padding, FieldId block_field,
                   FieldId padding_field) {
  size_t remaining = f.r.reported_remaining(off);
  if (remaining < padding) f.r.fail(off, padding);
  size_t len = remaining - padding;
  if (registry().info(block_field).def.type == FieldType::kString) {
    // CONTINUATION's block is a string field, read as tshark's ENC_ASCII.
    std::string_view s = ascii_string(f.pkt, f.r.text(off, len));
    f.pkt.tree.add(f.tree, block_field, f.r, off, len,
                   Value::of_bytes(reinterpret_cast<const uint8_t*>(s.data()), s.size()));
  } else {
    f.pkt.add_item(f.tree, block_field, f.r, off, len);
  }
  inflate_block(f, off, len);
  off += len;
  if (padding) f.pkt.add_item(f.tree, padding_field, f.r, off, padding);
}

}  // namespace

void dissect_headers(Frame& f, size_t off) {
  // Trailers end the stream: its body is whole now.
  if (f.flags & kEndStream) finish_body_without_data(f);
  Http2StreamSide& side = f.stream().side[f.dir];
  if (side.header_start == 0) side.header_start = f.number;
  if (side.header_end == 0 && (f.flags & kEndHeaders)) side.header_end = f.number;
  uint16_t pad = 0;
  off = dissect_padding(f, off, &pad);
  if (f.flags & kPriorityFlag) off = dissect_priority_fields(f, off);
  dissect_block(f, off, pad, headers, headers_padding);
}

void dissect_push_promise(Frame& f, size_t off) {
  uint16_t pad = 0;
  off = dissect_padding(f, off, &pad);
  f.pkt.add_item(f.tree, push_promise_r, f.r, off, 4);
  f.pkt.add_item(f.tree, push_promise_promised_stream_id, f.r, off, 4);
  off += 4;
  dissect_block(f, off, pad, push_promise_header, push_promise_padding);
}

void dissect_continuation(Frame& f, size_t off) {
  Http2StreamSide& side = f.stream().side[f.dir];
  if ((f.flags & kEndHeaders) && side.header_start != 0 && side.header_end == 0)
    side.header_end = f.number;
  uint16_t pad = 0;
  off = dissect_padding(f, off, &pad);
  dissect_block(f, off, pad, continuation_header, data_padding);
}

}  // namespace netsift::http2
