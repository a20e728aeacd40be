// HTTP/2 (RFC 9113) as tshark 4.0 shows it: what HTTP/1.x and TLS call to hand a connection
// over (the connection preface on an HTTP port, "Upgrade: h2c", ALPN "h2"), and the records
// HTTP/2 leaves for statistics and follow.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/packet.h"

namespace netsift {

// The connection preface a client sends first ("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n").
constexpr std::string_view kHttp2Preface{"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 24};

// HTTP/2 frames in a TCP payload or decrypted TLS stream (TCP's desegmentation contract).
size_t dissect_http2(const ByteReader& r, Packet& pkt, int parent);

// The SETTINGS entries of an HTTP2-Settings header (RFC 9113 section 3.2.1), decoded, under
// `parent`.
void dissect_http2_settings_list(Packet& pkt, int parent, const ByteReader& r);

// An HTTP/2 frame (or the preface) dissected in this packet, queued on pkt.taps with tag
// kHttp2FrameTap, in order: what -z http2,tree, -z http2_streams and follow,http2 read.
struct Http2FrameRecord {
  uint8_t type = 0, flags = 0;
  bool magic = false;
  uint32_t stream_id = 0, length = 0;
  int dir = 0;  // 0: the connection's first sender
  // The frame's payload as captured (padding included), in the packet's bytes or a data
  // source: valid until the next packet.
  const uint8_t* data = nullptr;
  size_t data_len = 0;
  // What -z follow,http2 shows of the frame (tshark's follow tap): the decoded header fields
  // (name length, name, value length, value) of a header block, else the whole frame.
  const uint8_t* follow_data = nullptr;
  size_t follow_len = 0;
  // Dissected to its end: tshark taps a frame (-z http2,tree) only then, not one that ends
  // malformed.
  bool whole = false;
};
extern const char kHttp2FrameTap[];

template <typename F>
void for_each_http2_frame(const Packet& pkt, F&& f) {
  for (const TapRecord& t : pkt.taps)
    if (t.tap == kHttp2FrameTap) f(*static_cast<const Http2FrameRecord*>(t.data));
}

}  // namespace netsift
