// Domain Name System (RFC 1035) and its multicast variants mDNS (RFC 6762, UDP 5353) and LLMNR
// (RFC 4795, UDP 5355): header and flags, the four sections, Info text and tree labels as tshark
// 4.0 shows them. The data of each record type is in dns_records.cpp; query/response matching
// in analysis/dns_transactions.
#include <algorithm>
#include <fmt/format.h>

#include <cstring>
#include <iterator>

#include "analysis/dns_transactions.h"
#include "core/append_format.h"
#include "core/field_registry.h"
#include "core/flow_key.h"
#include "core/preferences.h"
#include "core/session.h"
#include "core/text_format.h"
#include "core/value_strings.h"
#include "dissectors/dns.h"
#include "dissectors/dns_fields.h"
#include "dissectors/ip.h"  // add_expert
#include "dissectors/tcp_desegment.h"

namespace netsift {

namespace dns_fields {
ProtocolField proto_dns, proto_mdns;
UintField qry_class_mdns, flags, fl_opcode, fl_rcode, count_queries, count_answers, count_auth,
    count_add, qry_name_len, count_labels, qry_type, qry_class, retransmission, unsolicited;
TimeField time;
}  // namespace dns_fields

namespace dns {

namespace f {
FieldId hinfo_cpu_length, hinfo_cpu, hinfo_os_length, hinfo_os;
FieldId text, resp_ttl, resp_len, a, aaaa, cname, ns, ptr, mx_pref, mx_exchange, txt_len, txt,
    soa_mname, soa_rname, soa_serial, soa_refresh, soa_retry, soa_expire, soa_minimum, srv_priority,
    srv_weight, srv_port, srv_target, opt, opt_code, opt_len, opt_data, opt_client_family,
    opt_client_netmask, opt_client_scope, opt_client_addr4, opt_client_addr6, opt_cookie_client,
    opt_cookie_server, opt_keepalive, opt_padding, opt_chain_fqdn, opt_dau, opt_dhu, opt_n3u,
    rrsig_type_covered, rrsig_algorithm, rrsig_labels, rrsig_original_ttl, rrsig_expiration,
    rrsig_inception, rrsig_key_tag, rrsig_signers_name, rrsig_signature, dnskey_flags,
    dnskey_zone_key, dnskey_revoked, dnskey_sep, dnskey_reserved, dnskey_protocol, dnskey_algorithm,
    dnskey_key_id, dnskey_public_key, ds_key_id, ds_algorithm, ds_digest_type, ds_digest, nsec_next,
    nsec_bitmap_type, nsec3_algo, nsec3_flags, nsec3_opt_out, nsec3_iterations, nsec3_salt_length,
    nsec3_salt_value, nsec3_hash_length, nsec3_hash_value, caa_flags, caa_issuer_critical,
    caa_issue, caa_iodef, caa_unknown, caa_tag_length, caa_tag, caa_value, svcb_priority,
    svcb_target, svcb_param, svcb_param_key, svcb_param_length, svcb_alpn_length, svcb_alpn,
    svcb_port, svcb_ipv4hint, svcb_ipv6hint, svcb_param_value, sshfp_algorithm, sshfp_fp_type,
    sshfp_fingerprint, tkey_algo_name, tkey_inception, tkey_expiration, tkey_mode, tkey_error,
    tkey_key_size, tkey_key_data, tkey_other_size, tkey_other_data, tsig_algorithm,
    tsig_time_signed, tsig_fudge, tsig_mac_size, tsig_mac, tsig_original_id, tsig_error,
    tsig_other_len, tsig_other_data, tsig_noalg, rr_data;
}  // namespace f

namespace {

// tshark's "dns" preferences (-o dns.NAME:VALUE, -G defaultprefs), registered below.
BoolPref pref_desegment_dns_messages;
UintPref pref_retransmission_timer;

using namespace dns_fields;

constexpr uint16_t kPortDns = 53, kPortMdns = 5353, kPortLlmnr = 5355;
constexpr size_t kMaxNameText = 254;  // tshark: 255 bytes with the NUL; longer: "<Name too long>"
constexpr int kMaxPointers = 255;     // tshark: more jumps than MAX_DNAME_LEN are a loop

FieldId proto_llmnr;
FieldId length, id, fl_response, fl_authoritative, fl_conflict_query, fl_conflict_response,
    fl_truncated, fl_recdesired, fl_tentative, fl_recavail, fl_z, fl_authenticated, fl_ad_query,
    fl_checkdisable, qry_name, qry_qu, resp_name, srv_service, srv_proto, srv_name, resp_type,
    resp_class, resp_class_mdns, cache_flush, ext_rcode, edns0_version, resp_z, resp_z_do,
    resp_z_reserved, udp_payload_size, udp_payload_size_mdns;

constexpr ValueName kOpcodes[] = {
    {0, "Standard query"},           {1, "Inverse query"},  {2, "Server status request"},
    {4, "Zone change notification"}, {5, "Dynamic update"}, {6, "DNS Stateful operations (DSO)"}};
constexpr ValueName kRcodes[] = {{0, "No error"},
                                 {1, "Format error"},
                                 {2, "Server failure"},
                                 {3, "No such name"},
                                 {4, "Not implemented"},
                                 {5, "Refused"},
                                 {6, "Name exists"},
                                 {7, "RRset exists"},
                                 {8, "RRset does not exist"},
                                 {9, "Not authoritative"},
                                 {10, "Name out of zone"},
                                 {11, "DSO-Type not implemented"},
                                 {16, "Bad OPT Version or TSIG Signature Failure"},
                                 {17, "Key not recognized"},
                                 {18, "Signature out of time window"},
                                 {19, "Bad TKEY Mode"},
                                 {20, "Duplicate key name"},
                                 {21, "Algorithm not supported"},
                                 {22, "Bad Truncation"},
                                 {23, "Bad/missing Server Cookie"}};
constexpr ValueName kClasses[] = {{1, "IN"}, {2, "CS"},     {3, "CH"},
                                  {4, "HS"}, {254, "NONE"}, {255, "ANY"}};

constexpr TrueFalse kTfResponse{"Message is a response", "Message is a query"};
constexpr TrueFalse kTfAuthoritative{"Server is an authority for domain",
                                     "Server is not an authority for domain"};
constexpr TrueFalse kTfConflictQuery{"The sender received multiple responses", "None"};
constexpr TrueFalse kTfConflictResponse{"The name is not considered unique",
                                        "The name is considered unique"};
constexpr TrueFalse kTfTruncated{"Message is truncated", "Message is not truncated"};
constexpr TrueFalse kTfRecdesired{"Do query recursively", "Don't do query recursively"};
constexpr TrueFalse kTfTentative{"Tentative", "Not tentative"};
constexpr TrueFalse kTfRecavail{"Server can do recursive queries",
                                "Server can't do recursive queries"};
constexpr TrueFalse kTfZ{"reserved - incorrect!", "reserved (0)"};
constexpr TrueFalse kTfAuthenticated{
    "Answer/authority portion was authenticated by the server",
    "Answer/authority portion was not authenticated by the server"};
constexpr TrueFalse kTfCheckdisable{"Acceptable", "Unacceptable"};
constexpr TrueFalse kTfDo{"Accepts DNSSEC security RRs", "Cannot handle DNSSEC security RRs"};

using FT = FieldType;

const FieldReg kHeaderFields[] = {
    {&length,
     {.name = "Length",
      .abbrev = "dns.length",
      .type = FT::kUint16,
      .base = Base::kDec,
      .blurb = "Length of DNS-over-TCP request or response"}},
    {&flags, {.name = "Flags", .abbrev = "dns.flags", .type = FT::kUint16, .base = Base::kHex}},
    {&fl_response,
     {.name = "Response",
      .abbrev = "dns.flags.response",
      .type = FT::kBoolean,
      .bitmask = 0x8000,
      .blurb = "Is the message a response?",
      .tf = &kTfResponse,
      .bits = 16}},
    {&fl_opcode,
     {.name = "Opcode",
      .abbrev = "dns.flags.opcode",
      .type = FT::kUint16,
      .base = Base::kDec,
      .values = kOpcodes,
      .bitmask = 0x7800,
      .blurb = "Operation code"}},
    {&fl_authoritative,
     {.name = "Authoritative",
      .abbrev = "dns.flags.authoritative",
      .type = FT::kBoolean,
      .bitmask = 0x400,
      .blurb = "Is the server is an authority for the domain?",
      .tf = &kTfAuthoritative,
      .bits = 16}},
    {&fl_conflict_query,
     {.name = "Conflict",
      .abbrev = "dns.flags.conflict",
      .type = FT::kBoolean,
      .bitmask = 0x400,
      .blurb = "Did we receive multiple responses to a query?",
      .tf = &kTfConflictQuery,
      .bits = 16}},
    {&fl_conflict_response,
     {.name = "Conflict",
      .abbrev = "dns.flags.conflict",
      .type = FT::kBoolean,
      .bitmask = 0x400,
      .blurb = "Is the name considered unique?",
      .tf = &kTfConflictResponse,
      .bits = 16}},
    {&fl_truncated,
     {.name = "Truncated",
      .abbrev = "dns.flags.truncated",
      .type = FT::kBoolean,
      .bitmask = 0x200,
      .blurb = "Is the message truncated?",
      .tf = &kTfTruncated,
      .bits = 16}},
    {&fl_recdesired,
     {.name = "Recursion desired",
      .abbrev = "dns.flags.recdesired",
      .type = FT::kBoolean,
      .bitmask = 0x100,
      .blurb = "Do query recursively?",
      .tf = &kTfRecdesired,
      .bits = 16}},
    {&fl_tentative,
     {.name = "Tentative",
      .abbrev = "dns.flags.tentative",
      .type = FT::kBoolean,
      .bitmask = 0x100,
      .blurb = "Is the responder authoritative for the name, but not yet verified the "
               "uniqueness?",
      .tf = &kTfTentative,
      .bits = 16}},
    {&fl_recavail,
     {.name = "Recursion available",
      .abbrev = "dns.flags.recavail",
      .type = FT::kBoolean,
      .bitmask = 0x80,
      .blurb = "Can the server do recursive queries?",
      .tf = &kTfRecavail,
      .bits = 16}},
    {&fl_z,
     {.name = "Z",
      .abbrev = "dns.flags.z",
      .type = FT::kBoolean,
      .bitmask = 0x40,
      .blurb = "Z flag",
      .tf = &kTfZ,
      .bits = 16}},
    {&fl_authenticated,
     {.name = "Answer authenticated",
      .abbrev = "dns.flags.authenticated",
      .type = FT::kBoolean,
      .bitmask = 0x20,
      .blurb = "Was the reply data authenticated by the server?",
      .tf = &kTfAuthenticated,
      .bits = 16}},
    {&fl_ad_query,
     {.name = "AD bit",
      .abbrev = "dns.flags.authenticated",
      .type = FT::kBoolean,
      .bitmask = 0x20,
      .tf = &kSetNotSet,
      .bits = 16}},
    {&fl_checkdisable,
     {.name = "Non-authenticated data",
      .abbrev = "dns.flags.checkdisable",
      .type = FT::kBoolean,
      .bitmask = 0x10,
      .blurb = "Is non-authenticated data acceptable?",
      .tf = &kTfCheckdisable,
      .bits = 16}},
    {&fl_rcode,
     {.name = "Reply code",
      .abbrev = "dns.flags.rcode",
      .type = FT::kUint16,
      .base = Base::kDec,
      .values = kRcodes,
      .bitmask = 0xf}},
    {&id,
     {.name = "Transaction ID",
      .abbrev = "dns.id",
      .type = FT::kUint16,
      .base = Base::kHex,
      .blurb = "Identification of transaction"}},
    {&count_queries,
     {.name = "Questions",
      .abbrev = "dns.count.queries",
      .type = FT::kUint16,
      .base = Base::kDec,
      .blurb = "Number of queries in packet"}},
    {&count_answers,
     {.name = "Answer RRs",
      .abbrev = "dns.count.answers",
      .type = FT::kUint16,
      .base = Base::kDec,
      .blurb = "Number of answers in packet"}},
    {&count_auth,
     {.name = "Authority RRs",
      .abbrev = "dns.count.auth_rr",
      .type = FT::kUint16,
      .base = Base::kDec,
      .blurb = "Number of authoritative records in packet"}},
    {&count_add,
     {.name = "Additional RRs",
      .abbrev = "dns.count.add_rr",
      .type = FT::kUint16,
      .base = Base::kDec,
      .blurb = "Number of additional records in packet"}},
    {&qry_name,
     {.name = "Name", .abbrev = "dns.qry.name", .type = FT::kString, .blurb = "Query Name"}},
    {&qry_name_len,
     {.name = "Name Length",
      .abbrev = "dns.qry.name.len",
      .type = FT::kUint16,
      .base = Base::kDec,
      .blurb = "Query Name Len"}},
    {&count_labels,
     {.name = "Label Count",
      .abbrev = "dns.count.labels",
      .type = FT::kUint16,
      .base = Base::kDec,
      .blurb = "Query Label Count"}},
    {&qry_class,
     {.name = "Class",
      .abbrev = "dns.qry.class",
      .type = FT::kUint16,
      .base = Base::kHex,
      .values = kClasses,
      .blurb = "Query Class"}},
    {&qry_class_mdns,
     {.name = "Class",
      .abbrev = "dns.qry.class",
      .type = FT::kUint16,
      .base = Base::kHex,
      .values = kClasses,
      .bitmask = 0x7fff,
      .blurb = "Query Class"}},
    {&qry_qu,
     {.name = "\"QU\" question",
      .abbrev = "dns.qry.qu",
      .type = FT::kBoolean,
      .bitmask = 0x8000,
      .blurb = "QU flag",
      .bits = 16}},
    {&resp_name,
     {.name = "Name", .abbrev = "dns.resp.name", .type = FT::kString, .blurb = "Response Name"}},
    {&srv_service,
     {.name = "Service",
      .abbrev = "dns.srv.service",
      .type = FT::kString,
      .blurb = "Desired service"}},
    {&srv_proto,
     {.name = "Protocol",
      .abbrev = "dns.srv.proto",
      .type = FT::kString,
      .blurb = "Desired protocol"}},
    {&srv_name,
     {.name = "Name",
      .abbrev = "dns.srv.name",
      .type = FT::kString,
      .blurb = "Domain this resource record refers to"}},
    {&resp_class,
     {.name = "Class",
      .abbrev = "dns.resp.class",
      .type = FT::kUint16,
      .base = Base::kHex,
      .values = kClasses,
      .blurb = "Response Class"}},
    {&resp_class_mdns,
     {.name = "Class",
      .abbrev = "dns.resp.class",
      .type = FT::kUint16,
      .base = Base::kHex,
      .values = kClasses,
      .bitmask = 0x7fff,
      .blurb = "Response Class"}},
    {&cache_flush,
     {.name = "Cache flush",
      .abbrev = "dns.resp.cache_flush",
      .type = FT::kBoolean,
      .bitmask = 0x8000,
      .blurb = "Cache flush flag",
      .bits = 16}},
    {&udp_payload_size,
     {.name = "UDP payload size",
      .abbrev = "dns.rr.udp_payload_size",
      .type = FT::kUint16,
      .base = Base::kDec}},
    {&udp_payload_size_mdns,
     {.name = "UDP payload size",
      .abbrev = "dns.rr.udp_payload_size",
      .type = FT::kUint16,
      .base = Base::kHex,
      .bitmask = 0x7fff}},
    {&ext_rcode,
     {.name = "Higher bits in extended RCODE",
      .abbrev = "dns.resp.ext_rcode",
      .type = FT::kUint8,
      .base = Base::kHex}},
    {&edns0_version,
     {.name = "EDNS0 version",
      .abbrev = "dns.resp.edns0_version",
      .type = FT::kUint8,
      .base = Base::kDec}},
    {&resp_z, {.name = "Z", .abbrev = "dns.resp.z", .type = FT::kUint16, .base = Base::kHex}},
    {&resp_z_do,
     {.name = "DO bit",
      .abbrev = "dns.resp.z.do",
      .type = FT::kBoolean,
      .bitmask = 0x8000,
      .blurb = "DNSSEC OK",
      .tf = &kTfDo,
      .bits = 16}},
    {&resp_z_reserved,
     {.name = "Reserved",
      .abbrev = "dns.resp.z.reserved",
      .type = FT::kUint16,
      .base = Base::kHex,
      .bitmask = 0x7fff}},
    {&f::text, {.name = "Text", .abbrev = "dns.text", .type = FT::kNone}},
};

FieldReg type_fields[] = {
    {&qry_type,
     {.name = "Type",
      .abbrev = "dns.qry.type",
      .type = FT::kUint16,
      .base = Base::kDec,
      .blurb = "Query Type"}},
    {&resp_type,
     {.name = "Type",
      .abbrev = "dns.resp.type",
      .type = FT::kUint16,
      .base = Base::kDec,
      .blurb = "Response Type"}},
};

FieldId response_in, response_to, retransmit_request, retransmit_request_in, retransmit_response,
    retransmit_response_in, transactions_limit;

const FieldReg kTransactionFields[] = {
    {&response_in,
     {.name = "Response In",
      .abbrev = "dns.response_in",
      .type = FT::kFrameNum,
      .blurb = "The response to this DNS query is in this frame"}},
    {&response_to,
     {.name = "Request In",
      .abbrev = "dns.response_to",
      .type = FT::kFrameNum,
      .blurb = "This is a response to the DNS query in this frame"}},
    {&retransmission,
     {.name = "Retransmission",
      .abbrev = "dns.retransmission",
      .type = FT::kBoolean,
      .blurb = "This is a retransmission"}},
    {&retransmit_request_in,
     {.name = "Retransmitted request. Original request in",
      .abbrev = "dns.retransmit_request_in",
      .type = FT::kFrameNum,
      .blurb = "This is a retransmitted DNS query"}},
    {&retransmit_response_in,
     {.name = "Retransmitted response. Original response in",
      .abbrev = "dns.retransmit_response_in",
      .type = FT::kFrameNum,
      .blurb = "This is a retransmitted DNS response"}},
    {&time,
     {.name = "Time",
      .abbrev = "dns.time",
      .type = FT::kRelTime,
      .blurb = "The time between the Query and the Response"}},
    {&unsolicited,
     {.name = "Unsolicited",
      .abbrev = "dns.unsolicited",
      .type = FT::kBoolean,
      .blurb = "This is an unsolicited response"}},
    {&retransmit_request,
     {.name = "DNS query retransmission", .abbrev = "dns.retransmit_request", .type = FT::kNone}},
    {&retransmit_response,
     {.name = "DNS response retransmission",
      .abbrev = "dns.retransmit_response",
      .type = FT::kNone}},
    // netsift's own: the transaction table's memory budget made this query forget the oldest.
    {&transactions_limit,
     {.name = "DNS transactions limit reached",
      .abbrev = "dns.transactions_limit",
      .type = FT::kNone}},
};

// Links a query and its response, and flags retransmissions and unsolicited responses, under
// the message's tree node `top`; `id_node` is the Transaction ID item the warnings hang from.
// `key` is the transaction ID, or the HTTP/2 stream of a DNS over HTTPS exchange.
void add_transaction(Packet& pkt, const ByteReader& r, int top, int id_node, uint32_t key,
                     bool response) {
  DnsTransactions& transactions = pkt.session->state<DnsTransactions>();
  transactions.use_budget(pkt.session->memory());
  uint8_t ip_proto = pkt.port_type == PortType::kTcp ? 6 : 17;
  FlowKey flow =
      FlowKey::make(pkt.net_src, pkt.src_port, pkt.net_dst, pkt.dst_port, ip_proto, nullptr);
  int64_t now = pkt.frame->ts.total_ns();
  using O = DnsTransactions::Outcome;
  int64_t window_ns = int64_t{pkt.session->prefs.get(pref_retransmission_timer)} * 1'000'000'000;
  DnsTransactions::Result res = response ? transactions.response(flow, key, pkt.number)
                                         : transactions.query(flow, key, pkt.number, now, window_ns);
  switch (res.outcome) {
    case O::kNewQuery:
      // With -2 a query shows the response the first pass matched to it.
      if (auto answer = pkt.session->later.find(response_in, pkt.number))
        pkt.add_generated_uint(top, response_in, *answer);
      if (res.forgotten_frame != 0)
        add_expert(pkt, id_node, transactions_limit, r, 0, 0,
                   fmt::format("DNS transaction of frame {} forgotten ({} used up)",
                               res.forgotten_frame, transactions.limit_text()),
                   kExpertNote, kGroupSequence);
      break;
    case O::kAnswer:
      pkt.session->later.note(response_in, res.t->request_frame, 0, pkt.number);
      pkt.add_generated_uint(top, response_to, res.t->request_frame);
      pkt.tree.add_generated(top, time, Value::of_int(now - res.t->request_ns));
      break;
    case O::kRetransmittedQuery: {
      add_expert(pkt, id_node, retransmit_request, r, 0, 0,
                 fmt::format("DNS query retransmission. Original request in frame {}",
                             res.t->request_frame),
                 kExpertWarn, kGroupProtocol);
      pkt.add_generated_uint(top, retransmit_request_in, res.t->request_frame);
      pkt.add_generated_uint(top, retransmission, 1);
      break;
    }
    case O::kRetransmittedResponse: {
      add_expert(pkt, id_node, retransmit_response, r, 0, 0,
                 fmt::format("DNS response retransmission. Original response in frame {}",
                             res.t->response_frame),
                 kExpertWarn, kGroupProtocol);
      pkt.add_generated_uint(top, retransmit_response_in, res.t->response_frame);
      pkt.add_generated_uint(top, retransmission, 1);
      break;
    }
    case O::kUnsolicited:
      pkt.add_generated_uint(top, unsolicited, 1);
      break;
  }
}

// Texts that differ between the three protocols.
struct Flavor {
  FieldId proto;
  const char* column;     // Protocol column
  const char* tree_name;  // protocol node label, before " (query)"
};

bool is_response(uint16_t fl) {
  return fl & 0x8000;
}

void add_flags(const Message& m, int top, uint16_t fl, bool llmnr) {
  int n = m.pkt.add_item(top, flags, m.r, 2, 2);
  bool resp = is_response(fl);
  unsigned opcode = (fl >> 11) & 0xf, rcode = fl & 0xf;
  if (m.want_text) {
    std::string label = fmt::format("Flags: 0x{:04x} ", fl);
    const char* op = nullptr;
    for (const ValueName& v : kOpcodes)
      if (v.value == opcode) op = v.name;
    // Unlike the Info column, the flags line names unknown codes without their number.
    label += op ? op : "Unknown operation";
    if (resp) {
      label += " response, ";
      const char* rc = nullptr;
      for (const ValueName& v : kRcodes)
        if (v.value == rcode) rc = v.name;
      label += rc ? rc : "Unknown error";
    }
    m.pkt.set_label(n, label);
  }
  Packet& p = m.pkt;
  p.add_item(n, fl_response, m.r, 2, 2);
  p.add_item(n, fl_opcode, m.r, 2, 2);
  if (llmnr) {
    p.add_item(n, resp ? fl_conflict_response : fl_conflict_query, m.r, 2, 2);
    p.add_item(n, fl_truncated, m.r, 2, 2);
    p.add_item(n, fl_tentative, m.r, 2, 2);
    if (resp) p.add_item(n, fl_rcode, m.r, 2, 2);
    return;
  }
  if (resp) p.add_item(n, fl_authoritative, m.r, 2, 2);
  p.add_item(n, fl_truncated, m.r, 2, 2);
  p.add_item(n, fl_recdesired, m.r, 2, 2);
  if (resp) p.add_item(n, fl_recavail, m.r, 2, 2);
  p.add_item(n, fl_z, m.r, 2, 2);
  if (resp)
    p.add_item(n, fl_authenticated, m.r, 2, 2);
  else if (fl & 0x20)  // a query may ask for the AD bit (RFC 6840 5.7)
    p.add_item(n, fl_ad_query, m.r, 2, 2);
  p.add_item(n, fl_checkdisable, m.r, 2, 2);
  if (resp) p.add_item(n, fl_rcode, m.r, 2, 2);
}

const char* class_name(uint16_t cls) {
  for (const ValueName& v : kClasses)
    if (v.value == cls) return v.name;
  return "Unknown";
}

void append_type(std::string& out, uint16_t type) {
  if (const char* s = type_short_name(type))
    out += s;
  else
    append_format(out, "Unknown ({})", type);
}

int add_text(const Message& m, int parent, size_t off, size_t len) {
  return m.pkt.tree.add(parent, f::text, m.r, off, len, Value{});
}

int add_string(const Message& m, int parent, FieldId fid, size_t off, size_t len,
               std::string_view s) {
  return m.pkt.tree.add(parent, fid, m.r, off, len,
                        Value::of_bytes(reinterpret_cast<const uint8_t*>(s.data()), s.size()));
}

// Returns the offset after the question.
size_t dissect_question(const Message& m, int parent, size_t off) {
  Name name = read_name(m, off);
  size_t p = off + name.wire_len;
  uint16_t type = m.r.u16(p);
  uint16_t raw_class = m.r.u16(p + 2);
  uint16_t cls = m.mdns ? raw_class & 0x7fff : raw_class;
  bool qu = m.mdns && (raw_class & 0x8000);
  size_t end = p + 4;

  int q = add_text(m, parent, off, end - off);
  if (m.want_text) {
    std::string label = fmt::format("{}: type ", name.text);
    append_type(label, type);
    append_format(label, ", class {}", class_name(cls));
    if (m.mdns) label += qu ? ", \"QU\" question" : ", \"QM\" question";
    m.pkt.set_label(q, label);

    std::string& info = m.pkt.cols.info;
    info += ' ';
    append_type(info, type);
    info += ' ';
    info += name.text;
    if (m.mdns) info += qu ? ", \"QU\" question" : ", \"QM\" question";
  }
  add_string(m, q, qry_name, off, name.wire_len, name.text);
  // Both generated over the name's bytes, as tshark adds them.
  m.pkt.tree.add(q, qry_name_len, m.r, off, name.wire_len, Value::of_uint(name.text.size()),
                 kGenerated);
  m.pkt.tree.add(q, count_labels, m.r, off, name.wire_len, Value::of_uint(name.labels),
                 kGenerated);
  m.pkt.add_item(q, qry_type, m.r, p, 2);
  m.pkt.add_item(q, m.mdns ? qry_class_mdns : qry_class, m.r, p + 2, 2);
  if (m.mdns) m.pkt.add_item(q, qry_qu, m.r, p + 2, 2);
  return end;
}

// SRV owner names (RFC 2782) are _Service._Proto.Name, shown split in three.
void add_owner_name(const Message& m, int rr, uint16_t type, size_t off, const Name& name) {
  constexpr uint16_t kTypeSrv = 33;
  size_t dot1 = name.text.find('.');
  size_t dot2 = dot1 == std::string_view::npos ? dot1 : name.text.find('.', dot1 + 1);
  if (type != kTypeSrv || dot2 == std::string_view::npos) {
    add_string(m, rr, resp_name, off, name.wire_len, name.text);
    return;
  }
  add_string(m, rr, srv_service, off, name.wire_len, name.text.substr(0, dot1));
  add_string(m, rr, srv_proto, off, name.wire_len, name.text.substr(dot1 + 1, dot2 - dot1 - 1));
  add_string(m, rr, srv_name, off, name.wire_len, name.text.substr(dot2 + 1));
}

// The OPT pseudo-record (RFC 6891): its class and TTL carry EDNS parameters.
void add_opt_header(const Message& m, int rr, size_t p) {
  Packet& pkt = m.pkt;
  if (m.mdns) {
    pkt.add_item(rr, udp_payload_size_mdns, m.r, p + 2, 2);
    pkt.add_item(rr, cache_flush, m.r, p + 2, 2);
  } else {
    pkt.add_item(rr, udp_payload_size, m.r, p + 2, 2);
  }
  pkt.add_item(rr, ext_rcode, m.r, p + 4, 1);
  pkt.add_item(rr, edns0_version, m.r, p + 5, 1);
  int z = pkt.add_item(rr, resp_z, m.r, p + 6, 2);
  pkt.add_item(z, resp_z_do, m.r, p + 6, 2);
  pkt.add_item(z, resp_z_reserved, m.r, p + 6, 2);
}

// Returns the offset after the record.
// With -N d, an Internet-class A or AAAA record names its address for the rest of the run, as
// Wireshark's resolver learns names from the DNS packets it dissects (even over a hosts file).
void learn_address_name(const Message& m, const Name& name, uint16_t type, uint16_t raw_class,
                        size_t data, uint16_t rdlen) {
  Session* s = m.pkt.session;
  if (!s || !s->resolve.dns_packets || (raw_class & 0x7f) != 1) return;
  if ((type == 1 && rdlen == 4) || (type == 28 && rdlen == 16))
    s->names.add_ip_name(m.r.ptr(data, rdlen), rdlen, name.text);
}

size_t dissect_rr(const Message& m, int parent, size_t off) {
  Name name = read_name(m, off);
  size_t p = off + name.wire_len;
  uint16_t type = m.r.u16(p);
  uint16_t raw_class = m.r.u16(p + 2);
  uint16_t rdlen = m.r.u16(p + 8);
  size_t data = p + 10;
  const bool opt = static_cast<RrType>(type) == RrType::kOpt;
  bool flush = m.mdns && !opt && (raw_class & 0x8000);
  uint16_t cls = m.mdns ? raw_class & 0x7fff : raw_class;

  int rr = add_text(m, parent, off, data + rdlen - off);
  std::string label;
  std::string& info = m.pkt.cols.info;
  if (m.want_text) {
    label = fmt::format("{}: type ", name.text);
    append_type(label, type);
    info += ' ';
    append_type(info, type);
    if (!opt) append_format(label, ", class {}", class_name(cls));
    if (flush) {
      label += ", cache flush";
      info += ", cache flush";
    }
  }
  add_owner_name(m, rr, type, off, name);
  m.pkt.add_item(rr, resp_type, m.r, p, 2);
  if (opt) {
    add_opt_header(m, rr, p);
  } else {
    m.pkt.add_item(rr, m.mdns ? resp_class_mdns : resp_class, m.r, p + 2, 2);
    if (m.mdns) m.pkt.add_item(rr, cache_flush, m.r, p + 2, 2);
    int t = m.pkt.add_item(rr, f::resp_ttl, m.r, p + 4, 4);
    if (m.want_text) {
      uint32_t ttl = m.r.u32(p + 4);
      std::string tl = fmt::format("Time to live: {} (", ttl);
      append_time_secs(tl, ttl);
      tl += ')';
      m.pkt.set_label(t, tl);
    }
  }
  m.pkt.add_item(rr, f::resp_len, m.r, p + 8, 2);
  // tshark sets "name: type T, class C" and appends the data's text, which stops silently at
  // the label's length once the set part fitted.
  size_t set_part = label.size();
  dissect_rdata(m, rr, type, data, rdlen, info, label);
  learn_address_name(m, name, type, raw_class, data, rdlen);
  if (m.want_text) {
    if (set_part < 240) cut_appended_label(label);
    m.pkt.set_label(rr, label);
  }
  return data + rdlen;
}

// Adds one section ("Queries", "Answers", ...) of `count` entries; returns the offset after it.
size_t dissect_section(const Message& m, int top, size_t off, unsigned count, const char* title,
                       bool questions) {
  if (count == 0) return off;
  // Like tshark's, the section covers the rest of the bytes until its entries are read (what
  // it keeps when one is cut short).
  int sec = add_text(m, top, off, off < m.r.size() ? m.r.size() - off : 0);
  if (m.want_text) m.pkt.set_label(sec, title);
  size_t start = off;
  for (unsigned i = 0; i < count; ++i)
    off = questions ? dissect_question(m, sec, off) : dissect_rr(m, sec, off);
  m.pkt.tree[sec].length = static_cast<uint32_t>(off - start);
  return off;
}

void start_info(const Message& m, uint16_t fl, uint16_t txid) {
  std::string& info = m.pkt.cols.info;
  unsigned opcode = (fl >> 11) & 0xf, rcode = fl & 0xf;
  m.pkt.cols.set_info("");
  const char* op = nullptr;
  for (const ValueName& v : kOpcodes)
    if (v.value == opcode) op = v.name;
  if (op)
    info += op;
  else
    append_format(info, "Unknown operation ({})", opcode);
  if (is_response(fl)) info += " response";
  append_format(info, " 0x{:04x}", txid);
  if (is_response(fl) && rcode != 0) {
    info += ' ';
    const char* rc = nullptr;
    for (const ValueName& v : kRcodes)
      if (v.value == rcode) rc = v.name;
    if (rc)
      info += rc;
    else
      append_format(info, "Unknown error ({})", rcode);
  }
}

// Dissects one DNS message held in `r`; `prefix` bytes before it (the TCP length) are already
// in the tree under `top`. `exchange` pairs query and response instead of the transaction ID
// when non-zero (DNS over HTTP/2: the stream).
void dissect_message(const ByteReader& r, Packet& pkt, int top, const Flavor& fl_text, bool mdns,
                     bool llmnr, uint32_t exchange = 0) {
  Message m{r, pkt, mdns, pkt.cols.enabled};
  uint16_t txid = r.u16(0);
  uint16_t fl = r.u16(2);
  if (m.want_text) {
    pkt.set_label(
        top, fmt::format("{} ({})", fl_text.tree_name, is_response(fl) ? "response" : "query"));
    start_info(m, fl, txid);
  }
  int id_node = pkt.add_item(top, id, r, 0, 2);
  add_flags(m, top, fl, llmnr);
  unsigned nq = r.u16(4), na = r.u16(6), nauth = r.u16(8), nadd = r.u16(10);
  pkt.add_item(top, count_queries, r, 4, 2);
  pkt.add_item(top, count_answers, r, 6, 2);
  pkt.add_item(top, count_auth, r, 8, 2);
  pkt.add_item(top, count_add, r, 10, 2);

  size_t off = 12;
  off = dissect_section(m, top, off, nq, "Queries", true);
  off = dissect_section(m, top, off, na, "Answers", false);
  off = dissect_section(m, top, off, nauth, "Authoritative nameservers", false);
  dissect_section(m, top, off, nadd, "Additional records", false);
  // A message quoted by an ICMP error is not part of its conversation (tshark's in_error_pkt).
  if (!pkt.in_error_pkt)
    add_transaction(pkt, r, top, id_node, exchange ? exchange : txid, is_response(fl));
}

const Flavor kDnsFlavor{0, "DNS", "Domain Name System"};
const Flavor kMdnsFlavor{0, "MDNS", "Multicast Domain Name System"};
const Flavor kLlmnrFlavor{0, "LLMNR", "Link-local Multicast Name Resolution"};

size_t dissect_udp_flavor(const ByteReader& r, Packet& pkt, FieldId proto, const Flavor& fl,
                          bool mdns, bool llmnr) {
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol(fl.column);
    pkt.cols.set_info("");
  }
  // tshark clears Info and reads the flags before it adds its tree item: a message too short
  // for them is malformed DNS with no DNS item and an empty Info.
  pkt.add_layer(proto);
  r.u16(2);
  int top = pkt.tree.add(-1, proto, r, 0, r.size(), Value{});
  dissect_message(r, pkt, top, fl, mdns, llmnr);
  return r.reported_size();
}

// The protocol is the one registered on the port UDP matched: as tshark's UDP, the lower port
// of the pair is tried first (53 -> 5353 is DNS, 5353 -> 5353 mDNS, 5355 -> 50000 LLMNR).
size_t dissect_dns_udp(const ByteReader& r, Packet& pkt, int) {
  auto ours = [](uint16_t p) { return p == kPortDns || p == kPortMdns || p == kPortLlmnr; };
  uint16_t low = std::min(pkt.src_port, pkt.dst_port), high = std::max(pkt.src_port, pkt.dst_port);
  uint16_t port = ours(low) ? low : high;
  if (port == kPortMdns) return dissect_udp_flavor(r, pkt, proto_mdns, kMdnsFlavor, true, false);
  if (port == kPortLlmnr)
    return dissect_udp_flavor(r, pkt, proto_llmnr, kLlmnrFlavor, false, true);
  return dissect_udp_flavor(r, pkt, proto_dns, kDnsFlavor, false, false);
}

// DNS over TCP (RFC 1035 4.2.2): each message is preceded by its 16-bit length. A message cut
// at the end of the segment is left to TCP reassembly (dissectors/tcp_desegment.h) when TCP
// offers it; every whole message in the segment is shown.
size_t dissect_dns_tcp(const ByteReader& r, Packet& pkt, int) {
  size_t off = 0;
  while (off < r.reported_size()) {
    size_t have = r.reported_remaining(off);
    size_t need = have < 2 ? 0 : 2 + size_t{r.u16(off)};
    if (have < 2 || have < need) {  // continues in later segments
      TcpPayloadContext& tcp = pkt.scratch<TcpPayloadContext>();
      if (tcp.can_desegment) {
        tcp.desegment_offset = static_cast<uint32_t>(off);
        tcp.desegment_len = need ? static_cast<uint32_t>(need - have) : kDesegmentOneMoreSegment;
      }
      break;
    }
    uint16_t msg_len = r.u16(off);
    tcp_add_pdu_size(pkt, r, off, need);
    if (pkt.cols.enabled) pkt.cols.set_protocol("DNS");
    // tshark lists the protocol once per call in frame.protocols, however many messages.
    int top = off == 0 ? pkt.add_protocol(-1, proto_dns, r, off, 2 + size_t{msg_len})
                       : pkt.tree.add(-1, proto_dns, r, off, 2 + size_t{msg_len}, Value{});
    pkt.add_item(top, length, r, off, 2);
    dissect_message(r.sub(off + 2, msg_len), pkt, top, kDnsFlavor, false, false);
    off += 2 + size_t{msg_len};
  }
  return r.reported_size();
}

}  // namespace

void dissect_doh(Packet& pkt, const ByteReader& body, int parent, uint32_t http2_stream) {
  if (pkt.cols.enabled) pkt.cols.set_protocol("DoH");
  int top = pkt.add_protocol(parent, proto_dns, body, 0, body.size());
  dissect_message(body, pkt, top, kDnsFlavor, false, false, http2_stream);
}

FieldId resp_type_field() {
  return resp_type;
}

Name read_name(const Message& m, size_t off) {
  char buf[kMaxNameText + 1];
  size_t n = 0;
  uint16_t labels = 0;
  size_t pos = off;
  size_t wire_len = 0;
  bool jumped = false;
  int pointers = 0;
  const char* error = nullptr;
  for (;;) {
    uint8_t len = m.r.u8(pos);
    ++pos;
    if (len == 0) break;
    uint8_t kind = len & 0xc0;
    if (kind == 0xc0) {
      size_t target = (size_t{len & 0x3fu} << 8) | m.r.u8(pos);
      ++pos;
      if (!jumped) wire_len = pos - off;
      jumped = true;
      if (++pointers > kMaxPointers) {
        error = "<Name contains a pointer that loops>";
        break;
      }
      pos = target;
      continue;
    }
    // 0x80 is a reserved label type: tshark throws a reported-bounds error (malformed), which
    // also catches a pointer into the header (the flags byte of a response starts 0x8x).
    if (kind == 0x80) throw BoundsError{false};
    if (kind != 0) {
      error = "<Unknown extended label>";
      break;
    }
    const uint8_t* label = m.r.ptr(pos, len);
    pos += len;
    ++labels;
    // Past the limit the text is dropped but the labels are still walked, so the name's wire
    // length (and everything after it) stays right.
    if (error || n + (n ? 1 : 0) + len > kMaxNameText) {
      error = "<Name too long>";
      continue;
    }
    if (n) buf[n++] = '.';
    std::memcpy(buf + n, label, len);
    n += len;
  }
  if (!jumped) wire_len = pos - off;
  std::string_view text;
  if (error) {
    text = error;
    labels = 1;  // tshark counts the labels of the text it shows
  } else if (n == 0)
    text = "<Root>";
  else
    text = m.pkt.arena.copy({buf, n});
  return Name{text, labels, wire_len};
}

}  // namespace dns

