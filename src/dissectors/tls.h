// What other dissectors register with TLS: the dissectors of decrypted application data, found
// as tshark finds them (the server's ALPN choice, then the server port, then heuristics).
#pragma once

#include <span>
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

// TLS records another protocol carries (the EAP-TLS family), under `parent`, in the
// conversation's TLS session, as tshark's tls dissector called on them; 0 when it declines the
// bytes (four printable characters: not TLS), for the caller's data dissector.
size_t dissect_tls_carried(const ByteReader& r, Packet& pkt, int parent);

// Whether TLS is among the packet's layers so far (HTTP over TLS names its URIs https://).
bool tls_in_layers(const Packet& pkt);

// A record TLS decrypted in this packet, for -z follow,tls (tshark's "tls" follow tap): queued
// on pkt.taps with tag kTlsDecryptedTap in record order, in the packet arena (valid until the
// next packet); `plaintext` is in the record's "Decrypted TLS" data source.
struct TlsDecryptedRecord {
  uint8_t content_type;  // the inner type for TLS 1.3
  std::span<const uint8_t> plaintext;
};
extern const char kTlsDecryptedTap[];

template <typename F>
void for_each_tls_decrypted_record(const Packet& pkt, F&& f) {
  for (const TapRecord& t : pkt.taps)
    if (t.tap == kTlsDecryptedTap) f(*static_cast<const TlsDecryptedRecord*>(t.data));
}

}  // namespace netsift
