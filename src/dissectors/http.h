// HTTP/1.x (dissectors/http.cpp, http_body.cpp): what the parts of the dissector share, and
// what a statistic or export reads about the message just dissected.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/packet.h"

namespace netsift {

class PrefStore;

// tshark's custom_http_header_fields table: each record's header gets a field of its own,
// http.header.<name>, holding the header's value. Called once the preferences and the
// profile's tables are read, before display filters are compiled.
void use_custom_http_header_fields(const PrefStore& prefs);

// An HTTP message the dissector completed in a packet, as tshark's HTTP taps see it (export
// objects, follow): queued on pkt.taps with tag kHttpMessageTap, in the order the messages were
// dissected (a packet may complete several). Views point into the packet's bytes, reassembled
// data or arena: valid until the next packet.
struct HttpMessage {
  enum class Kind : uint8_t {
    kRequest,
    kResponse,
    // Bytes that start no message: body bytes of a message not seen whole, or text starting
    // a connection that is no HTTP message. tshark taps them as a body without headers.
    kContinuation,
  };
  Kind kind = Kind::kContinuation;
  uint32_t number = 0;  // exchange number on the connection (responses: the one answered)
  std::string_view method, uri, full_uri, host;  // requests
  uint16_t status = 0;                           // responses
  uint64_t request_frame = 0;                    // responses: their request, 0 if unknown
  // The latest request's URI on the connection when the message was dissected (for a request,
  // its own): what tshark names an exported object after. None before the first request.
  bool has_request_uri = false;
  std::string_view request_uri;
  std::string_view content_type;  // lower case, without parameters
  // Start line, header lines and the empty line, as sent (empty for the other kinds).
  std::string_view header;
  // The entity body as decoded (de-chunked, uncompressed); for the other kinds their bytes.
  // `has_body` is false when the message had no body or its coding could not be decoded:
  // tshark then taps no body.
  bool has_body = false;
  const uint8_t* body = nullptr;
  size_t body_len = 0;
};
extern const char kHttpMessageTap[];
// Queued (no data) where HTTP hands a connection's preface to HTTP/2: tshark's HTTP tap
// counts that packet among "Other HTTP Packets".
extern const char kHttpPrefaceTap[];

// The reason phrase tshark's table gives an HTTP status code, or null (HTTP/2 names :status
// with it).
const char* http_status_name(unsigned code);

// http.path_segment and http.path_sub_segment items under `item` for the request path
// r[off, off+len) (dissectors/http_path.cpp), as tshark splits HTTP/2's :path.
void add_http_path_components(Packet& pkt, int item, const ByteReader& r, size_t off,
                              size_t len);
void register_http_path_fields(FieldId proto_http);

// The HTTP messages queued on `pkt`, in order.
template <typename F>
void for_each_http_message(const Packet& pkt, F&& f) {
  for (const TapRecord& t : pkt.taps)
    if (t.tap == kHttpMessageTap) f(*static_cast<const HttpMessage*>(t.data));
}

namespace http_body {

// What the headers said about the body.
struct BodyHeaders {
  std::string_view content_type;  // as in the header, parameters included
  std::string_view media_type;    // lower case, parameters stripped (arena)
  std::string_view content_encoding;
  bool chunked = false;
  // tshark's http.dechunk_body and http.decompress_body: undone codings show as data.
  bool dechunk = true;
  bool decompress = true;
};

// Bytes of a chunked body starting at r[off] (chunks, last chunk, trailer and final CRLF), or
// 0 when they do not all fit in `r`.
size_t chunked_length(const ByteReader& r, size_t off);

// Dissects the entity body r[off, off+len) under the HTTP tree `top`: chunks, content coding,
// http.file_data and the media type's dissector. The decoded body goes into `msg` (the
// message's tap record) before the media type's dissector runs, as tshark queues its taps
// first: a body whose dissector throws is still exported and followed. A body whose content
// coding cannot be decoded is not tapped (msg.has_body stays false).
void dissect_body(Packet& pkt, int top, const ByteReader& r, size_t off, size_t len,
                  const BodyHeaders& h, HttpMessage& msg);

void register_fields(FieldId proto_http);

}  // namespace http_body

}  // namespace netsift
