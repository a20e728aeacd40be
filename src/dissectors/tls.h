// What other dissectors register with TLS: the dissectors of decrypted application data, found
// as tshark finds them (the server's ALPN choice, then the server port, then heuristics).
#pragma once

#include <string_view>
#include <vector>

#include "core/dissector_table.h"
#include "core/packet.h"

namespace netsift {

namespace tls_tables {
// tshark's "tls.port": the protocol inside TLS on a server port.
DissectorTable& port();
// tshark's "tls.alpn": the protocol an ALPN name selects.
struct AlpnDissector {
  std::string_view alpn;
  Dissector dissect;
};
std::vector<AlpnDissector>& alpn();
// tshark's "tls" heuristic list, in registration order.
std::vector<HeuristicDissector>& heuristics();
}  // namespace tls_tables

// Whether TLS is among the packet's layers so far (HTTP over TLS names its URIs https://).
bool tls_in_layers(const Packet& pkt);

}  // namespace netsift
