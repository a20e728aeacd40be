// tshark's -x hex and ASCII dump of a packet's data sources.
#pragma once

#include <string>

#include "core/packet.h"

namespace netsift {

// Appends the dump of `n` bytes: "0000  45 00 ...   E.", 16 bytes a line.
void append_hex_dump(std::string& out, const uint8_t* data, size_t n);

// Appends the dump of the frame and, when the packet has extra data sources (reassembled or
// decrypted buffers), each source headed by "Name (N bytes):" as tshark does.
void append_packet_hex_dump(std::string& out, const Packet& pkt);

}  // namespace netsift
