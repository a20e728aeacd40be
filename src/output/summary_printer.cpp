#include "output/summary_printer.h"

#include <fmt/format.h>

#include "core/session.h"
#include "output/address_format.h"
#include "output/time_format.h"

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
  const Session& s = *pkt.session;
  size_t start = out.size();
  fmt::format_to(std::back_inserter(out), "{}", pkt.number);
  pad(out, start, 5, true);
  out.push_back(' ');

  start = out.size();
  uint64_t rel = static_cast<uint64_t>(pkt.frame->ts.total_ns()) -
                 static_cast<uint64_t>(s.timing.first.total_ns());  // wraps on damaged times
  append_relative_time(out, static_cast<int64_t>(rel), pkt.frame->ts_precision);
  pad(out, start, 10, true);
  out.push_back(' ');

  start = out.size();
  append_address(out, pkt.src, s.names, s.prefs);
  pad(out, start, 12, true);
  out.append(" \u2192 ");
  start = out.size();
  append_address(out, pkt.dst, s.names, s.prefs);
  pad(out, start, 12, false);
  out.push_back(' ');

  out.append(pkt.cols.protocol);
  out.push_back(' ');
  fmt::format_to(std::back_inserter(out), "{}", pkt.frame->len);
  out.push_back(' ');
  out.append(pkt.cols.info);
}

void SummaryPrinter::packet(const Packet& pkt, OutputSink& out) {
  append_summary_line(out.buffer(), pkt);
  out.put('\n');
}

}  // namespace netsift
