// Which parts of the dissection a run reads. Printing -T fields, filtering and writing need only
// the fields they name, so dissectors can skip storing (and formatting) every other item, and
// skip application protocols entirely when nothing above TCP/UDP is read. The tree, JSON and
// summary outputs and the statistics read whole trees.
#pragma once

#include <optional>
#include <vector>

#include "cli/options.h"
#include "cli/packet_filters.h"
#include "cli/run_extras.h"

namespace netsift {

struct FieldInterest {
  std::vector<uint8_t> wanted;  // by FieldId: keep nodes of this field
  bool payloads = true;         // TCP/UDP payloads must be handed to application dissectors
  bool top_level = false;       // every top-level item is kept too (-z io,phs)
};

// nullopt when the run needs every field. `columns`: the summary columns are computed (their
// Info text comes from every layer); `column_fields`: the fields custom columns show.
std::optional<FieldInterest> needed_fields(const Options& opts, const PacketFilters& filters,
                                           const RunExtras& extras, bool columns,
                                           const std::vector<FieldId>& column_fields);

}  // namespace netsift
