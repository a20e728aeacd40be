// The data (RDATA) of each DNS record type, as tshark 4.0 shows it: fields, the record's tree
// label suffix and its Info column text. Types tshark does not decode are shown as data.
#include <fmt/format.h>

#include <iterator>
#include <vector>

#include "core/address_format.h"
#include "core/append_format.h"
#include "core/expert.h"
#include "core/field_registry.h"
#include "core/text_format.h"
#include "core/value_strings.h"
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
constexpr TrueFalse kTfOptOut{"Additional insecure delegations allowed",
                              "Additional insecure delegations forbidden"};
constexpr TrueFalse kTfCritical{"Critical", "Not critical"};

FieldReg type_covered_field{
    &f::rrsig_type_covered,
    {.name = "Type Covered",
     .abbrev = "dns.rrsig.type_covered",
     .type = FT::kUint16,
     .base = Base::kDec,
     .blurb = "Identifies the type of the RRset that is covered by this RRSIG record"}};

const FieldReg kFields[] = {
    {&f::resp_ttl,
     {.name = "Time to live",
      .abbrev = "dns.resp.ttl",
      .type = FT::kUint32,
      .base = Base::kDec,
      .blurb = "Response TTL"}},
    {&f::resp_len,
     {.name = "Data length",
      .abbrev = "dns.resp.len",
      .type = FT::kUint16,
      .base = Base::kDec,
      .blurb = "Response Length"}},
    {&f::a, {.name = "Address", .abbrev = "dns.a", .type = FT::kIpv4, .blurb = "Response Address"}},
    {&f::aaaa,
     {.name = "AAAA Address",
      .abbrev = "dns.aaaa",
      .type = FT::kIpv6,
      .blurb = "AAAA Response Address"}},
    {&f::cname,
     {.name = "CNAME",
      .abbrev = "dns.cname",
      .type = FT::kString,
      .blurb = "Response Primary Name"}},
    {&f::ns, {.name = "Name Server", .abbrev = "dns.ns", .type = FT::kString}},
    {&f::ptr, {.name = "Domain Name", .abbrev = "dns.ptr.domain_name", .type = FT::kString}},
    {&f::mx_pref,
     {.name = "Preference",
      .abbrev = "dns.mx.preference",
      .type = FT::kUint16,
      .base = Base::kDec}},
    {&f::mx_exchange,
     {.name = "Mail Exchange", .abbrev = "dns.mx.mail_exchange", .type = FT::kString}},
    {&f::hinfo_cpu_length,
     {.name = "CPU Length",
      .abbrev = "dns.hinfo.cpu_length",
      .type = FT::kUint8,
      .base = Base::kDec}},
    {&f::hinfo_cpu, {.name = "CPU", .abbrev = "dns.hinfo.cpu", .type = FT::kString}},
    {&f::hinfo_os_length,
     {.name = "OS Length",
      .abbrev = "dns.hinfo.os_length",
      .type = FT::kUint8,
      .base = Base::kDec}},
    {&f::hinfo_os, {.name = "OS", .abbrev = "dns.hinfo.os", .type = FT::kString}},
    {&f::txt_len,
     {.name = "TXT Length", .abbrev = "dns.txt.length", .type = FT::kUint8, .base = Base::kDec}},
    {&f::txt, {.name = "TXT", .abbrev = "dns.txt", .type = FT::kString}},
    {&f::soa_mname,
     {.name = "Primary name server", .abbrev = "dns.soa.mname", .type = FT::kString}},
    {&f::soa_rname,
     {.name = "Responsible authority's mailbox", .abbrev = "dns.soa.rname", .type = FT::kString}},
    {&f::soa_serial,
     {.name = "Serial Number",
      .abbrev = "dns.soa.serial_number",
      .type = FT::kUint32,
      .base = Base::kDec}},
    {&f::soa_refresh,
     {.name = "Refresh Interval",
      .abbrev = "dns.soa.refresh_interval",
      .type = FT::kUint32,
      .base = Base::kDec}},
    {&f::soa_retry,
     {.name = "Retry Interval",
      .abbrev = "dns.soa.retry_interval",
      .type = FT::kUint32,
      .base = Base::kDec}},
    {&f::soa_expire,
     {.name = "Expire limit",
      .abbrev = "dns.soa.expire_limit",
      .type = FT::kUint32,
      .base = Base::kDec}},
    {&f::soa_minimum,
     {.name = "Minimum TTL",
      .abbrev = "dns.soa.minimum_ttl",
      .type = FT::kUint32,
      .base = Base::kDec}},
    {&f::srv_priority,
     {.name = "Priority", .abbrev = "dns.srv.priority", .type = FT::kUint16, .base = Base::kDec}},
    {&f::srv_weight,
     {.name = "Weight", .abbrev = "dns.srv.weight", .type = FT::kUint16, .base = Base::kDec}},
    {&f::srv_port,
     {.name = "Port", .abbrev = "dns.srv.port", .type = FT::kUint16, .base = Base::kDec}},
    {&f::srv_target, {.name = "Target", .abbrev = "dns.srv.target", .type = FT::kString}},
    {&f::opt, {.name = "Option", .abbrev = "dns.opt", .type = FT::kNone}},
    {&f::opt_code,
     {.name = "Option Code",
      .abbrev = "dns.opt.code",
      .type = FT::kUint16,
      .base = Base::kDec,
      .values = kOptCodes}},
    {&f::opt_len,
     {.name = "Option Length", .abbrev = "dns.opt.len", .type = FT::kUint16, .base = Base::kDec}},
    {&f::opt_data, {.name = "Option Data", .abbrev = "dns.opt.data", .type = FT::kBytes}},
    {&f::opt_client_family,
     {.name = "Family",
      .abbrev = "dns.opt.client.family",
      .type = FT::kUint16,
      .base = Base::kDec,
      .values = kFamilies}},
    {&f::opt_client_netmask,
     {.name = "Source Netmask",
      .abbrev = "dns.opt.client.netmask",
      .type = FT::kUint8,
      .base = Base::kDec}},
    {&f::opt_client_scope,
     {.name = "Scope Netmask",
      .abbrev = "dns.opt.client.scope",
      .type = FT::kUint8,
      .base = Base::kDec}},
    {&f::opt_client_addr4,
     {.name = "Client Subnet", .abbrev = "dns.opt.client.addr4", .type = FT::kIpv4}},
    {&f::opt_client_addr6,
     {.name = "Client Subnet", .abbrev = "dns.opt.client.addr6", .type = FT::kIpv6}},
    {&f::opt_cookie_client,
     {.name = "Client Cookie", .abbrev = "dns.opt.cookie.client", .type = FT::kBytes}},
    {&f::opt_cookie_server,
     {.name = "Server Cookie", .abbrev = "dns.opt.cookie.server", .type = FT::kBytes}},
    {&f::opt_keepalive,
     {.name = "Timeout",
      .abbrev = "dns.opt.edns_tcp_keepalive.timeout",
      .type = FT::kUint16,
      .base = Base::kDec}},
    {&f::opt_padding, {.name = "Padding", .abbrev = "dns.opt.padding", .type = FT::kBytes}},
    {&f::opt_chain_fqdn,
     {.name = "Closest Trust Point", .abbrev = "dns.opt.chain.fqdn", .type = FT::kString}},
    {&f::opt_dau,
     {.name = "DAU",
      .abbrev = "dns.opt.dau",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kAlgorithms}},
    {&f::opt_dhu,
     {.name = "DHU",
      .abbrev = "dns.opt.dhu",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kDigestTypes}},
    {&f::opt_n3u,
     {.name = "N3U",
      .abbrev = "dns.opt.n3u",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kNsec3Algorithms}},
    {&f::rrsig_algorithm,
     {.name = "Algorithm",
      .abbrev = "dns.rrsig.algorithm",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kAlgorithms}},
    {&f::rrsig_labels,
     {.name = "Labels", .abbrev = "dns.rrsig.labels", .type = FT::kUint8, .base = Base::kDec}},
    {&f::rrsig_original_ttl,
     {.name = "Original TTL",
      .abbrev = "dns.rrsig.original_ttl",
      .type = FT::kUint32,
      .base = Base::kDec}},
    {&f::rrsig_expiration,
     {.name = "Signature Expiration",
      .abbrev = "dns.rrsig.signature_expiration",
      .type = FT::kAbsTime,
      .base = Base::kAbsUtc}},
    {&f::rrsig_inception,
     {.name = "Signature Inception",
      .abbrev = "dns.rrsig.signature_inception",
      .type = FT::kAbsTime,
      .base = Base::kAbsUtc}},
    {&f::rrsig_key_tag,
     {.name = "Key Tag", .abbrev = "dns.rrsig.key_tag", .type = FT::kUint16, .base = Base::kDec}},
    {&f::rrsig_signers_name,
     {.name = "Signer's name", .abbrev = "dns.rrsig.signers_name", .type = FT::kString}},
    {&f::rrsig_signature,
     {.name = "Signature", .abbrev = "dns.rrsig.signature", .type = FT::kBytes}},
    {&f::dnskey_flags,
     {.name = "Flags", .abbrev = "dns.dnskey.flags", .type = FT::kUint16, .base = Base::kHex}},
    {&f::dnskey_zone_key,
     {.name = "Zone Key",
      .abbrev = "dns.dnskey.flags.zone_key",
      .type = FT::kBoolean,
      .bitmask = 0x100,
      .tf = &kTfZoneKey,
      .bits = 16}},
    {&f::dnskey_revoked,
     {.name = "Key Revoked",
      .abbrev = "dns.dnskey.flags.key_revoked",
      .type = FT::kBoolean,
      .bitmask = 0x80,
      .tf = &kYesNo,
      .bits = 16}},
    {&f::dnskey_sep,
     {.name = "Key Signing Key",
      .abbrev = "dns.dnskey.flags.secure_entry_point",
      .type = FT::kBoolean,
      .bitmask = 0x1,
      .tf = &kYesNo,
      .bits = 16}},
    {&f::dnskey_reserved,
     {.name = "Key Signing Key",
      .abbrev = "dns.dnskey.flags.reserved",
      .type = FT::kUint16,
      .base = Base::kHex,
      .bitmask = 0xfe7e,
      .blurb = "Must be zero"}},
    {&f::dnskey_protocol,
     {.name = "Protocol", .abbrev = "dns.dnskey.protocol", .type = FT::kUint8, .base = Base::kDec}},
    {&f::dnskey_algorithm,
     {.name = "Algorithm",
      .abbrev = "dns.dnskey.algorithm",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kAlgorithms}},
    {&f::dnskey_key_id,
     {.name = "Key id", .abbrev = "dns.dnskey.key_id", .type = FT::kUint16, .base = Base::kDec}},
    {&f::dnskey_public_key,
     {.name = "Public Key", .abbrev = "dns.dnskey.public_key", .type = FT::kBytes}},
    {&f::ds_key_id,
     {.name = "Key id", .abbrev = "dns.ds.key_id", .type = FT::kUint16, .base = Base::kHex}},
    {&f::ds_algorithm,
     {.name = "Algorithm",
      .abbrev = "dns.ds.algorithm",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kAlgorithms}},
    {&f::ds_digest_type,
     {.name = "Digest Type",
      .abbrev = "dns.ds.digest_type",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kDigestTypes}},
    {&f::ds_digest, {.name = "Digest", .abbrev = "dns.ds.digest", .type = FT::kBytes}},
    {&f::nsec_next,
     {.name = "Next Domain Name", .abbrev = "dns.nsec.next_domain_name", .type = FT::kString}},
    {&f::nsec3_algo,
     {.name = "Hash algorithm",
      .abbrev = "dns.nsec3.algo",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kNsec3Algorithms}},
    {&f::nsec3_flags,
     {.name = "NSEC3 flags", .abbrev = "dns.nsec3.flags", .type = FT::kUint8, .base = Base::kDec}},
    {&f::nsec3_opt_out,
     {.name = "NSEC3 Opt-out flag",
      .abbrev = "dns.nsec3.flags.opt_out",
      .type = FT::kBoolean,
      .bitmask = 0x1,
      .tf = &kTfOptOut,
      .bits = 8}},
    {&f::nsec3_iterations,
     {.name = "NSEC3 iterations",
      .abbrev = "dns.nsec3.iterations",
      .type = FT::kUint16,
      .base = Base::kDec}},
    {&f::nsec3_salt_length,
     {.name = "Salt length",
      .abbrev = "dns.nsec3.salt_length",
      .type = FT::kUint8,
      .base = Base::kDec}},
    {&f::nsec3_salt_value,
     {.name = "Salt value", .abbrev = "dns.nsec3.salt_value", .type = FT::kBytes}},
    {&f::nsec3_hash_length,
     {.name = "Hash length",
      .abbrev = "dns.nsec3.hash_length",
      .type = FT::kUint8,
      .base = Base::kDec}},
    {&f::nsec3_hash_value,
     {.name = "Next hashed owner", .abbrev = "dns.nsec3.hash_value", .type = FT::kString}},
    {&f::caa_flags,
     {.name = "CAA Flags", .abbrev = "dns.caa.flags", .type = FT::kUint8, .base = Base::kHex}},
    {&f::caa_issuer_critical,
     {.name = "Issuer Critical",
      .abbrev = "dns.caa.flags.issuer_critical",
      .type = FT::kBoolean,
      .bitmask = 0x80,
      .blurb = "Other CAs must not issue certificates",
      .tf = &kTfCritical,
      .bits = 8}},
    {&f::caa_issue, {.name = "Issue", .abbrev = "dns.caa.issue", .type = FT::kString}},
    {&f::caa_iodef, {.name = "Report URL", .abbrev = "dns.caa.iodef", .type = FT::kString}},
    {&f::caa_unknown, {.name = "Unknown tag", .abbrev = "dns.caa.unknown", .type = FT::kString}},
    {&f::caa_tag_length,
     {.name = "Tag length",
      .abbrev = "dns.caa.tag_length",
      .type = FT::kUint8,
      .base = Base::kDec}},
    {&f::caa_tag, {.name = "Tag", .abbrev = "dns.caa.tag", .type = FT::kString}},
    {&f::caa_value, {.name = "Value", .abbrev = "dns.caa.value", .type = FT::kString}},
    {&f::svcb_priority,
     {.name = "SvcPriority",
      .abbrev = "dns.svcb.svcpriority",
      .type = FT::kUint16,
      .base = Base::kDec}},
    {&f::svcb_target, {.name = "TargetName", .abbrev = "dns.svcb.targetname", .type = FT::kString}},
    {&f::svcb_param, {.name = "SvcParam", .abbrev = "dns.svcb.svcparam", .type = FT::kNone}},
    {&f::svcb_param_key,
     {.name = "SvcParamKey",
      .abbrev = "dns.svcb.svcparam.key",
      .type = FT::kUint16,
      .base = Base::kDec,
      .values = kSvcParamKeys}},
    {&f::svcb_param_length,
     {.name = "SvcParamValue length",
      .abbrev = "dns.svcb.svcparam.value.length",
      .type = FT::kUint16,
      .base = Base::kDec}},
    {&f::svcb_param_value,
     {.name = "SvcParamValue", .abbrev = "dns.svcb.svcparam.value", .type = FT::kBytes}},
    {&f::svcb_alpn_length,
     {.name = "ALPN length",
      .abbrev = "dns.svcb.svcparam.alpn.length",
      .type = FT::kUint8,
      .base = Base::kDec}},
    {&f::svcb_alpn, {.name = "ALPN", .abbrev = "dns.svcb.svcparam.alpn", .type = FT::kString}},
    {&f::svcb_port,
     {.name = "Port", .abbrev = "dns.svcb.svcparam.port", .type = FT::kUint16, .base = Base::kDec}},
    {&f::svcb_ipv4hint,
     {.name = "IP", .abbrev = "dns.svcb.svcparam.ipv4hint.ip", .type = FT::kIpv4}},
    {&f::svcb_ipv6hint,
     {.name = "IP", .abbrev = "dns.svcb.svcparam.ipv6hint.ip", .type = FT::kIpv6}},
    {&f::sshfp_algorithm,
     {.name = "Algorithm",
      .abbrev = "dns.sshfp.algorithm",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kSshfpAlgorithms}},
    {&f::sshfp_fp_type,
     {.name = "Fingerprint type",
      .abbrev = "dns.sshfp.fingerprint.type",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kSshfpTypes}},
    {&f::sshfp_fingerprint,
     {.name = "Fingerprint", .abbrev = "dns.sshfp.fingerprint", .type = FT::kBytes}},
    {&f::tkey_algo_name,
     {.name = "Algorithm name", .abbrev = "dns.tkey.algo_name", .type = FT::kString}},
    {&f::tkey_inception,
     {.name = "Signature Inception",
      .abbrev = "dns.tkey.signature_inception",
      .type = FT::kAbsTime,
      .base = Base::kAbsUtc}},
    {&f::tkey_expiration,
     {.name = "Signature Expiration",
      .abbrev = "dns.tkey.signature_expiration",
      .type = FT::kAbsTime,
      .base = Base::kAbsUtc}},
    {&f::tkey_mode,
     {.name = "Mode",
      .abbrev = "dns.tkey.mode",
      .type = FT::kUint16,
      .base = Base::kDec,
      .values = kTkeyModes}},
    {&f::tkey_error,
     {.name = "Error",
      .abbrev = "dns.tkey.error",
      .type = FT::kUint16,
      .base = Base::kDec,
      .values = kErrors}},
    {&f::tkey_key_size,
     {.name = "Key Size", .abbrev = "dns.tkey.key_size", .type = FT::kUint16, .base = Base::kDec}},
    {&f::tkey_key_data, {.name = "Key Data", .abbrev = "dns.tkey.key_data", .type = FT::kBytes}},
    {&f::tkey_other_size,
     {.name = "Other Size",
      .abbrev = "dns.tkey.other_size",
      .type = FT::kUint16,
      .base = Base::kDec}},
    {&f::tkey_other_data,
     {.name = "Other Data", .abbrev = "dns.tkey.other_data", .type = FT::kBytes}},
    {&f::tsig_algorithm,
     {.name = "Algorithm Name",
      .abbrev = "dns.tsig.algorithm_name",
      .type = FT::kString,
      .blurb = "Name of algorithm used for the MAC"}},
    {&f::tsig_time_signed,
     {.name = "Time Signed",
      .abbrev = "dns.tsig.time_signed",
      .type = FT::kAbsTime,
      .base = Base::kAbsUtc}},
    {&f::tsig_fudge,
     {.name = "Fudge", .abbrev = "dns.tsig.fudge", .type = FT::kUint16, .base = Base::kDec}},
    {&f::tsig_mac_size,
     {.name = "MAC Size", .abbrev = "dns.tsig.mac_size", .type = FT::kUint16, .base = Base::kDec}},
    {&f::tsig_mac, {.name = "MAC", .abbrev = "dns.tsig.mac", .type = FT::kNone}},
    {&f::tsig_noalg,
     {.name = "No dissector for algorithm", .abbrev = "dns.tsig.noalg", .type = FT::kNone}},
    {&f::tsig_original_id,
     {.name = "Original Id",
      .abbrev = "dns.tsig.original_id",
      .type = FT::kUint16,
      .base = Base::kDec}},
    {&f::tsig_error,
     {.name = "Error",
      .abbrev = "dns.tsig.error",
      .type = FT::kUint16,
      .base = Base::kDec,
      .values = kErrors}},
    {&f::tsig_other_len,
     {.name = "Other Len",
      .abbrev = "dns.tsig.other_len",
      .type = FT::kUint16,
      .base = Base::kDec}},
    {&f::tsig_other_data,
     {.name = "Other Data", .abbrev = "dns.tsig.other_data", .type = FT::kBytes}},
    {&f::rr_data, {.name = "Data", .abbrev = "dns.data", .type = FT::kBytes}},
};

