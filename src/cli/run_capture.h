// The read → dissect → filter → print/write loop over one capture source.
#pragma once

#include <memory>

#include "capture/capture_reader.h"
#include "cli/options.h"

namespace netsift {

// Runs the mode the options select; returns the process exit status (tshark's conventions:
// 0 success, 1 bad usage, 2 input or filter errors). `input`, when given, is read instead of
// the input the options name (netsift remote's ssh stream).
int run(const Options& opts, std::unique_ptr<CaptureReader> input = nullptr);

}  // namespace netsift
