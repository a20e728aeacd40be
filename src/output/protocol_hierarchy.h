// -z io,phs[,FILTER]: tshark's protocol hierarchy (ui/cli/tap-protohierstat.c layout). The
// hierarchy follows the top-level items of each packet's tree, one level per item.
#pragma once

#include <memory>
#include <string_view>

#include "output/statistics.h"

namespace netsift {

// nullptr when the filter does not compile.
std::unique_ptr<Statistic> make_protocol_hierarchy(std::string_view z_arg);

}  // namespace netsift
