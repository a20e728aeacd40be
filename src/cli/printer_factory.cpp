#include "cli/printer_factory.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/field_registry.h"
#include "output/fields_printer.h"
#include "output/glossary.h"
#include "output/json_printer.h"
#include "output/pdml_printer.h"
#include "output/psml_printer.h"
#include "output/summary_printer.h"
#include "output/tree_printer.h"

namespace netsift {

namespace {

// A -j/-J filter's words: tshark splits it at every space.
std::vector<std::string> protocol_filter_words(const std::string& filter) {
  std::vector<std::string> words;
  for (size_t start = 0; start <= filter.size() && !filter.empty();) {
    size_t space = std::min(filter.find(' ', start), filter.size());
    words.push_back(filter.substr(start, space - start));
    start = space + 1;
  }
  return words;
}

// tshark colours text only on a terminal whose COLORTERM says it shows 24-bit colour.
bool ansi_color_terminal() {
  const char* colorterm = std::getenv("COLORTERM");
  return isatty(fileno(stdout)) && colorterm &&
         (std::strcmp(colorterm, "truecolor") == 0 || std::strcmp(colorterm, "24bit") == 0);
}

}  // namespace

bool printer_needs_columns(const Options& opts) {
  bool prints = !opts.quiet && (opts.write_file.empty() || opts.print_when_writing);
  if (!prints) return false;
  // Dissectors write tree labels only when columns are enabled: the tree and JSON outputs
  // need them, -T fields only for protocol fields (printed as their tree text).
  if (opts.output_type != "fields") return true;
  for (const std::string& name : opts.fields) {
    FieldId id = registry().find(name);
    if (id == kNoField || registry().info(id).def.type == FieldType::kProtocol) return true;
  }
  return false;
}

bool printer_needs_labels(const Options& opts) {
  bool prints = !opts.quiet && (opts.write_file.empty() || opts.print_when_writing);
  if (!prints) return false;
  if (opts.output_type == "text" || opts.output_type == "tabs" || opts.output_type == "ps")
    return opts.verbose || opts.hex_dump || !opts.only_protocols.empty();
  if (opts.output_type == "psml") return false;  // columns only
  // -T fields prints a protocol's tree text as its value.
  return printer_needs_columns(opts);
}

int make_printer(const Options& opts, const ColumnLayout& columns,
                 std::shared_ptr<const ColorRules> colors,
                 std::unique_ptr<PacketPrinter>& printer) {
  if (opts.quiet || (!opts.write_file.empty() && !opts.print_when_writing)) return 0;
  // -E applies to -T fields; its occurrence also to the -e fields of json, ek and pdml.
  FieldsFormat format;
  for (const std::string& o : opts.field_opts)
    if (!parse_fields_option(o, format)) return 1;
  const bool postscript = opts.output_type == "ps";
  if (opts.output_type == "text" || opts.output_type == "tabs" || postscript) {
    const char delimiter = opts.output_type == "tabs" ? '\t' : ' ';
    AnsiColoring ansi;
    ansi.terminal = !postscript && ansi_color_terminal();
    if (ansi.terminal) ansi.rules = colors;
    bool details = opts.verbose || !opts.only_protocols.empty();
    if (!details && !opts.hex_dump && !postscript) {
      printer = std::make_unique<SummaryPrinter>(columns, delimiter, std::move(ansi));
      return 0;
    }
    // tshark prints the summary line beside details or hex only when -P asks for it.
    TreeMode mode;
    mode.summary = opts.print_when_writing || (!details && !opts.hex_dump);
    mode.postscript = postscript;
    mode.capture_file = opts.read_file;
    mode.details = details;
    mode.hex = opts.hex_dump;
    mode.hex_style = opts.hex_style;
    mode.columns = columns;
    mode.delimiter = delimiter;
    mode.separator = opts.separator;
    mode.colors = std::move(ansi);
    for (size_t start = 0; start < opts.only_protocols.size();) {
      size_t comma = opts.only_protocols.find(',', start);
      if (comma == std::string::npos) comma = opts.only_protocols.size();
      if (comma > start)
        mode.only_protocols.push_back(opts.only_protocols.substr(start, comma - start));
      start = comma + 1;
    }
    printer = std::make_unique<TreePrinter>(std::move(mode));
    return 0;
  }
  if (opts.output_type == "fields") {
    auto fields = std::make_unique<FieldsPrinter>(opts.fields, format, columns);
    if (!fields->resolve()) return 1;
    printer = std::move(fields);
    return 0;
  }
  if (opts.output_type == "json" || opts.output_type == "jsonraw" || opts.output_type == "ek") {
    JsonStyle style = opts.output_type == "json"      ? JsonStyle::kJson
                      : opts.output_type == "jsonraw" ? JsonStyle::kJsonRaw
                                                      : JsonStyle::kEk;
    auto json = std::make_unique<JsonPrinter>(style, opts.fields, columns);
    if (!json->resolve()) return 1;
    json->set_occurrence(format.occurrence);
    JsonTreeOptions tree;
    tree.hex = opts.hex_dump;
    tree.merge_duplicate_keys = opts.no_duplicate_keys;
    tree.protocol_filter = protocol_filter_words(opts.protocol_filter);
    tree.filter_includes_children = opts.protocol_filter_children;
    json->set_tree_options(std::move(tree));
    printer = std::move(json);
    return 0;
  }
  if (opts.output_type == "pdml") {
    PdmlOptions pdml;
    pdml.capture_file = opts.read_file;
    pdml.protocol_filter = protocol_filter_words(opts.protocol_filter);
    pdml.filter_includes_children = opts.protocol_filter_children;
    pdml.colors = colors;
    auto p = std::make_unique<PdmlPrinter>(std::move(pdml), opts.fields, columns);
    if (!p->resolve()) return 1;
    p->set_occurrence(format.occurrence);
    printer = std::move(p);
    return 0;
  }
  if (opts.output_type == "psml") {
    printer = std::make_unique<PsmlPrinter>(columns, colors);
    return 0;
  }
  std::fprintf(stderr, "netsift: output type %s is not available\n", opts.output_type.c_str());
  return 1;
}

int print_glossary(const std::string& which, const PrefStore& current,
                   const std::string& elastic_filter) {
  return write_glossary(which, stdout, current, elastic_filter);
}

}  // namespace netsift
