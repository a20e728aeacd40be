// -z flow,any|tcp|icmp|icmpv6,standard|network[,FILTER]: tshark's text flow graph (one column
// per host, an arrow line per packet, conversations separated by dashes).
#pragma once

#include <memory>
#include <string_view>

#include "output/statistics.h"

namespace netsift {

// Throws StatisticArgumentError with tshark's message when the parameters are wrong.
std::unique_ptr<Statistic> make_flow_text(std::string_view z_arg);

}  // namespace netsift
