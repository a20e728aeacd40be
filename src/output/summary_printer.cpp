#include "output/summary_printer.h"

#include "output/columns.h"

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

}  // namespace

void append_summary_line(std::string& out, const Packet& pkt) {
  // Widths and alignment as tshark pads its default columns.
  struct Padded {
    Column column;
    size_t width;
    bool right_align;
    const char* after;
  };
  static constexpr Padded kLine[] = {
      {Column::kNumber, 5, true, " "},         {Column::kTime, 10, true, " "},
      {Column::kSource, 12, true, " \u2192 "}, {Column::kDestination, 12, false, " "},
      {Column::kProtocol, 0, false, " "},      {Column::kLength, 0, false, " "},
      {Column::kInfo, 0, false, ""},
  };
  for (const Padded& p : kLine) {
    size_t start = out.size();
    append_column(out, pkt, p.column);
    pad(out, start, p.width, p.right_align);
    out.append(p.after);
  }
}

void SummaryPrinter::packet(const Packet& pkt, OutputSink& out) {
  append_summary_line(out.buffer(), pkt);
  out.put('\n');
}

}  // namespace netsift
