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
#include "core/conversation.h"
#include "core/expert.h"
#include "core/session.h"
#include "dissectors/grpc.h"
#include "dissectors/http2_internal.h"
#include "dissectors/media.h"

namespace netsift::http2 {

using namespace http2_fields;

ByteReader add_source(Packet& pkt, const char* name, const uint8_t* data, size_t n) {
  auto* copy = static_cast<uint8_t*>(pkt.arena.alloc(n ? n : 1, 1));
  if (n) std::memcpy(copy, data, n);
  pkt.sources.push_back(DataSource{name, copy, static_cast<uint32_t>(n)});
  return ByteReader(copy, n, n, 0, static_cast<uint16_t>(pkt.sources.size()));
}

namespace {

// tshark's get_body_uncompression_info: only whole bodies, by the coding's prefix.
ContentCoding body_coding(const Http2StreamSide& side) {
  if (side.partial_content || side.content_encoding.empty()) return ContentCoding::kIdentity;
  std::string_view e = side.content_encoding;
  if (e.rfind("gzip", 0) == 0) return ContentCoding::kGzip;
  if (e.rfind("deflate", 0) == 0) return ContentCoding::kDeflate;
  if (e.rfind("br", 0) == 0) return ContentCoding::kBrotli;
  return ContentCoding::kIdentity;
}

}  // namespace

void set_carrier(Frame& f, const Http2StreamSide& side) {
  const Http2StreamSide& request = f.stream().side[side.has_path ? f.dir : f.dir ^ 1];
  BodyCarrier& c = f.pkt.scratch<BodyCarrier>();
  c.http2_stream = f.stream_id;
  c.has_path = request.has_path;
  c.path = request.path;
  c.request = side.has_path;
  c.grpc_encoding = side.grpc_encoding;
}

namespace {

// http2.data.data over the body under `tree`, and its media type's dissector under `parent`.
// That is where tshark's visible tree has it; a tree built only for fields and statistics
// fakes the Stream and text items (each is the HTTP/2 item itself), so the body's protocol is
// a top-level item there, as tshark's -z io,phs counts it. A body without a media type, or of
// one no dissector takes, gets nothing more (tshark's HTTP/2 calls no data dissector).
void dissect_body_data(Frame& f, const Http2StreamSide& side, int tree, int parent,
                       const ByteReader& body) {
  f.pkt.add_item(tree, data_data, body, 0, body.size());
  set_carrier(f, side);
  const int media_parent = f.pkt.labels ? parent : -1;
  if (!side.content_type.empty()) dissect_known_media(f.pkt, body, side.content_type, media_parent);
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

}  // namespace

void add_fragment_tree(Frame& f, int parent, const std::vector<Http2StreamSide::Fragment>& frags,
                       const ByteReader& whole) {
  Packet& pkt = f.pkt;
  int list = pkt.tree.add(parent, body_fragments, whole, 0, whole.size(), Value{}, kGenerated);
  // Without brackets: the tree shows them around a generated item, after the label is cut.
  std::string label =
      fmt::format("{} Body fragment{} ({} byte{}): ", frags.size(), frags.size() == 1 ? "" : "s",
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
  if (label.size() > 239) label.resize(239);
  pkt.set_label(list, label);
  pkt.tree.add_generated(list, body_fragment_count, Value::of_uint(frags.size()));
  pkt.tree.add_generated(list, body_reassembled_length, Value::of_uint(whole.size()));
  pkt.tree.add(list, body_reassembled_data, whole, 0, whole.size(),
               Value::of_bytes(whole.data(), whole.size()), kGenerated);
}

namespace {

// -2: the first pass notes the packet each DATA frame's body was reassembled in (keyed by the
// TCP stream and the frame's number on the connection); the second pass shows it on the frames
// before the last, as tshark's second pass finds the reassembly done.
void note_body_reassembled(Frame& f, const std::vector<Http2StreamSide::Fragment>& frags) {
  FirstPassNotes& later = f.pkt.session->later;
  if (!later.recording() || !f.pkt.conversation) return;
  for (const Http2StreamSide::Fragment& frag : frags)
    if (frag.frame_key != f.key)
      later.note(body_reassembled_in, f.pkt.conversation->stream, frag.frame_key, f.pkt.number);
}

// tshark's "Reassembled body in frame: N" on a DATA frame of a body completed later: a plain
// item over none of the frame's bytes (not a generated one).
void add_later_reassembled_in(Frame& f) {
  if (!f.pkt.conversation) return;
  if (auto frame =
          f.pkt.session->later.find(body_reassembled_in, f.pkt.conversation->stream, f.key))
    f.pkt.tree.add(f.tree, body_reassembled_in, f.r, 0, 0, Value::of_uint(*frame));
}

// The body collected for the sender's side of the stream, whole now: shown and dissected.
void complete_body(Frame& f, Http2StreamSide& side) {
  note_body_reassembled(f, side.fragments);
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
  const size_t missing = streaming_bytes_missing(f, side);
  if (missing == 0) return;
  // tshark's proto_tree_add_expert_format: a text item holding the expert item.
  std::string msg = fmt::format(
      "Reassembling HTTP2 body for subdissector failed, {} bytes are missing before END_STREAM.",
      missing);
  int item = f.pkt.tree.add(f.tree, text, f.r, 0, f.r.reported_size(), Value{});
  f.pkt.set_label(item, msg);
  add_expert(f.pkt, item, reassembly_error, f.r, 0, f.r.reported_size(), msg, kExpertWarn,
             kGroupUndecoded);
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
        side.fragments.push_back({f.pkt.number, static_cast<uint32_t>(len), f.key});
        if (!end) add_later_reassembled_in(f);
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
    if (streaming_bytes_missing(f, side) == 0) return;
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
