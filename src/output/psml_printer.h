// -T psml as tshark 4.0 writes it (epan/print.c): a <structure> naming the summary columns,
// then one <packet> per frame (coloured by --color's rules) with a <section> per column
// holding its text, unpadded.
#pragma once

#include <memory>

#include "output/color_rules.h"
#include "output/columns.h"
#include "output/printer.h"

namespace netsift {

class PsmlPrinter : public PacketPrinter {
 public:
  // `colors`: --color's rules, which give <packet> its colours; null for none.
  PsmlPrinter(ColumnLayout columns, std::shared_ptr<const ColorRules> colors)
      : columns_(std::move(columns)), colors_(std::move(colors)) {}

  void begin(OutputSink& out) override;
  void packet(const Packet& pkt, OutputSink& out) override;
  void end(OutputSink& out) override;

 private:
  ColumnLayout columns_;
  std::shared_ptr<const ColorRules> colors_;
  std::string scratch_;
};

}  // namespace netsift