// EDNS(0) option codes (IANA "DNS EDNS0 Option Codes") that tshark decodes.
enum class EdnsOption : uint16_t {
  kDau = 5,  // RFC 6975: DNSSEC algorithms understood
  kDhu = 6,  // DS hash understood
  kN3u = 7,  // NSEC3 hash understood
  kClientSubnet = 8,
  kCookie = 10,
  kTcpKeepalive = 11,
  kPadding = 12,
  kChain = 13,
  kClientSubnetExperimental = 20730,  // the code used before RFC 7871 assigned 8
};

// Address families of the client subnet option (IANA address family numbers).
constexpr uint16_t kAddressFamilyIpv4 = 1;
constexpr uint16_t kAddressFamilyIpv6 = 2;

// SVCB/HTTPS parameter keys (RFC 9460) with a decoded value.
enum class SvcParamKey : uint16_t {
  kAlpn = 1,
  kPort = 3,
  kIpv4Hint = 4,
  kIpv6Hint = 6,
};

// RSA/MD5 (RFC 4034 Appendix B.1) has its own key tag: the key's next-to-last two bytes.
constexpr uint8_t kDnssecAlgorithmRsaMd5 = 1;

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
  append_time_secs(label, v);
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
          append_format(label, "Unknown ({})", type);
        int n = m.pkt.tree.add(tree, resp_type_field(), m.r, off, 1, Value::of_uint(type));
        if (m.want_text) m.pkt.set_label(n, label);
      }
    }
  }
}

