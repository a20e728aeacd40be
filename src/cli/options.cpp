#include "cli/options.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <thread>

#include "cli/number_args.h"
#include "cli/option_errors.h"
#include "core/memory_budget.h"
#include "output/columns.h"
#include "output/statistics.h"

namespace netsift {

namespace {

// Options of tshark that mean nothing to netsift: rejected, naming the option and why, rather
// than accepted and ignored.
struct Unsupported {
  const char* name;
  const char* why;
};
constexpr Unsupported kUnsupported[] = {
    {"-X", "extension options (Lua scripts, read_format) are not supported by netsift"},
    {"-K", "Kerberos keytabs are not supported: netsift does not dissect Kerberos"},
    {"-U", "PDU export (-U tap_name) is not supported by netsift"},
    {"-W", "-W n (name resolution records in the written file) is not supported by netsift"},
    {"-M", "session auto reset is not needed: netsift's state is bounded by --max-memory"},
    {"--enable-protocol", "enabling or disabling protocols is not supported by netsift"},
    {"--disable-protocol", "enabling or disabling protocols is not supported by netsift"},
    {"--enable-heuristic", "enabling or disabling heuristics is not supported by netsift"},
    {"--disable-heuristic", "enabling or disabling heuristics is not supported by netsift"},
};

// --hexdump values, in order (the last data-source and ASCII choices win).
std::optional<int> apply_hexdump_args(const std::vector<std::string>& args, Options& o) {
  using Ascii = HexDumpStyle::Ascii;
  for (const std::string& a : args) {
    o.hex_dump = true;
    if (a == "all")
      o.hex_style.frame_only = false;
    else if (a == "frames")
      o.hex_style.frame_only = true;
    else if (a == "ascii")
      o.hex_style.ascii = Ascii::kInclude;
    else if (a == "delimit")
      o.hex_style.ascii = Ascii::kDelimit;
    else if (a == "noascii")
      o.hex_style.ascii = Ascii::kExclude;
    else if (a == "help") {
      std::fputs(
          "netsift 0.1.0\n"
          "\n"
          "netsift: Valid --hexdump <hexoption> values include:\n"
          "\n"
          "Data source options:\n"
          "  all                      add hexdump, dump all data sources (-x default)\n"
          "  frames                   add hexdump, dump only frame data source\n"
          "\n"
          "ASCII options:\n"
          "  ascii                    add hexdump, include ASCII dump text (-x default)\n"
          "  delimit                  add hexdump, delimit ASCII dump text with '|' characters\n"
          "  noascii                  add hexdump, exclude ASCII dump text\n"
          "\n"
          "Miscellaneous:\n"
          "  help                     display this help and exit\n"
          "\n"
          "Example:\n"
          "\n"
          "    $ netsift ... --hexdump frames --hexdump delimit ...\n"
          "\n",
          stdout);
      return 0;
    } else {
      std::fprintf(stderr, "netsift: \"%s\" is an invalid value for --hexdump <hexoption>\n",
                   a.c_str());
      std::fputs("For valid <hexoption> values enter: netsift --hexdump help\n", stderr);
      return 1;
    }
  }
  return std::nullopt;
}

// -j and -J as tshark reads them: each replaces the filter (saying so after the first), and
// any -J keeps everything below a listed item, whichever comes last.
void take_protocol_filters(const CLI::App& app, const std::vector<std::string>& layer,
                           const std::vector<std::string>& top, Options& o) {
  const CLI::Option* j = app.get_option("-j");
  size_t next_j = 0, next_top = 0;
  for (const CLI::Option* opt : app.parse_order()) {
    bool is_j = opt == j;
    if (!is_j && opt != app.get_option("-J")) continue;
    if (next_j + next_top > 0)
      std::fputs("netsift: -j or -J was already specified. Overwriting previous protocol filter.\n",
                 stderr);
    o.protocol_filter = is_j ? layer[next_j++] : top[next_top++];
    if (!is_j) o.protocol_filter_children = true;
  }
}

constexpr const char* kLogLevels[] = {"error", "critical", "warning", "message",
                                      "info",  "debug",    "noisy"};

}  // namespace

std::optional<int> parse_options(int argc, char** argv, Options& o) {
  CLI::App app{"netsift: a fast, tshark-compatible packet analyser", "netsift"};
  app.allow_extras();  // unknown options and filter words: take_leftover_words
  app.footer(
      "Commands:\n"
      "  remote HOST   capture on a remote host (a BIG-IP) over ssh with tcpdump, read live\n"
      "  follow        follow a TCP/UDP/HTTP/TLS stream of a capture file\n"
      "  certs         list the TLS certificate chains of a capture; pair an SSL forward\n"
      "                proxy's minted chain with the server's\n"
      "  info          summarise capture files as capinfos does, with the BIG-IP capture\n"
      "                information and F5 trailer noise levels\n"
      "  help COMMAND  a command's own help\n"
      "\n"
      "The options are tshark's: see netsift(1) (man netsift) and the README.");
  std::string count_arg;
  std::vector<std::string> unsupported_args(std::size(kUnsupported));
  std::string log_level, log_fatal, log_other, temp_dir;
  std::vector<std::string> hexdump_args;
  app.set_version_flag("-v,--version", "netsift 0.1.0");
  app.add_option("-r,--read-file", o.read_file, "Read packets from FILE (\"-\": stdin)");
  app.add_option("-i,--interface", o.interface, "Capture interface (\"-\": stdin)");
  app.add_option("-c", count_arg, "Stop after N packets");
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
  app.add_flag("-Q", o.really_quiet, "Only log true errors to stderr (quieter than -q)");
  app.add_flag("-P", o.print_when_writing, "Print packet summaries even when writing to a file");
  app.add_flag("-V", o.verbose, "Print the packet detail tree");
  app.add_flag("-x", o.hex_dump, "Print hex and ASCII dump of the packet bytes");
  app.add_option("--hexdump", hexdump_args,
                 "Hex dump: all|frames (data sources), ascii|delimit|noascii; help")
      ->allow_extra_args(false);
  app.add_option("-O", o.only_protocols, "Show details of these protocols only");
  app.add_option("-T", o.output_type, "Output format: text|tabs|ps|fields|json|jsonraw|ek|pdml|psml");
  app.add_option("-S", o.separator, "The line separator to print between packets (with -V, -x)");
  app.add_flag("--color", o.color,
               "Color summary lines as Wireshark's coloring rules (24-bit color terminals), "
               "and PDML/PSML packets");
  std::vector<std::string> layer_filters, top_filters;
  app.add_option("-j", layer_filters,
                 "Protocols layers filter (space separated) if -T ek|pdml|json|jsonraw selected")
      ->allow_extra_args(false);
  app.add_option("-J", top_filters,
                 "Top level protocol filter (space separated) if -T ek|pdml|json|jsonraw selected")
      ->allow_extra_args(false);
  app.add_flag("--no-duplicate-keys", o.no_duplicate_keys,
               "If -T json is specified, merge duplicate keys in an object");
  app.add_option("-e", o.fields, "Field to print with -T fields (repeatable)")
      ->allow_extra_args(false);
  app.add_option("-E", o.field_opts, "Fields option: header|separator|quote|occurrence|aggregator")
      ->allow_extra_args(false);
  app.add_option("-w", o.write_file, "Write packets to FILE (\"-\": stdout)");
  app.add_option("-F", o.write_format, "Output file format: pcap|pcapng");
  app.add_option("-G", o.glossary, "Print a glossary: fields|protocols|defaultprefs|currentprefs")->expected(0, 1);
  app.add_option("--elastic-mapping-filter", o.elastic_mapping_filter,
                 "With -G elastic-mapping: only these protocols (comma-separated)");
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
  app.add_flag("-g", o.group_read, "Enable group read access on the output file(s)");
  app.add_flag("--no-progress", o.no_progress,
               "No progress line on stderr (shown on a terminal when reading a file takes over "
               "a second)");
  app.add_option("--temp-dir", temp_dir, "Directory for temporary files (default: /tmp)");
  app.add_option("--log-level", log_level, "Active log level (\"critical\", \"warning\", etc.)");
  app.add_option("--log-fatal", log_fatal, "Log level that aborts (\"critical\" or \"warning\")");
  for (const char* name : {"--log-domains", "--log-debug", "--log-noisy", "--log-file"})
    app.add_option(name, log_other, "tshark's logging option: accepted, netsift logs errors only");
  for (size_t i = 0; i < std::size(kUnsupported); ++i)
    app.add_option(kUnsupported[i].name, unsupported_args[i])->group("");  // refused below
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return report_parse_error(app, e, argc, argv);
  }
  if (auto status = take_leftover_words(app, app.remaining(), o)) return status;
  // tshark checks -M's number before anything else.
  for (size_t i = 0; i < std::size(kUnsupported); ++i)
    if (kUnsupported[i].name == std::string_view("-M") && app.count("-M") &&
        !positive_int_arg(unsupported_args[i], "epan reset count"))
      return 1;
  for (size_t i = 0; i < std::size(kUnsupported); ++i)
    if (app.count(kUnsupported[i].name)) {
      std::fprintf(stderr, "netsift: %s: %s\n", kUnsupported[i].name, kUnsupported[i].why);
      return 1;
    }
  for (const std::string* level : {&log_level, &log_fatal}) {
    if (level->empty()) continue;
    bool known = false;
    for (const char* l : kLogLevels) known = known || *level == l;
    if (!known) {
      std::fprintf(stderr, "netsift: Invalid log level \"%s\".\n\n", level->c_str());
      return 1;
    }
  }
  if (!temp_dir.empty() && !std::filesystem::is_directory(temp_dir)) {
    const int err = std::filesystem::exists(temp_dir) ? ENOTDIR : ENOENT;
    std::fprintf(stderr, "netsift: Can't set temporary directory %s: %s\n", temp_dir.c_str(),
                 std::strerror(err));
    return 1;
  }
  if (o.really_quiet) o.quiet = true;
  take_protocol_filters(app, layer_filters, top_filters, o);
  if (!o.only_protocols.empty()) o.verbose = true;  // -O implies -V, as in tshark
  if (auto status = apply_hexdump_args(hexdump_args, o)) return status;
  if (app.count("-c")) {
    std::optional<int> n = positive_int_arg(count_arg, "packet count");
    if (!n) return 1;
    o.count = *n;
  }
  if (!finish_capture_options(o.capture)) return 1;
  for (const std::string& z : o.statistics)
    if (z == "help") {
      print_statistics_list();
      return 0;
    }
  if (auto status = check_output_options(o, argc, argv)) return status;
  if (auto status = check_capture_options(o)) return status;
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
