// Protocols and fields that belong to the engine rather than to one dissector: the "data"
// fallback and tshark's _ws.* markers for malformed or cut-short packets.
#pragma once

#include "core/field.h"

namespace netsift::protocols {

extern FieldId data;
extern FieldId data_data;
extern FieldId data_len;
extern FieldId malformed;                // _ws.malformed
extern FieldId malformed_expert;         // _ws.malformed.expert, the expert item under it
extern FieldId malformed_dissector_bug;  // _ws.malformed.dissector_bug, a failed assertion's
extern FieldId malformed_reassembly;     // _ws.malformed.reassembly, a reassembly error
extern FieldId short_frame;              // _ws.short
extern FieldId unreassembled;            // _ws.unreassembled: an exception in an IP fragment
extern FieldId unreassembled_expert;     // _ws.unreassembled.expert
extern FieldId type_length;              // _ws.type_length: an item read with a length not its
extern FieldId type_length_mismatch;     // type's, _ws.type_length.mismatch its expert item
extern FieldId expert;                   // _ws.expert
extern FieldId expert_message;           // _ws.expert.message
extern FieldId expert_severity;          // _ws.expert.severity
extern FieldId expert_group;             // _ws.expert.group

void register_core_protocols();

}  // namespace netsift::protocols
