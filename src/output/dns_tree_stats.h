// -z dns,tree: tshark's "DNS" statistics tree (message kinds, query types, classes, codes,
// sizes, label counts, section counts and request-response times) of DNS messages (tshark's mDNS
// and LLMNR dissectors do not tap theirs).
#pragma once

#include <memory>

#include "output/statistics.h"

namespace netsift {

std::unique_ptr<Statistic> make_dns_tree();

}  // namespace netsift
