// -z io,stat,INTERVAL[,COLUMN...]: tshark's I/O statistics table (ui/cli/tap-iostat.c layout).
// A column is a display filter (frames and bytes), or FUNC(field)filter with FUNC one of
// FRAMES, BYTES, COUNT, SUM, MIN, MAX, AVG, LOAD; an empty column counts every frame.
#pragma once

#include <memory>
#include <string_view>

#include "output/statistics.h"

namespace netsift {

// nullptr when the argument is malformed, a field is unknown or a filter does not compile.
std::unique_ptr<Statistic> make_io_stat(std::string_view z_arg);

}  // namespace netsift
