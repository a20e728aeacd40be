// HTTP/2 statistics: tshark's -z http2,tree (frames by type) and netsift's own
// -z http2_streams (one row per stream: request, response, sizes, timings, resets).
#pragma once

#include <memory>

#include "output/statistics.h"

namespace netsift {

std::unique_ptr<Statistic> make_http2_tree();
std::unique_ptr<Statistic> make_http2_streams();

}  // namespace netsift
