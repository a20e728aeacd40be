// --color: Wireshark's coloring rules, read from the profile's "colorfilters" file, else the
// global one (Wireshark's defaults), as tshark reads them (epan/color_filters.c). A packet takes
// the colours of the first enabled rule whose display filter it passes. Summary lines show
// them as 24-bit ANSI escapes on a terminal that says it supports them; PDML and PSML as
// foreground/background attributes of <packet>.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/config_files.h"
#include "core/field.h"
#include "core/packet.h"
#include "filter/display_filter.h"

namespace netsift {

// Wireshark's color_t: 16 bits a channel.
struct Color16 {
  uint16_t red = 0, green = 0, blue = 0;
  // color_t_to_rgb: the top 8 bits of each channel, as 0xRRGGBB.
  uint32_t rgb() const { return (red >> 8) << 16 | (green >> 8) << 8 | blue >> 8; }
};

struct ColorRule {
  std::string name;
  DisplayFilter filter;
  Color16 background, foreground;
};

class ColorRules {
 public:
  // Parses a colorfilters file's text: "@name@filter@[bg r,g,b][fg r,g,b]" lines, '!' before
  // one disables it, other lines are skipped. Names of protocols netsift does not dissect are
  // fields no packet has (UnknownNames::kAbsent); a rule whose filter does not compile all
  // the same is disabled with a warning naming `path`, as tshark does.
  static ColorRules parse(std::string_view text, const std::string& path);
  // The profile's colorfilters file, else the global one; none: no rules.
  static ColorRules load(const ConfigLocation& where);

  // The first enabled rule `pkt` passes, or nullptr.
  const ColorRule* match(const Packet& pkt) const;
  // Every field the rules read: packet trees must keep them.
  std::vector<FieldId> referenced() const;

 private:
  std::vector<ColorRule> rules_;  // enabled ones, in file order
};

// "<packet>\n", or with a rule "<packet foreground='#rrggbb' background='#rrggbb'>\n".
void append_packet_open_tag(std::string& out, const ColorRule* rule);

// A line in the rule's colours as tshark's 24-bit escape output writes it: foreground and
// background escapes, the line, erase to its end, newline, reset.
void append_ansi_colored_line(std::string& out, std::string_view line, const ColorRule& rule);

// tshark's text output resets the terminal's attributes when it ends, if it could colour.
inline constexpr std::string_view kAnsiReset = "\x1b[0m";

// How text output colours its summary lines.
struct AnsiColoring {
  std::shared_ptr<const ColorRules> rules;  // --color on a 24-bit colour terminal; else null
  bool terminal = false;  // stdout is a 24-bit colour terminal (COLORTERM truecolor or 24bit)
};

}  // namespace netsift
