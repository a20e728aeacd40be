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

// HTTP/2's streaming mode (tshark's desegmentation contract): the whole messages of `data` are
// dissected; a message cut at the end is left for later instead of flagged: `used` bytes were
// dissected and the cut message needs `missing` more (0: nothing was cut).
struct GrpcStreamResult {
  size_t used = 0;
  size_t missing = 0;
};
GrpcStreamResult dissect_grpc_streaming(Packet& pkt, const ByteReader& data,
                                        std::string_view media_type);

}  // namespace netsift
