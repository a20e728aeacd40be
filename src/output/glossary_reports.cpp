// The -G reports besides fields, protocols and preferences: help, ftypes, fieldcount,
// column-formats, values, folders and plugins, in tshark's formats, about what netsift has.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <vector>
#include <string>
#include <string_view>

#include "core/config_files.h"
#include "core/append_format.h"
#include "core/dissector_table.h"
#include "core/field_registry.h"
#include "output/columns.h"
#include "output/glossary.h"

namespace netsift {

namespace {

void append_help(std::string& out) {
  out +=
      "netsift 0.1.0\n"
      "\n"
      "Usage: netsift -G [report]\n"
      "\n"
      "Glossary table reports:\n"
      "  -G column-formats        dump column format codes and exit\n"
      "  -G decodes               dump \"layer type\"/\"decode as\" associations and exit\n"
      "  -G dissector-tables      dump dissector table names, types, and properties\n"
      "  -G elastic-mapping       dump ElasticSearch mapping file\n"
      "  -G fieldcount            dump count of header fields and exit\n"
      "  -G fields                dump fields glossary and exit\n"
      "  -G ftypes                dump field type basic and descriptive names\n"
      "  -G heuristic-decodes     dump heuristic dissector tables\n"
      "  -G plugins               dump installed plugins and exit\n"
      "  -G protocols             dump protocols in registration database and exit\n"
      "  -G values                dump value, range, true/false strings and exit\n"
      "\n"
      "Preference reports:\n"
      "  -G currentprefs          dump current preferences and exit\n"
      "  -G defaultprefs          dump default preferences and exit\n"
      "  -G folders               dump about:folders\n"
      "\n";
}

// tshark's field types with their descriptions, in its order.
constexpr std::pair<std::string_view, std::string_view> kFtypes[] = {
    {"FT_NONE", "Label"},
    {"FT_PROTOCOL", "Protocol"},
    {"FT_BOOLEAN", "Boolean"},
    {"FT_CHAR", "Character (1 byte)"},
    {"FT_UINT8", "Unsigned integer (1 byte)"},
    {"FT_UINT16", "Unsigned integer (2 bytes)"},
    {"FT_UINT24", "Unsigned integer (3 bytes)"},
    {"FT_UINT32", "Unsigned integer (4 bytes)"},
    {"FT_UINT40", "Unsigned integer (5 bytes)"},
    {"FT_UINT48", "Unsigned integer (6 bytes)"},
    {"FT_UINT56", "Unsigned integer (7 bytes)"},
    {"FT_UINT64", "Unsigned integer (8 bytes)"},
    {"FT_INT8", "Signed integer (1 byte)"},
    {"FT_INT16", "Signed integer (2 bytes)"},
    {"FT_INT24", "Signed integer (3 bytes)"},
    {"FT_INT32", "Signed integer (4 bytes)"},
    {"FT_INT40", "Signed integer (5 bytes)"},
    {"FT_INT48", "Signed integer (6 bytes)"},
    {"FT_INT56", "Signed integer (7 bytes)"},
    {"FT_INT64", "Signed integer (8 bytes)"},
    {"FT_IEEE_11073_SFLOAT", "IEEE-11073 floating point (16-bit)"},
    {"FT_IEEE_11073_FLOAT", "IEEE-11073 Floating point (32-bit)"},
    {"FT_FLOAT", "Floating point (single-precision)"},
    {"FT_DOUBLE", "Floating point (double-precision)"},
    {"FT_ABSOLUTE_TIME", "Date and time"},
    {"FT_RELATIVE_TIME", "Time offset"},
    {"FT_STRING", "Character string"},
    {"FT_STRINGZ", "Character string"},
    {"FT_UINT_STRING", "Character string"},
    {"FT_ETHER", "Ethernet or other MAC address"},
    {"FT_BYTES", "Byte sequence"},
    {"FT_UINT_BYTES", "Byte sequence"},
    {"FT_IPv4", "IPv4 address"},
    {"FT_IPv6", "IPv6 address"},
    {"FT_IPXNET", "IPX network number"},
    {"FT_FRAMENUM", "Frame number"},
    {"FT_GUID", "Globally Unique Identifier"},
    {"FT_OID", "ASN.1 object identifier"},
    {"FT_EUI64", "EUI64 address"},
    {"FT_AX25", "AX.25 address"},
    {"FT_VINES", "VINES address"},
    {"FT_REL_OID", "ASN.1 relative object identifier"},
    {"FT_SYSTEM_ID", "OSI System-ID"},
    {"FT_STRINGZPAD", "Character string"},
    {"FT_FCWWN", "Fibre Channel WWN"},
    {"FT_STRINGZTRUNC", "Character string"},
};

void append_ftypes(std::string& out) {
  for (const auto& [name, description] : kFtypes)
    append_format(out, "{}\t{}\n", name, description);
}

void append_fieldcount(std::string& out) {
  size_t total = 0, protocols = 0, same_name = 0;
  const FieldRegistry& reg = registry();
  for (const FieldInfo& f : reg.all()) {
    ++total;
    if (f.def.type == FieldType::kProtocol && f.protocol == f.id) ++protocols;
    if (reg.find(f.def.abbrev) != f.id) ++same_name;
  }
  append_format(out,
                 "There are {} header fields registered, of which:\n"
                 "\t0 are deregistered\n"
                 "\t{} are protocols\n"
                 "\t{} have the same name as another field\n",
                 total, protocols, same_name);
}

// tshark's column formats with their descriptions, in its order (sorted by description).
constexpr std::pair<std::string_view, std::string_view> kColumnFormats[] = {
    {"%q", "802.1Q VLAN id"},
    {"%Yt", "Absolute date, as YYYY-MM-DD, and time"},
    {"%YDOYt", "Absolute date, as YYYY/DOY, and time"},
    {"%At", "Absolute time"},
    {"%V", "Cisco VSAN"},
    {"%B", "Cumulative Bytes"},
    {"%Cus", "Custom"},
    {"%y", "DCE/RPC call (cn_call_id / dg_seqnum)"},
    {"%Tt", "Delta time"},
    {"%Gt", "Delta time displayed"},
    {"%rd", "Dest addr (resolved)"},
    {"%ud", "Dest addr (unresolved)"},
    {"%rD", "Dest port (resolved)"},
    {"%uD", "Dest port (unresolved)"},
    {"%d", "Destination address"},
    {"%D", "Destination port"},
    {"%a", "Expert Info Severity"},
    {"%I", "FW-1 monitor if/direction"},
    {"%F", "Frequency/Channel"},
    {"%hd", "Hardware dest addr"},
    {"%hs", "Hardware src addr"},
    {"%rhd", "Hw dest addr (resolved)"},
    {"%uhd", "Hw dest addr (unresolved)"},
    {"%rhs", "Hw src addr (resolved)"},
    {"%uhs", "Hw src addr (unresolved)"},
    {"%e", "IEEE 802.11 RSSI"},
    {"%x", "IEEE 802.11 TX rate"},
    {"%f", "IP DSCP Value"},
    {"%i", "Information"},
    {"%rnd", "Net dest addr (resolved)"},
    {"%und", "Net dest addr (unresolved)"},
    {"%rns", "Net src addr (resolved)"},
    {"%uns", "Net src addr (unresolved)"},
    {"%nd", "Network dest addr"},
    {"%ns", "Network src addr"},
    {"%m", "Number"},
    {"%L", "Packet length (bytes)"},
    {"%p", "Protocol"},
    {"%Rt", "Relative time"},
    {"%s", "Source address"},
    {"%S", "Source port"},
    {"%rs", "Src addr (resolved)"},
    {"%us", "Src addr (unresolved)"},
    {"%rS", "Src port (resolved)"},
    {"%uS", "Src port (unresolved)"},
    {"%E", "TEI"},
    {"%Yut", "UTC date, as YYYY-MM-DD, and time"},
    {"%YDOYut", "UTC date, as YYYY/DOY, and time"},
    {"%Aut", "UTC time"},
    {"%t", "Time (format as specified)"},
};

// The formats netsift's columns implement (gui.column.format), as tshark lists them.
void append_column_formats(std::string& out) {
  for (const auto& [code, description] : kColumnFormats)
    if (code == "%Cus" || is_column_format(code))
      append_format(out, "{}\t{}\n", code, description);
  out +=
      "\nFor example, to print Wireshark's default columns with netsift:\n\n"
      "netsift -o 'gui.column.format:\"No.\",\"%m\",\"Time\",\"%t\",\"Source\",\"%s\","
      "\"Destination\",\"%d\",\"Protocol\",\"%p\",\"Length\",\"%L\",\"Info\",\"%i\"'\n";
}

// "V\tabbrev\tvalue\tname" for value strings (hexadecimal for BASE_HEX fields, as tshark),
// "R\tabbrev\tlow\thigh\tname" for ranges, "T\tabbrev\ttrue\tfalse" for booleans with texts.
void append_values(std::string& out) {
  for (const FieldInfo& f : registry().all()) {
    const FieldDef& d = f.def;
    const bool hex = d.base == Base::kHex;  // tshark: BASE_HEX exactly
    for (const ValueName& v : d.values) {
      if (hex)
        append_format(out, "V\t{}\t0x{:x}\t{}\n", d.abbrev, v.value, v.name);
      else
        append_format(out, "V\t{}\t{}\t{}\n", d.abbrev, v.value, v.name);
    }
    for (const RangeName& r : d.ranges) {
      if (hex)
        append_format(out, "R\t{}\t0x{:x}\t0x{:x}\t{}\n", d.abbrev, r.low,
                       r.high, r.name);
      else
        append_format(out, "R\t{}\t{}\t{}\t{}\n", d.abbrev, r.low, r.high,
                       r.name);
    }
    if (d.tf)
      append_format(out, "T\t{}\t{}\t{}\n", d.abbrev, d.tf->true_text,
                     d.tf->false_text);
  }
}

// "table\tkey\tprotocol" for every key of every table (keys in decimal), as tshark's
// dissector_dump_decodes (whose order is its hash tables'; netsift's is by table, then key).
void append_decodes(std::string& out) {
  for (const DissectorTable* t : tables::catalogue())
    for (const auto& [key, protocol] : t->entries())
      append_format(out, "{}\t{}\t{}\n", t->name(), key, protocol);
}

const char* table_base_name(Base b) {
  switch (b) {
    case Base::kNone:
      return "BASE_NONE";
    case Base::kHex:
      return "BASE_HEX";
    case Base::kDecHex:
      return "BASE_DEC_HEX";
    case Base::kHexDec:
      return "BASE_HEX_DEC";
    default:
      return "BASE_DEC";
  }
}

// "name\tui name\ttype[\tbase]\towner\tDecode As [not ]supported", sorted by name.
void append_dissector_tables(std::string& out) {
  std::vector<std::pair<std::string_view, std::string>> lines;
  for (const DissectorTable* t : tables::catalogue()) {
    const DissectorTableKind& k = t->kind();
    std::string line;
    append_format(line, "{}\t{}\t{}", t->name(), t->ui_name(), field_type_name(k.type));
    if (is_unsigned(k.type)) append_format(line, "\t{}", table_base_name(k.base));
    append_format(line, "\t{}\tDecode As {}supported\n", k.owner ? k.owner : "(no protocol)",
                  k.decode_as ? "" : "not ");
    lines.emplace_back(t->name(), std::move(line));
  }
  for (const StringTableListing& t : tables::string_table_catalogue())
    lines.emplace_back(t.name, fmt::format("{}\t{}\tFT_STRING\t{}\tDecode As not supported\n",
                                           t.name, t.ui_name, t.owner));
  std::sort(lines.begin(), lines.end());
  for (const auto& l : lines) out.append(l.second);
}

// "list\tprotocol\tT" for every heuristic dissector (all enabled: netsift has no switch).
void append_heuristic_decodes(std::string& out) {
  for (const HeuristicListing& h : tables::heuristic_catalogue())
    append_format(out, "{}\t{}\tT\n", h.list, h.protocol);
}

void append_folders(std::string& out) {
  const char* tmp = std::getenv("TMPDIR");
  append_format(out, "{:<21}\t{}\n", "Temp:", tmp && *tmp ? tmp : "/tmp");
  append_format(out, "{:<21}\t{}\n", "Personal configuration:",
                 config_location().personal_dir.string());
}

}  // namespace

bool append_glossary_report(std::string_view which, std::string& out) {
  if (which == "help")
    append_help(out);
  else if (which == "ftypes")
    append_ftypes(out);
  else if (which == "fieldcount")
    append_fieldcount(out);
  else if (which == "column-formats")
    append_column_formats(out);
  else if (which == "values")
    append_values(out);
  else if (which == "folders")
    append_folders(out);
  else if (which == "decodes")
    append_decodes(out);
  else if (which == "dissector-tables")
    append_dissector_tables(out);
  else if (which == "heuristic-decodes")
    append_heuristic_decodes(out);
  else if (which == "plugins")
    ;  // netsift loads no plugins: nothing to list
  else
    return false;
  return true;
}

}  // namespace netsift
