// HTTP/1.x (dissectors/http.cpp, http_body.cpp): what the parts of the dissector share, and
// what a statistic or export reads about the message just dissected.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/packet.h"

namespace netsift {

// The last HTTP message of the packet being dissected (a packet may carry several; each
// overwrites this). Views point into the packet's bytes or arena: valid until the next packet.
// `number` is 0 when the packet held no complete HTTP message.
struct HttpMessage {
  uint64_t frame = 0;
  uint32_t number = 0;  // request number on the connection (responses: the one answered)
  bool is_request = false;
  std::string_view method, uri, full_uri, host;  // requests
  uint16_t status = 0;                           // responses
  uint64_t request_frame = 0;                    // responses: their request, 0 if unknown
  std::string_view content_type;                 // lower case, without parameters
  const uint8_t* body = nullptr;                 // decoded entity body
  size_t body_len = 0;
};
const HttpMessage& last_http_message();

namespace http_body {

// What the headers said about the body.
struct BodyHeaders {
  std::string_view content_type;  // as in the header, parameters included
  std::string_view media_type;    // lower case, parameters stripped (arena)
  std::string_view content_encoding;
  bool chunked = false;
};

// Bytes of a chunked body starting at r[off] (chunks, last chunk, trailer and final CRLF), or
// 0 when they do not all fit in `r`.
size_t chunked_length(const ByteReader& r, size_t off);

// Dissects the entity body r[off, off+len) under the HTTP tree `top`: chunks, content coding,
// http.file_data and the media type's dissector. Returns the decoded body (for HttpMessage).
ByteReader dissect_body(Packet& pkt, int top, const ByteReader& r, size_t off, size_t len,
                        const BodyHeaders& h);

void register_fields(FieldId proto_http);

}  // namespace http_body

}  // namespace netsift
