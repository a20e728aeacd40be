// Linux cooked-capture fields read outside the SLL dissector (expert statistics), as typed
// handles filled when SLL registers its fields.
#pragma once

#include "core/field.h"

namespace netsift::sll_fields {

extern ProtocolField proto;

}  // namespace netsift::sll_fields
