// Dissectors of message bodies chosen by media type (tshark's "media_type" table), used by
// HTTP and any later protocol carrying MIME bodies: data-text-lines for text, json,
// urlencoded-form, DNS (DNS over HTTPS), gRPC; everything else as raw data.
#pragma once

#include <string_view>

#include "core/packet.h"

namespace netsift {

// What the carrier of a body tells its media dissector (a Packet scratch state): HTTP/2 sets
// the stream before each body it hands over (tshark's http2_get_stream_id), 0 elsewhere.
struct BodyCarrier {
  uint32_t http2_stream = 0;
  // The exchange's request path and whether the body is the request's; the message's
  // grpc-encoding header (gRPC reads them).
  bool has_path = false;
  std::string_view path;
  bool request = false;
  std::string_view grpc_encoding;
};

// Dissects `body` (a top-level tree item, as tshark puts media dissectors beside HTTP) by
// `media_type` (lower case, parameters stripped; may be empty), appending " (type)" to Info
// where tshark's dissector does. A body without a media type is data under `data_parent`, as
// tshark's carrier shows a body no dissector claims inside its own tree.
void dissect_media(Packet& pkt, const ByteReader& body, std::string_view media_type,
                   int data_parent);

// Dissects `body` under `parent` (-1: top level) when its media type has a dissector here
// (text, forms, JSON); false, adding nothing, when it has none (tshark's dissector_try_string
// on the media_type table, as HTTP/2 calls it).
bool dissect_known_media(Packet& pkt, const ByteReader& body, std::string_view media_type,
                         int parent);

// An application/x-www-form-urlencoded body (dissectors/urlencoded_form.cpp).
void dissect_urlencoded_form(Packet& pkt, const ByteReader& body, std::string_view media_type,
                             int parent = -1);

// A JSON body (dissectors/json.cpp), for the media types is_json_type() accepts.
bool is_json_type(std::string_view media_type);
void dissect_json(Packet& pkt, const ByteReader& body, std::string_view media_type,
                  int parent = -1);

// "Line-based text data": the body's lines as a top-level item, " (type)" appended to Info.
void dissect_text_lines(Packet& pkt, const ByteReader& body, std::string_view media_type,
                        int parent = -1);

// Text read as tshark's ENC_ASCII string does: it ends at the first NUL, and bytes above 0x7f
// each become U+FFFD. Returns (part of) `s` itself when it is plain ASCII, else a converted
// copy in the packet arena.
std::string_view ascii_string(Packet& pkt, std::string_view s);

// "text/html; charset=utf-8" -> "text/html", lower case, in the packet arena.
std::string_view media_type_of(Packet& pkt, std::string_view content_type);

}  // namespace netsift
