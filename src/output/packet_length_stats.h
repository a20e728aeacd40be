// -z plen,tree: tshark's "Packet Lengths" statistics tree (frame lengths in ranges).
#pragma once

#include <memory>

#include "output/statistics.h"

namespace netsift {

std::unique_ptr<Statistic> make_packet_lengths();

}  // namespace netsift