// RFC 4034 Appendix B: the key tag of a DNSKEY, computed over its RDATA.
uint16_t key_tag(const Message& m, size_t off, size_t len, uint8_t algorithm) {
  if (algorithm == kDnssecAlgorithmRsaMd5)
    return len >= 4 ? static_cast<uint16_t>(m.r.u16(off + len - 3)) : 0;
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
  switch (static_cast<EdnsOption>(code)) {
    case EdnsOption::kDau:
    case EdnsOption::kDhu:
    case EdnsOption::kN3u: {
      const auto option = static_cast<EdnsOption>(code);
      FieldId fid = option == EdnsOption::kDau   ? f::opt_dau
                    : option == EdnsOption::kDhu ? f::opt_dhu
                                                 : f::opt_n3u;
      for (size_t i = 0; i < len; ++i) pkt.add_item(o, fid, m.r, data + i, 1);
      break;
    }
    case EdnsOption::kClientSubnet:
    case EdnsOption::kClientSubnetExperimental: {
      uint16_t family = m.r.u16(data);
      pkt.add_item(o, f::opt_client_family, m.r, data, 2);
      pkt.add_item(o, f::opt_client_netmask, m.r, data + 2, 1);
      pkt.add_item(o, f::opt_client_scope, m.r, data + 3, 1);
      size_t addr_len = len > 4 ? len - 4u : 0;
      const uint8_t* src = m.r.ptr(data + 4, addr_len);
      if (family == kAddressFamilyIpv4) {
        uint32_t a = 0;
        for (size_t i = 0; i < 4; ++i) a = (a << 8) | (i < addr_len ? src[i] : 0);
        pkt.tree.add(o, f::opt_client_addr4, m.r, data + 4, addr_len, Value::of_uint(a));
      } else if (family == kAddressFamilyIpv6) {
        uint8_t* a = static_cast<uint8_t*>(pkt.arena.alloc(16, 1));
        for (size_t i = 0; i < 16; ++i) a[i] = i < addr_len ? src[i] : 0;
        pkt.tree.add(o, f::opt_client_addr6, m.r, data + 4, addr_len, Value::of_bytes(a, 16));
      }
      break;
    }
    case EdnsOption::kCookie:
      pkt.add_item(o, f::opt_cookie_client, m.r, data, len < 8 ? len : 8);
      pkt.add_item(o, f::opt_cookie_server, m.r, data + 8, len > 8 ? len - 8u : 0);
      break;
    case EdnsOption::kTcpKeepalive:
      if (len == 2) pkt.add_item(o, f::opt_keepalive, m.r, data, 2);
      break;
    case EdnsOption::kPadding:
      pkt.add_item(o, f::opt_padding, m.r, data, len);
      break;
    case EdnsOption::kChain:
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
  switch (static_cast<SvcParamKey>(key)) {
    case SvcParamKey::kAlpn:
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
    case SvcParamKey::kPort:
      m.pkt.add_item(p, f::svcb_port, m.r, data, 2);
      if (m.want_text) append_format(label, "={}", m.r.u16(data));
      break;
    case SvcParamKey::kIpv4Hint:
      for (size_t q = data; q + 4 <= end; q += 4) {
        m.pkt.add_item(p, f::svcb_ipv4hint, m.r, q, 4);
        if (m.want_text) {
          next();
          append_ipv4(label, m.r.u32(q));
        }
      }
      break;
    case SvcParamKey::kIpv6Hint:
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

// One record's data being dissected: where it is, and where its Info column text and tree
// label suffix (", addr 1.2.3.4") go when text is wanted.
struct Rdata {
  const Message& m;
  int tree;
  uint16_t type;
  size_t off, len, end;
  std::string& info;
  std::string& label;
  bool text() const { return m.want_text; }
  Packet& pkt() const { return m.pkt; }
};

void append_address(const Rdata& d, const std::string& addr) {
  d.info += ' ' + addr;
  d.label += ", addr " + addr;
}

void rdata_a(const Rdata& d) {
  d.pkt().add_item(d.tree, f::a, d.m.r, d.off, 4);
  if (!d.text()) return;
  std::string addr;
  append_ipv4(addr, d.m.r.u32(d.off));
  append_address(d, addr);
}

void rdata_aaaa(const Rdata& d) {
  d.pkt().add_item(d.tree, f::aaaa, d.m.r, d.off, 16);
  if (!d.text()) return;
  std::string addr;
  append_ipv6(addr, d.m.r.ptr(d.off, 16));
  append_address(d, addr);
}

// NS, CNAME and PTR: a single domain name.
void rdata_domain_name(const Rdata& d) {
  const auto type = static_cast<RrType>(d.type);
  FieldId fid = type == RrType::kNs ? f::ns : type == RrType::kCname ? f::cname : f::ptr;
  Name n = add_name(d.m, d.tree, fid, d.off);
  if (!d.text()) return;
  d.info += ' ';
  d.info += n.text;
  d.label += type == RrType::kNs ? ", ns " : type == RrType::kCname ? ", cname " : ", ";
  d.label += n.text;
}

void rdata_soa(const Rdata& d) {
  const Message& m = d.m;
  Name mname = add_name(m, d.tree, f::soa_mname, d.off);
  size_t p = d.off + mname.wire_len;
  Name rname = add_name(m, d.tree, f::soa_rname, p);
  p += rname.wire_len;
  d.pkt().add_item(d.tree, f::soa_serial, m.r, p, 4);
  add_seconds(m, d.tree, f::soa_refresh, p + 4);
  add_seconds(m, d.tree, f::soa_retry, p + 8);
  add_seconds(m, d.tree, f::soa_expire, p + 12);
  add_seconds(m, d.tree, f::soa_minimum, p + 16);
  if (!d.text()) return;
  d.info += ' ';
  d.info += mname.text;
  d.label += ", mname ";
  d.label += mname.text;
}

void rdata_mx(const Rdata& d) {
  uint16_t pref = d.m.r.u16(d.off);
  d.pkt().add_item(d.tree, f::mx_pref, d.m.r, d.off, 2);
  Name n = add_name(d.m, d.tree, f::mx_exchange, d.off + 2);
  if (!d.text()) return;
  append_format(d.info, " {} {}", pref, n.text);
  append_format(d.label, ", preference {}, mx {}", pref, n.text);
}

// Two character-strings, CPU then OS.
void rdata_hinfo(const Rdata& d) {
  const ByteReader& r = d.m.r;
  Packet& pkt = d.pkt();
  uint8_t cpu_len = r.u8(d.off);
  pkt.add_item(d.tree, f::hinfo_cpu_length, r, d.off, 1);
  pkt.add_item(d.tree, f::hinfo_cpu, r, d.off + 1, cpu_len);
  size_t os_at = d.off + 1 + cpu_len;
  uint8_t os_len = r.u8(os_at);
  pkt.add_item(d.tree, f::hinfo_os_length, r, os_at, 1);
  pkt.add_item(d.tree, f::hinfo_os, r, os_at + 1, os_len);
  if (!d.text()) return;
  std::string_view cpu = r.text(d.off + 1, cpu_len), os = r.text(os_at + 1, os_len);
  append_format(d.info, " {} {}", cpu, os);
  append_format(d.label, ", CPU {}, OS {}", cpu, os);
}

void rdata_txt(const Rdata& d) {
  for (size_t p = d.off; p < d.end;) {
    uint8_t l = d.m.r.u8(p);
    d.pkt().add_item(d.tree, f::txt_len, d.m.r, p, 1);
    d.pkt().add_item(d.tree, f::txt, d.m.r, p + 1, l);
    p += 1 + size_t{l};
  }
}

void rdata_srv(const Rdata& d) {
  const ByteReader& r = d.m.r;
  uint16_t prio = r.u16(d.off), weight = r.u16(d.off + 2), port = r.u16(d.off + 4);
  d.pkt().add_item(d.tree, f::srv_priority, r, d.off, 2);
  d.pkt().add_item(d.tree, f::srv_weight, r, d.off + 2, 2);
  d.pkt().add_item(d.tree, f::srv_port, r, d.off + 4, 2);
  Name target = add_name(d.m, d.tree, f::srv_target, d.off + 6);
  if (!d.text()) return;
  append_format(d.info, " {} {} {} {}", prio, weight, port, target.text);
  append_format(d.label, ", priority {}, weight {}, port {}, target {}", prio,
                 weight, port, target.text);
}

void rdata_ds(const Rdata& d) {
  d.pkt().add_item(d.tree, f::ds_key_id, d.m.r, d.off, 2);
  d.pkt().add_item(d.tree, f::ds_algorithm, d.m.r, d.off + 2, 1);
  d.pkt().add_item(d.tree, f::ds_digest_type, d.m.r, d.off + 3, 1);
  d.pkt().add_item(d.tree, f::ds_digest, d.m.r, d.off + 4, d.len - 4);
}

void rdata_sshfp(const Rdata& d) {
  d.pkt().add_item(d.tree, f::sshfp_algorithm, d.m.r, d.off, 1);
  d.pkt().add_item(d.tree, f::sshfp_fp_type, d.m.r, d.off + 1, 1);
  d.pkt().add_item(d.tree, f::sshfp_fingerprint, d.m.r, d.off + 2, d.len - 2);
}

void rdata_rrsig(const Rdata& d) {
  const Message& m = d.m;
  Packet& pkt = d.pkt();
  const size_t off = d.off;
  pkt.add_item(d.tree, f::rrsig_type_covered, m.r, off, 2);
  pkt.add_item(d.tree, f::rrsig_algorithm, m.r, off + 2, 1);
  pkt.add_item(d.tree, f::rrsig_labels, m.r, off + 3, 1);
  add_seconds(m, d.tree, f::rrsig_original_ttl, off + 4);
  add_epoch(m, d.tree, f::rrsig_expiration, off + 8, 4);
  add_epoch(m, d.tree, f::rrsig_inception, off + 12, 4);
  pkt.add_item(d.tree, f::rrsig_key_tag, m.r, off + 16, 2);
  Name signer = add_name(m, d.tree, f::rrsig_signers_name, off + 18);
  size_t sig = off + 18 + signer.wire_len;
  pkt.add_item(d.tree, f::rrsig_signature, m.r, sig, d.end - sig);
}

void rdata_nsec(const Rdata& d) {
  Name next = add_name(d.m, d.tree, f::nsec_next, d.off);
  add_type_bitmap(d.m, d.tree, d.off + next.wire_len, d.end);
  if (!d.text()) return;
  d.info += ' ';
  d.info += next.text;
  d.label += ", next domain name ";
  d.label += next.text;
}

void rdata_dnskey(const Rdata& d) {
  const ByteReader& r = d.m.r;
  Packet& pkt = d.pkt();
  int fl = pkt.add_item(d.tree, f::dnskey_flags, r, d.off, 2);
  for (FieldId bit : {f::dnskey_zone_key, f::dnskey_revoked, f::dnskey_sep, f::dnskey_reserved})
    pkt.add_item(fl, bit, r, d.off, 2);
  pkt.add_item(d.tree, f::dnskey_protocol, r, d.off + 2, 1);
  uint8_t algorithm = r.u8(d.off + 3);
  pkt.add_item(d.tree, f::dnskey_algorithm, r, d.off + 3, 1);
  pkt.add_generated_uint(d.tree, f::dnskey_key_id, key_tag(d.m, d.off, d.len, algorithm));
  pkt.add_item(d.tree, f::dnskey_public_key, r, d.off + 4, d.len - 4);
}

void rdata_nsec3(const Rdata& d) {
  const Message& m = d.m;
  Packet& pkt = d.pkt();
  const size_t off = d.off;
  pkt.add_item(d.tree, f::nsec3_algo, m.r, off, 1);
  int fl = pkt.add_item(d.tree, f::nsec3_flags, m.r, off + 1, 1);
  pkt.add_item(fl, f::nsec3_opt_out, m.r, off + 1, 1);
  pkt.add_item(d.tree, f::nsec3_iterations, m.r, off + 2, 2);
  uint8_t salt_len = m.r.u8(off + 4);
  pkt.add_item(d.tree, f::nsec3_salt_length, m.r, off + 4, 1);
  pkt.add_item(d.tree, f::nsec3_salt_value, m.r, off + 5, salt_len);
  size_t h = off + 5 + salt_len;
  uint8_t hash_len = m.r.u8(h);
  pkt.add_item(d.tree, f::nsec3_hash_length, m.r, h, 1);
  std::string_view hash = base32hex(m, m.r.ptr(h + 1, hash_len), hash_len);
  add_string(m, d.tree, f::nsec3_hash_value, h + 1, hash_len, hash, kGenerated);
  add_type_bitmap(m, d.tree, h + 1 + hash_len, d.end);
}

// SVCB and HTTPS: priority, target name, then parameters.
void rdata_svcb(const Rdata& d) {
  d.pkt().add_item(d.tree, f::svcb_priority, d.m.r, d.off, 2);
  Name target = add_name(d.m, d.tree, f::svcb_target, d.off + 2);
  for (size_t p = d.off + 2 + target.wire_len; p < d.end; p += 4 + size_t{d.m.r.u16(p + 2)})
    dissect_svc_param(d.m, d.tree, p);
}

void rdata_tkey(const Rdata& d) {
  const Message& m = d.m;
  Packet& pkt = d.pkt();
  Name alg = add_name(m, d.tree, f::tkey_algo_name, d.off);
  size_t p = d.off + alg.wire_len;
  add_epoch(m, d.tree, f::tkey_inception, p, 4);
  add_epoch(m, d.tree, f::tkey_expiration, p + 4, 4);
  pkt.add_item(d.tree, f::tkey_mode, m.r, p + 8, 2);
  pkt.add_item(d.tree, f::tkey_error, m.r, p + 10, 2);
  uint16_t key_size = m.r.u16(p + 12);
  pkt.add_item(d.tree, f::tkey_key_size, m.r, p + 12, 2);
  pkt.add_item(d.tree, f::tkey_key_data, m.r, p + 14, key_size);
  p += 14 + size_t{key_size};
  uint16_t other = m.r.u16(p);
  pkt.add_item(d.tree, f::tkey_other_size, m.r, p, 2);
  if (other) pkt.add_item(d.tree, f::tkey_other_data, m.r, p + 2, other);
}

void rdata_tsig(const Rdata& d) {
  const Message& m = d.m;
  Packet& pkt = d.pkt();
  Name alg = add_name(m, d.tree, f::tsig_algorithm, d.off);
  size_t p = d.off + alg.wire_len;
  add_epoch(m, d.tree, f::tsig_time_signed, p, 6);
  pkt.add_item(d.tree, f::tsig_fudge, m.r, p + 6, 2);
  uint16_t mac_size = m.r.u16(p + 8);
  pkt.add_item(d.tree, f::tsig_mac_size, m.r, p + 8, 2);
  int mac = pkt.add_item(d.tree, f::tsig_mac, m.r, p + 10, mac_size);
  // tshark decodes the MAC of GSS-TSIG only; any other algorithm is noted as undecoded.
  if (mac_size && alg.text != "gss-tsig")
    add_expert(pkt, mac, f::tsig_noalg, m.r, p + 10, mac_size,
               fmt::format("No dissector for algorithm:{}", alg.text), kExpertWarn,
               kGroupUndecoded);
  p += 10 + size_t{mac_size};
  pkt.add_item(d.tree, f::tsig_original_id, m.r, p, 2);
  pkt.add_item(d.tree, f::tsig_error, m.r, p + 2, 2);
  uint16_t other = m.r.u16(p + 4);
  pkt.add_item(d.tree, f::tsig_other_len, m.r, p + 4, 2);
  if (other) pkt.add_item(d.tree, f::tsig_other_data, m.r, p + 6, other);
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

void dissect_rdata(const Message& m, int tree, uint16_t type, size_t off, size_t len,
                   std::string& info, std::string& label) {
  m.r.need(off, len);
  if (len == 0) return;
  const Rdata d{m, tree, type, off, len, off + len, info, label};
  switch (static_cast<RrType>(type)) {
    case RrType::kA:
      return rdata_a(d);
    case RrType::kAaaa:
      return rdata_aaaa(d);
    case RrType::kNs:
    case RrType::kCname:
    case RrType::kPtr:
      return rdata_domain_name(d);
    case RrType::kSoa:
      return rdata_soa(d);
    case RrType::kMx:
      return rdata_mx(d);
    case RrType::kHinfo:
      return rdata_hinfo(d);
    case RrType::kTxt:
      return rdata_txt(d);
    case RrType::kSrv:
      return rdata_srv(d);
    case RrType::kOpt:
      for (size_t p = off; p < d.end; p += 4 + size_t{m.r.u16(p + 2)})
        dissect_opt_option(m, tree, p);
      return;
    case RrType::kDs:
      return rdata_ds(d);
    case RrType::kSshfp:
      return rdata_sshfp(d);
    case RrType::kRrsig:
      return rdata_rrsig(d);
    case RrType::kNsec:
      return rdata_nsec(d);
    case RrType::kDnskey:
      return rdata_dnskey(d);
    case RrType::kNsec3:
      return rdata_nsec3(d);
    case RrType::kSvcb:
    case RrType::kHttps:
      return rdata_svcb(d);
    case RrType::kTkey:
      return rdata_tkey(d);
    case RrType::kTsig:
      return rdata_tsig(d);
    case RrType::kCaa:
      return dissect_caa(m, tree, off, d.end);
  }
  m.pkt.add_item(tree, f::rr_data, m.r, off, len);
}

void register_record_fields(FieldId proto) {
  FieldRegistry& reg = registry();
  type_covered_field.def.values = kTypeValues;
  reg.add_fields(proto, {&type_covered_field, 1});
  reg.add_fields(proto, kFields);
}

}  // namespace netsift::dns
