// A dissector reached a state tshark's dissector asserts against (DISSECTOR_ASSERT): tshark
// aborts the packet's dissection there and shows "[Dissector bug, protocol P: message]" with
// an Error/Malformed expert. Where tshark's assertion is reachable from packet bytes, netsift
// throws this to show the same; dissect_packet() (and the Ethernet payload, as tshark's
// ethertype dissector) catch it.
#pragma once

#include <string>

namespace netsift {

struct DissectorBug {
  const char* protocol;  // tshark's short name: "JSON"
  std::string message;   // tshark's text: "<file>:<line>: failed assertion \"...\""
};

}  // namespace netsift
