// The HTTP/2 fields (http2_fields.cpp), shared by the files of the HTTP/2 dissector and read
// by its statistics through typed handles.
#pragma once

#include <string_view>

#include "core/field.h"

namespace netsift::http2_fields {

extern ProtocolField proto;
extern UintField length, type, streamid, flags, flags_end_stream, flags_eh, flags_padded,
    flags_priority, flags_ack_ping, flags_ack_settings, flags_unused, flags_unused_settings,
    flags_unused_ping, flags_unused_continuation, flags_unused_push_promise, flags_unused_data,
    flags_unused_headers, r, weight, weight_real, padding, pad_length, exclusive, stream_dependency,
    body_fragment, body_fragment_count, body_reassembled_in, body_reassembled_length, header_length,
    header_count, header_name_length, header_value_length, header_index, header_table_size,
    rst_stream_error, settings_id, settings_header_table_size, settings_enable_push,
    settings_max_concurrent_streams, settings_initial_window_size, settings_max_frame_size,
    settings_max_header_list_size, settings_extended_connect, settings_unknown, push_promise_r,
    push_promise_promised_stream_id, goaway_r, goaway_last_stream_id, goaway_error, window_update_r,
    window_update_window_size_increment, altsvc_origin_len, origin_origin_len,
    priority_update_stream_id, request_in, response_in;
extern LabelField stream, header, header_table_size_update, settings, body_fragments, origin,
    header_size_exceeded, header_lines_exceeded, body_decompression_failed, body_limit,
    stream_limit, frame_too_large, window_exceeded, reassembly_error, text;
extern StringField magic, header_name, header_value, header_unescaped, header_repr,
    request_full_uri, continuation_header, altsvc_origin, altsvc_field_value, origin_origin,
    priority_update_field_value;
extern BytesField unknown, data_data, data_segment, data_padding, body_reassembled_data, headers,
    headers_padding, push_promise_header, push_promise_padding, ping, pong, goaway_addata;
extern TimeField time;
// Header fields the statistics read.
extern StringField h_method, h_path, h_authority;
extern UintField h_status;

// The field tshark gives a header name (":status", "content-type", ...), or kNoField.
FieldId named_header(std::string_view name);

void register_fields();

}  // namespace netsift::http2_fields
