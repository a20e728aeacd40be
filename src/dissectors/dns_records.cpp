// The data (RDATA) of each DNS record type, as tshark 4.0 shows it: fields, the record's tree
// label suffix and its Info column text. Types tshark does not decode are shown as data.
#include <fmt/format.h>

#include <iterator>
#include <vector>

#include "core/address_format.h"
#include "core/expert.h"
#include "core/field_registry.h"
#include "dissectors/dns.h"

namespace netsift::dns {

namespace {

using FT = FieldType;

// Short names (Info column, tree labels) and long names (type fields) of the record types.
struct TypeName {
  uint16_t type;
  const char* short_name;
  const char* long_name;
};
constexpr TypeName kTypes[] = {
    {0, "Unused", "Unused"},
    {1, "A", "A (Host Address)"},
    {2, "NS", "NS (authoritative Name Server)"},
    {3, "MD", "MD (Mail Destination)"},
    {4, "MF", "MF (Mail Forwarder)"},
    {5, "CNAME", "CNAME (Canonical NAME for an alias)"},
    {6, "SOA", "SOA (Start Of a zone of Authority)"},
    {7, "MB", "MB (MailBox domain name)"},
    {8, "MG", "MG (Mail Group member)"},
    {9, "MR", "MR (Mail Rename domain)"},
    {10, "NULL", "NULL RR"},
    {11, "WKS", "WKS (Well Known Service)"},
    {12, "PTR", "PTR (domain name PoinTeR)"},
    {13, "HINFO", "HINFO (host information)"},
    {14, "MINFO", "MINFO (Mailbox or mail list information)"},
    {15, "MX", "MX (Mail eXchange)"},
    {16, "TXT", "TXT (Text strings)"},
    {17, "RP", "RP (Responsible Person)"},
    {18, "AFSDB", "AFSDB (AFS Data Base location)"},
    {19, "X25", "X25 (XX.25 PSDN address)"},
    {20, "ISDN", "ISDN (ISDN address)"},
    {21, "RT", "RT (Route Through)"},
    {22, "NSAP", "NSAP (NSAP address)"},
    {23, "NSAP-PTR", "NSAP-PTR (NSAP domain name pointer)"},
    {24, "SIG", "SIG (security signature)"},
    {25, "KEY", "KEY (security key)"},
    {26, "PX", "PX (X.400 mail mapping information)"},
    {27, "GPOS", "GPOS (Geographical Position)"},
    {28, "AAAA", "AAAA (IPv6 Address)"},
    {29, "LOC", "LOC (Location Information)"},
    {30, "NXT", "NXT (Next Domain)"},
    {31, "EID", "EID (Endpoint Identifier)"},
    {32, "NIMLOC", "NIMLOC (Nimrod Locator)"},
    {33, "SRV", "SRV (Server Selection)"},
    {34, "ATMA", "ATMA (ATM Address)"},
    {35, "NAPTR", "NAPTR (Naming Authority Pointer)"},
    {36, "KX", "KX (Key Exchanger)"},
    {37, "CERT", "CERT"},
    {38, "A6", "A6 (OBSOLETE - use AAAA)"},
    {39, "DNAME", "DNAME"},
    {40, "SINK", "SINK"},
    {41, "OPT", "OPT"},
    {42, "APL", "APL"},
    {43, "DS", "DS (Delegation Signer)"},
    {44, "SSHFP", "SSHFP (SSH Key Fingerprint)"},
    {45, "IPSECKEY", "IPSECKEY"},
    {46, "RRSIG", "RRSIG (Resource Record Signature)"},
    {47, "NSEC", "NSEC (Next Secure)"},
    {48, "DNSKEY", "DNSKEY (DNS Public Key)"},
    {49, "DHCID", "DHCID"},
    {50, "NSEC3", "NSEC3"},
    {51, "NSEC3PARAM", "NSEC3PARAM"},
    {52, "TLSA", "TLSA"},
    {55, "HIP", "HIP (Host Identity Protocol)"},
    {57, "RKEY", "RKEY"},
    {58, "TALINK", "TALINK (Trust Anchor LINK)"},
    {59, "CDS", "CDS (Child DS)"},
    {60, "CDNSKEY", "CDNSKEY (DNSKEY(s) the Child wants reflected in DS)"},
    {61, "OPENPGPKEY", "OPENPGPKEY (OpenPGP Key)"},
    {62, "CSYNC", "CSYNC (Child-to-Parent Synchronization)"},
    {63, "ZONEMD", "ZONEMD"},
    {64, "SVCB", "SVCB (General Purpose Service Endpoints)"},
    {65, "HTTPS", "HTTPS (HTTPS Specific Service Endpoints)"},
    {99, "SPF", "SPF"},
    {100, "UINFO", "UINFO"},
    {101, "UID", "UID"},
    {102, "GID", "GID"},
    {103, "UNSPEC", "UNSPEC"},
    {104, "NID", "NID (NodeID)"},
    {105, "L32", "L32 (Locator32)"},
    {106, "L64", "L64 (Locator64)"},
    {107, "LP", "LP (Locator FQDN)"},
    {108, "EUI48", "EUI48"},
    {109, "EUI64", "EUI64"},
    {249, "TKEY", "TKEY (Transaction Key)"},
    {250, "TSIG", "TSIG (Transaction Signature)"},
    {251, "IXFR", "IXFR (incremental transfer)"},
    {252, "AXFR", "AXFR (transfer of an entire zone)"},
    {253, "MAILB", "MAILB (mailbox-related RRs)"},
    {254, "MAILA", "MAILA (mail agent RRs)"},
    {255, "ANY", "* (A request for all records the server/cache has available)"},
    {256, "URI", "URI"},
    {257, "CAA", "CAA (Certification Authority Restriction)"},
    {32768, "TA", "TA (DNSSEC Trust Authorities)"},
    {32769, "DLV", "DLV (DNSSEC Lookaside Validation)"},
    {65281, "WINS", "WINS"},
    {65282, "WINS-R", "WINS-R"},
    {65422, "XPF", "XPF"},
};

std::vector<ValueName> make_type_values() {
  std::vector<ValueName> v;
  for (const TypeName& t : kTypes) v.push_back({t.type, t.long_name});
  return v;
}
const std::vector<ValueName> kTypeValues = make_type_values();

constexpr ValueName kAlgorithms[] = {{1, "RSA/MD5"},
                                     {2, "Diffie-Hellman"},
                                     {3, "DSA"},
                                     {4, "Elliptic curve crypto"},
                                     {5, "RSA/SHA1"},
                                     {6, "DSA + NSEC3/SHA1"},
                                     {7, "RSA/SHA1 + NSEC3/SHA1"},
                                     {8, "RSA/SHA-256"},
                                     {10, "RSA/SHA-512"},
                                     {12, "GOST R 34.10-2001"},
                                     {13, "ECDSA Curve P-256 with SHA-256"},
                                     {14, "ECDSA Curve P-386 with SHA-386"},
                                     {15, "Ed25519"},
                                     {16, "Ed448"},
                                     {157, "HMAC/MD5"},
                                     {252, "Indirect key"},
                                     {253, "Private, domain name"},
                                     {254, "Private, OID"}};
constexpr ValueName kDigestTypes[] = {
    {0, "Reserved digest"}, {1, "SHA-1"}, {2, "SHA-256"}, {3, "GOST R 34.11-94"}, {4, "SHA-384"}};
constexpr ValueName kNsec3Algorithms[] = {{0, "Reserved"}, {1, "SHA-1"}};
constexpr ValueName kOptCodes[] = {{0, "Reserved"},
                                   {1, "LLQ - Long-lived query"},
                                   {2, "UL - Update lease"},
                                   {3, "NSID - Name Server Identifier"},
                                   {4, "Owner (reserved)"},
                                   {5, "DAU - DNSSEC Algorithm Understood (RFC6975)"},
                                   {6, "DHU - DS Hash Understood (RFC6975)"},
                                   {7, "N3U - NSEC3 Hash Understood (RFC6975)"},
                                   {8, "CSUBNET - Client subnet"},
                                   {9, "EDNS EXPIRE (RFC7314)"},
                                   {10, "COOKIE"},
                                   {11, "EDNS TCP Keepalive"},
                                   {12, "PADDING"},
                                   {13, "CHAIN"},
                                   {15, "Extended DNS Error"},
                                   {20730, "Experimental - CSUBNET - Client subnet"}};
constexpr ValueName kFamilies[] = {{1, "IPv4"}, {2, "IPv6"}};
constexpr ValueName kSshfpAlgorithms[] = {{0, "Reserved"}, {1, "RSA"},     {2, "DSA"},
                                          {3, "ECDSA"},    {4, "Ed25519"}, {5, "XMSS"}};
constexpr ValueName kSshfpTypes[] = {{0, "Reserved"}, {1, "SHA1"}, {2, "SHA256"}};
constexpr ValueName kSvcParamKeys[] = {
    {0, "mandatory"}, {1, "alpn"},     {2, "no-default-alpn"}, {3, "port"},        {4, "ipv4hint"},
    {5, "echconfig"}, {6, "ipv6hint"}, {32769, "odohconfig"},  {65535, "key65535"}};
constexpr ValueName kTkeyModes[] = {{1, "Server assigned"},
                                    {2, "Diffie Hellman"},
                                    {3, "GSSAPI"},
                                    {4, "Resolver assigned"},
                                    {5, "Delete"}};
// TSIG/TKEY errors: the DNS reply codes, extended (RFC 8945).
constexpr ValueName kErrors[] = {{0, "No error"},
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

constexpr TrueFalse kTfZoneKey{"This is the zone key for specified zone", "This it not a zone key"};
constexpr TrueFalse kTfYesNo{"Yes", "No"};
constexpr TrueFalse kTfOptOut{"Additional insecure delegations allowed",
                              "Additional insecure delegations forbidden"};
constexpr TrueFalse kTfCritical{"Critical", "Not critical"};

FieldReg type_covered_field{
    &f::rrsig_type_covered,
    {"Type Covered",
     "dns.rrsig.type_covered",
     FT::kUint16,
     Base::kDec,
     {},
     0,
     "Identifies the type of the RRset that is covered by this RRSIG record"}};

const FieldReg kFields[] = {
    {&f::resp_ttl,
     {"Time to live", "dns.resp.ttl", FT::kUint32, Base::kDec, {}, 0, "Response TTL"}},
    {&f::resp_len,
     {"Data length", "dns.resp.len", FT::kUint16, Base::kDec, {}, 0, "Response Length"}},
    {&f::a, {"Address", "dns.a", FT::kIpv4, Base::kNone, {}, 0, "Response Address"}},
    {&f::aaaa,
     {"AAAA Address", "dns.aaaa", FT::kIpv6, Base::kNone, {}, 0, "AAAA Response Address"}},
    {&f::cname, {"CNAME", "dns.cname", FT::kString, Base::kNone, {}, 0, "Response Primary Name"}},
    {&f::ns, {"Name Server", "dns.ns", FT::kString}},
    {&f::ptr, {"Domain Name", "dns.ptr.domain_name", FT::kString}},
    {&f::mx_pref, {"Preference", "dns.mx.preference", FT::kUint16, Base::kDec}},
    {&f::mx_exchange, {"Mail Exchange", "dns.mx.mail_exchange", FT::kString}},
    {&f::hinfo_cpu_length, {"CPU Length", "dns.hinfo.cpu_length", FT::kUint8, Base::kDec}},
    {&f::hinfo_cpu, {"CPU", "dns.hinfo.cpu", FT::kString}},
    {&f::hinfo_os_length, {"OS Length", "dns.hinfo.os_length", FT::kUint8, Base::kDec}},
    {&f::hinfo_os, {"OS", "dns.hinfo.os", FT::kString}},
    {&f::txt_len, {"TXT Length", "dns.txt.length", FT::kUint8, Base::kDec}},
    {&f::txt, {"TXT", "dns.txt", FT::kString}},
    {&f::soa_mname, {"Primary name server", "dns.soa.mname", FT::kString}},
    {&f::soa_rname, {"Responsible authority's mailbox", "dns.soa.rname", FT::kString}},
    {&f::soa_serial, {"Serial Number", "dns.soa.serial_number", FT::kUint32, Base::kDec}},
    {&f::soa_refresh, {"Refresh Interval", "dns.soa.refresh_interval", FT::kUint32, Base::kDec}},
    {&f::soa_retry, {"Retry Interval", "dns.soa.retry_interval", FT::kUint32, Base::kDec}},
    {&f::soa_expire, {"Expire limit", "dns.soa.expire_limit", FT::kUint32, Base::kDec}},
    {&f::soa_minimum, {"Minimum TTL", "dns.soa.minimum_ttl", FT::kUint32, Base::kDec}},
    {&f::srv_priority, {"Priority", "dns.srv.priority", FT::kUint16, Base::kDec}},
    {&f::srv_weight, {"Weight", "dns.srv.weight", FT::kUint16, Base::kDec}},
    {&f::srv_port, {"Port", "dns.srv.port", FT::kUint16, Base::kDec}},
    {&f::srv_target, {"Target", "dns.srv.target", FT::kString}},
    {&f::opt, {"Option", "dns.opt", FT::kNone}},
    {&f::opt_code, {"Option Code", "dns.opt.code", FT::kUint16, Base::kDec, kOptCodes}},
    {&f::opt_len, {"Option Length", "dns.opt.len", FT::kUint16, Base::kDec}},
    {&f::opt_data, {"Option Data", "dns.opt.data", FT::kBytes}},
    {&f::opt_client_family,
     {"Family", "dns.opt.client.family", FT::kUint16, Base::kDec, kFamilies}},
    {&f::opt_client_netmask, {"Source Netmask", "dns.opt.client.netmask", FT::kUint8, Base::kDec}},
    {&f::opt_client_scope, {"Scope Netmask", "dns.opt.client.scope", FT::kUint8, Base::kDec}},
    {&f::opt_client_addr4, {"Client Subnet", "dns.opt.client.addr4", FT::kIpv4}},
    {&f::opt_client_addr6, {"Client Subnet", "dns.opt.client.addr6", FT::kIpv6}},
    {&f::opt_cookie_client, {"Client Cookie", "dns.opt.cookie.client", FT::kBytes}},
    {&f::opt_cookie_server, {"Server Cookie", "dns.opt.cookie.server", FT::kBytes}},
    {&f::opt_keepalive, {"Timeout", "dns.opt.edns_tcp_keepalive.timeout", FT::kUint16, Base::kDec}},
    {&f::opt_padding, {"Padding", "dns.opt.padding", FT::kBytes}},
    {&f::opt_chain_fqdn, {"Closest Trust Point", "dns.opt.chain.fqdn", FT::kString}},
    {&f::opt_dau, {"DAU", "dns.opt.dau", FT::kUint8, Base::kDec, kAlgorithms}},
    {&f::opt_dhu, {"DHU", "dns.opt.dhu", FT::kUint8, Base::kDec, kDigestTypes}},
    {&f::opt_n3u, {"N3U", "dns.opt.n3u", FT::kUint8, Base::kDec, kNsec3Algorithms}},
    {&f::rrsig_algorithm,
     {"Algorithm", "dns.rrsig.algorithm", FT::kUint8, Base::kDec, kAlgorithms}},
    {&f::rrsig_labels, {"Labels", "dns.rrsig.labels", FT::kUint8, Base::kDec}},
    {&f::rrsig_original_ttl, {"Original TTL", "dns.rrsig.original_ttl", FT::kUint32, Base::kDec}},
    {&f::rrsig_expiration,
     {"Signature Expiration", "dns.rrsig.signature_expiration", FT::kAbsTime, Base::kAbsUtc}},
    {&f::rrsig_inception,
     {"Signature Inception", "dns.rrsig.signature_inception", FT::kAbsTime, Base::kAbsUtc}},
    {&f::rrsig_key_tag, {"Key Tag", "dns.rrsig.key_tag", FT::kUint16, Base::kDec}},
    {&f::rrsig_signers_name, {"Signer's name", "dns.rrsig.signers_name", FT::kString}},
    {&f::rrsig_signature, {"Signature", "dns.rrsig.signature", FT::kBytes}},
    {&f::dnskey_flags, {"Flags", "dns.dnskey.flags", FT::kUint16, Base::kHex}},
    {&f::dnskey_zone_key,
     {"Zone Key",
      "dns.dnskey.flags.zone_key",
      FT::kBoolean,
      Base::kNone,
      {},
      0x100,
      "",
      &kTfZoneKey,
      16}},
    {&f::dnskey_revoked,
     {"Key Revoked",
      "dns.dnskey.flags.key_revoked",
      FT::kBoolean,
      Base::kNone,
      {},
      0x80,
      "",
      &kTfYesNo,
      16}},
    {&f::dnskey_sep,
     {"Key Signing Key",
      "dns.dnskey.flags.secure_entry_point",
      FT::kBoolean,
      Base::kNone,
      {},
      0x1,
      "",
      &kTfYesNo,
      16}},
    {&f::dnskey_reserved,
     {"Key Signing Key",
      "dns.dnskey.flags.reserved",
      FT::kUint16,
      Base::kHex,
      {},
      0xfe7e,
      "Must be zero"}},
    {&f::dnskey_protocol, {"Protocol", "dns.dnskey.protocol", FT::kUint8, Base::kDec}},
    {&f::dnskey_algorithm,
     {"Algorithm", "dns.dnskey.algorithm", FT::kUint8, Base::kDec, kAlgorithms}},
    {&f::dnskey_key_id, {"Key id", "dns.dnskey.key_id", FT::kUint16, Base::kDec}},
    {&f::dnskey_public_key, {"Public Key", "dns.dnskey.public_key", FT::kBytes}},
    {&f::ds_key_id, {"Key id", "dns.ds.key_id", FT::kUint16, Base::kHex}},
    {&f::ds_algorithm, {"Algorithm", "dns.ds.algorithm", FT::kUint8, Base::kDec, kAlgorithms}},
    {&f::ds_digest_type,
     {"Digest Type", "dns.ds.digest_type", FT::kUint8, Base::kDec, kDigestTypes}},
    {&f::ds_digest, {"Digest", "dns.ds.digest", FT::kBytes}},
    {&f::nsec_next, {"Next Domain Name", "dns.nsec.next_domain_name", FT::kString}},
    {&f::nsec3_algo,
     {"Hash algorithm", "dns.nsec3.algo", FT::kUint8, Base::kDec, kNsec3Algorithms}},
    {&f::nsec3_flags, {"NSEC3 flags", "dns.nsec3.flags", FT::kUint8, Base::kDec}},
    {&f::nsec3_opt_out,
     {"NSEC3 Opt-out flag",
      "dns.nsec3.flags.opt_out",
      FT::kBoolean,
      Base::kNone,
      {},
      0x1,
      "",
      &kTfOptOut,
      8}},
    {&f::nsec3_iterations, {"NSEC3 iterations", "dns.nsec3.iterations", FT::kUint16, Base::kDec}},
    {&f::nsec3_salt_length, {"Salt length", "dns.nsec3.salt_length", FT::kUint8, Base::kDec}},
    {&f::nsec3_salt_value, {"Salt value", "dns.nsec3.salt_value", FT::kBytes}},
    {&f::nsec3_hash_length, {"Hash length", "dns.nsec3.hash_length", FT::kUint8, Base::kDec}},
    {&f::nsec3_hash_value, {"Next hashed owner", "dns.nsec3.hash_value", FT::kString}},
    {&f::caa_flags, {"CAA Flags", "dns.caa.flags", FT::kUint8, Base::kHex}},
    {&f::caa_issuer_critical,
     {"Issuer Critical",
      "dns.caa.flags.issuer_critical",
      FT::kBoolean,
      Base::kNone,
      {},
      0x80,
      "Other CAs must not issue certificates",
      &kTfCritical,
      8}},
    {&f::caa_issue, {"Issue", "dns.caa.issue", FT::kString}},
    {&f::caa_iodef, {"Report URL", "dns.caa.iodef", FT::kString}},
    {&f::caa_unknown, {"Unknown tag", "dns.caa.unknown", FT::kString}},
    {&f::caa_tag_length, {"Tag length", "dns.caa.tag_length", FT::kUint8, Base::kDec}},
    {&f::caa_tag, {"Tag", "dns.caa.tag", FT::kString}},
    {&f::caa_value, {"Value", "dns.caa.value", FT::kString}},
    {&f::svcb_priority, {"SvcPriority", "dns.svcb.svcpriority", FT::kUint16, Base::kDec}},
    {&f::svcb_target, {"TargetName", "dns.svcb.targetname", FT::kString}},
    {&f::svcb_param, {"SvcParam", "dns.svcb.svcparam", FT::kNone}},
    {&f::svcb_param_key,
     {"SvcParamKey", "dns.svcb.svcparam.key", FT::kUint16, Base::kDec, kSvcParamKeys}},
    {&f::svcb_param_length,
     {"SvcParamValue length", "dns.svcb.svcparam.value.length", FT::kUint16, Base::kDec}},
    {&f::svcb_param_value, {"SvcParamValue", "dns.svcb.svcparam.value", FT::kBytes}},
    {&f::svcb_alpn_length,
     {"ALPN length", "dns.svcb.svcparam.alpn.length", FT::kUint8, Base::kDec}},
    {&f::svcb_alpn, {"ALPN", "dns.svcb.svcparam.alpn", FT::kString}},
    {&f::svcb_port, {"Port", "dns.svcb.svcparam.port", FT::kUint16, Base::kDec}},
    {&f::svcb_ipv4hint, {"IP", "dns.svcb.svcparam.ipv4hint.ip", FT::kIpv4}},
    {&f::svcb_ipv6hint, {"IP", "dns.svcb.svcparam.ipv6hint.ip", FT::kIpv6}},
    {&f::sshfp_algorithm,
     {"Algorithm", "dns.sshfp.algorithm", FT::kUint8, Base::kDec, kSshfpAlgorithms}},
    {&f::sshfp_fp_type,
     {"Fingerprint type", "dns.sshfp.fingerprint.type", FT::kUint8, Base::kDec, kSshfpTypes}},
    {&f::sshfp_fingerprint, {"Fingerprint", "dns.sshfp.fingerprint", FT::kBytes}},
    {&f::tkey_algo_name, {"Algorithm name", "dns.tkey.algo_name", FT::kString}},
    {&f::tkey_inception,
     {"Signature Inception", "dns.tkey.signature_inception", FT::kAbsTime, Base::kAbsUtc}},
    {&f::tkey_expiration,
     {"Signature Expiration", "dns.tkey.signature_expiration", FT::kAbsTime, Base::kAbsUtc}},
    {&f::tkey_mode, {"Mode", "dns.tkey.mode", FT::kUint16, Base::kDec, kTkeyModes}},
    {&f::tkey_error, {"Error", "dns.tkey.error", FT::kUint16, Base::kDec, kErrors}},
    {&f::tkey_key_size, {"Key Size", "dns.tkey.key_size", FT::kUint16, Base::kDec}},
    {&f::tkey_key_data, {"Key Data", "dns.tkey.key_data", FT::kBytes}},
    {&f::tkey_other_size, {"Other Size", "dns.tkey.other_size", FT::kUint16, Base::kDec}},
    {&f::tkey_other_data, {"Other Data", "dns.tkey.other_data", FT::kBytes}},
    {&f::tsig_algorithm,
     {"Algorithm Name",
      "dns.tsig.algorithm_name",
      FT::kString,
      Base::kNone,
      {},
      0,
      "Name of algorithm used for the MAC"}},
    {&f::tsig_time_signed, {"Time Signed", "dns.tsig.time_signed", FT::kAbsTime, Base::kAbsUtc}},
    {&f::tsig_fudge, {"Fudge", "dns.tsig.fudge", FT::kUint16, Base::kDec}},
    {&f::tsig_mac_size, {"MAC Size", "dns.tsig.mac_size", FT::kUint16, Base::kDec}},
    {&f::tsig_mac, {"MAC", "dns.tsig.mac", FT::kNone}},
    {&f::tsig_noalg, {"No dissector for algorithm", "dns.tsig.noalg", FT::kNone}},
    {&f::tsig_original_id, {"Original Id", "dns.tsig.original_id", FT::kUint16, Base::kDec}},
    {&f::tsig_error, {"Error", "dns.tsig.error", FT::kUint16, Base::kDec, kErrors}},
    {&f::tsig_other_len, {"Other Len", "dns.tsig.other_len", FT::kUint16, Base::kDec}},
    {&f::tsig_other_data, {"Other Data", "dns.tsig.other_data", FT::kBytes}},
    {&f::rr_data, {"Data", "dns.data", FT::kBytes}},
};

int add_string(const Message& m, int parent, FieldId fid, size_t off, size_t len,
               std::string_view s, uint8_t flags = 0) {
  return m.pkt.tree.add(parent, fid, m.r, off, len,
                        Value::of_bytes(reinterpret_cast<const uint8_t*>(s.data()), s.size()),
                        flags);
}

// Adds the name at `off` as field `fid`; returns the name.
Name add_name(const Message& m, int parent, FieldId fid, size_t off) {
  Name n = read_name(m, off);
  add_string(m, parent, fid, off, n.wire_len, n.text);
  return n;
}

// A TTL-like number of seconds, labelled "Refresh Interval: 14400 (4 hours)".
void add_seconds(const Message& m, int parent, FieldId fid, size_t off) {
  int n = m.pkt.add_item(parent, fid, m.r, off, 4);
  if (!m.want_text) return;
  uint32_t v = m.r.u32(off);
  std::string label = fmt::format("{}: {} (", registry().info(fid).def.name, v);
  append_duration(label, v);
  label += ')';
  m.pkt.set_label(n, label);
}

// A 32-bit count of seconds since 1970 as an absolute time.
void add_epoch(const Message& m, int parent, FieldId fid, size_t off, size_t len) {
  int64_t secs = static_cast<int64_t>(m.r.uint(off, len));
  uint64_t ns = static_cast<uint64_t>(secs) * 1000000000u;  // wraps, never overflows
  m.pkt.tree.add(parent, fid, m.r, off, len, Value::of_int(static_cast<int64_t>(ns)));
}

// FT_STRING values end at the first NUL, as Wireshark stores them.
std::string_view until_nul(std::string_view s) {
  return s.substr(0, s.find('\0'));
}

// NSEC/NSEC3 type bit maps (RFC 4034 4.1.2): one text line per type present.
void add_type_bitmap(const Message& m, int tree, size_t off, size_t end) {
  while (off < end) {
    unsigned window = m.r.u8(off);
    unsigned len = m.r.u8(off + 1);
    off += 2;
    for (unsigned i = 0; i < len; ++i, ++off) {
      uint8_t bits = m.r.u8(off);
      for (unsigned b = 0; b < 8; ++b) {
        if (!(bits & (0x80 >> b))) continue;
        uint16_t type = static_cast<uint16_t>(window * 256 + i * 8 + b);
        std::string label;
        if (m.want_text) label = "RR type in bit map: ";
        if (!m.want_text) {
        } else if (const char* name = value_name(kTypeValues, type))
          label += name;
        else
          fmt::format_to(std::back_inserter(label), "Unknown ({})", type);
        int n = m.pkt.tree.add(tree, resp_type_field(), m.r, off, 1, Value::of_uint(type));
        if (m.want_text) m.pkt.set_label(n, label);
      }
    }
  }
}

// RFC 4034 Appendix B: the key tag of a DNSKEY, computed over its RDATA.
uint16_t key_tag(const Message& m, size_t off, size_t len, uint8_t algorithm) {
  if (algorithm == 1) return len >= 4 ? static_cast<uint16_t>(m.r.u16(off + len - 3)) : 0;
  uint32_t ac = 0;
  const uint8_t* p = m.r.ptr(off, len);
  for (size_t i = 0; i < len; ++i) ac += (i & 1) ? p[i] : uint32_t{p[i]} << 8;
  ac += ac >> 16;
  return static_cast<uint16_t>(ac & 0xffff);
}

// NSEC3 hashes are shown in base32 with the extended hex alphabet (RFC 4648), lower case.
std::string_view base32hex(const Message& m, const uint8_t* p, size_t n) {
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuv";
  char* out = static_cast<char*>(m.pkt.arena.alloc((n * 8 + 4) / 5 + 1, 1));
  size_t k = 0;
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < n; ++i) {
    acc = (acc << 8) | p[i];
    bits += 8;
    while (bits >= 5) {
      out[k++] = kDigits[(acc >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out[k++] = kDigits[(acc << (5 - bits)) & 31];
  return {out, k};
}

void dissect_opt_option(const Message& m, int tree, size_t off) {
  uint16_t code = m.r.u16(off), len = m.r.u16(off + 2);
  size_t data = off + 4;
  int o = m.pkt.tree.add(tree, f::opt, m.r, off, 4 + size_t{len}, Value{});
  if (m.want_text) {
    const char* name = value_name(registry().info(f::opt_code).def, code);
    m.pkt.set_label(
        o, name ? fmt::format("Option: {}", name) : fmt::format("Option: Unknown ({})", code));
  }
  Packet& pkt = m.pkt;
  pkt.add_item(o, f::opt_code, m.r, off, 2);
  pkt.add_item(o, f::opt_len, m.r, off + 2, 2);
  pkt.add_item(o, f::opt_data, m.r, data, len);
  switch (code) {
    case 5:
    case 6:
    case 7: {
      FieldId fid = code == 5 ? f::opt_dau : code == 6 ? f::opt_dhu : f::opt_n3u;
      for (size_t i = 0; i < len; ++i) pkt.add_item(o, fid, m.r, data + i, 1);
      break;
    }
    case 8:
    case 20730: {
      uint16_t family = m.r.u16(data);
      pkt.add_item(o, f::opt_client_family, m.r, data, 2);
      pkt.add_item(o, f::opt_client_netmask, m.r, data + 2, 1);
      pkt.add_item(o, f::opt_client_scope, m.r, data + 3, 1);
      size_t addr_len = len > 4 ? len - 4u : 0;
      const uint8_t* src = m.r.ptr(data + 4, addr_len);
      if (family == 1) {
        uint32_t a = 0;
        for (size_t i = 0; i < 4; ++i) a = (a << 8) | (i < addr_len ? src[i] : 0);
        pkt.tree.add(o, f::opt_client_addr4, m.r, data + 4, addr_len, Value::of_uint(a));
      } else if (family == 2) {
        uint8_t* a = static_cast<uint8_t*>(pkt.arena.alloc(16, 1));
        for (size_t i = 0; i < 16; ++i) a[i] = i < addr_len ? src[i] : 0;
        pkt.tree.add(o, f::opt_client_addr6, m.r, data + 4, addr_len, Value::of_bytes(a, 16));
      }
      break;
    }
    case 10:
      pkt.add_item(o, f::opt_cookie_client, m.r, data, len < 8 ? len : 8);
      pkt.add_item(o, f::opt_cookie_server, m.r, data + 8, len > 8 ? len - 8u : 0);
      break;
    case 11:
      if (len == 2) pkt.add_item(o, f::opt_keepalive, m.r, data, 2);
      break;
    case 12:
      pkt.add_item(o, f::opt_padding, m.r, data, len);
      break;
    case 13:
      add_string(m, o, f::opt_chain_fqdn, data, len, until_nul(m.r.text(data, len)));
      break;
  }
}

// SVCB/HTTPS parameters (RFC 9460): "alpn=h3,h2", "ipv4hint=1.2.3.4,5.6.7.8", ...
void dissect_svc_param(const Message& m, int tree, size_t off) {
  uint16_t key = m.r.u16(off), len = m.r.u16(off + 2);
  size_t data = off + 4, end = data + len;
  int p = m.pkt.tree.add(tree, f::svcb_param, m.r, off, 4 + size_t{len}, Value{});
  m.pkt.add_item(p, f::svcb_param_key, m.r, off, 2);
  m.pkt.add_item(p, f::svcb_param_length, m.r, off + 2, 2);
  std::string label;
  if (m.want_text) {
    const char* name = value_name(registry().info(f::svcb_param_key).def, key);
    if (name)
      label = fmt::format("SvcParam: {}", name);
    else
      label = fmt::format("SvcParam: key{}", key);
  }
  char sep = '=';
  auto next = [&] {
    label += sep;
    sep = ',';
  };
  switch (key) {
    case 1:
      for (size_t q = data; q < end;) {
        uint8_t l = m.r.u8(q);
        m.pkt.add_item(p, f::svcb_alpn_length, m.r, q, 1);
        m.pkt.add_item(p, f::svcb_alpn, m.r, q + 1, l);
        if (m.want_text) {
          next();
          label += m.r.text(q + 1, l);
        }
        q += 1 + size_t{l};
      }
      break;
    case 3:
      m.pkt.add_item(p, f::svcb_port, m.r, data, 2);
      if (m.want_text) fmt::format_to(std::back_inserter(label), "={}", m.r.u16(data));
      break;
    case 4:
      for (size_t q = data; q + 4 <= end; q += 4) {
        m.pkt.add_item(p, f::svcb_ipv4hint, m.r, q, 4);
        if (m.want_text) {
          next();
          append_ipv4(label, m.r.u32(q));
        }
      }
      break;
    case 6:
      for (size_t q = data; q + 16 <= end; q += 16) {
        m.pkt.add_item(p, f::svcb_ipv6hint, m.r, q, 16);
        if (m.want_text) {
          next();
          append_ipv6(label, m.r.ptr(q, 16));
        }
      }
      break;
    default:
      if (len) m.pkt.add_item(p, f::svcb_param_value, m.r, data, len);
      break;
  }
  if (m.want_text) m.pkt.set_label(p, label);
}

void dissect_caa(const Message& m, int tree, size_t off, size_t end) {
  Packet& pkt = m.pkt;
  int fl = pkt.add_item(tree, f::caa_flags, m.r, off, 1);
  pkt.add_item(fl, f::caa_issuer_critical, m.r, off, 1);
  uint8_t tag_len = m.r.u8(off + 1);
  std::string_view tag = m.r.text(off + 2, tag_len);
  size_t value = off + 2 + tag_len;
  size_t value_len = end > value ? end - value : 0;
  std::string_view v = m.r.text(value, value_len);
  FieldId summary = tag == "issue" || tag == "issuewild" ? f::caa_issue
                    : tag == "iodef"                     ? f::caa_iodef
                                                         : f::caa_unknown;
  int s = add_string(m, tree, summary, off + 1, end - off - 1, v);
  pkt.add_item(s, f::caa_tag_length, m.r, off + 1, 1);
  pkt.add_item(s, f::caa_tag, m.r, off + 2, tag_len);
  pkt.add_item(s, f::caa_value, m.r, value, value_len);
}

}  // namespace

std::span<const ValueName> type_names() {
  return kTypeValues;
}

const char* type_short_name(uint16_t type) {
  for (const TypeName& t : kTypes)
    if (t.type == type) return t.short_name;
  return nullptr;
}

void append_duration(std::string& out, uint32_t secs) {
  if (secs == 0) {
    out += "0 seconds";
    return;
  }
  struct Unit {
    uint32_t size;
    const char* name;
  };
  static constexpr Unit kUnits[] = {{86400, "day"}, {3600, "hour"}, {60, "minute"}, {1, "second"}};
  bool first = true;
  for (const Unit& u : kUnits) {
    uint32_t n = secs / u.size;
    secs %= u.size;
    if (n == 0) continue;
    fmt::format_to(std::back_inserter(out), "{}{} {}{}", first ? "" : ", ", n, u.name,
                   n == 1 ? "" : "s");
    first = false;
  }
}

void dissect_rdata(const Message& m, int tree, uint16_t type, size_t off, size_t len,
                   std::string& info, std::string& label) {
  Packet& pkt = m.pkt;
  const bool text = m.want_text;
  const size_t end = off + len;
  m.r.need(off, len);
  if (len == 0) return;
  switch (type) {
    case 1: {  // A
      pkt.add_item(tree, f::a, m.r, off, 4);
      if (text) {
        std::string addr;
        append_ipv4(addr, m.r.u32(off));
        info += ' ' + addr;
        label += ", addr " + addr;
      }
      break;
    }
    case 28: {  // AAAA
      pkt.add_item(tree, f::aaaa, m.r, off, 16);
      if (text) {
        std::string addr;
        append_ipv6(addr, m.r.ptr(off, 16));
        info += ' ' + addr;
        label += ", addr " + addr;
      }
      break;
    }
    case 2:     // NS
    case 5:     // CNAME
    case 12: {  // PTR
      FieldId fid = type == 2 ? f::ns : type == 5 ? f::cname : f::ptr;
      Name n = add_name(m, tree, fid, off);
      if (text) {
        info += ' ';
        info += n.text;
        label += type == 2 ? ", ns " : type == 5 ? ", cname " : ", ";
        label += n.text;
      }
      break;
    }
    case 6: {  // SOA
      Name mname = add_name(m, tree, f::soa_mname, off);
      size_t p = off + mname.wire_len;
      Name rname = add_name(m, tree, f::soa_rname, p);
      p += rname.wire_len;
      pkt.add_item(tree, f::soa_serial, m.r, p, 4);
      add_seconds(m, tree, f::soa_refresh, p + 4);
      add_seconds(m, tree, f::soa_retry, p + 8);
      add_seconds(m, tree, f::soa_expire, p + 12);
      add_seconds(m, tree, f::soa_minimum, p + 16);
      if (text) {
        info += ' ';
        info += mname.text;
        label += ", mname ";
        label += mname.text;
      }
      break;
    }
    case 15: {  // MX
      uint16_t pref = m.r.u16(off);
      pkt.add_item(tree, f::mx_pref, m.r, off, 2);
      Name n = add_name(m, tree, f::mx_exchange, off + 2);
      if (text) {
        fmt::format_to(std::back_inserter(info), " {} {}", pref, n.text);
        fmt::format_to(std::back_inserter(label), ", preference {}, mx {}", pref, n.text);
      }
      break;
    }
    case 13: {  // HINFO: two character-strings, CPU then OS
      uint8_t cpu_len = m.r.u8(off);
      pkt.add_item(tree, f::hinfo_cpu_length, m.r, off, 1);
      pkt.add_item(tree, f::hinfo_cpu, m.r, off + 1, cpu_len);
      size_t os_at = off + 1 + cpu_len;
      uint8_t os_len = m.r.u8(os_at);
      pkt.add_item(tree, f::hinfo_os_length, m.r, os_at, 1);
      pkt.add_item(tree, f::hinfo_os, m.r, os_at + 1, os_len);
      if (text) {
        fmt::format_to(std::back_inserter(info), " {} {}", m.r.text(off + 1, cpu_len),
                       m.r.text(os_at + 1, os_len));
        fmt::format_to(std::back_inserter(label), ", CPU {}, OS {}", m.r.text(off + 1, cpu_len),
                       m.r.text(os_at + 1, os_len));
      }
      break;
    }
    case 16:  // TXT
      for (size_t p = off; p < end;) {
        uint8_t l = m.r.u8(p);
        pkt.add_item(tree, f::txt_len, m.r, p, 1);
        pkt.add_item(tree, f::txt, m.r, p + 1, l);
        p += 1 + size_t{l};
      }
      break;
    case 33: {  // SRV
      uint16_t prio = m.r.u16(off), weight = m.r.u16(off + 2), port = m.r.u16(off + 4);
      pkt.add_item(tree, f::srv_priority, m.r, off, 2);
      pkt.add_item(tree, f::srv_weight, m.r, off + 2, 2);
      pkt.add_item(tree, f::srv_port, m.r, off + 4, 2);
      Name target = add_name(m, tree, f::srv_target, off + 6);
      if (text) {
        fmt::format_to(std::back_inserter(info), " {} {} {} {}", prio, weight, port, target.text);
        fmt::format_to(std::back_inserter(label), ", priority {}, weight {}, port {}, target {}",
                       prio, weight, port, target.text);
      }
      break;
    }
    case 41:  // OPT
      for (size_t p = off; p < end; p += 4 + size_t{m.r.u16(p + 2)}) dissect_opt_option(m, tree, p);
      break;
    case 43:  // DS
      pkt.add_item(tree, f::ds_key_id, m.r, off, 2);
      pkt.add_item(tree, f::ds_algorithm, m.r, off + 2, 1);
      pkt.add_item(tree, f::ds_digest_type, m.r, off + 3, 1);
      pkt.add_item(tree, f::ds_digest, m.r, off + 4, len - 4);
      break;
    case 44:  // SSHFP
      pkt.add_item(tree, f::sshfp_algorithm, m.r, off, 1);
      pkt.add_item(tree, f::sshfp_fp_type, m.r, off + 1, 1);
      pkt.add_item(tree, f::sshfp_fingerprint, m.r, off + 2, len - 2);
      break;
    case 46: {  // RRSIG
      pkt.add_item(tree, f::rrsig_type_covered, m.r, off, 2);
      pkt.add_item(tree, f::rrsig_algorithm, m.r, off + 2, 1);
      pkt.add_item(tree, f::rrsig_labels, m.r, off + 3, 1);
      add_seconds(m, tree, f::rrsig_original_ttl, off + 4);
      add_epoch(m, tree, f::rrsig_expiration, off + 8, 4);
      add_epoch(m, tree, f::rrsig_inception, off + 12, 4);
      pkt.add_item(tree, f::rrsig_key_tag, m.r, off + 16, 2);
      Name signer = add_name(m, tree, f::rrsig_signers_name, off + 18);
      size_t sig = off + 18 + signer.wire_len;
      pkt.add_item(tree, f::rrsig_signature, m.r, sig, end - sig);
      break;
    }
    case 47: {  // NSEC
      Name next = add_name(m, tree, f::nsec_next, off);
      add_type_bitmap(m, tree, off + next.wire_len, end);
      if (text) {
        info += ' ';
        info += next.text;
        label += ", next domain name ";
        label += next.text;
      }
      break;
    }
    case 48: {  // DNSKEY
      int fl = pkt.add_item(tree, f::dnskey_flags, m.r, off, 2);
      pkt.add_item(fl, f::dnskey_zone_key, m.r, off, 2);
      pkt.add_item(fl, f::dnskey_revoked, m.r, off, 2);
      pkt.add_item(fl, f::dnskey_sep, m.r, off, 2);
      pkt.add_item(fl, f::dnskey_reserved, m.r, off, 2);
      pkt.add_item(tree, f::dnskey_protocol, m.r, off + 2, 1);
      uint8_t algorithm = m.r.u8(off + 3);
      pkt.add_item(tree, f::dnskey_algorithm, m.r, off + 3, 1);
      pkt.add_generated_uint(tree, f::dnskey_key_id, key_tag(m, off, len, algorithm));
      pkt.add_item(tree, f::dnskey_public_key, m.r, off + 4, len - 4);
      break;
    }
    case 50: {  // NSEC3
      pkt.add_item(tree, f::nsec3_algo, m.r, off, 1);
      int fl = pkt.add_item(tree, f::nsec3_flags, m.r, off + 1, 1);
      pkt.add_item(fl, f::nsec3_opt_out, m.r, off + 1, 1);
      pkt.add_item(tree, f::nsec3_iterations, m.r, off + 2, 2);
      uint8_t salt_len = m.r.u8(off + 4);
      pkt.add_item(tree, f::nsec3_salt_length, m.r, off + 4, 1);
      pkt.add_item(tree, f::nsec3_salt_value, m.r, off + 5, salt_len);
      size_t h = off + 5 + salt_len;
      uint8_t hash_len = m.r.u8(h);
      pkt.add_item(tree, f::nsec3_hash_length, m.r, h, 1);
      std::string_view hash = base32hex(m, m.r.ptr(h + 1, hash_len), hash_len);
      add_string(m, tree, f::nsec3_hash_value, h + 1, hash_len, hash, kGenerated);
      add_type_bitmap(m, tree, h + 1 + hash_len, end);
      break;
    }
    case 64:    // SVCB
    case 65: {  // HTTPS
      pkt.add_item(tree, f::svcb_priority, m.r, off, 2);
      Name target = add_name(m, tree, f::svcb_target, off + 2);
      for (size_t p = off + 2 + target.wire_len; p < end; p += 4 + size_t{m.r.u16(p + 2)})
        dissect_svc_param(m, tree, p);
      break;
    }
    case 249: {  // TKEY
      Name alg = add_name(m, tree, f::tkey_algo_name, off);
      size_t p = off + alg.wire_len;
      add_epoch(m, tree, f::tkey_inception, p, 4);
      add_epoch(m, tree, f::tkey_expiration, p + 4, 4);
      pkt.add_item(tree, f::tkey_mode, m.r, p + 8, 2);
      pkt.add_item(tree, f::tkey_error, m.r, p + 10, 2);
      uint16_t key_size = m.r.u16(p + 12);
      pkt.add_item(tree, f::tkey_key_size, m.r, p + 12, 2);
      pkt.add_item(tree, f::tkey_key_data, m.r, p + 14, key_size);
      p += 14 + size_t{key_size};
      uint16_t other = m.r.u16(p);
      pkt.add_item(tree, f::tkey_other_size, m.r, p, 2);
      if (other) pkt.add_item(tree, f::tkey_other_data, m.r, p + 2, other);
      break;
    }
    case 250: {  // TSIG
      Name alg = add_name(m, tree, f::tsig_algorithm, off);
      size_t p = off + alg.wire_len;
      add_epoch(m, tree, f::tsig_time_signed, p, 6);
      pkt.add_item(tree, f::tsig_fudge, m.r, p + 6, 2);
      uint16_t mac_size = m.r.u16(p + 8);
      pkt.add_item(tree, f::tsig_mac_size, m.r, p + 8, 2);
      int mac = pkt.add_item(tree, f::tsig_mac, m.r, p + 10, mac_size);
      // tshark decodes the MAC of GSS-TSIG only; any other algorithm is noted as undecoded.
      if (mac_size && alg.text != "gss-tsig")
        add_expert(pkt, mac, f::tsig_noalg, m.r, p + 10, mac_size,
                   fmt::format("No dissector for algorithm:{}", alg.text), kExpertWarn,
                   kGroupUndecoded);
      p += 10 + size_t{mac_size};
      pkt.add_item(tree, f::tsig_original_id, m.r, p, 2);
      pkt.add_item(tree, f::tsig_error, m.r, p + 2, 2);
      uint16_t other = m.r.u16(p + 4);
      pkt.add_item(tree, f::tsig_other_len, m.r, p + 4, 2);
      if (other) pkt.add_item(tree, f::tsig_other_data, m.r, p + 6, other);
      break;
    }
    case 257:  // CAA
      dissect_caa(m, tree, off, end);
      break;
    default:
      pkt.add_item(tree, f::rr_data, m.r, off, len);
      break;
  }
}

void register_record_fields(FieldId proto) {
  FieldRegistry& reg = registry();
  type_covered_field.def.values = kTypeValues;
  reg.add_fields(proto, {&type_covered_field, 1});
  reg.add_fields(proto, kFields);
}

}  // namespace netsift::dns
