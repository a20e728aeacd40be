// HTTP/2 statistics: tshark's -z http2,tree (frames by type).
#pragma once

#include <memory>

#include "output/statistics.h"

namespace netsift {

std::unique_ptr<Statistic> make_http2_tree();

}  // namespace netsift
