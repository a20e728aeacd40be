// gRPC messages (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md) as tshark 4.0
// shows them in HTTP/2 and HTTP/1.x bodies of the application/grpc* media types: each message
// is a compressed flag (its top bit a frame type in gRPC-Web: data or trailer), a 32-bit length
// and the message, handed to Protocol Buffers or JSON by the content type (JSON too when it
// looks like an object, as tshark's detect_json_automatically does). gRPC-Web-Text bodies are
// base64 first. The message's path and direction come from its carrier (media.h BodyCarrier).
#include "dissectors/grpc.h"

#include <fmt/format.h>

#include <cstring>

#include "analysis/decompress.h"
#include "core/expert.h"
#include "core/field_registry.h"
#include "dissectors/media.h"
#include "dissectors/protobuf.h"

namespace netsift {

namespace {

using FT = FieldType;

FieldId proto_grpc, f_frame_type, f_compressed_flag, f_message_length, f_message_data, f_text,
    ei_body_decompression_failed, ei_body_malformed;

constexpr size_t kMessageHeadLength = 5;
constexpr size_t kMaxDecodedMessage = 16 * 1024 * 1024;
constexpr uint8_t kCompressed = 0x01;
constexpr uint8_t kTrailerFrame = 0x80;

constexpr ValueName kFrameTypes[] = {{0, "Data"}, {1, "Trailer"}};
constexpr ValueName kCompressedFlags[] = {{0, "Not Compressed"}, {1, "Compressed"}};

const FieldReg kFields[] = {
    {&f_frame_type,
     {.name = "Frame Type",
      .abbrev = "grpc.frame_type",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kFrameTypes,
      .bitmask = 0x80,
      .blurb = "The frame type of this grpc message (GRPC-WEB extension)"}},
    {&f_compressed_flag,
     {.name = "Compressed Flag",
      .abbrev = "grpc.compressed_flag",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kCompressedFlags,
      .bitmask = 0x01,
      .blurb = "Compressed-Flag value of 1 indicates that the binary octet sequence of Message is "
               "compressed"}},
    {&f_message_length,
     {.name = "Message Length",
      .abbrev = "grpc.message_length",
      .type = FT::kUint32,
      .base = Base::kDec,
      .blurb = "The length (32 bits) of message payload (not include itself)"}},
    {&f_message_data, {.name = "Message Data", .abbrev = "grpc.message_data", .type = FT::kBytes}},
    {&f_text, {.name = "Text", .abbrev = "grpc.text", .type = FT::kNone}},
    {&ei_body_decompression_failed,
     {.name = "Body decompression failed",
      .abbrev = "grpc.body_decompression_failed",
      .type = FT::kNone}},
    {&ei_body_malformed,
     {.name = "Malformed message data", .abbrev = "grpc.body_malformed", .type = FT::kNone}},
};

// tshark's grpc_protocol_type, by the content type's prefix.
const char* protocol_name(std::string_view content_type) {
  if (content_type.starts_with("application/grpc-web-text")) return "GRPC-Web-Text";
  if (content_type.starts_with("application/grpc-web")) return "GRPC-Web";
  return "GRPC";
}

// Content types whose messages are Protocol Buffers (tshark's grpc_message_type table).
bool is_protobuf_type(std::string_view t) {
  return t == "application/grpc" || t == "application/grpc+proto" || t == "application/grpc-web" ||
         t == "application/grpc-web+proto" || t == "application/grpc-web-text" ||
         t == "application/grpc-web-text+proto";
}

ByteReader add_source(Packet& pkt, const char* name, const uint8_t* data, size_t n) {
  auto* copy = static_cast<uint8_t*>(pkt.arena.alloc(n ? n : 1, 1));
  if (n) std::memcpy(copy, data, n);
  pkt.sources.push_back(DataSource{name, copy, static_cast<uint32_t>(n)});
  return ByteReader(copy, n, n, 0, static_cast<uint16_t>(pkt.sources.size()));
}

// GLib's g_base64_decode_step, which tshark's base64_tvb_to_new_tvb uses: characters outside
// the alphabet are skipped, '=' counts as a zero digit whose byte is dropped, so padded pieces
// (gRPC-Web-Text sends one per message) decode one after another.
std::vector<uint8_t> decode_base64(const ByteReader& r) {
  std::vector<uint8_t> out;
  out.reserve(r.size() / 4 * 3 + 3);
  uint32_t v = 0;
  int have = 0;
  char last[2] = {0, 0};
  for (size_t i = 0; i < r.size(); ++i) {
    char c = static_cast<char>(r.u8(i));
    int digit;
    if (c >= 'A' && c <= 'Z')
      digit = c - 'A';
    else if (c >= 'a' && c <= 'z')
      digit = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      digit = c - '0' + 52;
    else if (c == '+')
      digit = 62;
    else if (c == '/')
      digit = 63;
    else if (c == '=')
      digit = 0;
    else
      continue;
    last[1] = last[0];
    last[0] = c;
    v = (v << 6) | static_cast<uint32_t>(digit);
    if (++have == 4) {
      out.push_back(static_cast<uint8_t>(v >> 16));
      if (last[1] != '=') out.push_back(static_cast<uint8_t>(v >> 8));
      if (last[0] != '=') out.push_back(static_cast<uint8_t>(v));
      have = 0;
      v = 0;
    }
  }
  return out;
}

struct Context {
  std::string_view content_type;  // lower case, without parameters
  const BodyCarrier& carrier;
};

// The message r[off, off+len) after its header, under `tree`: a trailer's lines, or the
// message handed on by its content type (when its path is known, as tshark requires).
void dissect_message_data(Packet& pkt, int tree, const ByteReader& r, size_t off, size_t len,
                          bool dissect_on, bool trailer, const Context& ctx) {
  int data = pkt.add_item(tree, f_message_data, r, off, len);
  pkt.set_label(data, fmt::format("Message Data: {} bytes", len));
  ByteReader msg = r.sub(off, len);
  if (trailer) {
    dissect_text_lines(pkt, msg, ctx.content_type, tree);
    return;
  }
  if (!dissect_on || ctx.content_type.empty() || !ctx.carrier.has_path) return;
  std::string_view type = ctx.content_type;
  if (len > 3 && msg.u8(0) == '{' &&
      (msg.u8(len - 1) == '}' || msg.u8(len - 2) == '}' || msg.u8(len - 3) == '}'))
    type = "application/grpc+json";
  if (type == "application/grpc+json") {
    dissect_json(pkt, msg, type, -1);
  } else if (is_protobuf_type(type)) {
    std::string info = fmt::format("{},{},{}", type, ctx.carrier.path,
                                   ctx.carrier.request ? "request" : "response");
    dissect_protobuf(pkt, msg, info, -1);
  }
}

// One message r[off, off+length) (header included) under `tree`.
void dissect_message(Packet& pkt, int tree, const ByteReader& r, size_t off, size_t length,
                     const Context& ctx) {
  const uint8_t flags = r.u8(off);
  const bool trailer = flags & kTrailerFrame;
  pkt.add_item(tree, f_frame_type, r, off, 1);
  pkt.add_item(tree, f_compressed_flag, r, off, 1);
  pkt.add_item(tree, f_message_length, r, off + 1, 4);
  const size_t len = length - kMessageHeadLength;
  off += kMessageHeadLength;
  if (len == 0) return;
  const std::string_view encoding = ctx.carrier.grpc_encoding;
  if (!(flags & kCompressed)) {
    dissect_message_data(pkt, tree, r, off, len, true, trailer, ctx);
    return;
  }
  if (encoding != "gzip" && encoding != "deflate") {
    dissect_message_data(pkt, tree, r, off, len, false, trailer, ctx);
    return;
  }
  int e = pkt.tree.add(tree, f_text, r, off, len, Value{});
  std::string label = fmt::format("Message-encoded entity body ({}): {} bytes", encoding, len);
  static std::vector<uint8_t> decoded;  // reused: no allocation per message once grown
  // tshark's tvb_child_uncompress: zlib with header detection, gzip or deflate alike.
  DecodeStatus st = decompress(encoding == "gzip" ? ContentCoding::kGzip : ContentCoding::kDeflate,
                               r.ptr(off, len), len, kMaxDecodedMessage, decoded);
  if (st == DecodeStatus::kFailed) {
    pkt.set_label(e, label);
    add_expert(pkt, e, ei_body_decompression_failed, r, off, len, "Body decompression failed",
               kExpertWarn, kGroupUndecoded);
    dissect_message_data(pkt, tree, r, off, len, false, trailer, ctx);
    return;
  }
  pkt.set_label(e, fmt::format("{} -> {} bytes", label, decoded.size()));
  ByteReader plain = add_source(pkt, "Uncompressed entity body", decoded.data(), decoded.size());
  dissect_message_data(pkt, tree, plain, 0, plain.size(), true, trailer, ctx);
}

// tshark's proto_tree_add_expert_format: a text item holding the expert item.
void add_malformed(Packet& pkt, const ByteReader& r, size_t off, size_t left, size_t need) {
  std::string msg = fmt::format(
      "GRPC Malformed message data: only {} bytes left, need at least {} bytes.", left, need);
  int item = pkt.tree.add(-1, f_text, r, off, r.size() - off, Value{});
  pkt.set_label(item, msg);
  add_expert(pkt, item, ei_body_malformed, r, off, r.size() - off, msg, kExpertWarn,
             kGroupUndecoded);
}

}  // namespace

namespace {

// The messages of `body`; a message cut at the end is reported in the result when
// `can_desegment`, else flagged malformed.
GrpcStreamResult dissect_messages(Packet& pkt, const ByteReader& body, std::string_view media_type,
                                  bool can_desegment) {
  const BodyCarrier& carrier = pkt.scratch<BodyCarrier>();
  const bool text = media_type.starts_with("application/grpc-web-text");
  ByteReader r = body;
  if (text) {
    std::vector<uint8_t> decoded = decode_base64(body);
    r = add_source(pkt, "Decoded base64 body", decoded.data(), decoded.size());
  }
  const Context ctx{media_type, carrier};
  const char* name = protocol_name(media_type);
  size_t off = 0;
  GrpcStreamResult result;
  while (off < r.size()) {
    const size_t left = r.size() - off;
    const size_t need = left < kMessageHeadLength ? kMessageHeadLength
                                                  : kMessageHeadLength + size_t{r.u32(off + 1)};
    if (left < need) {
      if (can_desegment) {
        result.missing = need - left;
        break;
      }
      add_malformed(pkt, r, off, left, need);
      break;
    }
    if (off == 0 && pkt.cols.enabled) {
      pkt.cols.set_protocol(name);
      pkt.cols.append_info(fmt::format(" ({})", name));
      pkt.cols.fence_protocol();
    }
    // tshark lists the protocol once per call in frame.protocols, however many messages.
    int item = off == 0 ? pkt.add_protocol(-1, proto_grpc, r, off, need)
                        : pkt.tree.add(-1, proto_grpc, r, off, need, Value{});
    if (pkt.labels) {
      std::string label = fmt::format("{} Message", name);
      if (carrier.has_path)
        label += fmt::format(": {}, {}", carrier.path, carrier.request ? "Request" : "Response");
      if (r.u8(off) & kTrailerFrame) label += " (Trailer)";
      pkt.set_label(item, label);
    }
    dissect_message(pkt, item, r, off, need, ctx);
    off += need;
  }
  result.used = off;
  // gRPC-Web-Text: tshark converts the counts back to base64 lengths.
  if (text) {
    result.used = (result.used + 2) / 3 * 4;
    result.missing = (result.missing + 2) / 3 * 4;
  }
  return result;
}

}  // namespace

void dissect_grpc(Packet& pkt, const ByteReader& body, std::string_view media_type, int) {
  dissect_messages(pkt, body, media_type, false);
}

GrpcStreamResult dissect_grpc_streaming(Packet& pkt, const ByteReader& data,
                                        std::string_view media_type) {
  return dissect_messages(pkt, data, media_type, true);
}

bool is_grpc_type(std::string_view media_type) {
  return media_type == "application/grpc" || media_type == "application/grpc+proto" ||
         media_type == "application/grpc+json" || media_type == "application/grpc-web" ||
         media_type == "application/grpc-web+proto" || media_type == "application/grpc-web-text" ||
         media_type == "application/grpc-web-text+proto";
}

void register_grpc() {
  FieldRegistry& reg = registry();
  proto_grpc = reg.add_protocol({"GRPC Message", "GRPC", "grpc"});
  reg.add_fields(proto_grpc, kFields);
}

}  // namespace netsift
