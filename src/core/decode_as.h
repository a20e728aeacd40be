// Decode-as: sends the data a dissector table would route by a key (a port, an EtherType) to a
// protocol of the user's choice, from tshark's `-d layer==selector,protocol` options and the
// profile's `decode_as_entries` file. Applied at start-up, before any packet is read.
#pragma once

#include <string>

namespace netsift {

// Applies one -d argument ("tcp.port==8080,http", ranges "8000-8010" and "8000:3"). A bad one
// is reported as tshark reports it (with the layer types or protocols it may name) on stderr
// and false is returned.
bool apply_decode_as_option(const std::string& arg);

// Applies the "decode_as_entry: tcp.port,8082,(none),HTTP" lines of a decode_as_entries file
// (protocols by short name, as Wireshark matches them); lines naming an unknown table or
// protocol (a filter name such as "http", or "(none)", which tshark 4.0 leaves without effect),
// or a bad selector, are skipped.
void read_decode_as_entries(const std::string& path);

}  // namespace netsift
