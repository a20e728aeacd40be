// -z conv,TYPE[,FILTER] and -z endpoints,TYPE[,FILTER] for TYPE eth, ip, ipv6, tcp, udp: tshark's
// conversation and endpoint tables (ui/cli/tap-iousers.c, tap-endpoints.c layouts).
#pragma once

#include <memory>
#include <string_view>

#include "output/statistics.h"

namespace netsift {

// The statistic for a "conv,..." or "endpoints,..." argument; nullptr when the type is not
// one of the five or the filter does not compile.
std::unique_ptr<Statistic> make_conversation_statistic(std::string_view z_arg);
std::unique_ptr<Statistic> make_endpoint_statistic(std::string_view z_arg);

}  // namespace netsift
