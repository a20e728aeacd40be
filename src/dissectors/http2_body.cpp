// HTTP/2 DATA frames and message bodies as tshark 4.0 shows them: DATA payloads of a stream are
// collected per direction until END_STREAM (when the stream's headers were seen, its body is not
// transfer-encoded and it is no CONNECT tunnel), then the body is decoded by its
// content-encoding (analysis/decompress.h, bounded) and handed to the dissector of its media
// type, as HTTP/1.x does. Also netsift's flow-control check: a DATA frame beyond the window the
// capture has seen opened (connection and stream) gets an expert item.
#include <fmt/format.h>

#include <cstring>

#include "analysis/decompress.h"
#include "core/expert.h"
#include "core/session.h"
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

// http2.data.data over the body under `tree`, and its media type's dissector under `parent`.
void dissect_body_data(Frame& f, const Http2StreamSide& side, int tree, int parent,
                       const ByteReader& body) {
  f.pkt.add_item(tree, data_data, body, 0, body.size());
  if (side.content_type.empty() || !dissect_known_media(f.pkt, body, side.content_type, parent))
    f.pkt.call_data(body, parent);
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

// "[2 Body fragments (300 bytes): #5(100), #7(200)]" and its items, over the reassembled body.
void add_fragment_tree(Frame& f, const Http2StreamSide& side, const ByteReader& whole) {
  Packet& pkt = f.pkt;
  int list = pkt.tree.add(f.tree, body_fragments, whole, 0, whole.size(), Value{}, kGenerated);
  std::string label = fmt::format("[{} Body fragment{} ({} bytes): ", side.fragments.size(),
                                  side.fragments.size() == 1 ? "" : "s", whole.size());
  size_t off = 0;
  for (size_t i = 0; i < side.fragments.size(); ++i) {
    const Http2StreamSide::Fragment& frag = side.fragments[i];
    int item = pkt.tree.add(list, body_fragment, whole, off, frag.length,
                            Value::of_uint(frag.frame), kGenerated);
    if (pkt.labels) {
      pkt.set_label(item, fmt::format("[Frame: {}, payload: {}-{} ({} bytes)]", frag.frame, off,
                                      off + frag.length - 1, frag.length));
      label += fmt::format("{}#{}({})", i ? ", " : "", frag.frame, frag.length);
    }
    off += frag.length;
  }
  label += "]";
  if (label.size() > 239) label.resize(239);
  pkt.set_label(list, label);
  pkt.tree.add_generated(list, body_fragment_count, Value::of_uint(side.fragments.size()));
  pkt.tree.add_generated(list, body_reassembled_length, Value::of_uint(whole.size()));
  pkt.tree.add(list, body_reassembled_data, whole, 0, whole.size(),
               Value::of_bytes(whole.data(), whole.size()), kGenerated);
}

// The body collected for the sender's side of the stream, whole now: shown and dissected.
void complete_body(Frame& f, Http2StreamSide& side) {
  ByteReader whole = add_source(f.pkt, "Reassembled body", side.body.data(), side.body.size());
  add_fragment_tree(f, side, whole);
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
  if (should_reassemble(s, side) && f.r.has(off, len)) {
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
  if (!side.fragments.empty()) complete_body(f, side);
}

}  // namespace netsift::http2
