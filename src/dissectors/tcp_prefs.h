// The TCP preferences (tshark's "tcp" module), read by the TCP dissector, its options and its
// analysis through these handles.
#pragma once

#include "core/preferences.h"

namespace netsift::tcp_prefs {

extern BoolPref summary_in_tree;
extern BoolPref check_checksum;
extern BoolPref desegment_tcp_streams;
extern BoolPref reassemble_out_of_order;
extern BoolPref analyze_sequence_numbers;
extern BoolPref relative_sequence_numbers;
extern EnumPref default_window_scaling;
extern BoolPref track_bytes_in_flight;
extern BoolPref bif_seq_based;
extern BoolPref calculate_timestamps;
extern BoolPref try_heuristic_first;
extern BoolPref ignore_tcp_timestamps;
extern BoolPref fastrt_supersedes_ooo;
extern BoolPref no_subdissector_on_error;
extern BoolPref dissect_experimental_options_rfc6994;
extern BoolPref display_process_info_from_ipfix;
extern BoolPref read_seq_as_syn_cookie;

void register_prefs();

}  // namespace netsift::tcp_prefs
