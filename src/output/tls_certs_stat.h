// netsift's certificate report, -z tls_certs[,pair][,pem=DIR] (and `netsift certs`): for every
// TLS Certificate message, in capture order, the connection it belongs to and each certificate
// of the chain as OpenSSL reads it (output/certificate_summary.h); with pem=DIR each certificate
// is also written to DIR as stream<N>-<server|client>-<frame>-<index>.pem. With pair, the
// chains of a BIG-IP SSL forward proxy instead: the server's and the one the proxy minted for
// the same client connection, their leaves compared field by field.
#pragma once

#include <memory>
#include <string_view>

#include "output/statistics.h"

namespace netsift {

// nullptr when `z_arg` is not tls_certs's; throws StatisticArgumentError for a bad parameter.
std::unique_ptr<Statistic> make_tls_certs(std::string_view z_arg);

}  // namespace netsift
