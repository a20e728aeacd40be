// gRPC, gRPC-Web and gRPC-Web-Text message bodies (dissectors/grpc.cpp).
#pragma once

#include <string_view>

#include "core/packet.h"

namespace netsift {

// The media types tshark hands to gRPC (its "media_type" and "streaming_content_type"
// registrations): HTTP/2 gives their DATA frames to gRPC one by one instead of whole bodies.
bool is_grpc_type(std::string_view media_type);

// The gRPC messages of `body`, top-level items as tshark shows them; the path and direction
// come from the packet's BodyCarrier (media.h).
void dissect_grpc(Packet& pkt, const ByteReader& body, std::string_view media_type, int parent);

}  // namespace netsift
