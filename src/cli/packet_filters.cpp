#include "cli/packet_filters.h"

#include <cstdio>

namespace netsift {

namespace {

// Prints the error as tshark does and returns its exit status (2).
int report(const std::string& expr, const FilterError& e) {
  std::fputs(format_filter_error("netsift", expr, e).c_str(), stderr);
  return 2;
}

int compile_into(const std::string& expr, std::optional<DisplayFilter>& out) {
  auto f = DisplayFilter::compile(expr);
  if (auto* e = std::get_if<FilterError>(&f)) return report(expr, *e);
  out.emplace(std::move(std::get<DisplayFilter>(f)));
  return 0;
}

}  // namespace

int PacketFilters::setup(const Options& opts) {
  if (!opts.read_filter.empty() && !opts.two_pass) {
    std::fputs("netsift: -R without -2 is deprecated. For single-pass filtering use -Y.\n", stderr);
    return 1;
  }
  if (!opts.read_filter.empty())
    if (int status = compile_into(opts.read_filter, read)) return status;
  if (!opts.display_filter.empty())
    if (int status = compile_into(opts.display_filter, display)) return status;
  if (!opts.capture_filter.empty()) {
    capture = std::make_unique<BpfFilter>(opts.capture_filter);
    // Check the syntax up front for Ethernet; other link types compile on first use.
    std::string err = capture->prepare(1);
    if (!err.empty()) {
      std::fprintf(stderr, "netsift: Invalid capture filter \"%s\": %s\n",
                   opts.capture_filter.c_str(), err.c_str());
      return 2;
    }
  }
  return 0;
}

int check_display_filter(const std::string& expr) {
  auto f = DisplayFilter::compile(expr);
  if (auto* e = std::get_if<FilterError>(&f)) return report(expr, *e);
  std::printf("Filter: %s\n", std::get<DisplayFilter>(f).normalized().c_str());
  return 0;
}

}  // namespace netsift
