// The HTTP/2 fields with tshark 4.0's names, types and value names (packet-http2.c), the
// header fields tshark gives well-known header names, and netsift's own request/response links
// and flow-control expert items.
#include "dissectors/http2_fields.h"

#include <string>
#include <unordered_map>

#include "core/field_registry.h"

namespace netsift::http2_fields {

ProtocolField proto;
UintField length, type, streamid, flags, flags_end_stream, flags_eh, flags_padded,
    flags_priority, flags_ack_ping, flags_ack_settings, flags_unused, flags_unused_settings,
    flags_unused_ping, flags_unused_continuation, flags_unused_push_promise, flags_unused_data,
    flags_unused_headers, r, weight, weight_real, padding, pad_length, exclusive,
    stream_dependency, body_fragment, body_fragment_count, body_reassembled_in,
    body_reassembled_length, header_length, header_count, header_name_length,
    header_value_length, header_index, header_table_size, rst_stream_error, settings_id,
    settings_header_table_size, settings_enable_push, settings_max_concurrent_streams,
    settings_initial_window_size, settings_max_frame_size, settings_max_header_list_size,
    settings_extended_connect, settings_unknown, push_promise_r, push_promise_promised_stream_id,
    goaway_r, goaway_last_stream_id, goaway_error, window_update_r,
    window_update_window_size_increment, altsvc_origin_len, origin_origin_len,
    priority_update_stream_id, request_in, response_in;
LabelField stream, header, header_table_size_update, settings, body_fragments, origin,
    header_size_exceeded, header_lines_exceeded, body_decompression_failed, frame_too_large,
    window_exceeded, text;
StringField magic, header_name, header_value, header_unescaped, header_repr, request_full_uri,
    continuation_header, altsvc_origin, altsvc_field_value, origin_origin,
    priority_update_field_value;
BytesField unknown, data_data, data_padding, body_reassembled_data, headers, headers_padding,
    push_promise_header, push_promise_padding, ping, pong, goaway_addata;
TimeField time;

namespace {

StringField h_authority, h_path, h_method, h_scheme, h_accept, h_accept_charset, h_accept_encoding, h_accept_language, h_accept_ranges, h_access_control_allow_origin, h_allow, h_authorization, h_cache_control, h_content_disposition, h_content_encoding, h_content_language, h_content_location, h_content_range, h_content_type, h_cookie, h_date, h_etag, h_expect, h_expires, h_from, h_if_match, h_if_modified_since, h_if_none_match, h_if_range, h_if_unmodified_since, h_last_modified, h_link, h_location, h_proxy_authenticate, h_proxy_authorization, h_range, h_referer, h_refresh, h_retry_after, h_server, h_set_cookie, h_strict_transport_security, h_user_agent, h_vary, h_via, h_www_authenticate;
UintField h_status, h_age, h_content_length, h_max_forwards;

constexpr ValueName kTypes[] = {
    {0, "DATA"},          {1, "HEADERS"},      {2, "PRIORITY"},       {3, "RST_STREAM"},
    {4, "SETTINGS"},      {5, "PUSH_PROMISE"}, {6, "PING"},           {7, "GOAWAY"},
    {8, "WINDOW_UPDATE"}, {9, "CONTINUATION"}, {10, "ALTSVC"},        {11, "BLOCKED"},
    {12, "ORIGIN"},       {16, "PRIORITY_UPDATE"},
};

constexpr ValueName kErrors[] = {
    {0, "NO_ERROR"},          {1, "PROTOCOL_ERROR"},     {2, "INTERNAL_ERROR"},
    {3, "FLOW_CONTROL_ERROR"}, {4, "SETTINGS_TIMEOUT"},  {5, "STREAM_CLOSED"},
    {6, "FRAME_SIZE_ERROR"},  {7, "REFUSED_STREAM"},     {8, "CANCEL"},
    {9, "COMPRESSION_ERROR"}, {10, "CONNECT_ERROR"},     {11, "ENHANCE_YOUR_CALM"},
    {12, "INADEQUATE_SECURITY"}, {13, "HTTP_1_1_REQUIRED"},
};

constexpr ValueName kSettings[] = {
    {1, "Header table size"},     {2, "Enable PUSH"},    {3, "Max concurrent streams"},
    {4, "Initial Windows size"},  {5, "Max frame size"}, {6, "Max header list size"},
    {8, "Extended CONNECT"},
};

using FT = FieldType;
constexpr const char* kMustBeZero = "Must be zero";

const FieldReg kFields[] = {
    {&stream, {.name = "Stream", .abbrev = "http2.stream", .type = FT::kNone}},
    {&length, {.name = "Length", .abbrev = "http2.length", .type = FT::kUint24, .base = Base::kDec, .blurb = "The length (24 bits) of the frame payload (The 9 octets of the frame header are not included)"}},
    {&type, {.name = "Type", .abbrev = "http2.type", .type = FT::kUint8, .base = Base::kDec, .values = kTypes, .blurb = "The frame type determines how the remainder of the frame header and payload are interpreted"}},
    {&r, {.name = "Reserved", .abbrev = "http2.r", .type = FT::kUint32, .base = Base::kHex, .bitmask = 0x80000000, .blurb = "The semantics of this bit are undefined and the bit MUST remain unset (0) when sending and MUST be ignored when receiving"}},
    {&weight, {.name = "Weight", .abbrev = "http2.headers.weight", .type = FT::kUint8, .base = Base::kDec, .blurb = "An 8-bit weight for the identified priority"}},
    {&weight_real, {.name = "Weight real", .abbrev = "http2.headers.weight_real", .type = FT::kUint8, .base = Base::kDec, .blurb = "Real Weight value (Add one to value)"}},
    {&streamid, {.name = "Stream Identifier", .abbrev = "http2.streamid", .type = FT::kUint32, .base = Base::kDec, .bitmask = 0x7fffffff, .blurb = "A 31-bit stream identifier"}},
    {&magic, {.name = "Magic", .abbrev = "http2.magic", .type = FT::kString}},
    {&unknown, {.name = "Unknown", .abbrev = "http2.unknown", .type = FT::kBytes}},
    {&flags, {.name = "Flags", .abbrev = "http2.flags", .type = FT::kUint8, .base = Base::kHex, .blurb = "Flags are assigned semantics specific to the indicated frame type"}},
    {&flags_end_stream, {.name = "End Stream", .abbrev = "http2.flags.end_stream", .type = FT::kBoolean, .bitmask = 0x01, .blurb = "Indicates that this frame is the last that the endpoint will send for the identified stream", .bits = 8}},
    {&flags_eh, {.name = "End Headers", .abbrev = "http2.flags.eh", .type = FT::kBoolean, .bitmask = 0x04, .blurb = "Indicates that this frame contains an entire header block  and is not followed by any CONTINUATION frames.", .bits = 8}},
    {&flags_padded, {.name = "Padded", .abbrev = "http2.flags.padded", .type = FT::kBoolean, .bitmask = 0x08, .blurb = "Indicates that the Pad Length field is present", .bits = 8}},
    {&flags_priority, {.name = "Priority", .abbrev = "http2.flags.priority", .type = FT::kBoolean, .bitmask = 0x20, .blurb = "Indicates that the Exclusive Flag (E), Stream Dependency, and Weight fields are present", .bits = 8}},
    {&flags_ack_ping, {.name = "ACK", .abbrev = "http2.flags.ack.ping", .type = FT::kBoolean, .bitmask = 0x01, .blurb = "Set indicates that this PING frame is a PING response", .bits = 8}},
    {&flags_unused, {.name = "Unused", .abbrev = "http2.flags.unused", .type = FT::kUint8, .base = Base::kHex, .bitmask = 0xff, .blurb = kMustBeZero}},
    {&flags_unused_settings, {.name = "Unused", .abbrev = "http2.flags.unused_settings", .type = FT::kUint8, .base = Base::kHex, .bitmask = 0xfe, .blurb = kMustBeZero}},
    {&flags_unused_ping, {.name = "Unused", .abbrev = "http2.flags.unused_ping", .type = FT::kUint8, .base = Base::kHex, .bitmask = 0xfe, .blurb = kMustBeZero}},
    {&flags_unused_continuation, {.name = "Unused", .abbrev = "http2.flags.unused_continuation", .type = FT::kUint8, .base = Base::kHex, .bitmask = 0xfb, .blurb = kMustBeZero}},
    {&flags_unused_push_promise, {.name = "Unused", .abbrev = "http2.flags.unused_push_promise", .type = FT::kUint8, .base = Base::kHex, .bitmask = 0xf3, .blurb = kMustBeZero}},
    {&flags_unused_data, {.name = "Unused", .abbrev = "http2.flags.unused_data", .type = FT::kUint8, .base = Base::kHex, .bitmask = 0xf6, .blurb = kMustBeZero}},
    {&flags_unused_headers, {.name = "Unused", .abbrev = "http2.flags.unused_headers", .type = FT::kUint8, .base = Base::kHex, .bitmask = 0xd2, .blurb = kMustBeZero}},
    {&flags_ack_settings, {.name = "ACK", .abbrev = "http2.flags.ack.settings", .type = FT::kBoolean, .bitmask = 0x01, .blurb = "Indicates that this frame acknowledges receipt and application of the peer's SETTINGS frame", .bits = 8}},
    {&padding, {.name = "Pad Length", .abbrev = "http2.padding", .type = FT::kUint8, .base = Base::kHex, .blurb = "Padding size"}},
    {&pad_length, {.name = "Pad Length", .abbrev = "http2.pad_length", .type = FT::kUint16, .base = Base::kDec}},
    {&exclusive, {.name = "Exclusive", .abbrev = "http2.exclusive", .type = FT::kBoolean, .bitmask = 0x80000000, .blurb = "A single bit flag indicates that the stream dependency is exclusive", .bits = 32}},
    {&stream_dependency, {.name = "Stream Dependency", .abbrev = "http2.stream_dependency", .type = FT::kUint32, .base = Base::kDec, .bitmask = 0x7fffffff, .blurb = "An identifier for the stream that this stream depends on"}},
    {&data_data, {.name = "Data", .abbrev = "http2.data.data", .type = FT::kBytes, .blurb = "Application data"}},
    {&data_padding, {.name = "Padding", .abbrev = "http2.data.padding", .type = FT::kBytes, .blurb = "Padding octets"}},
    {&body_fragments, {.name = "Body fragments", .abbrev = "http2.body.fragments", .type = FT::kNone}},
    {&body_fragment, {.name = "Body fragment", .abbrev = "http2.body.fragment", .type = FT::kFrameNum}},
    {&body_fragment_count, {.name = "Body fragment count", .abbrev = "http2.body.fragment.count", .type = FT::kUint32, .base = Base::kDec}},
    {&body_reassembled_in, {.name = "Reassembled body in frame", .abbrev = "http2.body.reassembled.in", .type = FT::kFrameNum, .blurb = "Reassembled body in frame number"}},
    {&body_reassembled_length, {.name = "Reassembled body length", .abbrev = "http2.body.reassembled.length", .type = FT::kUint32, .base = Base::kDec, .blurb = "Reassembled body in frame number"}},
    {&body_reassembled_data, {.name = "Reassembled body data", .abbrev = "http2.body.reassembled.data", .type = FT::kBytes, .blurb = "Reassembled body data for multisegment PDU spanning across DATAs"}},
    {&headers, {.name = "Header Block Fragment", .abbrev = "http2.headers", .type = FT::kBytes, .blurb = "A header block fragment"}},
    {&headers_padding, {.name = "Padding", .abbrev = "http2.headers.padding", .type = FT::kBytes, .blurb = "Padding octets"}},
    {&header, {.name = "Header", .abbrev = "http2.header", .type = FT::kNone}},
    {&header_length, {.name = "Header Length", .abbrev = "http2.header.length", .type = FT::kUint32, .base = Base::kDec}},
    {&header_count, {.name = "Header Count", .abbrev = "http2.header.count", .type = FT::kUint32, .base = Base::kDec}},
    {&header_name_length, {.name = "Name Length", .abbrev = "http2.header.name.length", .type = FT::kUint32, .base = Base::kDec}},
    {&header_name, {.name = "Name", .abbrev = "http2.header.name", .type = FT::kString}},
    {&header_value_length, {.name = "Value Length", .abbrev = "http2.header.value.length", .type = FT::kUint32, .base = Base::kDec}},
    {&header_value, {.name = "Value", .abbrev = "http2.header.value", .type = FT::kString}},
    {&header_unescaped, {.name = "Unescaped", .abbrev = "http2.header.unescaped", .type = FT::kString}},
    {&header_repr, {.name = "Representation", .abbrev = "http2.header.repr", .type = FT::kString}},
    {&header_index, {.name = "Index", .abbrev = "http2.header.index", .type = FT::kUint32, .base = Base::kDec}},
    {&header_table_size_update, {.name = "Header table size update", .abbrev = "http2.header_table_size_update", .type = FT::kNone}},
    {&header_table_size, {.name = "Header table size", .abbrev = "http2.header_table_size_update.header_table_size", .type = FT::kUint32, .base = Base::kDec}},
    {&request_full_uri, {.name = "Full request URI", .abbrev = "http2.request.full_uri", .type = FT::kString, .blurb = "The full requested URI (including host name)"}},
    {&rst_stream_error, {.name = "Error", .abbrev = "http2.rst_stream.error", .type = FT::kUint32, .base = Base::kDec, .values = kErrors, .blurb = "The error code indicates why the stream is being terminated"}},
    {&settings, {.name = "Settings", .abbrev = "http2.settings", .type = FT::kNone}},
    {&settings_id, {.name = "Settings Identifier", .abbrev = "http2.settings.id", .type = FT::kUint16, .base = Base::kDec, .values = kSettings}},
    {&settings_header_table_size, {.name = "Header table size", .abbrev = "http2.settings.header_table_size", .type = FT::kUint32, .base = Base::kDec, .blurb = "Allows the sender to inform the remote endpoint of the size of the header compression table used to decode header blocks. The initial value is 4096 bytes"}},
    {&settings_enable_push, {.name = "Enable PUSH", .abbrev = "http2.settings.enable_push", .type = FT::kUint32, .base = Base::kDec, .blurb = "The initial value is 1, which indicates that push is permitted"}},
    {&settings_max_concurrent_streams, {.name = "Max concurrent streams", .abbrev = "http2.settings.max_concurrent_streams", .type = FT::kUint32, .base = Base::kDec, .blurb = "Indicates the maximum number of concurrent streams that the sender will allow"}},
    {&settings_initial_window_size, {.name = "Initial Windows Size", .abbrev = "http2.settings.initial_window_size", .type = FT::kUint32, .base = Base::kDec, .blurb = "Indicates the sender's initial window size (in bytes) for stream level flow control"}},
    {&settings_max_frame_size, {.name = "Max frame size", .abbrev = "http2.settings.max_frame_size", .type = FT::kUint32, .base = Base::kDec, .blurb = "Indicates the size of the largest frame payload that the sender will allow"}},
    {&settings_max_header_list_size, {.name = "Max header list size", .abbrev = "http2.settings.max_header_list_size", .type = FT::kUint32, .base = Base::kDec, .blurb = "This advisory setting informs a peer of the maximum size of header list that the sender is prepared to accept."}},
    {&settings_extended_connect, {.name = "Extended CONNECT", .abbrev = "http2.settings.extended_connect", .type = FT::kUint32, .base = Base::kDec, .blurb = "Indicates support for the extended CONNECT method extension defined RFC 8441."}},
    {&settings_unknown, {.name = "Unknown Settings", .abbrev = "http2.settings.unknown", .type = FT::kUint32, .base = Base::kDec}},
    {&push_promise_r, {.name = "Reserved", .abbrev = "http2.push_promise.r", .type = FT::kUint32, .base = Base::kHex, .bitmask = 0x80000000, .blurb = kMustBeZero}},
    {&push_promise_promised_stream_id, {.name = "Promised-Stream-ID", .abbrev = "http2.push_promise.promised_stream_id", .type = FT::kUint32, .base = Base::kDec, .bitmask = 0x7fffffff, .blurb = "Identifies the stream the endpoint intends to start sending frames for"}},
    {&push_promise_header, {.name = "Header Block Fragment", .abbrev = "http2.push_promise.header", .type = FT::kBytes, .blurb = "Containing request header fields"}},
    {&push_promise_padding, {.name = "Padding", .abbrev = "http2.push_promise.padding", .type = FT::kBytes, .blurb = "Padding octets"}},
    {&ping, {.name = "Ping", .abbrev = "http2.ping", .type = FT::kBytes}},
    {&pong, {.name = "Pong", .abbrev = "http2.pong", .type = FT::kBytes}},
    {&goaway_r, {.name = "Reserved", .abbrev = "http2.goway.r", .type = FT::kUint32, .base = Base::kHex, .bitmask = 0x80000000, .blurb = kMustBeZero}},
    {&goaway_last_stream_id, {.name = "Last-Stream-ID", .abbrev = "http2.goaway.last_stream_id", .type = FT::kUint32, .base = Base::kDec, .bitmask = 0x7fffffff, .blurb = "Contains the highest numbered stream identifier for which the sender of the GOAWAY frame has received frames on and might have taken some action on"}},
    {&goaway_error, {.name = "Error", .abbrev = "http2.goaway.error", .type = FT::kUint32, .base = Base::kDec, .values = kErrors, .blurb = "The error code indicates the reason for closing the connection"}},
    {&goaway_addata, {.name = "Additional Debug Data", .abbrev = "http2.goaway.addata", .type = FT::kBytes}},
    {&window_update_r, {.name = "Reserved", .abbrev = "http2.window_update.r", .type = FT::kUint32, .base = Base::kHex, .bitmask = 0x80000000, .blurb = kMustBeZero}},
    {&window_update_window_size_increment, {.name = "Window Size Increment", .abbrev = "http2.window_update.window_size_increment", .type = FT::kUint32, .base = Base::kDec, .bitmask = 0x7fffffff, .blurb = "Indicating the number of bytes that the sender can transmit in addition to the existing flow control window"}},
    {&continuation_header, {.name = "Continuation Header", .abbrev = "http2.continuation.header", .type = FT::kString, .blurb = "Contains a header block fragment"}},
    {&altsvc_origin_len, {.name = "Origin Length", .abbrev = "http2.altsvc.origin.len", .type = FT::kUint16, .base = Base::kDec, .blurb = "indicating the length, in octets, of the Origin field."}},
    {&altsvc_origin, {.name = "Origin", .abbrev = "http2.altsvc.origin", .type = FT::kString, .blurb = "A sequence of characters containing ASCII serialisation of an origin that the alternate service is applicable to."}},
    {&altsvc_field_value, {.name = "Field/Value", .abbrev = "http2.altsvc.field_value", .type = FT::kString, .blurb = "A sequence of octets containing a value identical to the Alt-Svc field value"}},
    {&origin, {.name = "Origin", .abbrev = "http2.origin", .type = FT::kNone}},
    {&origin_origin_len, {.name = "Origin Length", .abbrev = "http2.origin.origin_len", .type = FT::kUint16, .base = Base::kDec, .blurb = "indicating the length, in octets, of the Origin field."}},
    {&origin_origin, {.name = "Origin", .abbrev = "http2.origin.origin", .type = FT::kString, .blurb = "A sequence of characters containing ASCII serialisation of an origin that server is authoritative for."}},
    {&priority_update_stream_id, {.name = "Priority Update Stream ID", .abbrev = "http2.priority_update_stream_id", .type = FT::kUint64, .base = Base::kDec}},
    {&priority_update_field_value, {.name = "Priority Update Field Value", .abbrev = "http2.priority_update_field_value", .type = FT::kString}},
    {&header_size_exceeded, {.name = "Decompression stopped.", .abbrev = "http2.header_size_exceeded", .type = FT::kNone}},
    {&header_lines_exceeded, {.name = "Decompression stopped after 200 header lines.", .abbrev = "http2.header_lines_exceeded", .type = FT::kNone}},
    {&body_decompression_failed, {.name = "Body decompression failed", .abbrev = "http2.body_decompression_failed", .type = FT::kNone}},
    {&h_authority, {.name = ":authority", .abbrev = "http2.headers.authority", .type = FT::kString, .blurb = "Authority portion of the target URI"}},
    {&h_status, {.name = ":status", .abbrev = "http2.headers.status", .type = FT::kUint16, .base = Base::kDec}},
    {&h_path, {.name = ":path", .abbrev = "http2.headers.path", .type = FT::kString}},
    {&h_method, {.name = ":method", .abbrev = "http2.headers.method", .type = FT::kString}},
    {&h_scheme, {.name = ":scheme", .abbrev = "http2.headers.scheme", .type = FT::kString}},
    {&h_accept, {.name = "accept", .abbrev = "http2.headers.accept", .type = FT::kString, .blurb = "Media types that are acceptable to the user agent"}},
    {&h_accept_charset, {.name = "accept-charset", .abbrev = "http2.headers.accept_charset", .type = FT::kString, .blurb = "Acceptable charsets in textual responses for the user agent"}},
    {&h_accept_encoding, {.name = "accept-encoding", .abbrev = "http2.headers.accept_encoding", .type = FT::kString, .blurb = "Acceptable content codings (like compression) in responses for the user agent"}},
    {&h_accept_language, {.name = "accept-language", .abbrev = "http2.headers.accept_language", .type = FT::kString, .blurb = "Preferred natural languages for the user agent"}},
    {&h_accept_ranges, {.name = "accept-ranges", .abbrev = "http2.headers.accept_ranges", .type = FT::kString, .blurb = "Bytes range which server may use for partial data transfer"}},
    {&h_access_control_allow_origin, {.name = "access-control-allow-origin", .abbrev = "http2.headers.access_control_allow_origin", .type = FT::kString, .blurb = "Origin control for cross-origin resource sharing"}},
    {&h_age, {.name = "age", .abbrev = "http2.headers.age", .type = FT::kUint64, .base = Base::kDec, .blurb = "Time in seconds which was spent for transferring data through proxy"}},
    {&h_allow, {.name = "allow", .abbrev = "http2.headers.allow", .type = FT::kString, .blurb = "List of allowed methods for request"}},
    {&h_authorization, {.name = "authorization", .abbrev = "http2.headers.authorization", .type = FT::kString, .blurb = "Credentials for a server-side authorization"}},
    {&h_cache_control, {.name = "cache-control", .abbrev = "http2.headers.cache_control", .type = FT::kString, .blurb = "Request or response directives for a cache control"}},
    {&h_content_disposition, {.name = "content-disposition", .abbrev = "http2.headers.content_disposition", .type = FT::kString, .blurb = "Indicates that response will be displayed as page or downloaded with dialog box"}},
    {&h_content_encoding, {.name = "content-encoding", .abbrev = "http2.headers.content_encoding", .type = FT::kString}},
    {&h_content_language, {.name = "content-language", .abbrev = "http2.headers.content_language", .type = FT::kString}},
    {&h_content_length, {.name = "content-length", .abbrev = "http2.headers.content_length", .type = FT::kUint64, .base = Base::kDec, .blurb = "Size of body in bytes"}},
    {&h_content_location, {.name = "content-location", .abbrev = "http2.headers.content_location", .type = FT::kString, .blurb = "Alternative URL for a response data"}},
    {&h_content_range, {.name = "content-range", .abbrev = "http2.headers.content_range", .type = FT::kString, .blurb = "Range of bytes which was sent by server for partial data transfer"}},
    {&h_content_type, {.name = "content-type", .abbrev = "http2.headers.content_type", .type = FT::kString, .blurb = "MIME type of response"}},
    {&h_cookie, {.name = "cookie", .abbrev = "http2.headers.cookie", .type = FT::kString, .blurb = "Stored cookies"}},
    {&h_date, {.name = "date", .abbrev = "http2.headers.date", .type = FT::kString, .blurb = "Date and time at which the data was originated"}},
    {&h_etag, {.name = "etag", .abbrev = "http2.headers.etag", .type = FT::kString, .blurb = "Directive for version indication of resource"}},
    {&h_expect, {.name = "expect", .abbrev = "http2.headers.expect", .type = FT::kString, .blurb = "Expectations that need to be fulfilled for correct request"}},
    {&h_expires, {.name = "expires", .abbrev = "http2.headers.expires", .type = FT::kString, .blurb = "Data after which resource will be stale"}},
    {&h_from, {.name = "from", .abbrev = "http2.headers.from", .type = FT::kString, .blurb = "Email of a person who responsible for a requesting data"}},
    {&h_if_match, {.name = "if-match", .abbrev = "http2.headers.if_match", .type = FT::kString, .blurb = "Mechanism for requesting data matched by a list of ETags"}},
    {&h_if_modified_since, {.name = "if-modified-since", .abbrev = "http2.headers.if_modified_since", .type = FT::kString, .blurb = "Resource will be sent with status code 200 if it was modified otherwise with status code 304"}},
    {&h_if_none_match, {.name = "if-none-match", .abbrev = "http2.headers.if_none_match", .type = FT::kString, .blurb = "Mechanism for requesting data not matched by a list of ETags"}},
    {&h_if_range, {.name = "if-range", .abbrev = "http2.headers.if_range", .type = FT::kString, .blurb = "Mechanism for a range request which is used to check if a resource was modified"}},
    {&h_if_unmodified_since, {.name = "if-unmodified-since", .abbrev = "http2.headers.if_unmodified_since", .type = FT::kString, .blurb = "Resource will be processed if it was not modified otherwise 412 error will be returned"}},
    {&h_last_modified, {.name = "last-modified", .abbrev = "http2.headers.last_modified", .type = FT::kString, .blurb = "Date and time at which the origin server believes the resource was last modified"}},
    {&h_link, {.name = "link", .abbrev = "http2.headers.link", .type = FT::kString, .blurb = "Mechanism for indicating that resource will be preloaded"}},
    {&h_location, {.name = "location", .abbrev = "http2.headers.location", .type = FT::kString, .blurb = "Mechanism for indicating that client will be redirected"}},
    {&h_max_forwards, {.name = "max-forwards", .abbrev = "http2.headers.max_forwards", .type = FT::kUint64, .base = Base::kDec, .blurb = "Mechanism for limiting the number of proxies"}},
    {&h_proxy_authenticate, {.name = "proxy-authenticate", .abbrev = "http2.headers.proxy_authenticate", .type = FT::kString, .blurb = "Authentication method that should be used to gain access to a resource behind a proxy server"}},
    {&h_proxy_authorization, {.name = "proxy-authorization", .abbrev = "http2.headers.proxy_authorization", .type = FT::kString, .blurb = "Credentials for a proxy-side authorization"}},
    {&h_range, {.name = "range", .abbrev = "http2.headers.range", .type = FT::kString, .blurb = "Range of resource bytes that server should return"}},
    {&h_referer, {.name = "referer", .abbrev = "http2.headers.referer", .type = FT::kString, .blurb = "Address of the previous web page"}},
    {&h_refresh, {.name = "refresh", .abbrev = "http2.headers.refresh", .type = FT::kString, .blurb = "Time in seconds after which client will be redirected by given url"}},
    {&h_retry_after, {.name = "retry-after", .abbrev = "http2.headers.retry_after", .type = FT::kString, .blurb = "Mechanism to indicate when resource expected to be available"}},
    {&h_server, {.name = "server", .abbrev = "http2.headers.server", .type = FT::kString, .blurb = "Information about server software"}},
    {&h_set_cookie, {.name = "set-cookie", .abbrev = "http2.headers.set_cookie", .type = FT::kString, .blurb = "Send a cookie to the client"}},
    {&h_strict_transport_security, {.name = "strict-transport-security", .abbrev = "http2.headers.strict_transport_security", .type = FT::kString, .blurb = "HSTS indicates that resource should be accessed only using HTTPS"}},
    {&h_user_agent, {.name = "user-agent", .abbrev = "http2.headers.user_agent", .type = FT::kString, .blurb = "Information about client software"}},
    {&h_vary, {.name = "vary", .abbrev = "http2.headers.vary", .type = FT::kString, .blurb = "Mechanism for selecting which header will be used for content negotiation algorithm"}},
    {&h_via, {.name = "via", .abbrev = "http2.headers.via", .type = FT::kString, .blurb = "Additional information for loop detection and protocol capabilities in proxy requests"}},
    {&h_www_authenticate, {.name = "www-authenticate", .abbrev = "http2.headers.www_authenticate", .type = FT::kString, .blurb = "Authentication method that should be used to gain access to a resource"}},
    // netsift's own (not in tshark 4.0): request/response links and flow-control analysis.
    {&request_in, {.name = "Request in frame", .abbrev = "http2.request_in", .type = FT::kFrameNum, .blurb = "The frame of this stream's request HEADERS"}},
    {&response_in, {.name = "Response in frame", .abbrev = "http2.response_in", .type = FT::kFrameNum, .blurb = "The frame of this stream's response HEADERS"}},
    {&time, {.name = "Time since request", .abbrev = "http2.time", .type = FT::kRelTime, .blurb = "Time since the stream's request HEADERS"}},
    {&frame_too_large, {.name = "Frame exceeds the peer's SETTINGS_MAX_FRAME_SIZE", .abbrev = "http2.analysis.frame_too_large", .type = FT::kNone}},
    {&window_exceeded, {.name = "DATA exceeds the flow-control window", .abbrev = "http2.analysis.window_exceeded", .type = FT::kNone}},
    {&text, {.name = "Text", .abbrev = "http2.text", .type = FT::kNone}},
};

}  // namespace

FieldId named_header(std::string_view name) {
  static const std::unordered_map<std::string_view, FieldId> by_name = [] {
    std::unordered_map<std::string_view, FieldId> m;
    for (const FieldReg& f : kFields) {
      std::string_view abbrev = f.def.abbrev;
      if (abbrev.rfind("http2.headers.", 0) == 0 && f.def.type != FieldType::kBytes &&
          abbrev != "http2.headers.weight" && abbrev != "http2.headers.weight_real")
        m.emplace(f.def.name, registry().find(abbrev));
    }
    return m;
  }();
  auto it = by_name.find(name);
  return it == by_name.end() ? kNoField : it->second;
}

void register_fields() {
  proto.id = registry().add_protocol({"HyperText Transfer Protocol 2", "HTTP2", "http2"});
  registry().add_fields(proto, kFields);
}

}  // namespace netsift::http2_fields
