// HTTP/2 DATA of a streaming stream (gRPC: tshark's HTTP2_DATA_REASSEMBLY_MODE_STREAMING) as
// tshark 4.0's reassemble_http2_data_according_to_subdissector shows it. A DATA payload holds
// the end of a message begun in an earlier frame (Part1), whole messages (Part2) and the start
// of a message that continues in a later frame (Part3); messages spanning frames are
// reassembled and handed to gRPC whole.
//
// The first pass (the only one without -2) follows gRPC's answers as they come: a message whose
// 5-byte header spans frames is first reassembled for its header alone, then reopened for its
// body. With -2 the second pass lays each frame out as the first pass left it, as tshark's
// second pass does from its table of multisegment PDUs: one Part1 of the total length, the
// frame each message was reassembled in on all of its pieces, and the count of bytes still
// missing at the end of the capture on every END_STREAM.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <optional>

#include "core/conversation.h"
#include "core/expert.h"
#include "core/session.h"
#include "dissectors/grpc.h"
#include "dissectors/http2_internal.h"

namespace netsift::http2 {

using namespace http2_fields;

namespace {

// What the first pass notes per DATA frame (keyed by the TCP stream and the frame's number on
// the connection) for the second pass's layout.
enum LayoutSlot : uint64_t {
  kPart1Bytes,          // bytes of a message begun in an earlier frame
  kPart1FirstPiece,     // when the first pass took those bytes in two pieces: the first's size
  kPart1ReassembledIn,  // the packet that message was reassembled in
  kPart1Completes,      // that message is whole with this frame
  kPart3Start,          // 1 + where a message continued later starts, from the payload's start
  kPart3ReassembledIn,  // the packet that message was reassembled in
  kSlots = 8,
};

void note(const Packet& pkt, uint64_t frame_key, LayoutSlot slot, uint64_t value) {
  if (pkt.conversation)
    pkt.session->later.note(data_segment, pkt.conversation->stream, frame_key * kSlots + slot,
                            value);
}
std::optional<uint64_t> noted(const Frame& f, LayoutSlot slot) {
  if (!f.pkt.conversation) return std::nullopt;
  return f.pkt.session->later.find(data_segment, f.pkt.conversation->stream, f.key * kSlots + slot);
}

// A direction of the stream for the notes that does not depend on which side HTTP/2 saw first
// (with -2 the second pass may see the other side first, as tshark's does).
uint64_t final_missing_key(const Frame& f) {
  const Packet& pkt = f.pkt;
  bool low_first = pkt.src_port != pkt.dst_port
                       ? pkt.src_port < pkt.dst_port
                       : std::memcmp(pkt.src.bytes, pkt.dst.bytes, sizeof pkt.src.bytes) < 0;
  return uint64_t{f.stream_id} * 2 + (low_first ? 1 : 0);
}

// The first pass's message just reassembled: every piece's frame learns where (the first piece
// is a Part3, the others Part1s).
void note_reassembled(const Frame& f, const std::vector<Http2StreamSide::Fragment>& pieces) {
  if (!f.pkt.session->later.recording()) return;
  for (size_t i = 0; i < pieces.size(); ++i)
    note(f.pkt, pieces[i].frame_key, i == 0 ? kPart3ReassembledIn : kPart1ReassembledIn,
         f.pkt.number);
}

// "DATA segment data (n bytes)": DATA bytes that belong to a message spanning frames.
void add_segment(Frame& f, size_t off, size_t len) {
  int item = f.pkt.add_item(f.tree, data_segment, f.r, off, len);
  f.pkt.set_label(item, fmt::format("DATA segment data ({} byte{})", len, len == 1 ? "" : "s"));
}

void add_reassembled_in(Frame& f, size_t off, size_t len, uint64_t frame) {
  f.pkt.tree.add(f.tree, body_reassembled_in, f.r, off, len, Value::of_uint(frame), kGenerated);
}

// Bytes r[off, off+len) handed to the stream's streaming dissector (gRPC, the only one: a side
// with another content type goes undissected, as in tshark).
GrpcStreamResult dissect_streaming_bytes(Frame& f, const Http2StreamSide& side,
                                         const ByteReader& r) {
  if (!is_grpc_type(side.content_type)) return {r.size(), 0};
  set_carrier(f, side);
  return dissect_grpc_streaming(f.pkt, r, side.content_type);
}

// Adds f.r[off, off+len) to the message being collected. False when the message would pass
// the budget's item limit (not charged to the HTTP/2 share): it is given up.
bool add_piece(Frame& f, Http2StreamSide& side, size_t off, size_t len) {
  if (side.pending.size() + len > f.pkt.session->memory().item_limit()) {
    side.pending.clear();
    side.pending_fragments.clear();
    side.pending_missing = 0;
    return false;
  }
  side.pending.insert(side.pending.end(), f.r.ptr(off, len), f.r.ptr(off, len) + len);
  side.pending_fragments.push_back({f.pkt.number, static_cast<uint32_t>(len), f.key});
  return true;
}

// The message collected, whole now: its data source and fragment list (under the HTTP/2 item
// in a visible tree; top level in a faked one, as media bodies).
ByteReader reassembled(Frame& f, const Http2StreamSide& side) {
  ByteReader whole = add_source(f.pkt, "Reassembled HTTP2 streaming body", side.pending.data(),
                                side.pending.size());
  add_fragment_tree(f, f.pkt.labels ? f.proto_node : -1, side.pending_fragments, whole);
  return whole;
}

// A message continued in a later DATA frame starts at f.r[off, off+len).
void start_message(Frame& f, Http2StreamSide& side, size_t off, size_t len) {
  Packet& pkt = f.pkt;
  if (pkt.cols.enabled) pkt.cols.append_sep_info(" ", "[HTTP2 segment of a reassembled PDU]");
  side.pending.assign(f.r.ptr(off, len), f.r.ptr(off, len) + len);
  side.pending_fragments.assign(1, {pkt.number, static_cast<uint32_t>(len), f.key});
}

void first_pass(Frame& f, Http2StreamSide& side, size_t off, size_t len) {
  Packet& pkt = f.pkt;
  const size_t payload_off = off;
  size_t to_previous = std::min(side.pending_missing, len);
  bool need_more = side.pending_missing > len;
  side.pending_missing -= to_previous;
  size_t part1 = 0, first_piece = 0;
  bool completes = false;
  while (to_previous > 0) {
    if (part1 == 0) first_piece = to_previous;
    part1 += to_previous;
    if (!add_piece(f, side, off, to_previous)) need_more = true;  // the rest shown as segments
    std::optional<ByteReader> whole;
    if (!need_more) whole = reassembled(f, side);
    if (whole) add_reassembled_in(f, off, to_previous, pkt.number);
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
        note_reassembled(f, side.pending_fragments);
        completes = true;
        side.pending.clear();
        side.pending_fragments.clear();
        side.pending_missing = 0;
      }
      to_previous = 0;
    }
  }
  if (part1 > 0) {
    note(pkt, f.key, kPart1Bytes, part1);
    if (first_piece < part1) note(pkt, f.key, kPart1FirstPiece, first_piece);
    if (completes) note(pkt, f.key, kPart1Completes, 1);
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
  if (len > 0) {
    note(pkt, f.key, kPart3Start, off - payload_off + 1);
    start_message(f, side, off, len);
    add_segment(f, off, len);
  }
  if (pkt.conversation)
    pkt.session->later.note(reassembly_error, pkt.conversation->stream, final_missing_key(f),
                            side.pending_missing);
}

void second_pass(Frame& f, Http2StreamSide& side, size_t off, size_t len) {
  const size_t payload_off = off;
  const size_t part1 = std::min<size_t>(noted(f, kPart1Bytes).value_or(0), len);
  if (part1 > 0) {
    const size_t first = std::min<size_t>(noted(f, kPart1FirstPiece).value_or(part1), part1);
    bool kept = add_piece(f, side, off, first);
    if (kept && first < part1) kept = add_piece(f, side, off + first, part1 - first);
    std::optional<ByteReader> whole;
    if (kept && noted(f, kPart1Completes)) whole = reassembled(f, side);
    if (auto frame = noted(f, kPart1ReassembledIn)) add_reassembled_in(f, off, part1, *frame);
    add_segment(f, off, part1);
    if (whole) {
      dissect_streaming_bytes(f, side, *whole);
      side.pending.clear();
      side.pending_fragments.clear();
    }
    off += part1;
    len -= part1;
  }
  size_t part2 = len;
  if (auto start = noted(f, kPart3Start)) {
    const size_t part3 = payload_off + static_cast<size_t>(*start) - 1;
    part2 = part3 > off ? std::min(len, part3 - off) : 0;
  }
  if (part2 > 0) {
    dissect_streaming_bytes(f, side, f.r.sub(off, part2));
    off += part2;
    len -= part2;
  }
  if (len > 0) {
    start_message(f, side, off, len);
    if (auto frame = noted(f, kPart3ReassembledIn)) add_reassembled_in(f, off, len, *frame);
    add_segment(f, off, len);
  }
}

}  // namespace

void dissect_streaming_data(Frame& f, Http2StreamSide& side, size_t off, size_t len) {
  int item = f.pkt.add_item(f.tree, data_data, f.r, off, len);
  f.pkt.set_label(item, fmt::format("DATA payload ({} byte{})", len, len == 1 ? "" : "s"));
  if (f.pkt.session->later.available())
    second_pass(f, side, off, len);
  else
    first_pass(f, side, off, len);
}

size_t streaming_bytes_missing(const Frame& f, const Http2StreamSide& side) {
  if (!f.pkt.session->later.available()) return side.pending_missing;
  if (!f.pkt.conversation) return 0;
  return f.pkt.session->later
      .find(reassembly_error, f.pkt.conversation->stream, final_missing_key(f))
      .value_or(0);
}

}  // namespace netsift::http2
