#include "dissectors/tcp_prefs.h"

namespace netsift::tcp_prefs {

BoolPref summary_in_tree;
BoolPref check_checksum;
BoolPref desegment_tcp_streams;
BoolPref reassemble_out_of_order;
BoolPref analyze_sequence_numbers;
BoolPref relative_sequence_numbers;
EnumPref default_window_scaling;
BoolPref track_bytes_in_flight;
BoolPref bif_seq_based;
BoolPref calculate_timestamps;
BoolPref try_heuristic_first;
BoolPref ignore_tcp_timestamps;
BoolPref fastrt_supersedes_ooo;
BoolPref no_subdissector_on_error;
BoolPref dissect_experimental_options_rfc6994;
BoolPref display_process_info_from_ipfix;
BoolPref read_seq_as_syn_cookie;

namespace {

const PrefEnumValue kWindowScalingValues[] = {
    {"unknown", "Not known", -1},
    {"0", "0 (no scaling)", 0},
    {"1", "1 (multiply by 2)", 1},
    {"2", "2 (multiply by 4)", 2},
    {"3", "3 (multiply by 8)", 3},
    {"4", "4 (multiply by 16)", 4},
    {"5", "5 (multiply by 32)", 5},
    {"6", "6 (multiply by 64)", 6},
    {"7", "7 (multiply by 128)", 7},
    {"8", "8 (multiply by 256)", 8},
    {"9", "9 (multiply by 512)", 9},
    {"10", "10 (multiply by 1024)", 10},
    {"11", "11 (multiply by 2048)", 11},
    {"12", "12 (multiply by 4096)", 12},
    {"13", "13 (multiply by 8192)", 13},
    {"14", "14 (multiply by 16384)", 14},
};

const PrefReg kTcpPrefs[] = {
    pref_bool(&summary_in_tree, "summary_in_tree",
              "Whether the TCP summary line should be shown in the protocol tree",
              true),
    pref_bool(&check_checksum, "check_checksum",
              "Whether to validate the TCP checksum or not.  (Invalid checksums will cause reassembly, if enabled, to fail.)",
              false),
    pref_bool(&desegment_tcp_streams, "desegment_tcp_streams",
              "Whether subdissector can request TCP streams to be reassembled",
              true),
    pref_bool(&reassemble_out_of_order, "reassemble_out_of_order",
              "Whether out-of-order segments should be buffered and reordered before passing it to a subdissector. To use this option you must also enable \"Allow subdissector to reassemble TCP streams\".",
              false),
    pref_bool(&analyze_sequence_numbers, "analyze_sequence_numbers",
              "Make the TCP dissector analyze TCP sequence numbers to find and flag segment retransmissions, missing segments and RTT",
              true),
    pref_bool(&relative_sequence_numbers, "relative_sequence_numbers",
              "Make the TCP dissector use relative sequence numbers instead of absolute ones. To use this option you must also enable \"Analyze TCP sequence numbers\". ",
              true),
    pref_enum(&default_window_scaling, "default_window_scaling",
              "Make the TCP dissector use this scaling factor for streams where the signalled scaling factor is not visible in the capture",
              -1, kWindowScalingValues),
    pref_bool(&track_bytes_in_flight, "track_bytes_in_flight",
              "Make the TCP dissector track the number on un-ACKed bytes of data are in flight per packet. To use this option you must also enable \"Analyze TCP sequence numbers\". This takes a lot of memory but allows you to track how much data are in flight at a time and graphing it in io-graphs",
              true),
    pref_bool(&bif_seq_based, "bif_seq_based",
              "Evaluate BiF on actual sequence numbers or use the historical method based on payloads (default). This option has no effect if not used with \"Track number of bytes in flight\". ",
              false),
    pref_bool(&calculate_timestamps, "calculate_timestamps",
              "Calculate timestamps relative to the first frame and the previous frame in the tcp conversation",
              true),
    pref_bool(&try_heuristic_first, "try_heuristic_first",
              "Try to decode a packet using an heuristic sub-dissector before using a sub-dissector registered to a specific port",
              false),
    pref_bool(&ignore_tcp_timestamps, "ignore_tcp_timestamps",
              "Do not place the TCP Timestamps in the summary line",
              false),
    pref_bool(&fastrt_supersedes_ooo, "fastrt_supersedes_ooo",
              "When interpreting ambiguous packets, give precedence to Fast Retransmission or OOO ",
              true),
    pref_bool(&no_subdissector_on_error, "no_subdissector_on_error",
              "Do not call any subdissectors for Retransmitted or OutOfOrder segments",
              true),
    pref_bool(&dissect_experimental_options_rfc6994, "dissect_experimental_options_rfc6994",
              "Assume TCP Experimental Options (253, 254) have an Experiment Identifier and use it for dissection",
              true),
    pref_bool(&display_process_info_from_ipfix, "display_process_info_from_ipfix",
              "Collect and store process information retrieved from IPFIX dissector",
              false),
    pref_bool(&read_seq_as_syn_cookie, "read_seq_as_syn_cookie",
              "Read the sequence number as it was a syn cookie",
              false),
};

}  // namespace

void register_prefs() {
  PrefRegistry& reg = prefs_registry();
  reg.add_module({"tcp", "Transmission Control Protocol"}, kTcpPrefs);
  // Names of older releases that tshark still maps to these preferences.
  reg.add_renamed("tcp.tcp_summary_in_tree", "tcp.summary_in_tree");
  reg.add_renamed("tcp.tcp_analyze_sequence_numbers", "tcp.analyze_sequence_numbers");
  reg.add_renamed("tcp.tcp_relative_sequence_numbers", "tcp.relative_sequence_numbers");
}

}  // namespace netsift::tcp_prefs
