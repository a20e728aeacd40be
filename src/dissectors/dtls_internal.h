// What the DTLS dissector's files share: its field ids (dtls_fields.cpp) and the map that files
// the shared TLS dissection's fields as their dtls.* twins.
#pragma once

#include <vector>

#include "core/field.h"

namespace netsift::dtls {

extern FieldId proto_dtls, f_epoch, f_sequence_number, f_message_seq, f_fragment_offset,
    f_fragment_length, f_fragments, f_fragment, f_fragment_count, f_reassembled_in,
    f_reassembled_length, f_fragment_length_zero, f_fragment_length_too_long, f_fragment_past_end,
    f_msg_len_diff;

// Registers the DTLS fields under `proto`, and the dtls.* twin of every shared TLS field.
void register_fields(FieldId proto);
// Indexed by a TLS field id: its dtls.* twin, or kNoField (PacketTree::set_field_map).
const std::vector<FieldId>& field_map();

}  // namespace netsift::dtls
