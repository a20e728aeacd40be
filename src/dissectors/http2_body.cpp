// HTTP/2 DATA frames and message bodies as tshark 4.0 shows them: DATA payloads of a stream are
// collected per direction until END_STREAM (when the stream's headers were seen, its body is not
// transfer-encoded and it is no CONNECT tunnel), then the body is decoded by its
// content-encoding (analysis/decompress.h, bounded) and handed to the dissector of its media
// type, as HTTP/1.x does. Also netsift's flow-control check: a DATA frame beyond the window the
// capture has seen opened (connection and stream) gets an expert item.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <optional>

#include "analysis/decompress.h"
#include "core/expert.h"
#include "core/session.h"
#include "dissectors/grpc.h"
#include "dissectors/http2_internal.h"
#include "dissectors/media.h"

namespace netsift::http2 {

using namespace http2_fields;

namespace {

ByteReader add_source(Packet& pkt, const char* name, const uint8_t* data, size_t n) {
  auto* copy = static_cast<uint8_t*>(pkt.arena.alloc(n ? n : 1, 1));
  if (n) std::memcpy(copy, data, n);
  pkt.sources.push_back(DataSource{name, copy, static_cast<uint32_t>(n)});
  return ByteReader(copy, n, n, 0, static_cast<uint16_t>(pkt.sources.size()));
}

// tshark's get_body_uncompression_info: only whole bodies, by the coding's prefix.
ContentCoding body_coding(const Http2StreamSide& side) {
  if (side.partial_content || side.content_encoding.empty()) return ContentCoding::kIdentity;
  std::string_view e = side.content_encoding;
  if (e.rfind("gzip", 0) == 0) return ContentCoding::kGzip;
  if (e.rfind("deflate", 0) == 0) return ContentCoding::kDeflate;
  if (e.rfind("br", 0) == 0) return ContentCoding::kBrotli;
  return ContentCoding::kIdentity;
}

// What the body's dissector learns of the stream: its id, the request's path (from this side's
// headers or the other's), this side's grpc-encoding.
void set_carrier(Frame& f, const Http2StreamSide& side) {
  const Http2StreamSide& request = f.stream().side[side.has_path ? f.dir : f.dir ^ 1];
  BodyCarrier& c = f.pkt.scratch<BodyCarrier>();
  c.http2_stream = f.stream_id;
  c.has_path = request.has_path;
  c.path = request.path;
  c.request = side.has_path;
  c.grpc_encoding = side.grpc_encoding;
}

// http2.data.data over the body under `tree`, and its media type's dissector under `parent`.
// That is where tshark's visible tree has it; a tree built only for fields and statistics
// fakes the Stream and text items (each is the HTTP/2 item itself), so the body's protocol is
// a top-level item there, as tshark's -z io,phs counts it.
void dissect_body_data(Frame& f, const Http2StreamSide& side, int tree, int parent,
                       const ByteReader& body) {
  f.pkt.add_item(tree, data_data, body, 0, body.size());
  set_carrier(f, side);
  const int media_parent = f.pkt.labels ? parent : -1;
  if (side.content_type.empty() ||
      !dissect_known_media(f.pkt, body, side.content_type, media_parent))
    f.pkt.call_data(body, media_parent);
}

// A whole body: decoded by its content coding when it has one.
void dissect_full_body(Frame& f, const Http2StreamSide& side, const ByteReader& body) {
  Packet& pkt = f.pkt;
  ContentCoding coding = body_coding(side);
  if (coding == ContentCoding::kIdentity) {
    dissect_body_data(f, side, f.tree, f.proto_node, body);
    return;
  }
  int e = pkt.tree.add(f.tree, text, body, 0, body.size(), Value{});
  std::string label =
      fmt::format("Content-encoded entity body ({}): {} bytes", side.content_encoding, body.size());
  static std::vector<uint8_t> decoded;  // reused: no allocation per body once grown
  const size_t limit = pkt.session->memory().item_limit();
  DecodeStatus st = decompress(coding, body.data(), body.size(), limit, decoded);
  if (st == DecodeStatus::kFailed) {
    pkt.set_label(e, label);
    add_expert(pkt, e, body_decompression_failed, body, 0, body.size(), "Body decompression failed",
               kExpertWarn, kGroupUndecoded);
    dissect_body_data(f, side, e, f.tree, body);
    return;
  }
  pkt.set_label(e, fmt::format("{} -> {} bytes", label, decoded.size()));
  if (st == DecodeStatus::kTruncated)
    add_expert(pkt, e, body_limit, body, 0, body.size(),
               fmt::format("Decoded body cut at {} bytes ({}, a sixth of --max-memory {})", limit,
                           byte_size_text(limit), byte_size_text(pkt.session->memory().limit())),
               kExpertWarn, kGroupUndecoded);
  ByteReader plain = add_source(pkt, "Uncompressed entity body", decoded.data(), decoded.size());
  dissect_body_data(f, side, e, f.tree, plain);
}

// "[2 Body fragments (300 bytes): #5(100), #7(200)]" and its items under `parent`, over the
// reassembled body.
void add_fragment_tree(Frame& f, int parent, const std::vector<Http2StreamSide::Fragment>& frags,
                       const ByteReader& whole) {
  Packet& pkt = f.pkt;
  int list = pkt.tree.add(parent, body_fragments, whole, 0, whole.size(), Value{}, kGenerated);
  std::string label =
      fmt::format("[{} Body fragment{} ({} byte{}): ", frags.size(), frags.size() == 1 ? "" : "s",
                  whole.size(), whole.size() == 1 ? "" : "s");
  size_t off = 0;
  for (size_t i = 0; i < frags.size(); ++i) {
    const Http2StreamSide::Fragment& frag = frags[i];
    int item = pkt.tree.add(list, body_fragment, whole, off, frag.length,
                            Value::of_uint(frag.frame), kGenerated);
    if (pkt.labels) {
      pkt.set_label(item,
                    fmt::format("[Frame: {}, payload: {}-{} ({} byte{})]", frag.frame, off,
                                off + frag.length - 1, frag.length, frag.length == 1 ? "" : "s"));
      label += fmt::format("{}#{}({})", i ? ", " : "", frag.frame, frag.length);
    }
    off += frag.length;
  }
  label += "]";
  if (label.size() > 239) label.resize(239);
  pkt.set_label(list, label);
  pkt.tree.add_generated(list, body_fragment_count, Value::of_uint(frags.size()));
  pkt.tree.add_generated(list, body_reassembled_length, Value::of_uint(whole.size()));
  pkt.tree.add(list, body_reassembled_data, whole, 0, whole.size(),
               Value::of_bytes(whole.data(), whole.size()), kGenerated);
}

// The body collected for the sender's side of the stream, whole now: shown and dissected.
void complete_body(Frame& f, Http2StreamSide& side) {
  ByteReader whole = add_source(f.pkt, "Reassembled body", side.body.data(), side.body.size());
  add_fragment_tree(f, f.tree, side.fragments, whole);
  dissect_full_body(f, side, whole);
  side.body.clear();
  side.fragments.clear();
}

bool should_reassemble(const Http2Stream& s, const Http2StreamSide& side) {
  return side.data_initiated && !side.transfer_encoded && !s.is_connect;
}

// netsift's own: DATA beyond what the receiver's WINDOW_UPDATEs and SETTINGS allowed.
void check_flow_control(Frame& f, Http2StreamSide& side, size_t flow_len) {
  int64_t& conn_window = f.conn.connection_window[f.dir];
  if (static_cast<int64_t>(flow_len) > conn_window || static_cast<int64_t>(flow_len) > side.window)
    add_expert(f.pkt, f.tree, window_exceeded, f.r, 0, f.r.reported_size(),
               fmt::format("DATA of {} bytes exceeds the flow-control window (connection {}, "
                           "stream {})",
                           flow_len, conn_window, side.window),
               kExpertWarn, kGroupProtocol);
  conn_window -= static_cast<int64_t>(flow_len);
  side.window -= static_cast<int64_t>(flow_len);
}

// END_STREAM while a streaming message still misses bytes.
void flag_unfinished_message(Frame& f, const Http2StreamSide& side) {
  if (side.pending_missing == 0) return;
  // tshark's proto_tree_add_expert_format: a text item holding the expert item.
  std::string msg = fmt::format(
      "Reassembling HTTP2 body for subdissector failed, {} bytes are missing before END_STREAM.",
      side.pending_missing);
  int item = f.pkt.tree.add(f.tree, text, f.r, 0, f.r.reported_size(), Value{});
  f.pkt.set_label(item, msg);
  add_expert(f.pkt, item, reassembly_error, f.r, 0, f.r.reported_size(), msg, kExpertWarn,
             kGroupUndecoded);
}

// "DATA segment data (n bytes)": DATA bytes that belong to a message spanning frames.
void add_segment(Frame& f, size_t off, size_t len) {
  int item = f.pkt.add_item(f.tree, data_segment, f.r, off, len);
  f.pkt.set_label(item, fmt::format("DATA segment data ({} byte{})", len, len == 1 ? "" : "s"));
}

// Bytes r[off, off+len) handed to the stream's streaming dissector (gRPC, the only one: a side
// with another content type goes undissected, as in tshark).
GrpcStreamResult dissect_streaming_bytes(Frame& f, const Http2StreamSide& side,
                                         const ByteReader& r) {
  if (!is_grpc_type(side.content_type)) return {r.size(), 0};
  set_carrier(f, side);
  return dissect_grpc_streaming(f.pkt, r, side.content_type);
}

// A DATA payload of a streaming stream (gRPC), as tshark's first pass of
// reassemble_http2_data_according_to_subdissector takes it: first the bytes that complete
// (or continue) the message begun in an earlier frame, then the whole messages that follow,
// then the start of a message that continues in a later frame.
void dissect_streaming_data(Frame& f, Http2StreamSide& side, size_t off, size_t len) {
  Packet& pkt = f.pkt;
  int item = pkt.add_item(f.tree, data_data, f.r, off, len);
  pkt.set_label(item, fmt::format("DATA payload ({} byte{})", len, len == 1 ? "" : "s"));
  size_t to_previous = std::min(side.pending_missing, len);
  bool need_more = side.pending_missing > len;
  side.pending_missing -= to_previous;
  while (to_previous > 0) {
    // One message may hold at most the budget's item limit (not charged to the HTTP/2 share).
    if (side.pending.size() + to_previous > pkt.session->memory().item_limit()) {
      side.pending.clear();  // beyond the bound: given up, the rest shown as segments
      side.pending_fragments.clear();
      side.pending_missing = 0;
      need_more = true;
    } else {
      side.pending.insert(side.pending.end(), f.r.ptr(off, to_previous),
                          f.r.ptr(off, to_previous) + to_previous);
      side.pending_fragments.push_back({pkt.number, static_cast<uint32_t>(to_previous)});
    }
    std::optional<ByteReader> whole;
    if (!need_more) {
      whole = add_source(pkt, "Reassembled HTTP2 streaming body", side.pending.data(),
                         side.pending.size());
      // Under the HTTP/2 item in a visible tree; top level in a faked one (as media bodies).
      add_fragment_tree(f, pkt.labels ? f.proto_node : -1, side.pending_fragments, *whole);
    }
    if (whole)
      pkt.tree.add(f.tree, body_reassembled_in, f.r, off, to_previous, Value::of_uint(pkt.number),
                   kGenerated);
    add_segment(f, off, to_previous);
    GrpcStreamResult res;
    if (whole) res = dissect_streaming_bytes(f, side, *whole);
    off += to_previous;
    len -= to_previous;
    if (res.missing) {  // only a message's header was whole: its length asks for more
      to_previous = std::min(res.missing, len);
      side.pending_missing = res.missing - to_previous;
      need_more = side.pending_missing > 0;
    } else {
      if (whole) {
        side.pending.clear();
        side.pending_fragments.clear();
        side.pending_missing = 0;
      }
      to_previous = 0;
    }
  }
  if (len > 0) {
    GrpcStreamResult res = dissect_streaming_bytes(f, side, f.r.sub(off, len));
    if (res.missing) {
      off += res.used;
      len -= res.used;
    } else {
      off += len;
      len = 0;
    }
    side.pending_missing = res.missing;
  }
  if (len > 0) {  // a message that continues in a later DATA frame
    if (pkt.cols.enabled) pkt.cols.append_sep_info(" ", "[HTTP2 segment of a reassembled PDU]");
    side.pending.assign(f.r.ptr(off, len), f.r.ptr(off, len) + len);
    side.pending_fragments.assign(1, {pkt.number, static_cast<uint32_t>(len)});
    add_segment(f, off, len);
  }
}

}  // namespace

void dissect_data(Frame& f, size_t off) {
  Http2Stream& s = f.stream();
  Http2StreamSide& side = s.side[f.dir];
  uint16_t pad = 0;
  off = dissect_padding(f, off, &pad);
  size_t remaining = f.r.reported_remaining(off);
  if (remaining < pad) f.r.fail(off, pad);
  size_t len = remaining - pad;
  ++side.data_frames;
  side.data_bytes += len;
  check_flow_control(f, side, f.r.reported_size() - kFrameHeaderLength);
  const bool end = f.flags & kEndStream;
  bool shown = false;
  if (s.streaming) {
    dissect_streaming_data(f, side, off, len);
    if (end) flag_unfinished_message(f, side);
    shown = true;
  } else if (should_reassemble(s, side) && f.r.has(off, len)) {
    if (end && len == 0) {
      if (!side.fragments.empty()) {
        complete_body(f, side);
        shown = true;
      }
    } else if (end && side.fragments.empty()) {
      // A body in one frame: no reassembly to show.
      dissect_full_body(f, side, f.r.sub(off, len));
      shown = true;
    } else {
      MemoryBudget& budget = f.pkt.session->memory();
      if (!side.body_too_large && side.body.size() + len <= budget.item_limit() &&
          side.body.append(budget, MemoryUse::kHttp2Bodies, f.r.ptr(off, len), len)) {
        side.fragments.push_back({f.pkt.number, static_cast<uint32_t>(len)});
      } else if (!side.body_too_large) {
        // The rest of this body is not collected: the frames so far are shown as they came.
        side.body_too_large = true;
        add_expert(
            f.pkt, f.tree, body_limit, f.r, off, len,
            side.body.size() + len > budget.item_limit()
                ? fmt::format("Body not reassembled: over {} per body (--max-memory {})",
                              byte_size_text(budget.item_limit()), byte_size_text(budget.limit()))
                : "Body not reassembled: over " + budget.describe(MemoryUse::kHttp2Bodies),
            kExpertNote, kGroupReassemble);
      }
      if (end) {
        complete_body(f, side);
        shown = true;
      }
    }
  }
  if (!shown) {
    if (!end) f.label += " (partial entity body)";
    if (side.transfer_encoded) f.label += " (transfer-encoded body)";
    if (s.is_connect) f.label += " (tunneled data)";
    f.pkt.add_item(f.tree, data_data, f.r, off, len);
  }
  off += len;
  if (pad) f.pkt.add_item(f.tree, data_padding, f.r, off, pad);
}

void finish_body_without_data(Frame& f) {
  Http2Stream& s = f.stream();
  Http2StreamSide& side = s.side[f.dir];
  if (s.streaming) {
    if (side.pending_missing == 0) return;
    flag_unfinished_message(f, side);
    // tshark gives this item the frame's length from after the frame header, past the
    // frame's end: the HEADERS frame ends there as malformed.
    f.pkt.set_label(f.tree, f.label);
    f.r.need(kFrameHeaderLength, f.r.reported_size());
  } else if (!side.fragments.empty()) {
    complete_body(f, side);
  }
}

}  // namespace netsift::http2
