// The read → dissect → filter → print/write loop over one capture source.
#pragma once

#include "cli/options.h"

namespace netsift {

// Runs the mode the options select; returns the process exit status (tshark's conventions:
// 0 success, 1 bad usage, 2 input or filter errors).
int run(const Options& opts);

}  // namespace netsift
