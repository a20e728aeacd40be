// tshark's default summary columns (No., Time, Source, Destination, Protocol, Length, Info),
// formatted one at a time: the summary line pads them, -T fields prints them as _ws.col.<title>.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/packet.h"
#include "core/session.h"

namespace netsift {

enum class Column { kNumber, kTime, kSource, kDestination, kProtocol, kLength, kInfo };

// The column titled `title` ("No.", "Time", ...: case matters, as in tshark).
std::optional<Column> column_by_title(std::string_view title);

// Appends column `c` of `pkt` as tshark shows it, unpadded.
void append_column(std::string& out, const Packet& pkt, Column c);

// Parses a -t argument ("ad") and a -u argument ("hms"); false for an unknown one.
bool parse_time_display(std::string_view arg, TimeDisplay& out);
bool parse_seconds_display(std::string_view arg, bool& hms);

}  // namespace netsift
