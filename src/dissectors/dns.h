// Shared between the DNS files (dns.cpp: message, sections, transports; dns_records.cpp: the
// data of each record type): field ids, name expansion and the per-message context.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/byte_reader.h"
#include "core/field.h"
#include "core/packet.h"

namespace netsift::dns {

// Field ids, filled by register_dns(). Names follow the filter abbreviations (dns.<name>).
namespace f {
extern FieldId hinfo_cpu_length, hinfo_cpu, hinfo_os_length, hinfo_os;
extern FieldId text, resp_ttl, resp_len, a, aaaa, cname, ns, ptr, mx_pref, mx_exchange, txt_len,
    txt, soa_mname, soa_rname, soa_serial, soa_refresh, soa_retry, soa_expire, soa_minimum,
    srv_priority, srv_weight, srv_port, srv_target, opt, opt_code, opt_len, opt_data,
    opt_client_family, opt_client_netmask, opt_client_scope, opt_client_addr4, opt_client_addr6,
    opt_cookie_client, opt_cookie_server, opt_keepalive, opt_padding, opt_chain_fqdn, opt_dau,
    opt_dhu, opt_n3u, rrsig_type_covered, rrsig_algorithm, rrsig_labels, rrsig_original_ttl,
    rrsig_expiration, rrsig_inception, rrsig_key_tag, rrsig_signers_name, rrsig_signature,
    dnskey_flags, dnskey_zone_key, dnskey_revoked, dnskey_sep, dnskey_reserved, dnskey_protocol,
    dnskey_algorithm, dnskey_key_id, dnskey_public_key, ds_key_id, ds_algorithm, ds_digest_type,
    ds_digest, nsec_next, nsec_bitmap_type, nsec3_algo, nsec3_flags, nsec3_opt_out,
    nsec3_iterations, nsec3_salt_length, nsec3_salt_value, nsec3_hash_length, nsec3_hash_value,
    caa_flags, caa_issuer_critical, caa_issue, caa_iodef, caa_unknown, caa_tag_length, caa_tag,
    caa_value, svcb_priority, svcb_target, svcb_param, svcb_param_key, svcb_param_length,
    svcb_alpn_length, svcb_alpn, svcb_port, svcb_ipv4hint, svcb_ipv6hint, svcb_param_value,
    sshfp_algorithm, sshfp_fp_type, sshfp_fingerprint, tkey_algo_name, tkey_inception,
    tkey_expiration, tkey_mode, tkey_error, tkey_key_size, tkey_key_data, tkey_other_size,
    tkey_other_data, tsig_algorithm, tsig_time_signed, tsig_fudge, tsig_mac_size, tsig_mac,
    tsig_original_id, tsig_error, tsig_other_len, tsig_other_data, tsig_noalg, rr_data;
}  // namespace f

// A domain name as tshark shows it: labels joined by dots, "<Root>" for the root.
struct Name {
  std::string_view text;  // in the packet arena
  uint16_t labels = 0;
  size_t wire_len = 0;  // bytes the name occupies where it starts (up to its first pointer)
};

// One DNS message being dissected.
struct Message {
  const ByteReader& r;  // the message, from its Transaction ID
  Packet& pkt;
  bool mdns;
  bool want_text;  // columns and tree labels wanted
};

// Expands the name at `off` (with compression pointers) into the packet arena.
Name read_name(const Message& m, size_t off);

// Resource record types (IANA "Resource Record (RR) TYPEs") whose data netsift decodes; the
// data of any other type is shown as bytes.
enum class RrType : uint16_t {
  kA = 1,
  kNs = 2,
  kCname = 5,
  kSoa = 6,
  kPtr = 12,
  kHinfo = 13,
  kMx = 15,
  kTxt = 16,
  kAaaa = 28,
  kSrv = 33,
  kOpt = 41,  // EDNS(0) pseudo-record (RFC 6891)
  kDs = 43,
  kSshfp = 44,
  kRrsig = 46,
  kNsec = 47,
  kDnskey = 48,
  kNsec3 = 50,
  kSvcb = 64,
  kHttps = 65,
  kTkey = 249,
  kTsig = 250,
  kCaa = 257,
};

// "A", "AAAA", ... for the Info column; nullptr for types without a name.
const char* type_short_name(uint16_t type);

// Names of the record types ("A (Host Address)"), for the type fields.
std::span<const ValueName> type_names();
// dns.resp.type, which NSEC type bit maps use for the types they list.
FieldId resp_type_field();
// Registers the fields of the record data (dns_records.cpp).
void register_record_fields(FieldId proto);

// Adds the RDATA of a record of `type` at [off, off+len) under `tree`. Appends the record's
// Info column text to `info` and its tree label suffix (", addr 1.2.3.4") to `label` when
// text is wanted.
void dissect_rdata(const Message& m, int tree, uint16_t type, size_t off, size_t len,
                   std::string& info, std::string& label);

}  // namespace netsift::dns
