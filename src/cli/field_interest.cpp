#include "cli/field_interest.h"

#include <string_view>

#include "core/field_registry.h"
#include "dissectors/f5ethtrailer.h"

namespace netsift {

namespace {

// The field and every other field registered under the same abbreviation.
void mark(std::vector<uint8_t>& wanted, FieldId id) {
  for (; id != kNoField; id = registry().info(id).same_name_next) wanted[id] = true;
}

// A field by name; a protocol's name stands for all of its fields.
void mark_name(std::vector<uint8_t>& wanted, const std::string& name) {
  FieldId id = registry().find(name);
  if (id == kNoField || registry().info(id).def.type != FieldType::kProtocol) {
    mark(wanted, id);
    return;
  }
  for (const FieldInfo& f : registry().all())
    if (f.protocol == id) wanted[f.id] = true;
}

// Protocols at or below the transport layer: their fields never depend on what the payload
// dissectors find.
bool below_payload(std::string_view protocol) {
  static constexpr std::string_view kLower[] = {
      "frame",        "eth",          "ethertype",    "vlan",         "ieee8021ad", "ieee8021ah",
      "sll",          "null",         "raw",          "arp",          "ip",         "ipv6",
      "ipv6.hopopts", "ipv6.routing", "ipv6.fraghdr", "ipv6.dstopts", "icmp",       "icmpv6",
      "tcp",          "udp",          "f5ethtrailer", "f5fileinfo"};
  for (std::string_view p : kLower)
    if (p == protocol) return true;
  return false;
}

// Whether reading field `f` needs the application dissectors to run on TCP/UDP payloads.
bool needs_payloads(const FieldInfo& f) {
  std::string_view abbrev = f.def.abbrev;
  // TCP's reassembly fields and the protocol list are filled by what the payload holds.
  for (std::string_view p : {"tcp.reassembled", "tcp.segment", "tcp.pdu", "frame.protocols"})
    if (abbrev.starts_with(p)) return true;
  FieldId proto = f.def.type == FieldType::kProtocol ? f.id : f.protocol;
  return !below_payload(registry().info(proto).def.abbrev);
}

}  // namespace

std::optional<FieldInterest> needed_fields(const Options& opts, const PacketFilters& filters,
                                           const RunExtras& extras, bool columns,
                                           const std::vector<FieldId>& column_fields) {
  const bool prints = !opts.quiet && (opts.write_file.empty() || opts.print_when_writing);
  // Summary lines come from the columns and the packet's addresses, not from the tree; the
  // detail tree, hex dump and JSON print the tree.
  const bool text =
      opts.output_type == "text" || opts.output_type == "tabs" || opts.output_type == "ps";
  const bool summary_only =
      (text && !opts.verbose && !opts.hex_dump && opts.only_protocols.empty()) ||
      opts.output_type == "psml";
  const bool prints_tree = prints && opts.output_type != "fields" && !summary_only;
  std::vector<std::string> statistic_fields;
  bool top_level = false;
  if (!extras.statistic_fields(statistic_fields, top_level) || prints_tree) return std::nullopt;
  FieldInterest in;
  in.top_level = top_level;
  in.wanted.assign(registry().size(), 0);
  for (const std::string& name : statistic_fields) mark_name(in.wanted, name);
  if (prints && opts.output_type == "fields")
    for (const std::string& name : opts.fields) mark(in.wanted, registry().find(name));
  for (const std::optional<DisplayFilter>* filter : {&filters.read, &filters.display})
    if (*filter)
      for (FieldId id : (*filter)->referenced()) mark(in.wanted, id);
  if (!opts.export_tls_keys.empty()) mark(in.wanted, f5_fields::tls_keylog);
  if (columns)
    for (FieldId id : column_fields) mark(in.wanted, id);
  // -N d learns host names from every DNS answer, whatever is printed.
  // The protocol hierarchy lists every protocol, application ones included.
  in.payloads = columns || top_level || opts.resolve_flags.find('d') != std::string::npos;
  for (const FieldInfo& f : registry().all())
    if (in.wanted[f.id] && needs_payloads(f)) in.payloads = true;
  // Protocol nodes are cheap and give fields their layer; some fields are read back.
  for (const FieldInfo& f : registry().all())
    if (f.def.type == FieldType::kProtocol || f.read_back) in.wanted[f.id] = true;
  return in;
}

}  // namespace netsift
