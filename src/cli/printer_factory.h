// Chooses the packet printer (and the glossary) from the output options.
#pragma once

#include <memory>
#include <string>

#include "cli/options.h"
#include "core/preferences.h"
#include "output/color_rules.h"
#include "output/columns.h"
#include "output/printer.h"

namespace netsift {

// Sets `printer` (null when nothing is printed per packet), with the summary columns `columns`
// and --color's rules `colors` (null without --color).
// Returns non-zero (the exit status) when the options are invalid, after printing why.
int make_printer(const Options& opts, const ColumnLayout& columns,
                 std::shared_ptr<const ColorRules> colors, std::unique_ptr<PacketPrinter>& printer);
// Whether the summary columns must be computed (they cost formatting time).
bool printer_needs_columns(const Options& opts);
// Whether dissectors must build the tree's item labels (only a printed tree shows them).
bool printer_needs_labels(const Options& opts);
// -G: prints the named glossary; returns the exit status. `elastic_filter`: the protocols
// --elastic-mapping-filter names ("" for all).
int print_glossary(const std::string& which, const PrefStore& current,
                   const std::string& elastic_filter);

}  // namespace netsift
