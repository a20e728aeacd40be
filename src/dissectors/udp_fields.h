// UDP fields that code outside the UDP dissector reads from the tree, as typed handles filled
// when UDP registers its fields.
#pragma once

#include "core/field.h"

namespace netsift::udp_fields {

extern ProtocolField proto;
extern UintField srcport, dstport, stream;
extern BytesField payload;

}  // namespace netsift::udp_fields
