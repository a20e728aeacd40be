// Every tcp.* field id, registered in one place (tcp_fields.cpp). The handles in tcp_fields
// that other parts read (statistics, follow, flow graphs, the F5 trailer) are typed; the ids
// only TCP's own files fill stay plain.
#pragma once

#include "core/field.h"

namespace netsift {

namespace tcp_fields {
extern ProtocolField proto;
extern UintField srcport, dstport, stream, len, seq, ack, flags, hdr_len, window_size;
extern TimeField time_relative;  // [Timestamps]: follows the header and options
extern BytesField payload;
extern FieldId port, completeness, seq_raw, nxtseq, ack_raw, flags_res, flags_ae, flags_cwr,
    flags_ece, flags_urg, flags_ack, flags_push, flags_reset, flags_syn, flags_fin, flags_str,
    window_size_value, window_size_scalefactor, checksum, checksum_status, urgent_pointer, options,
    time_delta, ack_nonzero, tfo_ack, checksum_calculated, checksum_bad, checksum_ffff;
}  // namespace tcp_fields

// Options (tcp_options.cpp), with the option pseudo-protocols tshark names.
namespace tcp_option_fields {
extern FieldId kind, len, mss_val, wscale_shift, wscale_multiplier, sack_le, sack_re, sack_count,
    tsval, tsecr, tfo_request, tfo_cookie, md5_digest, mptcp_subtype, user_to_granularity,
    user_to_val, exp_exid, exp_data, unknown_payload;
extern FieldId mss_absent, mss_present, wscale_invalid, tfo_syn, dsack;  // expert items
extern FieldId dsack_le, dsack_re;
// Option pseudo-protocols, one per kind tshark names.
extern FieldId opt_eol, opt_nop, opt_mss, opt_wscale, opt_sack_perm, opt_sack, opt_timestamp,
    opt_md5, opt_user_to, opt_mptcp, opt_tfo, opt_experimental, opt_unknown;
}  // namespace tcp_option_fields

// SYN cookie items (tcp_syncookie.cpp, with tcp.read_seq_as_syn_cookie).
namespace tcp_syncookie_fields {
extern FieldId time, mss, hash, option_timestamp, option_ecn, option_sack, option_wscale;
}  // namespace tcp_syncookie_fields

// Sequence analysis and connection experts (tcp_analysis.cpp).
namespace tcp_analysis_fields {
extern FieldId analysis, analysis_flags, acks_frame, ack_rtt, initial_rtt, bytes_in_flight,
    push_bytes_sent, rto, rto_frame, duplicate_ack, duplicate_ack_num, duplicate_ack_frame,
    retransmission, fast_retransmission, spurious_retransmission, out_of_order, reused_ports,
    lost_segment, ack_lost_segment, window_update, window_full, keep_alive, keep_alive_ack,
    zero_window_probe, zero_window, zero_window_probe_ack, conn_syn, conn_synack, conn_fin,
    conn_rst, conn_fin_active, conn_fin_passive, segment_data;
}  // namespace tcp_analysis_fields

// Reassembly items (analysis/tcp_reassembly.cpp).
namespace tcp_reassembly_fields {
extern FieldId segments, segment, segment_count, reassembled_in, reassembled_length,
    reassembled_data, pdu_size, limit_exceeded;
}  // namespace tcp_reassembly_fields

// Registers the tcp protocol, its fields and the option pseudo-protocols.
void register_tcp_fields();

}  // namespace netsift
