// The certificate chains of TLS Certificate messages, queued on the packet's taps for netsift's
// certificate report (-z tls_certs, `netsift certs`), with the server name the client asked for.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "core/address.h"
#include "core/packet.h"

namespace netsift {

// One Certificate message: the DER certificates in the order sent (leaf first), in the packet
// arena like the record itself.
struct TlsCertificateChain {
  uint32_t stream = 0;  // tcp.stream
  uint64_t frame = 0;   // the frame whose record completed the message
  bool from_server = true;
  Address sender, receiver;
  uint16_t sender_port = 0, receiver_port = 0;
  std::string_view server_name;  // the ClientHello's server_name, empty when none was seen
  std::span<const std::string_view> certificates;
};

extern const char kTlsCertificatesTap[];

// Keeps the connection's server name (ClientHello server_name) for its chains.
void remember_server_name(Packet& pkt, std::string_view name);

// Queues the chain of a Certificate message whose certificate list is r[off, end) (each entry
// a uint24 length and the DER bytes; TLS 1.3 entries also carry `tls13` extensions).
void queue_certificate_chain(Packet& pkt, const ByteReader& r, size_t off, size_t end,
                             bool from_server, bool tls13);

// Registers the per-connection server name (from register_tls()).
void register_tls_certificates();

}  // namespace netsift
