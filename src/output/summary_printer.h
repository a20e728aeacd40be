// tshark's default output: one line per packet with the run's columns (No., Time, Source,
// Destination, Protocol, Length and Info unless gui.column.format says otherwise), padded and
// separated exactly as tshark does.
#pragma once

#include "output/columns.h"
#include "output/printer.h"

namespace netsift {

class SummaryPrinter : public PacketPrinter {
 public:
  explicit SummaryPrinter(ColumnLayout columns = default_column_layout())
      : columns_(std::move(columns)) {}
  void packet(const Packet& pkt, OutputSink& out) override;

 private:
  ColumnLayout columns_;
};

// Appends the summary line of `pkt` (without newline) to `out`.
void append_summary_line(std::string& out, const Packet& pkt, const ColumnLayout& columns);

}  // namespace netsift
