// What the files of the HTTP/2 dissector share: http2.cpp (connection preface, frame header,
// the frame loop and hand-offs), http2_frames.cpp (the control frames' payloads),
// http2_headers.cpp (header blocks through HPACK) and http2_body.cpp (DATA, body reassembly,
// content coding and media types). Only those files include this.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/http2_connection.h"
#include "core/packet.h"
#include "dissectors/http2.h"
#include "dissectors/http2_fields.h"

namespace netsift::http2 {

enum FrameType : uint8_t {
  kData = 0,
  kHeaders = 1,
  kPriority = 2,
  kRstStream = 3,
  kSettings = 4,
  kPushPromise = 5,
  kPing = 6,
  kGoaway = 7,
  kWindowUpdate = 8,
  kContinuation = 9,
  kAltsvc = 10,
  kBlocked = 11,
  kOrigin = 12,
  kPriorityUpdate = 16,
};

enum FrameFlag : uint8_t {
  kEndStream = 0x01,
  kAck = 0x01,
  kEndHeaders = 0x04,
  kPadded = 0x08,
  kPriorityFlag = 0x20,
};

constexpr size_t kFrameHeaderLength = 9;

// One frame being dissected: `r` is the whole frame (header and payload).
struct Frame {
  Packet& pkt;
  Http2Connection& conn;
  const ByteReader& r;
  int dir;         // the sender's direction index in `conn`
  int proto_node;  // the "HyperText Transfer Protocol 2" item
  int tree;        // the "Stream: ..." item, parent of the frame's fields
  uint8_t type, flags;
  uint32_t stream_id;
  uint64_t number;  // the frame's number on the connection
  // Where the frame is in the capture: its packet's number, then its place among the packet's
  // HTTP/2 frames (tshark's http2_frame_num_t). The same in both passes of -2, whatever the
  // passes saw of the connection before, so the first pass's notes are keyed by it.
  uint64_t key;
  std::string label;  // the Stream item's text, completed by the payload's dissector
  Http2FrameRecord* record;  // its tap record (dissectors/http2.h)
  // The frame's stream, created when new (saying so when that made the connection forget its
  // oldest stream for the memory budget).
  Http2Stream& stream();
};

// ---- Control frames (http2_frames.cpp); each returns the offset after what it read.
// One "Settings - NAME : VALUE" entry at r[off, off+6).
int add_setting(Packet& pkt, int tree, const ByteReader& r, size_t off);
size_t dissect_padding(Frame& f, size_t off, uint16_t* padding);
size_t dissect_priority_fields(Frame& f, size_t off);
void dissect_rst_stream(Frame& f, size_t off);
void dissect_settings(Frame& f, size_t off);
void dissect_ping(Frame& f, size_t off);
void dissect_goaway(Frame& f, size_t off);
void dissect_window_update(Frame& f, size_t off);
void dissect_altsvc(Frame& f, size_t off);
void dissect_origin(Frame& f, size_t off);
void dissect_priority_update(Frame& f, size_t off);

// ---- Header blocks (http2_headers.cpp): HEADERS, PUSH_PROMISE, CONTINUATION.
void dissect_headers(Frame& f, size_t off);
void dissect_push_promise(Frame& f, size_t off);
void dissect_continuation(Frame& f, size_t off);

// ---- DATA and bodies (http2_body.cpp).
void dissect_data(Frame& f, size_t off);
// `n` bytes copied into the packet's arena as a data source named `name`.
ByteReader add_source(Packet& pkt, const char* name, const uint8_t* data, size_t n);
// What the body's dissector learns of the stream: its id, the request's path (from this side's
// headers or the other's), this side's grpc-encoding.
void set_carrier(Frame& f, const Http2StreamSide& side);
// "[2 Body fragments (300 bytes): #5(100), #7(200)]" and its items under `parent`, over the
// reassembled body.
void add_fragment_tree(Frame& f, int parent, const std::vector<Http2StreamSide::Fragment>& frags,
                       const ByteReader& whole);

// ---- DATA of streaming streams: gRPC messages across frames (http2_streaming.cpp).
// The DATA payload f.r[off, off+len).
void dissect_streaming_data(Frame& f, Http2StreamSide& side, size_t off, size_t len);
// The bytes the side's last message still misses (with -2: at the end of the first pass).
size_t streaming_bytes_missing(const Frame& f, const Http2StreamSide& side);
// The body collected for the stream in the sender's direction, when an END_STREAM on a frame
// without DATA (trailing HEADERS) completes it.
void finish_body_without_data(Frame& f);

}  // namespace netsift::http2
