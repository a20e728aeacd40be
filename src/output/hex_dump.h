// tshark's -x hex and ASCII dump of a packet's data sources.
#pragma once

#include <string>

#include "core/packet.h"

namespace netsift {

// --hexdump's choices: every data source or the frame's only, and the ASCII column as is,
// between '|' characters, or left out.
struct HexDumpStyle {
  enum class Ascii { kInclude, kDelimit, kExclude };
  bool frame_only = false;  // --hexdump frames
  Ascii ascii = Ascii::kInclude;
};

// Appends the dump of `n` bytes: "0000  45 00 ...   E.", 16 bytes a line.
void append_hex_dump(std::string& out, const uint8_t* data, size_t n,
                     HexDumpStyle::Ascii ascii = HexDumpStyle::Ascii::kInclude);

// Appends the dump of the frame and, when the packet has extra data sources (reassembled or
// decrypted buffers), each source headed by "Name (N bytes):" as tshark does.
void append_packet_hex_dump(std::string& out, const Packet& pkt, const HexDumpStyle& style = {});

}  // namespace netsift
