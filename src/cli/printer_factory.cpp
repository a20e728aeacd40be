#include "cli/printer_factory.h"

#include <cstdio>

#include "output/summary_printer.h"

namespace netsift {

bool printer_needs_columns(const Options& opts) {
  bool prints = !opts.quiet && (opts.write_file.empty() || opts.print_when_writing);
  return prints && opts.output_type == "text";
}

int make_printer(const Options& opts, std::unique_ptr<PacketPrinter>& printer) {
  if (opts.quiet || (!opts.write_file.empty() && !opts.print_when_writing)) return 0;
  if (opts.output_type == "text") {
    printer = std::make_unique<SummaryPrinter>();
    return 0;
  }
  std::fprintf(stderr, "netsift: output type %s is not available\n", opts.output_type.c_str());
  return 1;
}

int print_glossary(const std::string& which) {
  std::fprintf(stderr, "netsift: unknown glossary %s\n", which.c_str());
  return 1;
}

}  // namespace netsift
