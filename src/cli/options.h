// Command-line options, spelled as tshark spells them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/capture_options.h"
#include "output/hex_dump.h"

namespace netsift {

struct Options {
  std::string read_file;                    // -r FILE, "-" for stdin
  std::string interface;                    // -i IFACE, "-" for stdin
  int64_t count = -1;                       // -c N
  std::string time_display = "r";           // -t a|ad|adoy|d|dd|e|r|u|ud|udoy
  std::string seconds_display = "s";        // -u s|hms
  bool no_resolve = false;                  // -n
  std::string resolve_flags;                // -N mnNtdv
  std::vector<std::string> hosts_files;     // -H FILE (repeatable): extra hosts files
  std::vector<std::string> decode_as;       // -d layer==selector,protocol (repeatable)
  bool line_buffered = false;               // -l
  bool quiet = false;                       // -q
  bool really_quiet = false;                // -Q: -q, and only errors on stderr
  bool group_read = false;                  // -g: output files readable by the group
  bool no_progress = false;                 // --no-progress: no progress line on a terminal
  bool print_when_writing = false;          // -P
  bool verbose = false;                     // -V
  bool hex_dump = false;                    // -x (or --hexdump)
  HexDumpStyle hex_style;                   // --hexdump all|frames|ascii|delimit|noascii
  std::string only_protocols;               // -O proto,proto
  std::string output_type = "text";         // -T text|tabs|fields|json|jsonraw|ek|pdml|psml
  std::string separator;                    // -S: the line after each packet's details
  bool color = false;                       // --color: Wireshark's coloring rules
  std::string protocol_filter;              // the last -j or -J "proto proto"
  bool protocol_filter_children = false;    // some -J: everything below a listed item
  bool no_duplicate_keys = false;           // --no-duplicate-keys
  std::vector<std::string> fields;          // -e FIELD (repeatable)
  std::vector<std::string> field_opts;      // -E key=value (repeatable)
  std::string write_file;                   // -w FILE
  std::string write_format = "pcapng";      // -F pcap|pcapng
  std::optional<std::string> glossary;      // -G [fields|protocols|...]
  std::string elastic_mapping_filter;       // --elastic-mapping-filter ip,udp
  std::string display_filter;               // -Y
  std::string read_filter;                  // -R
  bool two_pass = false;                    // -2
  std::string capture_filter;               // -f
  std::optional<std::string> check_filter;  // --check-filter EXPR (print normalised, exit)
  std::vector<std::string> statistics;      // -z
  std::string export_tls_keys;              // --export-tls-keys FILE|- (NSS key log)
  std::vector<std::string> tls_keylogs;     // --tls-keylog FILE (repeatable)
  std::string flow_graph;                   // --flow-graph FILE.svg|FILE.html
  std::vector<std::string> export_objects;  // --export-objects PROTOCOL,DIR
  std::vector<std::string> preferences;     // -o name:value
  std::string profile;                      // -C NAME: the configuration profile
  std::string max_memory;                   // --max-memory SIZE (core/memory_budget.h)
  size_t max_memory_bytes = 0;              // parsed; 0: the default budget
  CaptureOptions capture;                   // live capture: -p -s -B -a -b -D -L
  bool remote_input = false;                // netsift remote: the input is the ssh stream
  unsigned threads = 0;                     // --threads N (0: the machine's cores; 1: one)
};

// Parses argv. On --help/--version or a usage error, prints and returns the exit status to use;
// otherwise returns nullopt.
std::optional<int> parse_options(int argc, char** argv, Options& opts);

}  // namespace netsift
