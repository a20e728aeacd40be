// Protocol Buffers as tshark 4.0 shows a message whose type it does not know (no .proto files
// loaded, its default): every field by number and wire type, numbers as uint32/uint64.
#pragma once

#include <string_view>

#include "core/packet.h"

namespace netsift {

// Dissects the serialized message `r` as a "Protocol Buffers" item under `parent`.
// `message_info` is what the carrier names it by ("application/grpc,/pkg.Service/Method,request"
// from gRPC): the text after its first comma is appended to the item.
void dissect_protobuf(Packet& pkt, const ByteReader& r, std::string_view message_info, int parent);

}  // namespace netsift
