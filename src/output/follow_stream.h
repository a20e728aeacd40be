// -z follow,tcp|udp|http|tls,MODE,FILTER[,RANGE]: tshark's "Follow Stream" output. FILTER is a stream
// index or two ADDR:PORT endpoints ([v6]:port); MODE is ascii, hex, raw or yaml; RANGE
// (N or N-M) picks chunks by number. Only the followed stream's bytes are kept.
#pragma once

#include <memory>
#include <string_view>

#include "output/statistics.h"

namespace netsift {

// The follower for a "follow,..." argument; throws StatisticArgumentError with tshark's message
// when the parameters are wrong.
std::unique_ptr<Statistic> make_follow_stream(std::string_view z_arg);

}  // namespace netsift
