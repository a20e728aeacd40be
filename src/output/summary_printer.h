// tshark's default output: one line per packet with the run's columns (No., Time, Source,
// Destination, Protocol, Length and Info unless gui.column.format says otherwise), padded and
// separated exactly as tshark does (-T tabs: by tabs).
#pragma once

#include "output/color_rules.h"
#include "output/columns.h"
#include "output/printer.h"

namespace netsift {

class SummaryPrinter : public PacketPrinter {
 public:
  explicit SummaryPrinter(ColumnLayout columns = default_column_layout(), char delimiter = ' ',
                          AnsiColoring colors = {})
      : columns_(std::move(columns)), delimiter_(delimiter), colors_(std::move(colors)) {}
  void packet(const Packet& pkt, OutputSink& out) override;
  void end(OutputSink& out) override;

 private:
  ColumnLayout columns_;
  char delimiter_;
  AnsiColoring colors_;
  std::string line_;
};

// Appends the summary line and its newline, in the packet's colours when `colors` has rules.
void append_summary_line_colored(std::string& out, const Packet& pkt, const ColumnLayout& columns,
                                 char delimiter, const AnsiColoring& colors, std::string& scratch);

// Appends the summary line of `pkt` (without newline) to `out`, its columns separated by
// `delimiter` (a tab for -T tabs).
void append_summary_line(std::string& out, const Packet& pkt, const ColumnLayout& columns,
                         char delimiter = ' ');

}  // namespace netsift
