// -z ptype,tree: tshark's "IPv4 Statistics/IP Protocol Types" stats tree, the port type
// (TCP, UDP, NONE) of each IPv4 packet.
#pragma once

#include <memory>

#include "output/statistics.h"

namespace netsift {

std::unique_ptr<Statistic> make_ip_protocol_types();

}  // namespace netsift
