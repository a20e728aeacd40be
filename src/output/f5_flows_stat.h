// -z f5_flows (netsift only): one row per connection proxied by a BIG-IP, pairing the
// client-side TCP connection with its server-side connection through the F5 trailer
// (f5ethtrailer.peer_stream: flow id / peer id, else the peer addresses of high noise).
#pragma once

#include <memory>

#include "output/statistics.h"

namespace netsift {

std::unique_ptr<Statistic> make_f5_flows();

}  // namespace netsift
