// A packet printer turns dissected packets into one output format (summary lines, fields,
// detail tree, JSON, ...). The CLI runs exactly one per run, in frame-number order.
#pragma once

#include "core/packet.h"
#include "output/output_sink.h"

namespace netsift {

class PacketPrinter {
 public:
  virtual ~PacketPrinter() = default;
  virtual void begin(OutputSink& out) {}
  virtual void packet(const Packet& pkt, OutputSink& out) = 0;
  virtual void end(OutputSink& out) {}
};

}  // namespace netsift
