// Statistics requested with -z: each one sees every packet that passes the read filter (as
// tshark's taps, whatever -Y shows) and
// prints its table after the run, as tshark does.
#pragma once

#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/packet.h"
#include "filter/display_filter.h"
#include "output/output_sink.h"

namespace netsift {

// What a statistic's output depends on beyond the packets it sees.
// tshark builds a "fake" tree when it prints no tree: a field is in it only when a filter or
// -e names it. Protocols are always there, except "frame", which needs a frame field named.
struct StatisticContext {
  bool whole_tree = false;                  // -V, -T json|ek|pdml: every field is there
  bool frame_in_tree = false;               // io,phs lists "frame" only then
  std::set<std::string_view> named_fields;  // abbreviations a filter or -e reads

  // Whether tshark's tree would hold items of `field` (a protocol or a field).
  bool in_tree(FieldId field) const;
};

class Statistic {
 public:
  virtual ~Statistic() = default;
  virtual void packet(const Packet& pkt) = 0;
  virtual void print(OutputSink& out) = 0;
  // Reads the Protocol and Info columns (computed only when something reads them).
  virtual bool needs_columns() const { return false; }
  // The protocols and fields it reads (filter abbreviations; a protocol stands for every field
  // of it), so dissection can skip the rest (cli/field_interest.h); false: whole trees.
  virtual bool reads_only(std::vector<std::string>& names) const { return false; }
  // Whether the statistic reads only the tree's top-level items (protocols and the frame's
  // comments: the protocol hierarchy) and the fields it adds to `names`; then a tree keeping
  // every top-level item and those fields serves it.
  virtual bool reads_top_level_only(std::vector<std::string>& names) const { return false; }
  // The statistic's own display filters (-z ...,FILTER).
  virtual std::vector<const DisplayFilter*> tap_filters() const { return {}; }
  virtual void set_context(const StatisticContext&) {}
  // Whether it is fed the packets -Y displays (as Wireshark's "limit to display filter") rather
  // than every packet, as tshark's taps are.
  virtual bool displayed_only() const { return false; }
};

// A -z argument netsift knows whose parameters are wrong; what() is tshark's complaint.
struct StatisticArgumentError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A statistic's own filter; throws tshark's "Couldn't register TAP tap: Filter ... is invalid"
// complaint when it does not compile.
DisplayFilter compile_tap_filter(std::string_view text, std::string_view tap);

// The statistic a -z argument names ("f5_tmm_dist,tree"), or nullptr when netsift has none.
// Throws StatisticArgumentError for a known statistic with bad parameters.
std::unique_ptr<Statistic> make_statistic(std::string_view z_arg);

// tshark's complaint about an unknown -z argument, printed by the CLI before exiting with 1.
void print_statistics_usage(std::string_view z_arg);
// -z help: the same list, as tshark prints it (on stderr, exit status 0).
void print_statistics_list();

}  // namespace netsift
