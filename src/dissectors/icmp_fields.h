// ICMP and ICMPv6 fields read outside their dissectors (flow graphs, statistics taps), as typed
// handles filled when the protocols register their fields.
#pragma once

#include "core/field.h"
#include "core/packet.h"

namespace netsift {

namespace icmp_fields {
extern ProtocolField icmp;
extern UintField type, code;
}  // namespace icmp_fields

namespace icmpv6_fields {
extern ProtocolField icmpv6;
extern UintField type, code;
}  // namespace icmpv6_fields

// -2: an echo request names the reply the first pass matched to it ("[Response frame: N]",
// " (reply in N)" in Info), or carries tshark's "No response seen" warning. Shared by ICMP and
// ICMPv6, which differ in their fields and the warning's text.
struct EchoReplyFields {
  FieldId resp_in, no_resp, resp_not_found;
  bool frame_in_warning;  // ICMPv6's warning names the request's frame
  const char* protocol;   // "ICMP", "ICMPv6"
};
void add_echo_reply_link(Packet& pkt, int tree, const EchoReplyFields& f);
// Records an echo request for its reply (`match`: what the reply must carry); when the ICMP
// transactions' memory budget made room by forgetting the oldest request, says so under `tree`
// with the expert item `limit`.
void record_echo_request(Packet& pkt, int tree, bool v6, uint64_t match, FieldId limit);
// In a reply matched to its request: noted for the request's frame in the first pass.
void note_echo_reply(Packet& pkt, FieldId resp_in, uint64_t request_frame);

}  // namespace netsift
