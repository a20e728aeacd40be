// netsift against tshark 4.0 with preferences: -o on corpus captures (each preference changes
// the output and both tools print the same), bad names and values (same message, same exit
// status), profiles in a temporary WIRESHARK_CONFIG_DIR (preferences file warnings, UAT files,
// -C), and -G defaultprefs/currentprefs for the preferences netsift has. tshark's answers are
// cached by command.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "run_command.h"
#include "tshark_cache.h"

namespace netsift {
namespace {

using test::run_command;
using test::shell_cached;
using test::shell_quote;

std::string corpus(const std::string& name) {
  return shell_quote(std::string(NETSIFT_CORPUS_DIR) + "/" + name);
}

// stdout and stderr with the exit status, the program's name, process id and clock time of
// GLib's warnings made neutral, and tshark's warning about running as root dropped.
std::string normalised(const std::string& tool, const std::string& env, const std::string& args) {
  return "{ " + env + " " + tool + " " + args + " 2>&1; echo \"exit $?\"; } | "
         "grep -v '^Running as user' | "
         "sed -E 's/^(tshark|netsift): /PROG: /; s/\\((tshark|netsift):[0-9]+\\) [0-9:.]+ /(PROG) TIME /'";
}

void expect_same(const std::string& args, const std::string& env = "") {
  std::string expected = shell_cached(normalised("tshark", env, args)).out;
  std::string actual = run_command(normalised(NETSIFT_BINARY, env, args)).out;
  EXPECT_EQ(actual, expected) << "args: " << args;
}

const std::string kHttp = corpus("http1/ndpi-http-lines-split.pcap");

TEST(PrefsVsTshark, BadNamesAndValues) {
  for (const char* o :
       {"tcp.bogus:1", "bogus:1", ":x", "tcp.relative_sequence_numbers", "tcp.check_checksum:",
        "tcp.check_checksum:  ", "dns.retransmission_timer:x", "dns.retransmission_timer:-1",
        "dns.retransmission_timer:0x10", "dns.retransmission_timer:99999999999",
        "http.tls.port:abc", "gui.column.format:\"a\"", "gui.column.format:x",
        "uat:bogus:\"a\"", "uat:custom_http_header_fields:\"a\",\"b\",c",
        "uat:custom_http_header_fields:\"a\"", "uat:ssl_keys:\"a\",\"b\"",
        "uat:esp_sa:\"a\",\"b\"", "uat:ikev2_decryption_table:\"a\"", "uat:user_dlts:\"a\""})
    expect_same("-o " + shell_quote(std::string(o)) + " -r " + kHttp + " -c 2");
}

TEST(PrefsVsTshark, AcceptedSpellings) {
  // Booleans are TRUE only for "true" in any case; an enum keeps its value for a text that
  // names no choice; old names inside a module still work.
  for (const char* o :
       {"tcp.relative_sequence_numbers:yes", "tcp.relative_sequence_numbers:TrUe",
        "tcp.relative_sequence_numbers: FALSE", "tcp.tcp_relative_sequence_numbers:FALSE",
        "tcp.default_window_scaling:bogus", "f5ethtrailer.info_type:brief"})
    expect_same("-o " + shell_quote(std::string(o)) + " -r " + kHttp + " -c 4");
}

TEST(PrefsVsTshark, MissingProfile) {
  expect_same("-C no-such-profile -r " + kHttp + " -c 1",
              "WIRESHARK_CONFIG_DIR=" + shell_quote(std::string(NETSIFT_SOURCE_DIR) + "/tests"));
}

struct Effect {
  const char* capture;
  const char* options;  // the preference and what shows it
};

// Each preference changes what these options print on the capture (checked below), and netsift
// prints what tshark prints.
const Effect kEffects[] = {
    {"http1/ndpi-http-lines-split.pcap", "-o tcp.relative_sequence_numbers:FALSE"},
    {"http1/ndpi-http-lines-split.pcap",
     "-o tcp.analyze_sequence_numbers:FALSE -T fields -e tcp.seq -e tcp.ack -e tcp.nxtseq"},
    {"ip-fragments/wiki-ipv4frags.pcap", "-o ip.defragment:FALSE"},
    {"ip-fragments/pcpp-ip6_fragments.pcap",
     "-o ipv6.defragment:FALSE -T fields -e frame.number -e ipv6.fragment.count -e ipv6.fragment"},
    {"http1/ndpi-http-lines-split.pcap",
     "-o tcp.calculate_timestamps:FALSE -T fields -e tcp.time_delta -e tcp.time_relative"},
    {"http1/ndpi-http-lines-split.pcap",
     "-o tcp.track_bytes_in_flight:FALSE -T fields -e tcp.analysis.bytes_in_flight "
     "-e tcp.analysis.push_bytes_sent"},
    // Without reassembly tshark still names the media type of a continuation ("Continuation
    // (text/html)"), so only the TCP side is compared here.
    {"http1/ndpi-http-lines-split.pcap",
     "-o tcp.desegment_tcp_streams:FALSE -T fields -e frame.number -e tcp.reassembled_in "
     "-e http.response.code"},
    {"ip-fragments/wiki-ipv4frags.pcap",
     "-o ip.check_checksum:TRUE -T fields -e ip.checksum.status"},
    // One bad (offloaded) and one good checksum over IPv4; IPv4 and IPv6 datagrams, some
    // reassembled from fragments.
    {"dns-mdns/zeek-dns-txt-multiple.pcap", "-o udp.check_checksum:TRUE -V"},
    {"dns-mdns/ndpi-dns_fragmented.pcap",
     "-o udp.check_checksum:TRUE -T fields -e udp.checksum.status -e udp.checksum_calculated "
     "-e _ws.expert.message"},
    {"http1/scapy-http_content_length.pcap",
     "-o gui.column.format:\"No.\",\"%m\",\"Method\",\"%Cus:http.request.method\""},
    // Good and bad (offloaded) checksums; a bad one keeps DNS over TCP from being reassembled.
    {"dns-mdns/zeek-dns-edns-ecs.pcap", "-o tcp.check_checksum:TRUE -V"},
    // The HTTP side of segments left unreassembled is not compared: tshark reads the header
    // lines of a continuation, netsift shows it as data (see README).
    {"http1/ndpi-http-lines-split.pcap",
     "-o tcp.check_checksum:TRUE -T fields -e frame.number -e tcp.checksum -e "
     "tcp.checksum.status -e tcp.checksum_calculated -e tcp.reassembled_in -e tcp.len"},
    {"http1/ndpi-http-lines-split.pcap", "-o tcp.check_checksum:TRUE -Y tcp.len==0"},
    {"http1/scapy-http_content_length.pcap", "-o http.desegment_headers:FALSE -V"},
    {"http1/zeek-http-post-large.pcap", "-o http.desegment_headers:FALSE"},
    {"http1/wiki-http-chunked-gzip.pcap", "-o http.desegment_headers:FALSE -V"},
    {"http1/scapy-http_content_length.pcap", "-o http.desegment_body:FALSE"},
    {"http1/zeek-http-post-large.pcap", "-o http.desegment_body:FALSE"},
    {"http1/wiki-http-chunked-gzip.pcap", "-o http.dechunk_body:FALSE -V"},
    {"http1/scapy-http_compressed.pcap", "-o http.decompress_body:FALSE -V"},
    {"http1/wiki-http-chunked-gzip.pcap", "-o http.decompress_body:FALSE -V"},
    {"http1/ndpi-http-lines-split.pcap", "-o nameres.mac_name:FALSE -V"},
    {"http1/ndpi-http-lines-split.pcap", "-o nameres.transport_name:TRUE -V"},
    // Names from the capture's DNS answers (nameres.dns_pkt_addr_resolution is TRUE by
    // default); netsift never asks an external resolver, so tshark is told not to either.
    {"dns-mdns/pcpp-DnsPackets.pcap",
     "-o nameres.network_name:TRUE -o nameres.use_external_name_resolver:FALSE"},
    // Protocol lines without their summaries.
    {"dns-mdns/zeek-mdns.pcap", "-o udp.summary_in_tree:FALSE -V"},
    {"dns-mdns/zeek-mdns.pcap", "-o ip.summary_in_tree:FALSE -V"},
    {"ipv6/tcpdump-ipv6-routing-header.pcap", "-o ipv6.summary_in_tree:FALSE -V"},
    {"http1/ndpi-http-lines-split.pcap", "-o tcp.summary_in_tree:FALSE -V"},
    {"vlan/zeek-http-vlan-0.pcap", "-o vlan.summary_in_tree:FALSE -V"},
    {"dns-mdns/zeek-mdns.pcap", "-o udp.calculate_timestamps:FALSE -V"},
    // Repeated queries 1 to 5 seconds apart stop being retransmissions; 0: only those whose
    // time goes backwards are.
    {"dns-mdns/pcpp-DnsPackets.pcap",
     "-o dns.retransmission_timer:1 -T fields -e frame.number -e dns.retransmission "
     "-e dns.retransmit_request_in -e dns.response_in -e dns.response_to -e _ws.expert.message"},
    {"dns-mdns/pcpp-DnsPackets.pcap", "-o dns.retransmission_timer:0 -Y dns.retransmission"},
    // A connection whose SYN was not captured: the window scale assumed from the preference.
    {"tcp/zeek-missing-syn.pcap", "-o tcp.default_window_scaling:2 -V"},
    {"tcp/zeek-missing-syn.pcap", "-o tcp.default_window_scaling:14"},
    // IPv4's second byte as RFC 791's Type of Service, and RFC 3514's evil bit.
    {"dns-mdns/zeek-dnssec-rrsig.pcap", "-o ip.decode_tos_as_diffserv:FALSE -V"},
    {"malformed/tcpdump-isakmp-various-oobr.pcap",
     "-o ip.security_flag:TRUE -T fields -e ip.flags.sf -e ip.flags.rb -e ip.flags "
     "-e ip.evil_packet"},
    {"http1/ndpi-http-lines-split.pcap", "-o ip.security_flag:TRUE -V"},
    // Ethernet trailers: FCS guessed, refused or assumed (and checked), padding detection, a
    // TAP's fixed-length trailer. Only Ethernet's fields: these captures differ elsewhere.
    {"tcp/suricata-syn_retransmit_with_ts.pcap",
     "-o eth.check_fcs:TRUE -T fields -e eth.fcs -e eth.fcs.status -e eth.trailer -e eth.fcs_bad"},
    {"http1/zeek-byteranges.pcap",
     "-o eth.fcs:never -T fields -e eth.fcs -e eth.padding -e eth.trailer"},
    {"http1/zeek-byteranges.pcap",
     "-o eth.padding:Never -T fields -e eth.fcs -e eth.padding -e eth.trailer -e eth.padding_bad"},
    {"http1/zeek-byteranges.pcap",
     "-o eth.trailer_length:2 -T fields -e eth.fcs -e eth.padding -e eth.trailer"},
    // The frame's own items: file offsets of pcap records and pcapng blocks, MD5 digests.
    {"dns-mdns/zeek-mdns.pcap", "-o frame.show_file_off:TRUE -V"},
    {"http2/hotplace-http2-tls13.pcapng", "-o frame.show_file_off:TRUE -T fields -e frame.file_off"},
    {"dns-mdns/zeek-mdns.pcap", "-o frame.generate_md5_hash:TRUE -V"},
    {"http2/hotplace-http2-tls13.pcapng",
     "-o frame.generate_md5_hash:TRUE -T fields -e frame.md5_hash -Y frame.md5_hash"},
    {"dns-mdns/zeek-mdns.pcap", "-o frame.generate_epoch_time:FALSE -V"},
    {"http2/hotplace-http2-tls13.pcapng", "-o frame.generate_bits_field:FALSE -V"},
    // TCP timestamps left out of the Info column; sequence numbers and timestamp values read as
    // SYN cookies (on every segment, as tshark does).
    {"tcp/suricata-syn_retransmit_with_ts.pcap", "-o tcp.ignore_tcp_timestamps:TRUE -Y tcp.len==0"},
    {"tcp/suricata-syn_retransmit_with_ts.pcap", "-o tcp.read_seq_as_syn_cookie:TRUE -V -c 30"},
    {"tcp/suricata-syn_retransmit_with_ts.pcap",
     "-o tcp.read_seq_as_syn_cookie:TRUE -T fields -e tcp.syncookie.time -e tcp.syncookie.mss "
     "-e tcp.syncookie.hash -e tcp.options.timestamp.tsval.syncookie.timestamp "
     "-e tcp.options.timestamp.tsval.syncookie.ecn -e tcp.options.timestamp.tsval.syncookie.sack "
     "-e tcp.options.timestamp.tsval.syncookie.wscale"},
    // Bytes in flight from sequence numbers: before the peer's first ACK (the raw numbers), after
    // a lost segment, with SACK blocks and reordering.
    {"tcp/pcpp-unidirectional_tcp_stream_with_missing_packet.pcap",
     "-o tcp.bif_seq_based:TRUE -T fields -e frame.number -e tcp.analysis.bytes_in_flight "
     "-e tcp.analysis.push_bytes_sent"},
    {"tcp/zeek-handshake-reorder.pcap",
     "-o tcp.bif_seq_based:TRUE -T fields -e frame.number -e tcp.analysis.bytes_in_flight"},
    {"tcp/wiki-out-of-order.pcap",
     "-o tcp.bif_seq_based:TRUE -T fields -e frame.number -e tcp.analysis.bytes_in_flight "
     "-e tcp.analysis.push_bytes_sent"},
    {"tcp/wiki-server-rst.pcap",
     "-o tcp.bif_seq_based:TRUE -T fields -e frame.number -e tcp.analysis.bytes_in_flight "
     "-e tcp.analysis.push_bytes_sent"},
    // 802.1Q versions on tags with PCP 5 and 7 and DEI set: the CFI of 802.1Q-1998/2005, the
    // priority names of 802.1D-2004, vlan.cfi in filters (priority_drop: below, on a fixture).
    {"vlan/zeek-vlan-pcp-dei.pcapng", "-o vlan.version:1998 -V"},
    {"vlan/zeek-vlan-pcp-dei.pcapng", "-o vlan.version:2005 -V"},
    {"vlan/zeek-vlan-pcp-dei.pcapng",
     "-o vlan.version:2005 -T fields -e vlan.priority -e vlan.cfi -e vlan.dei -Y vlan.cfi"},
    // ARP request storms: more than N requests within the period, reported once per burst.
    {"arp/wiki-arp-storm.pcap",
     "-o arp.detect_request_storms:TRUE -o arp.detect_storm_number_of_packets:5 "
     "-o arp.detect_storm_period:1000 -T fields -e frame.number -Y arp.packet-storm-detected"},
    {"arp/wiki-arp-storm.pcap",
     "-o arp.detect_request_storms:TRUE -o arp.detect_storm_number_of_packets:10 "
     "-o arp.detect_storm_period:500 -V -Y arp.packet-storm-detected"},
    {"arp/wiki-220702_arp-storm.pcapng",
     "-o arp.detect_request_storms:TRUE -o arp.detect_storm_number_of_packets:3 "
     "-o arp.detect_storm_period:200 -T fields -e frame.number -e arp.packet-storm-detected"},
    // Duplicate address detection off: no "duplicate use" Info note, no detection items.
    {"malformed/tcpdump-arp-oobr.pcap",
     "-o arp.detect_duplicate_ips:FALSE -T fields -e frame.number -e arp.duplicate-address-frame "
     "-e arp.seconds-since-duplicate-address-frame"},
    // JSON as browsers show it, and the extended path items hidden.
    {"http1/wiki-elasticsearch_http_query.pcap", "-o json.compact_form:TRUE -V -Y json"},
    {"http1/wiki-elasticsearch_http_query.pcap",
     "-o json.hide_extended_path_based_filtering:TRUE -V -Y json"},
};

TEST(PrefsVsTshark, PreferencesChangeTheOutputAsInTshark) {
  for (const Effect& e : kEffects) {
    std::string with = std::string("-r ") + corpus(e.capture) + " " + e.options;
    expect_same(with);
    // The preference must matter: without it tshark prints something else.
    std::string opts = e.options;
    std::string without = opts.substr(opts.find(' ', 3) + 1);
    if (without.rfind("-o", 0) == 0 || without == opts) without.clear();
    EXPECT_NE(shell_cached(normalised("tshark", "", with)).out,
              shell_cached(normalised("tshark", "", std::string("-r ") + corpus(e.capture) + " " +
                                                        without))
                  .out)
        << e.options;
  }
}

// The f5ethtrailer preferences on tests/fixtures/f5-prefs.pcap (gen_f5_fixtures.py says what
// each frame is for): each changes the output, and netsift prints what tshark prints.
const char* const kF5Effects[] = {
    "-o f5ethtrailer.info_type:None",
    "-o f5ethtrailer.info_type:InOutOnly",
    "-o f5ethtrailer.info_type:inoutonly",  // names in any case
    "-o f5ethtrailer.info_type:brief",
    "-o f5ethtrailer.info_type:BriefInOutOnly",
    "-o f5ethtrailer.info_type:Brief -o f5ethtrailer.brief_inout_chars:IOX",
    "-o f5ethtrailer.info_type:BriefInOutOnly -o f5ethtrailer.brief_inout_chars:+-",
    "-o f5ethtrailer.slots_regex:^A",                                  // Z101: no slot
    "-o f5ethtrailer.slots_regex:^A -o f5ethtrailer.info_type:Brief",
    "-o f5ethtrailer.slots_regex:Z10 -o f5ethtrailer.info_type:Brief",  // a search, not anchored
    "-o f5ethtrailer.rstcause_in_info:FALSE",
    "-o f5ethtrailer.pref_walk_trailer:TRUE",
    "-o f5ethtrailer.pref_walk_trailer:TRUE -V",
    "-o f5ethtrailer.pref_pop_other_fields:TRUE -T fields -e ip.addr -e ipv6.addr -e tcp.port "
    "-e udp.port",
    "-o f5ethtrailer.pref_pop_other_fields:TRUE -Y 'ip.addr == 10.0.4.20'",
    "-o f5ethtrailer.perform_analysis:TRUE -V",
    "-o f5ethtrailer.perform_analysis:TRUE -T fields -e f5ethtrailer.analysis "
    "-e f5ethtrailer.flowlost -e f5ethtrailer.flowreuse",
    "-o f5ethtrailer.generate_keylog:FALSE -V",
};

// The json preferences on tests/fixtures/http-json.pcap's bodies (nested and empty arrays and
// objects, top-level arrays, several texts in one body, leading whitespace, trailing text, a bad
// escape): each changes the output, and netsift prints what tshark prints.
TEST(PrefsVsTshark, JsonPreferences) {
  // stdout only: tshark's warning about the bad escape lands wherever its stdout buffer was.
  std::string capture =
      shell_quote(std::string(NETSIFT_SOURCE_DIR) + "/tests/fixtures/http-json.pcap");
  for (const char* o : {"-o json.compact_form:TRUE -V", "-o json.ignore_leading_bytes:TRUE -V",
                        "-o json.ignore_leading_bytes:TRUE -o json.compact_form:TRUE -V",
                        "-o json.hide_extended_path_based_filtering:TRUE -V",
                        "-o json.ignore_leading_bytes:TRUE -T fields -e frame.number "
                        "-e json.ignored_leading_bytes -Y json.ignored_leading_bytes"}) {
    std::string with = "-r " + capture + " " + o + " 2>/dev/null";
    std::string theirs = shell_cached("tshark " + with).out;
    EXPECT_EQ(run_command(std::string(NETSIFT_BINARY) + " " + with).out, theirs) << o;
    std::string without = std::string(o);
    while (without.rfind("-o ", 0) == 0) without = without.substr(without.find(' ', 3) + 1);
    EXPECT_NE(theirs, shell_cached("tshark -r " + capture + " " + without + " 2>/dev/null").out)
        << o;
  }
}

// vlan.priority_drop and vlan.version on tests/fixtures/vlan-pcp.pcap (PCP 0 to 7, DEI on odd
// ones): the priority names of 8, 7, 6 and 5 priorities, CFI before 802.1Q-2011.
TEST(PrefsVsTshark, VlanPriorities) {
  std::string capture =
      shell_quote(std::string(NETSIFT_SOURCE_DIR) + "/tests/fixtures/vlan-pcp.pcap");
  for (const char* o : {"-o vlan.priority_drop:7p1d -V", "-o vlan.priority_drop:6p2d -V",
                        "-o vlan.priority_drop:5P3D -V",
                        "-o vlan.version:2005 -o vlan.priority_drop:5p3d -V",
                        "-o vlan.version:1998 -o vlan.priority_drop:5p3d -V"}) {
    std::string with = "-r " + capture + " " + o;
    expect_same(with);
    EXPECT_NE(shell_cached(normalised("tshark", "", with)).out,
              shell_cached(normalised("tshark", "", "-r " + capture + " -V")).out)
        << o;
  }
}

// RFC 4884 extensions with MPLS label stacks, with and without icmp.favor_icmp_mpls, on
// tests/fixtures/icmp-extensions.pcap (gen_icmp_ext_fixture.py says what each error holds).
TEST(PrefsVsTshark, IcmpMplsExtensions) {
  std::string capture =
      shell_quote(std::string(NETSIFT_SOURCE_DIR) + "/tests/fixtures/icmp-extensions.pcap");
  const std::string fields =
      " -T fields -e frame.number -e icmp.ext.version -e icmp.ext.checksum.status "
      "-e icmp.ext.class -e icmp.ext.ctype -e icmp.mpls.label -e icmp.mpls.exp -e icmp.mpls.s "
      "-e icmp.mpls.ttl -e ip.len -e udp.length -e data.len";
  for (const char* o : {"-V", "-o icmp.favor_icmp_mpls:TRUE -V"}) expect_same("-r " + capture + " " + o);
  std::string with = "-r " + capture + " -o icmp.favor_icmp_mpls:TRUE" + fields;
  expect_same("-r " + capture + fields);
  expect_same(with);
  EXPECT_NE(shell_cached(normalised("tshark", "", with)).out,
            shell_cached(normalised("tshark", "", "-r " + capture + fields)).out);
  expect_same("-r " + capture + " -Y 'icmp.mpls.label == 24005'");
}

// udp.ignore_ipv6_zero_checksum on the last datagram of tests/fixtures/udp-mix.pcap (a zero
// checksum over IPv6: "[zero-value illegal]" with an expert item and " [ILLEGAL CHECKSUM (0)]").
TEST(PrefsVsTshark, UdpZeroChecksumOverIpv6) {
  std::string capture =
      shell_quote(std::string(NETSIFT_SOURCE_DIR) + "/tests/fixtures/udp-mix.pcap");
  expect_same("-r " + capture + " -V");
  expect_same("-r " + capture + " -o udp.ignore_ipv6_zero_checksum:TRUE -V");
  expect_same("-r " + capture + " -o udp.ignore_ipv6_zero_checksum:TRUE");
}

// user_dlts: link types 147-162 dissected as the record says, header and trailer included
// (tests/fixtures/user-dlt.pcap: DLT 147, 2-byte header, Ethernet, 1-byte trailer).
TEST(PrefsVsTshark, UserDlts) {
  std::string capture =
      shell_quote(std::string(NETSIFT_SOURCE_DIR) + "/tests/fixtures/user-dlt.pcap");
  expect_same("-r " + capture + " -V");  // no record: "User encapsulation not handled"
  for (const char* record : {"\"User 0 (DLT=147)\",\"eth_withoutfcs\",\"2\",\"\",\"1\",\"\"",
                             "\"User 0 (DLT=147)\",\"ETH_maybefcs\",\"2\",\"data\",\"1\",\"data\"",
                             "\"User 1 (DLT=148)\",\"eth_withoutfcs\",\"0\",\"\",\"0\",\"\""}) {
    std::string uat = "-o 'uat:user_dlts:" + std::string(record) + "' ";
    expect_same(uat + "-r " + capture);
    expect_same(uat + "-r " + capture + " -V");
    expect_same(uat + "-r " + capture + " -T fields -e frame.protocols -e frame.encap_type -e dns.qry.name");
  }
}

// custom_http_header_fields: a header of the table gets its own field, http.header.<name>
// (the name as given; the header matched in any case), and its line is hidden.
TEST(PrefsVsTshark, CustomHttpHeaderFields) {
  std::string capture =
      shell_quote(std::string(NETSIFT_SOURCE_DIR) + "/tests/fixtures/http-probe-8081.pcap");
  std::string uat = "-o 'uat:custom_http_header_fields:\"x-SERVER-disabled\",\"Disabled flag\"' ";
  expect_same(uat + "-r " + capture + " -Y http -T fields -e http.header.x-SERVER-disabled "
                                      "-e http.response.line");
  expect_same(uat + "-r " + capture + " -Y 'http.header.x-SERVER-disabled == \"true\"' -V");
  expect_same(uat + "-r " + capture + " -Y http.header.X-Server-Disabled");  // unknown name
}

// Ethernet padding read as any bytes or none, and an FCS assumed and checked, on frames with F5
// trailers behind non-zero padding (tests/fixtures/f5-prefs.pcap).
TEST(PrefsVsTshark, EthernetPaddingAndFcs) {
  std::string capture =
      shell_quote(std::string(NETSIFT_SOURCE_DIR) + "/tests/fixtures/f5-prefs.pcap");
  for (const char* o : {"-o eth.padding:Any", "-o eth.padding:Never",
                        "-o eth.fcs:always -o eth.check_fcs:TRUE"})
    expect_same(std::string(o) + " -r " + capture + " -V");
}

TEST(PrefsVsTshark, F5TrailerPreferencesAsInTshark) {
  std::string capture =
      shell_quote(std::string(NETSIFT_SOURCE_DIR) + "/tests/fixtures/f5-prefs.pcap");
  for (const char* options : kF5Effects) {
    std::string opts = options;
    std::string with = "-r " + capture + " " + opts;
    expect_same(with);
    // Without the -o options, tshark prints something else.
    std::string without = opts;
    while (without.rfind("-o ", 0) == 0) {
      size_t end = without.find(' ', 3);
      without = end == std::string::npos ? "" : without.substr(end + 1);
    }
    EXPECT_NE(shell_cached(normalised("tshark", "", with)).out,
              shell_cached(normalised("tshark", "", "-r " + capture + " " + without)).out)
        << options;
  }
  // A BIG-IP capture whose platform (Z100) the regex leaves out.
  expect_same("-r " + corpus("f5/f5-hackazon2.pcap") + " -c 40 -o f5ethtrailer.slots_regex:^A");
}

// A profile directory written once per content (the path carries a hash of it, so the cached
// answers follow the content).
std::string profile_dir(const std::vector<std::pair<std::string, std::string>>& files) {
  std::string key;
  for (auto& [name, text] : files) key += name + "\n" + text + "\n";
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("netsift-prefs-" + std::to_string(std::hash<std::string>{}(key)));
  for (auto& [name, text] : files) {
    std::filesystem::path p = dir / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }
  return dir.string();
}

const char* kPreferencesFile =
    "# Configuration file for Wireshark 4.0.17.\n"
    "tcp.check_checksum: TRUE\n"
    "tcp.default_window_scaling: 3\n"
    "dns.retransmission_timer: 7\n"
    "f5ethtrailer.info_type: in/OUT only\n"
    "vlan.qinq_ethertype: 9100x\n"
    "tcp.bogus: 1\n"
    "ip.defragment: maybe\n"
    "tcp.relative_sequence_numbers TRUE\n"
    "  ip.check_checksum: TRUE\n"
    "http.tls.port: 443,80-90,10\n"
    "gui.column.format: \"No.\", \"%m\",\n"
    "  \"Protocol\", \"%p\"\n"
    "json.compact_form: TRUE\n"
    "garbage line\n";

// The preferences netsift has, cut out of tshark's listing: the blocks (blank line, comments,
// value) of those names and the section headers above them.
std::string tshark_listing_for(const std::string& tshark_text, const std::string& netsift_text) {
  auto blocks = [](const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    for (const std::string& line : test::split_lines(text)) {
      if (line.empty() || line.rfind("#######", 0) == 0) {
        if (!cur.empty()) out.push_back(cur);
        cur.clear();
        if (!line.empty()) out.push_back(line + "\n");
        continue;
      }
      cur += line + "\n";
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
  };
  auto name_of = [](const std::string& block) -> std::string {
    for (const std::string& line : test::split_lines(block)) {
      std::string l = line[0] == '#' ? line.substr(1) : line;
      size_t colon = l.find(": ");
      if (colon == std::string::npos && !l.empty() && l.back() == ':') colon = l.size() - 1;
      if (line.rfind("# ", 0) != 0 && colon != std::string::npos) return l.substr(0, colon);
    }
    return "";
  };
  std::set<std::string> wanted;
  for (const std::string& b : blocks(netsift_text)) wanted.insert(name_of(b));
  std::string out, header;
  bool first = true;
  for (const std::string& b : blocks(tshark_text)) {
    if (first) {  // the file's own comment block
      out += b;
      first = false;
    } else if (b.rfind("#######", 0) == 0) {
      header = b;
    } else if (wanted.count(name_of(b))) {
      if (!header.empty()) out += "\n" + header;
      header.clear();
      out += "\n" + b;
    }
  }
  return out;
}

TEST(PrefsVsTshark, DefaultPrefsListing) {
  std::string ours = run_command(std::string(NETSIFT_BINARY) + " -G defaultprefs").out;
  std::string theirs = shell_cached("tshark -G defaultprefs 2>/dev/null").out;
  EXPECT_GT(test::split_lines(ours).size(), 300u);
  EXPECT_EQ(ours, tshark_listing_for(theirs, ours));
}

TEST(PrefsVsTshark, ProfilePreferencesFileAndCurrentPrefs) {
  std::string dir = profile_dir({{"preferences", kPreferencesFile}});
  std::string env = "WIRESHARK_CONFIG_DIR=" + shell_quote(dir);
  std::string ours = run_command(env + " " + NETSIFT_BINARY + " -G currentprefs 2>/dev/null").out;
  std::string theirs = shell_cached(env + " tshark -G currentprefs 2>/dev/null").out;
  EXPECT_EQ(ours, tshark_listing_for(theirs, ours));
  // The warnings, in order, with the file and line, and the preferences' effect on a capture.
  expect_same("-q -r " + kHttp + " -c 3", env);
  expect_same("-r " + corpus("ip-fragments/wiki-ipv4frags.pcap") +
                  " -T fields -e ip.checksum.status -e frame.protocols",
              env);
}

// The profile's ethers, subnets and vlans files in Wireshark's format: MAC names (before the
// manufacturer's), subnet names for addresses without a host name, VLAN names with -N v. Lines
// tshark skips silently are skipped too, and netsift says which.
TEST(PrefsVsTshark, ProfileEthersSubnetsVlans) {
  std::string dir = profile_dir({{"ethers",
                                  "60:38:e0:c5:35:a0 routerA # comment\n"
                                  "00-18-F3-64-B1-88\tclientB\n"
                                  "bad line here\n"
                                  "00.18.f3.64.b1 short\n"},
                                 {"subnets",
                                  "192.168.0.0/24\tlan\n"
                                  "192.168.0.20/32 one\n"
                                  "bogus\n"
                                  "10.0.0.0/33 x\n"},
                                 {"vlans", "32\tMgmt Net\n5 Users\nxx bad\n"}});
  std::string env = "WIRESHARK_CONFIG_DIR=" + shell_quote(dir);
  const std::string vlan = corpus("vlan/wiki-vlan.cap");
  const std::string cases[] = {
      "-r " + kHttp + " -c 2 -V",
      "-r " + kHttp + " -N n",
      "-r " + kHttp + " -T fields -e eth.src_resolved -e ip.src_host -e ip.dst_host -N mn",
      "-r " + kHttp + " -o nameres.network_name:TRUE -o nameres.use_external_name_resolver:FALSE",
      "-r " + vlan + " -T fields -e vlan.id -e vlan.id_name -N v",
      "-r " + vlan + " -T fields -e vlan.id -e vlan.id_name -o nameres.vlan_name:TRUE",
      // (the VLAN's payload, X11, is not dissected by netsift)
      "-r " + vlan + " -N v -c 3 -V 2>/dev/null | grep -F -B4 '[Name:'",
  };
  for (const std::string& args : cases) {
    std::string theirs = shell_cached(env + " tshark " + args + " 2>/dev/null").out;
    EXPECT_EQ(run_command(env + " " + NETSIFT_BINARY + " " + args + " 2>/dev/null").out, theirs)
        << args;
    // The files matter: without them tshark prints something else.
    EXPECT_NE(shell_cached("tshark " + args + " 2>/dev/null").out, theirs) << args;
  }
  std::string warnings =
      run_command(env + " " + NETSIFT_BINARY + " -r " + kHttp + " -c 1 2>&1 >/dev/null").out;
  for (const char* where : {"/ethers:3: ", "/ethers:4: ", "/subnets:3: ", "/subnets:4: ",
                            "/vlans:3: "})
    EXPECT_NE(warnings.find(dir + where + "malformed line skipped"), std::string::npos) << where;
  EXPECT_EQ(test::split_lines(warnings).size(), 5u) << warnings;
}

TEST(PrefsVsTshark, ProfileByName) {
  std::string dir = profile_dir({{"profiles/abs/preferences", "tcp.relative_sequence_numbers: FALSE\n"},
                                 {"preferences", "ip.defragment: FALSE\n"}});
  std::string env = "WIRESHARK_CONFIG_DIR=" + shell_quote(dir);
  expect_same("-C abs -r " + kHttp + " -c 4", env);
  // -o comes after the profile and wins.
  expect_same("-C abs -o tcp.relative_sequence_numbers:TRUE -r " + kHttp + " -c 4", env);
}

TEST(PrefsVsTshark, ProfileUatFiles) {
  // A table tshark refuses is reported with its file's line and none of it is kept.
  std::string dir = profile_dir(
      {{"custom_http_header_fields", "\"X-One\",\"d1\"\n\"X-Two\"\n\"X-Three\",\"d3\"\n"}});
  expect_same("-r " + kHttp + " -c 1", "WIRESHARK_CONFIG_DIR=" + shell_quote(dir));
}

}  // namespace
}  // namespace netsift
