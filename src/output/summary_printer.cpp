#include "output/summary_printer.h"

namespace netsift {

namespace {

// Pads `out` from `start` to at least `width` bytes, on the left (right-aligned) or right.
void pad(std::string& out, size_t start, size_t width, bool right_align) {
  size_t len = out.size() - start;
  if (len >= width) return;
  if (right_align)
    out.insert(start, width - len, ' ');
  else
    out.append(width - len, ' ');
}

struct Padding {
  size_t width;
  bool right_align;
};

// tshark's print_columns: numbers, times (not deltas) and sources are right-aligned in 5, 10
// and 12 bytes, destinations left-aligned in 12, the rest as they are.
Padding padding_of(const ColumnSpec& c) {
  switch (c.column) {
    case Column::kNumber:
      return {5, true};
    case Column::kTime:
      return {c.padded_time ? 10u : 0u, true};
    case Column::kSource:
    case Column::kLinkSource:
    case Column::kNetworkSource:
      return {12, true};
    case Column::kDestination:
    case Column::kLinkDestination:
    case Column::kNetworkDestination:
      return {12, false};
    default:
      return {0, false};
  }
}

// An arrow between a source and the destination of the same kind that follows it, with the
// run's delimiter (a space; a tab for -T tabs) on each side.
void append_separator(std::string& out, Column c, Column next, char delimiter) {
  const char* arrow = nullptr;
  if ((c == Column::kSource && next == Column::kDestination) ||
      (c == Column::kLinkSource && next == Column::kLinkDestination) ||
      (c == Column::kNetworkSource && next == Column::kNetworkDestination))
    arrow = "\u2192";
  if ((c == Column::kDestination && next == Column::kSource) ||
      (c == Column::kLinkDestination && next == Column::kLinkSource) ||
      (c == Column::kNetworkDestination && next == Column::kNetworkSource))
    arrow = "\u2190";
  out.push_back(delimiter);
  if (!arrow) return;
  out.append(arrow);
  out.push_back(delimiter);
}

}  // namespace

void append_summary_line(std::string& out, const Packet& pkt, const ColumnLayout& columns,
                         char delimiter) {
  for (size_t i = 0; i < columns.size(); ++i) {
    size_t start = out.size();
    append_column(out, pkt, columns[i]);
    Padding p = padding_of(columns[i]);
    pad(out, start, p.width, p.right_align);
    if (i + 1 < columns.size())
      append_separator(out, columns[i].column, columns[i + 1].column, delimiter);
  }
}

void append_summary_line_colored(std::string& out, const Packet& pkt, const ColumnLayout& columns,
                                 char delimiter, const AnsiColoring& colors, std::string& scratch) {
  const ColorRule* rule = colors.rules ? colors.rules->match(pkt) : nullptr;
  if (!rule) {
    append_summary_line(out, pkt, columns, delimiter);
    out.push_back('\n');
    return;
  }
  scratch.clear();
  append_summary_line(scratch, pkt, columns, delimiter);
  append_ansi_colored_line(out, scratch, *rule);
}

void SummaryPrinter::packet(const Packet& pkt, OutputSink& out) {
  append_summary_line_colored(out.buffer(), pkt, columns_, delimiter_, colors_, line_);
}

void SummaryPrinter::end(OutputSink& out) {
  if (colors_.terminal) out.write(kAnsiReset);
}

}  // namespace netsift
