// tshark's F5 statistics trees over the Ethernet trailer: -z f5_tmm_dist,tree (packets and
// bytes per slot/TMM, by direction and flow kind) and -z f5_virt_dist,tree (per virtual server).
#pragma once

#include <memory>

#include "output/statistics.h"

namespace netsift {

std::unique_ptr<Statistic> make_f5_tmm_distribution();
std::unique_ptr<Statistic> make_f5_virtual_distribution();

}  // namespace netsift
