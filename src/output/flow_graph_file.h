// --flow-graph FILE.svg|FILE.html: the TCP segments of the capture as a sequence diagram, like
// Wireshark's Flow Graph: one column per host, one arrow per segment labelled with its flags and
// relative Seq/Ack/Len/Win, the time since the first frame on the left. Plain SVG written by
// hand; the HTML form embeds the same SVG in a page.
#pragma once

#include <memory>
#include <string>

#include "output/statistics.h"

namespace netsift {

std::unique_ptr<Statistic> make_flow_graph_file(const std::string& path);

// The SVG document for the segments collected so far (exposed for tests).
class FlowCollector;
std::string flow_graph_svg(FlowCollector& flow);

}  // namespace netsift
