// -z expert[,error|warn|note|chat|comment][,filter]: tshark's expert info summary, one table per
// severity (most severe first) of the distinct (protocol, message) pairs and how often each
// occurred.
#pragma once

#include <memory>
#include <string_view>

#include "output/statistics.h"

namespace netsift {

// nullptr when `z_arg` is not an expert argument; throws StatisticArgumentError for a bad filter.
std::unique_ptr<Statistic> make_expert_statistic(std::string_view z_arg);

}  // namespace netsift
