#include "dissectors/ip_prefs.h"

namespace netsift {

namespace ip_prefs {
BoolPref decode_tos_as_diffserv;
BoolPref defragment;
BoolPref summary_in_tree;
BoolPref check_checksum;
BoolPref tso_support;
BoolPref use_geoip;
BoolPref security_flag;
BoolPref try_heuristic_first;
}  // namespace ip_prefs

namespace ipv6_prefs {
BoolPref defragment;
BoolPref summary_in_tree;
BoolPref use_geoip;
BoolPref perform_strict_rpl_srh_rfc_checking;
BoolPref try_heuristic_first;
BoolPref exthdr_under_root_protocol_tree;
BoolPref exthdr_hide_len_oct_field;
BoolPref tso_support;
}  // namespace ipv6_prefs

namespace {

const PrefReg kIpv4Prefs[] = {
    pref_bool(&ip_prefs::decode_tos_as_diffserv, "decode_tos_as_diffserv",
              "Whether the IPv4 type-of-service field should be decoded as a Differentiated Services field (see RFC2474/RFC2475)",
              true),
    pref_bool(&ip_prefs::defragment, "defragment",
              "Whether fragmented IPv4 datagrams should be reassembled",
              true),
    pref_bool(&ip_prefs::summary_in_tree, "summary_in_tree",
              "Whether the IPv4 summary line should be shown in the protocol tree",
              true),
    pref_bool(&ip_prefs::check_checksum, "check_checksum",
              "Whether to validate the IPv4 checksum",
              false),
    pref_bool(&ip_prefs::tso_support, "tso_support",
              "Whether to correct for TSO-enabled (TCP segmentation offload) hardware captures, such as spoofing the IP packet length",
              true),
    pref_bool(&ip_prefs::use_geoip, "use_geoip",
              "Whether to look up IP addresses in each MaxMind database we have loaded",
              true),
    pref_bool(&ip_prefs::security_flag, "security_flag",
              "Whether to interpret the originally reserved flag as security flag",
              false),
    pref_bool(&ip_prefs::try_heuristic_first, "try_heuristic_first",
              "Try to decode a packet using an heuristic sub-dissector before using a sub-dissector registered to a specific port",
              false),
};

const PrefReg kIpv6Prefs[] = {
    pref_bool(&ipv6_prefs::defragment, "defragment",
              "Whether fragmented IPv6 datagrams should be reassembled",
              true),
    pref_bool(&ipv6_prefs::summary_in_tree, "summary_in_tree",
              "Whether the IPv6 summary line should be shown in the protocol tree",
              true),
    pref_bool(&ipv6_prefs::use_geoip, "use_geoip",
              "Whether to look up IPv6 addresses in each MaxMind database we have loaded",
              true),
    pref_bool(&ipv6_prefs::perform_strict_rpl_srh_rfc_checking, "perform_strict_rpl_srh_rfc_checking",
              "Check that all RPL Source Routed packets conform to RFC 6554 and do not visit a node more than once",
              false),
    pref_bool(&ipv6_prefs::try_heuristic_first, "try_heuristic_first",
              "Try to decode a packet using an heuristic sub-dissector before using a sub-dissector registered to a specific port",
              false),
    pref_bool(&ipv6_prefs::exthdr_under_root_protocol_tree, "exthdr_under_root_protocol_tree",
              "Whether to display IPv6 extension headers as a separate protocol or a sub-protocol of the IPv6 packet",
              false),
    pref_bool(&ipv6_prefs::exthdr_hide_len_oct_field, "exthdr_hide_len_oct_field",
              "If enabled the Length field in octets will be hidden",
              false),
    pref_bool(&ipv6_prefs::tso_support, "tso_support",
              "Whether to correct for TSO-enabled (TCP segmentation offload) hardware captures, such as spoofing the IPv6 packet length",
              false),
};

}  // namespace

void register_ip_prefs() {
  PrefRegistry& reg = prefs_registry();
  reg.add_module({"ip", "Internet Protocol Version 4"}, kIpv4Prefs);
  reg.add_renamed("ip.ip_summary_in_tree", "ip.summary_in_tree");
}

void register_ipv6_prefs() {
  prefs_registry().add_module({"ipv6", "Internet Protocol Version 6"}, kIpv6Prefs);
}

}  // namespace netsift
