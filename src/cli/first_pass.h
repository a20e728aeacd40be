// -2: a first pass over a capture file for what a single pass only learns late. Today that is
// the pairing of a BIG-IP proxy's client-side and server-side connections, so that every frame
// of both carries f5ethtrailer.peer_stream, also frames read before the peer's first frame.
#pragma once

#include "cli/options.h"
#include "cli/packet_filters.h"
#include "core/session.h"

namespace netsift {

// Reads the input once (capture filter and -c applied, as the real pass will) and presets
// `session` with what it learnt. Does nothing for pipes and live captures; damage ends the
// pass quietly (the real pass reports it).
void run_first_pass(const Options& opts, const PacketFilters& filters, Session& session);

// A quick scan of a BIG-IP capture file (its first frame has F5 information) for the TLS
// secrets its Ethernet trailers carry, so that records before the trailer that brings their
// key decrypt too. Only the link layers are dissected; other files are not read beyond their
// first frame, pipes and live captures not at all (they decrypt from the key's arrival).
void learn_f5_tls_secrets(const Options& opts, const PacketFilters& filters, Session& session);

}  // namespace netsift
