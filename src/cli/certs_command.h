// netsift certs -r FILE [--pem DIR]: the TLS certificate report, -r FILE -q -z tls_certs.
#pragma once

namespace netsift {

// argv[1] is "certs". Returns the process exit status.
int run_certs(int argc, char** argv);

}  // namespace netsift
