// HTTP/2 (RFC 9113) over TCP and TLS as tshark 4.0 dissects it: the connection preface, then
// frames (9-byte header, payload) framed as tshark's tcp_dissect_pdus frames them (several per
// segment, or one across segments through TCP's desegmentation), each a "HyperText Transfer
// Protocol 2" item with its "Stream: TYPE, Stream ID: N, Length L" subtree and "TYPE[N]" in the
// Info column. Payloads: http2_frames.cpp (control frames), http2_headers.cpp (HPACK header
// blocks), http2_body.cpp (DATA and bodies). Per-connection state: analysis/http2_connection.h.
// netsift's own beyond tshark: an expert item for a frame larger than the receiver's
// SETTINGS_MAX_FRAME_SIZE.
#include "dissectors/http2.h"

#include <fmt/format.h>

#include <cstring>
#include <new>

#include "core/conversation.h"
#include "core/dissector_table.h"
#include "core/expert.h"
#include "core/field_registry.h"
#include "core/session.h"
#include "dissectors/http2_internal.h"
#include "dissectors/tcp_desegment.h"
#include "dissectors/tls.h"

namespace netsift {

const char kHttp2FrameTap[] = "http2";

namespace http2 {
namespace {

using namespace http2_fields;

constexpr size_t kMaxLabel = 239;

Http2Connection& connection(Packet& pkt) {
  static Http2Connection detached;  // HTTP/2 outside a tracked transport conversation
  if (!pkt.conversation) {
    detached = Http2Connection{};
    return detached;
  }
  Http2Connection& conn = pkt.conversation->state<Http2Connection>();
  if (!conn.charge.budget && pkt.session) conn.charge.budget = &pkt.session->memory();
  return conn;
}

bool starts_with_preface(const ByteReader& r, size_t off) {
  return r.has(off, kHttp2Preface.size()) &&
         std::memcmp(r.ptr(off, kHttp2Preface.size()), kHttp2Preface.data(),
                     kHttp2Preface.size()) == 0;
}

void append_info(Packet& pkt, std::string_view s) {
  if (!pkt.cols.enabled) return;
  if (!pkt.cols.info.empty()) pkt.cols.append_info(", ");
  pkt.cols.append_info(s);
}

Http2FrameRecord& queue_record(Packet& pkt) {
  auto* rec =
      new (pkt.arena.alloc(sizeof(Http2FrameRecord), alignof(Http2FrameRecord))) Http2FrameRecord{};
  pkt.taps.push_back(TapRecord{kHttp2FrameTap, rec});
  return *rec;
}

// The flag items of a frame type, most significant first as tshark lists them (the unused
// bits, then the named flags).
struct FlagItems {
  FieldId unused;
  FieldId named[4];
};
FlagItems flag_items(uint8_t type) {
  switch (type) {
    case kData:
      return {flags_unused_data, {flags_padded, flags_end_stream}};
    case kHeaders:
      return {flags_unused_headers, {flags_priority, flags_padded, flags_eh, flags_end_stream}};
    case kSettings:
      return {flags_unused_settings, {flags_ack_settings}};
    case kPushPromise:
      return {flags_unused_push_promise, {flags_padded, flags_eh}};
    case kContinuation:
      return {flags_unused_continuation, {flags_padded, flags_eh}};
    case kPing:
      return {flags_unused_ping, {flags_ack_ping}};
    default:
      return {flags_unused, {}};
  }
}

void dissect_flags(Frame& f) {
  Packet& pkt = f.pkt;
  int item = pkt.add_item(f.tree, http2_fields::flags, f.r, 4, 1);
  FlagItems fl = flag_items(f.type);
  pkt.add_item(item, fl.unused, f.r, 4, 1);
  std::string label = fmt::format("Flags: 0x{:02x}", f.flags);
  for (FieldId id : fl.named) {
    if (id == kNoField) break;
    pkt.add_item(item, id, f.r, 4, 1);
    const FieldDef& def = registry().info(id).def;
    if (f.flags & def.bitmask) label += fmt::format(", {}", def.name);
  }
  pkt.set_label(item, label);
}

const char* type_name(uint8_t type) {
  return value_name(registry().info(http2_fields::type).def, type);
}

}  // namespace

Http2Stream& Frame::stream() {
  Http2Stream& s = conn.stream(stream_id);
  if (conn.forgotten_stream != 0) {
    MemoryBudget& budget = pkt.session->memory();
    add_expert(pkt, tree, http2_fields::stream_limit, r, 0, 0,
               fmt::format("Stream {} forgotten ({} used up)", conn.forgotten_stream,
                           budget.describe(MemoryUse::kHttp2Bodies)),
               kExpertNote, kGroupProtocol);
    conn.forgotten_stream = 0;
  }
  return s;
}

namespace {

// The frame r[0, 9 + length).
void dissect_frame(const ByteReader& r, Packet& pkt, Http2Connection& conn, int proto_node) {
  int dir = conn.direction(pkt.src, pkt.src_port);
  // Per frame: a body's dissector (DNS over HTTPS, JSON) names its protocol, the next frame
  // names HTTP2 again.
  if (pkt.cols.enabled) pkt.cols.set_protocol("HTTP2");
  int tree = pkt.tree.add(proto_node, stream, r, 0, r.reported_size(), Value{});
  Http2FrameRecord& rec = queue_record(pkt);
  rec.dir = dir;
  if (starts_with_preface(r, 0)) {
    append_info(pkt, "Magic");
    pkt.set_label(tree, "Stream: Magic");
    pkt.add_item(tree, magic, r, 0, kHttp2Preface.size());
    rec.magic = true;
    return;
  }
  uint32_t length = r.u24(0);
  uint8_t frame_type = r.u8(3);
  size_t in_packet = 0;  // this frame's record is the last one queued
  for_each_http2_frame(pkt, [&](const Http2FrameRecord&) { ++in_packet; });
  Frame f{pkt,
          conn,
          r,
          dir,
          proto_node,
          tree,
          frame_type,
          r.u8(4),
          r.u32(5) & 0x7fffffff,
          ++conn.frames,
          (pkt.number << 16) | (in_packet & 0xffff),
          {},
          &rec};
  pkt.add_item(tree, http2_fields::length, r, 0, 3);
  pkt.add_item(tree, http2_fields::type, r, 3, 1);
  dissect_flags(f);
  pkt.add_item(tree, http2_fields::r, r, 5, 4);
  pkt.add_item(tree, streamid, r, 5, 4);
  const char* name = type_name(frame_type);
  std::string unknown_name;
  if (!name) name = (unknown_name = fmt::format("Unknown type ({})", frame_type)).c_str();
  // tshark keeps the length for this text in 16 bits: a longer frame shows it cut.
  f.label = fmt::format("Stream: {}, Stream ID: {}, Length {}", name, f.stream_id,
                        static_cast<uint16_t>(length));
  append_info(pkt, fmt::format("{}[{}]", name, f.stream_id));
  rec.type = frame_type;
  rec.flags = f.flags;
  rec.stream_id = f.stream_id;
  rec.length = length;
  if (length > conn.max_frame_size[dir ^ 1])
    add_expert(pkt, tree, frame_too_large, r, 0, kFrameHeaderLength,
               fmt::format("Frame of {} bytes exceeds the peer's SETTINGS_MAX_FRAME_SIZE ({})",
                           length, conn.max_frame_size[dir ^ 1]),
               kExpertWarn, kGroupProtocol);

  size_t off = kFrameHeaderLength;
  switch (frame_type) {
    case kData:
      dissect_data(f, off);
      break;
    case kHeaders:
      dissect_headers(f, off);
      break;
    case kPriority:
      dissect_priority_fields(f, off);
      break;
    case kRstStream:
      dissect_rst_stream(f, off);
      break;
    case kSettings:
      dissect_settings(f, off);
      break;
    case kPushPromise:
      dissect_push_promise(f, off);
      break;
    case kPing:
      dissect_ping(f, off);
      break;
    case kGoaway:
      dissect_goaway(f, off);
      break;
    case kWindowUpdate:
      dissect_window_update(f, off);
      break;
    case kContinuation:
      dissect_continuation(f, off);
      break;
    case kAltsvc:
      dissect_altsvc(f, off);
      break;
    case kBlocked:
      break;
    case kOrigin:
      dissect_origin(f, off);
      break;
    case kPriorityUpdate:
      dissect_priority_update(f, off);
      break;
    default:
      pkt.add_item(tree, unknown, r, off, r.reported_size() - off);
      break;
  }
  if ((frame_type == kData || frame_type == kHeaders) && (f.flags & kEndStream) && f.stream_id != 0)
    f.stream().side[dir].ended = true;
  rec.data = r.data() + std::min(r.size(), kFrameHeaderLength);
  rec.data_len = r.remaining(kFrameHeaderLength);
  if (frame_type != kHeaders && frame_type != kPushPromise && frame_type != kContinuation) {
    rec.follow_data = r.data();
    rec.follow_len = r.size();
  }
  // tshark's appended texts stop at its label buffer (240 bytes), silently.
  if (f.label.size() > kMaxLabel) f.label.resize(kMaxLabel);
  pkt.set_label(tree, f.label);
  rec.whole = true;
}

}  // namespace
}  // namespace http2

size_t dissect_http2(const ByteReader& r, Packet& pkt, int) {
  using namespace http2;
  Http2Connection& conn = connection(pkt);
  if (pkt.cols.enabled) pkt.cols.set_info("");
  TcpPayloadContext& tcp = pkt.scratch<TcpPayloadContext>();
  size_t off = 0;
  while (off < r.reported_size()) {
    size_t remaining = r.reported_size() - off;
    size_t pdu_len;
    if (starts_with_preface(r, off)) {
      pdu_len = kHttp2Preface.size();
    } else if (remaining < kFrameHeaderLength || !r.has(off, 3)) {
      if (tcp.can_desegment && remaining < kFrameHeaderLength) {
        tcp.frames_pdus = true;
        tcp.desegment_offset = static_cast<uint32_t>(off);
        tcp.desegment_len = kDesegmentOneMoreSegment;
        return r.reported_size();
      }
      pdu_len = remaining;  // dissected as far as it goes: malformed
    } else {
      pdu_len = kFrameHeaderLength + r.u24(off);
    }
    if (pdu_len > remaining && tcp.can_desegment) {
      tcp.frames_pdus = true;
      tcp.desegment_offset = static_cast<uint32_t>(off);
      tcp.desegment_len = static_cast<uint32_t>(pdu_len - remaining);
      return r.reported_size();
    }
    tcp_add_pdu_size(pkt, r, off, pdu_len, true);
    // A frame longer than the segment (no desegmentation): its reported length is the frame's.
    ByteReader pdu = pdu_len <= remaining
                         ? r.sub(off, pdu_len)
                         : ByteReader(r.data() + std::min(off, r.size()), r.remaining(off), pdu_len,
                                      r.origin() + static_cast<uint32_t>(off), r.source());
    // One layer per call, as tshark's tcp_dissect_pdus calls each PDU's dissector directly.
    int top = off == 0 ? pkt.add_protocol(-1, http2_fields::proto, pdu, 0, pdu_len)
                       : pkt.tree.add(-1, http2_fields::proto, pdu, 0, pdu_len, Value{});
    dissect_frame(pdu, pkt, conn, top);
    off += pdu_len;
  }
  return r.reported_size();
}

namespace {

// tshark's "HTTP2 over TLS" heuristic: a stream known as HTTP/2, or the connection preface.
bool looks_like_http2(const ByteReader& r) {
  return r.has(0, kHttp2Preface.size()) &&
         std::memcmp(r.data(), kHttp2Preface.data(), kHttp2Preface.size()) == 0;
}

}  // namespace

void register_http2() {
  http2_fields::register_fields();
  register_protocol_state<Http2Connection>(StateScope::kConversation);
  // No port of its own (tshark's dissector_add_for_decode_as_with_preference): -d
  // tcp.port==N,http2 for cleartext HTTP/2 that starts without a preface in the capture.
  tables::tcp_port().add_decode_as("http2", dissect_http2);
  tls_tables::alpn().push_back({"h2", dissect_http2});
  tls_tables::heuristics().push_back({looks_like_http2, dissect_http2, "http2"});
}

}  // namespace netsift
