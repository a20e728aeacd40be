// The IPv4 and IPv6 preferences (tshark's "ip" and "ipv6" modules), read by both dissectors and
// their extension headers through these handles.
#pragma once

#include "core/preferences.h"

namespace netsift {

namespace ip_prefs {
extern BoolPref decode_tos_as_diffserv;
extern BoolPref defragment;
extern BoolPref summary_in_tree;
extern BoolPref check_checksum;
extern BoolPref tso_support;
extern BoolPref use_geoip;
extern BoolPref security_flag;
extern BoolPref try_heuristic_first;
}  // namespace ip_prefs

namespace ipv6_prefs {
extern BoolPref defragment;
extern BoolPref summary_in_tree;
extern BoolPref use_geoip;
extern BoolPref perform_strict_rpl_srh_rfc_checking;
extern BoolPref try_heuristic_first;
extern BoolPref exthdr_under_root_protocol_tree;
extern BoolPref exthdr_hide_len_oct_field;
extern BoolPref tso_support;
}  // namespace ipv6_prefs

void register_ip_prefs();
void register_ipv6_prefs();

}  // namespace netsift
