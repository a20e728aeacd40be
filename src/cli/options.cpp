#include "cli/options.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <thread>

#include "core/memory_budget.h"
#include "output/columns.h"

namespace netsift {

std::optional<int> parse_options(int argc, char** argv, Options& o) {
  CLI::App app{"netsift: a fast, tshark-compatible packet analyser", "netsift"};
  app.set_version_flag("-v,--version", "netsift 0.1.0");
  app.add_option("-r,--read-file", o.read_file, "Read packets from FILE (\"-\": stdin)");
  app.add_option("-i,--interface", o.interface, "Capture interface (\"-\": stdin)");
  app.add_option("-c", o.count, "Stop after N packets");
  app.add_option("-t", o.time_display, "Time column: a|ad|adoy|d|dd|e|r|u|ud|udoy");
  app.add_option("-u", o.seconds_display, "Seconds in relative times: s|hms");
  app.add_flag("-n", o.no_resolve, "Disable all name resolution");
  app.add_option("-N", o.resolve_flags,
                 "Enable name resolution: d (captured DNS), m (MAC), n (network), N (external, "
                 "never used), t (port), v (VLAN)");
  app.add_option("-H", o.hosts_files, "Read host names from a hosts file (repeatable)")
      ->allow_extra_args(false);
  app.add_option("-d", o.decode_as, "Decode as: <layer_type>==<selector>,<decode_as_protocol>")
      ->allow_extra_args(false);
  app.add_flag("-l", o.line_buffered, "Flush output after each packet");
  app.add_flag("-q", o.quiet, "Do not print packets");
  app.add_flag("-P", o.print_when_writing, "Print packet summaries even when writing to a file");
  app.add_flag("-V", o.verbose, "Print the packet detail tree");
  app.add_flag("-x", o.hex_dump, "Print hex and ASCII dump of the packet bytes");
  app.add_option("-O", o.only_protocols, "Show details of these protocols only");
  app.add_option("-T", o.output_type, "Output format: text|fields|json|jsonraw|ek")
      ->check(CLI::IsMember({"text", "fields", "json", "jsonraw", "ek", "tabs"}));
  app.add_option("-j", o.json_protocols,
                 "Protocols layers filter (space separated) if -T ek|json|jsonraw selected");
  app.add_option("-J", o.json_top_protocols,
                 "Top level protocol filter (space separated) if -T ek|json|jsonraw selected");
  app.add_flag("--no-duplicate-keys", o.no_duplicate_keys,
               "If -T json is specified, merge duplicate keys in an object");
  app.add_option("-e", o.fields, "Field to print with -T fields (repeatable)")
      ->allow_extra_args(false);
  app.add_option("-E", o.field_opts, "Fields option: header|separator|quote|occurrence|aggregator")
      ->allow_extra_args(false);
  app.add_option("-w", o.write_file, "Write packets to FILE (\"-\": stdout)");
  app.add_option("-F", o.write_format, "Output file format: pcap|pcapng")
      ->check(CLI::IsMember({"pcap", "pcapng"}));
  app.add_option("-G", o.glossary, "Print a glossary: fields|protocols|defaultprefs|currentprefs")->expected(0, 1);
  app.add_option("-Y,--display-filter", o.display_filter, "Display filter");
  app.add_option("-R,--read-filter", o.read_filter, "Read filter (with -2)");
  app.add_flag("-2", o.two_pass, "Two-pass analysis");
  app.add_option("-f", o.capture_filter, "Capture filter (BPF)");
  app.add_option("--check-filter", o.check_filter,
                 "Check a display filter and print it normalised");
  app.add_option("-z", o.statistics, "Statistics")->allow_extra_args(false);
  app.add_option("--tls-keylog", o.tls_keylogs,
                 "Decrypt TLS with the secrets of an NSS key-log file (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--export-tls-keys", o.export_tls_keys,
                 "Write the TLS secrets found in the capture as an NSS key log (\"-\": stdout)");
  app.add_option("--flow-graph", o.flow_graph,
                 "Write the TCP segments as a sequence diagram (FILE.svg or FILE.html)");
  app.add_option("--export-objects", o.export_objects,
                 "Write the objects of PROTOCOL (http) into DIR: PROTOCOL,DIR")
      ->allow_extra_args(false);
  add_capture_options(app, o.capture);
  app.add_option("-o", o.preferences, "Preference name:value")->allow_extra_args(false);
  app.add_option("-C", o.profile, "Start with the configuration profile NAME");
  app.add_option("--threads", o.threads,
                 "Threads to use (default: the machine's cores; 1: everything on one). From 2 "
                 "on, a file is read and decompressed on a thread of its own")
      ->check(CLI::Range(1u, 1024u));
  app.add_option("--max-memory", o.max_memory,
                 "Memory for state kept across packets (reassembly, bodies, fragments, flows), "
                 "e.g. 512M or 2G; default 96M keeps peak RSS under 150 MB");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  for (char c : o.resolve_flags) {
    if (std::strchr("dmnNtv", c)) continue;
    std::fprintf(stderr,
                 "netsift: -N specifies unknown resolving option '%c'; valid options are:\n"
                 "\t'd' to enable address resolution from captured DNS packets\n"
                 "\t'm' to enable MAC address resolution\n"
                 "\t'n' to enable network address resolution\n"
                 "\t'N' to enable using external resolvers (e.g., DNS)\n"
                 "\t    for network address resolution\n"
                 "\t't' to enable transport-layer port number resolution\n"
                 "\t'v' to enable VLAN IDs to names resolution\n",
                 c);
    return 1;
  }
  if (!o.max_memory.empty()) {
    o.max_memory_bytes = parse_byte_size(o.max_memory);
    // Below 1 MiB every share would round to nothing.
    if (o.max_memory_bytes < (size_t{1} << 20)) {
      std::fprintf(stderr, "netsift: --max-memory \"%s\" is not a size of at least 1M\n",
                   o.max_memory.c_str());
      return 1;
    }
  }
  TimeDisplay time_display;
  if (!parse_time_display(o.time_display, time_display)) {
    std::fprintf(stderr,
                 "netsift: Invalid time stamp type \"%s\"; it must be one of:\n"
                 "\t\"a\"    for absolute\n"
                 "\t\"ad\"   for absolute with YYYY-MM-DD date\n"
                 "\t\"adoy\" for absolute with YYYY/DOY date\n"
                 "\t\"d\"    for delta\n"
                 "\t\"dd\"   for delta displayed\n"
                 "\t\"e\"    for epoch\n"
                 "\t\"r\"    for relative\n"
                 "\t\"u\"    for absolute UTC\n"
                 "\t\"ud\"   for absolute UTC with YYYY-MM-DD date\n"
                 "\t\"udoy\" for absolute UTC with YYYY/DOY date\n",
                 o.time_display.c_str());
    return 1;
  }
  bool hms;
  if (!parse_seconds_display(o.seconds_display, hms)) {
    std::fprintf(stderr,
                 "netsift: Invalid seconds type \"%s\"; it must be one of:\n"
                 "\t\"s\"   for seconds\n"
                 "\t\"hms\" for hours, minutes and seconds\n",
                 o.seconds_display.c_str());
    return 1;
  }
  if (o.threads == 0) o.threads = std::max(1u, std::thread::hardware_concurrency());
  if (app.count("-G") && !o.glossary) o.glossary = "fields";
  if (o.glossary && o.glossary->empty()) o.glossary = "fields";
  return std::nullopt;
}

}  // namespace netsift
