// tshark's HTTP statistics trees: -z http,tree (packet counter: requests by method, responses
// by status class and code), http_req,tree (requests by Host and URI), http_srv,tree (load
// distribution: requests and responses by server address and Host) and http_seq,tree (request
// sequences through Referer and Location headers).
#pragma once

#include <memory>

#include "output/statistics.h"

namespace netsift {

std::unique_ptr<Statistic> make_http_packet_counter();
std::unique_ptr<Statistic> make_http_requests();
std::unique_ptr<Statistic> make_http_load_distribution();
std::unique_ptr<Statistic> make_http_request_sequences();

}  // namespace netsift
