#include "dissectors/tls_certificates.h"

#include <new>
#include <string>

#include "core/conversation.h"
#include "core/protocol_state.h"

namespace netsift {

const char kTlsCertificatesTap[] = "tls_certs";

namespace {

// The server name a connection's ClientHello asked for (a protocol state of the conversation).
struct TlsServerName {
  std::string name;
};

}  // namespace

void register_tls_certificates() {
  register_protocol_state<TlsServerName>(StateScope::kConversation);
}

void remember_server_name(Packet& pkt, std::string_view name) {
  if (pkt.conversation) pkt.conversation->state<TlsServerName>().name.assign(name);
}

void queue_certificate_chain(Packet& pkt, const ByteReader& r, size_t off, size_t end,
                             bool from_server, bool tls13) {
  if (!pkt.conversation) return;
  // Only whole, captured entries are queued: a list cut short or lying about a length is the
  // tree's business (the message is flagged there), not the report's. Returns where the entry
  // at p ends, 0 when it does not fit.
  auto entry_end = [&](size_t p) -> size_t {
    if (p + 3 > end || !r.has(p, 3)) return 0;
    size_t q = p + 3 + r.u24(p);
    if (tls13) q = r.has(q, 2) ? q + 2 + r.u16(q) : 0;
    return q && q <= end && r.has(p, q - p) ? q : 0;
  };
  size_t count = 0;
  for (size_t p = off; (p = entry_end(p)) != 0;) ++count;
  if (count == 0) return;
  auto* certs = static_cast<std::string_view*>(
      pkt.arena.alloc(sizeof(std::string_view) * count, alignof(std::string_view)));
  size_t p = off;
  for (size_t i = 0; i < count; ++i) {
    uint32_t len = r.u24(p);
    certs[i] = pkt.arena.copy({reinterpret_cast<const char*>(r.ptr(p + 3, len)), len});
    p = entry_end(p);
  }
  auto* chain = new (pkt.arena.alloc(sizeof(TlsCertificateChain), alignof(TlsCertificateChain)))
      TlsCertificateChain{};
  chain->stream = pkt.conversation->stream;
  chain->frame = pkt.number;
  chain->from_server = from_server;
  chain->sender = pkt.net_src;
  chain->receiver = pkt.net_dst;
  chain->sender_port = pkt.src_port;
  chain->receiver_port = pkt.dst_port;
  chain->server_name = pkt.arena.copy(pkt.conversation->state<TlsServerName>().name);
  chain->certificates = {certs, count};
  pkt.taps.push_back(TapRecord{kTlsCertificatesTap, chain});
}

}  // namespace netsift
