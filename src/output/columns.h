// The summary columns of a run, as tshark's gui.column.format lists them (title and format
// pairs; the default is No., Time, Source, Destination, Protocol, Length, Info), formatted one
// at a time: the summary line pads them, -T fields prints them as _ws.col.<title>.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/packet.h"
#include "core/preferences.h"
#include "core/session.h"

namespace netsift {

// The column formats netsift fills (tshark's COL_* with their %-codes).
enum class Column {
  kNumber,              // %m
  kTime,                // %t and the fixed time formats (%Rt, %At, %Tt, ...)
  kSource,              // %s, %rs, %us
  kDestination,         // %d, %rd, %ud
  kLinkSource,          // %hs, %rhs, %uhs
  kLinkDestination,     // %hd, %rhd, %uhd
  kNetworkSource,       // %ns, %rns, %uns
  kNetworkDestination,  // %nd, %rnd, %und
  kSourcePort,          // %S, %rS, %uS
  kDestinationPort,     // %D, %rD, %uD
  kProtocol,            // %p
  kLength,              // %L
  kInfo,                // %i
  kCustom,              // %Cus:field[ || field...][:occurrence[:R|U]]
  kOther,               // a format netsift does not fill: an empty column
};

struct ColumnSpec {
  std::string title;
  Column column = Column::kOther;
  std::optional<TimeDisplay> time;  // a time format of its own; %t follows -t
  bool padded_time = false;         // tshark pads absolute and relative times, not deltas
  bool unresolved = false;          // %us, %uS, ...; a custom column's :U
  // Custom columns: every field id of each name, in the order written, and which occurrence
  // (0: all, n: the nth, -n: the nth from the end).
  std::vector<std::vector<FieldId>> fields;
  int occurrence = 0;
};
using ColumnLayout = std::vector<ColumnSpec>;

// The run's columns from gui.column.format, and tshark's default seven.
ColumnLayout column_layout(const PrefStore& prefs);
ColumnLayout default_column_layout();
// The column titled `title` ("No.", "Info", ...: case matters, as in tshark), or nullptr.
const ColumnSpec* column_by_title(const ColumnLayout& layout, std::string_view title);
// Every field a custom column of `layout` reads (their nodes must be kept in the tree).
std::vector<FieldId> custom_column_fields(const ColumnLayout& layout);

// Appends column `c` of `pkt` as tshark shows it, unpadded.
void append_column(std::string& out, const Packet& pkt, const ColumnSpec& c);

// Parses a -t argument ("ad") and a -u argument ("hms"); false for an unknown one.
bool parse_time_display(std::string_view arg, TimeDisplay& out);
// Whether gui.column.format's code ("%m", "%Rt"...) is one netsift's columns implement.
bool is_column_format(std::string_view code);
bool parse_seconds_display(std::string_view arg, bool& hms);

}  // namespace netsift