namespace {

const PrefReg kDnsPrefs[] = {
    pref_bool(&dns::pref_desegment_dns_messages, "desegment_dns_messages",
              "Whether the DNS dissector should reassemble messages spanning multiple TCP "
              "segments. To use this option, you must also enable \"Allow subdissectors to "
              "reassemble TCP streams\" in the TCP protocol settings.",
              true),
    pref_uint(&dns::pref_retransmission_timer, "retransmission_timer",
              "Number of seconds allowed between DNS requests with the same transaction ID to "
              "consider it a retransmission. Otherwise its considered a new request.",
              5),
};

}  // namespace

void register_dns() {
  prefs_registry().add_module({"dns", "Domain Name System"}, kDnsPrefs);
  using namespace dns;
  FieldRegistry& reg = registry();
  proto_dns.id = reg.add_protocol({"Domain Name System", "DNS", "dns"});
  proto_mdns.id = reg.add_protocol({"Multicast Domain Name System", "MDNS", "mdns"});
  proto_llmnr = reg.add_protocol({"Link-local Multicast Name Resolution", "LLMNR", "llmnr"});
  register_protocol_state<DnsTransactions>(StateScope::kCapture);
  reg.add_fields(proto_dns, kHeaderFields);
  for (FieldReg& t : type_fields) t.def.values = type_names();
  reg.add_fields(proto_dns, type_fields);
  reg.add_fields(proto_dns, kTransactionFields);
  register_record_fields(proto_dns);
  for (uint16_t port : {kPortDns, kPortMdns, kPortLlmnr})
    tables::udp_port().add(port, dissect_dns_udp, "dns");
  tables::tcp_port().add(kPortDns, dissect_dns_tcp, "dns");
  tcp_register_pdu_dissector(dissect_dns_tcp);
}

}  // namespace netsift
