// Media-type dispatch for message bodies, and "Line-based text data" (data-text-lines): the
// body's lines as tshark 4.0 lists them.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/field_registry.h"
#include "core/text_format.h"
#include "core/protocol_state.h"
#include "dissectors/dns.h"
#include "dissectors/grpc.h"
#include "dissectors/media.h"

namespace netsift {

namespace {

FieldId proto_text_lines, f_line;

// Each line is a text item in tshark (no field of its own): JSON keys it by its text, PDML
// names it "", filters cannot reach it.
const FieldReg kFields[] = {
    {&f_line, {.name = "Text", .abbrev = "data-text-lines.text", .type = FieldType::kNone}},
};

// Media types tshark gives to data-text-lines (packet-text-media.c registrations).
constexpr std::string_view kTextTypes[] = {
    "text/plain",
    "text/richtext",
    "text/enriched",
    "text/parameters",
    "text/html",
    "text/css",
    "text/javascript",
    "text/vnd.sun.j2me.app-descriptor",
    "text/x-c++hdr",
    "application/x-javascript",
    "application/javascript",
    "application/vnd.poc.refer-to",
    "application/vnd.drm.message",
    "application/x-wms-logplaystats",
    "application/x-rtsp-udp-packetpair",
};

bool is_text_type(std::string_view t) {
  for (std::string_view k : kTextTypes)
    if (k == t) return true;
  return false;
}

// Printers cut a label at Wireshark's 240 bytes (ITEM_LABEL_LENGTH), and formatting never makes
// text shorter: formatting a line's first 4 KiB gives the same printed label as the whole line,
// while a 16 MiB decoded body on one line would need 64 MiB of escapes.
constexpr size_t kMaxLineLabelInput = 4096;

}  // namespace

void dissect_text_lines(Packet& pkt, const ByteReader& body, std::string_view media_type,
                        int parent) {
  bool want_text = pkt.cols.enabled;
  int top = pkt.add_protocol(parent, proto_text_lines, body, 0, body.size());
  const uint8_t* p = body.data();
  size_t n = body.size(), off = 0, lines = 0;
  std::string label;
  while (off < n) {
    size_t end = off;
    while (end < n && p[end] != '\n' && p[end] != '\r') ++end;
    size_t next = end;
    if (next < n && p[next] == '\r') ++next;
    if (next < n && p[next] == '\n' && (next == end || p[next - 1] == '\r')) ++next;
    if (next == end && end < n) ++next;  // defensive: always move on
    int l = pkt.tree.add(top, f_line, body, off, next - off, Value{});
    if (want_text) {
      label.clear();
      append_formatted_text(label, {reinterpret_cast<const char*>(p + off),
                                    std::min(next - off, kMaxLineLabelInput)});
      pkt.set_label(l, label);
    }
    ++lines;
    off = next;
  }
  if (want_text) {
    pkt.set_label(top, fmt::format("Line-based text data: {} ({} lines)", media_type, lines));
    pkt.cols.append_sep_info(" ", fmt::format("({})", media_type));
  }
}

std::string_view ascii_string(Packet& pkt, std::string_view s) {
  s = s.substr(0, s.find('\0'));  // a C string to tshark: it ends at the first NUL
  size_t high = 0;
  for (char c : s) high += static_cast<unsigned char>(c) >= 0x80;
  if (high == 0) return s;
  char* out = static_cast<char*>(pkt.arena.alloc(s.size() + 2 * high, 1));
  size_t n = 0;
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x80) {
      out[n++] = c;
    } else {
      out[n++] = '\xef';
      out[n++] = '\xbf';
      out[n++] = '\xbd';
    }
  }
  return {out, n};
}

std::string_view media_type_of(Packet& pkt, std::string_view content_type) {
  size_t end = content_type.find(';');
  std::string_view t = content_type.substr(0, end);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  std::string_view copy = pkt.arena.copy(t);
  char* w = const_cast<char*>(copy.data());
  for (size_t i = 0; i < copy.size(); ++i)
    w[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(w[i])));
  return copy;
}

namespace {

using MediaDissector = void (*)(Packet&, const ByteReader&, std::string_view, int);

void dissect_dns_message(Packet& pkt, const ByteReader& body, std::string_view, int parent) {
  dns::dissect_doh(pkt, body, parent, pkt.scratch<BodyCarrier>().http2_stream);
}

// The types tshark's table gives the data dissector itself (packet-data.c, OBEX images).
bool is_data_type(std::string_view media_type) {
  static constexpr std::string_view kObexImages[] = {
      "x-bt/img-img",     "x-bt/img-thm",     "x-bt/img-attachment", "x-bt/img-display",
      "x-bt/img-partial", "x-bt/img-archive", "x-bt/img-status",     "x-bt/img-monitoring"};
  return media_type == "application/octet-stream" ||
         std::find(std::begin(kObexImages), std::end(kObexImages), media_type) !=
             std::end(kObexImages);
}

void dissect_media_data(Packet& pkt, const ByteReader& body, std::string_view, int parent) {
  pkt.call_data(body, parent);
}

// tshark's "media_type" dissector table, for the types netsift has a dissector for.
MediaDissector media_dissector(std::string_view media_type) {
  if (is_text_type(media_type)) return dissect_text_lines;
  if (media_type == "application/x-www-form-urlencoded") return dissect_urlencoded_form;
  if (is_json_type(media_type)) return dissect_json;
  if (media_type == "application/dns-message") return dissect_dns_message;
  if (is_grpc_type(media_type)) return dissect_grpc;
  if (is_data_type(media_type)) return dissect_media_data;
  return nullptr;
}

}  // namespace

void dissect_media(Packet& pkt, const ByteReader& body, std::string_view media_type,
                   int data_parent) {
  if (MediaDissector d = media_dissector(media_type))
    d(pkt, body, media_type, -1);
  else
    pkt.call_data(body, media_type.empty() ? data_parent : -1);
}

bool dissect_known_media(Packet& pkt, const ByteReader& body, std::string_view media_type,
                         int parent) {
  MediaDissector d = media_dissector(media_type);
  if (d) d(pkt, body, media_type, parent);
  return d != nullptr;
}

void register_data_text_lines() {
  FieldRegistry& reg = registry();
  proto_text_lines =
      reg.add_protocol({"Line-based text data", "Line-based text data", "data-text-lines"});
  reg.add_fields(proto_text_lines, kFields);
  register_protocol_state<BodyCarrier>(StateScope::kPacket);
}

}  // namespace netsift
