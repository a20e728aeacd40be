// -2: a first pass over a capture file for what a single pass only learns late, as tshark's
// first pass does: the pairing of a BIG-IP proxy's client-side and server-side connections
// (f5ethtrailer.peer_stream on every frame of both), and the forward references dissectors note
// in Session::later (core/first_pass_notes.h: request/response links, a stream's final
// completeness, its iRTT, the frame a segment's PDU is reassembled in).
#pragma once

#include "cli/options.h"
#include "cli/packet_filters.h"
#include "core/session.h"

namespace netsift {

// Reads the input once (capture filter, -c and the read filter -R applied, frames numbered as
// the real pass will number them) and presets `session` with what it learnt. Does nothing for
// pipes and live captures; damage ends the pass quietly (the real pass reports it).
void run_first_pass(const Options& opts, const PacketFilters& filters, Session& session);

// A quick scan of a BIG-IP capture file (its first frame has F5 information) for the TLS
// secrets its Ethernet trailers carry, so that records before the trailer that brings their
// key decrypt too. Only the link layers are dissected; other files are not read beyond their
// first frame, pipes and live captures not at all (they decrypt from the key's arrival).
void learn_f5_tls_secrets(const Options& opts, const PacketFilters& filters, Session& session);

}  // namespace netsift
