// tshark's default output: one line per packet with the columns No., Time, Source,
// Destination, Protocol, Length and Info, padded exactly as tshark pads them.
#pragma once

#include "output/printer.h"

namespace netsift {

class SummaryPrinter : public PacketPrinter {
 public:
  void packet(const Packet& pkt, OutputSink& out) override;
};

// Appends the summary line of `pkt` (without newline) to `out`.
void append_summary_line(std::string& out, const Packet& pkt);

}  // namespace netsift
