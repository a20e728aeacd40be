// ICMPv6 (RFC 4443) with Neighbor Discovery (RFC 4861, 8106) and MLD (RFC 2710, 3810):
// tshark 4.0's fields, labels and Info texts, echo matching, and quoted packets of errors.
#include <fmt/format.h>

#include "analysis/icmp_transactions.h"
#include "core/field_registry.h"
#include "core/internet_checksum.h"
#include "core/session.h"
#include "core/value_strings.h"
#include "dissectors/checksum_items.h"
#include "dissectors/esp.h"
#include "dissectors/icmp_fields.h"
#include "dissectors/ip.h"

namespace netsift {

namespace icmpv6_fields {
ProtocolField icmpv6;
UintField type, code;
}  // namespace icmpv6_fields

namespace {

using namespace icmpv6_fields;
FieldId checksum, checksum_status, checksum_bad, reserved, mtu, pointer, echo_id, echo_seq, resp_in,
    no_resp, resp_not_found, resp_to, resptime, transactions_limit;
FieldId ra_hop_limit, ra_flag, ra_flag_m, ra_flag_o, ra_flag_h, ra_flag_prf, ra_flag_p, ra_flag_rsv,
    ra_lifetime, ra_reachable, ra_retrans, ns_target, na_flag, na_flag_r, na_flag_s, na_flag_o,
    na_flag_rsv, na_target, rd_target, rd_destination;
FieldId opt, opt_type, opt_length, opt_reserved, opt_padding, opt_linkaddr, opt_src_linkaddr,
    opt_target_linkaddr, opt_prefix_length, opt_prefix_flag, opt_prefix_l, opt_prefix_a,
    opt_prefix_r, opt_prefix_rsv, opt_valid_lifetime, opt_preferred_lifetime, opt_prefix, opt_mtu,
    opt_advint, opt_rdnss_lifetime, opt_rdnss, opt_dnssl_lifetime, opt_dnssl;
FieldId mld_delay, mld_mcast, mld_code, mld_flag, mld_flag_s, mld_flag_qrv, mld_flag_rsv, mld_qqi,
    mld_nb_sources, mld_source, mldr_nb_records, mldr_mar, mldr_type, mldr_aux_len, mldr_nb_sources,
    mldr_mcast, mldr_source, mldr_aux;

enum : uint8_t {
  kUnreachable = 1,
  kTooBig = 2,
  kTimeExceeded = 3,
  kParamProblem = 4,
  kEcho = 128,
  kEchoReply = 129,
  kMldQuery = 130,
  kMldReport = 131,
  kMldDone = 132,
  kRouterSolicit = 133,
  kRouterAdvert = 134,
  kNeighborSolicit = 135,
  kNeighborAdvert = 136,
  kRedirect = 137,
  kMldv2Report = 143,
};

// Neighbor Discovery option types (RFC 4861 4.6, RFC 6275 7.3, RFC 8106) that get fields.
enum NdOption : uint8_t {
  kOptSourceLinkAddr = 1,
  kOptTargetLinkAddr = 2,
  kOptPrefixInfo = 3,
  kOptMtu = 5,
  kOptAdvertisementInterval = 7,
  kOptRdnss = 25,
  kOptDnssl = 31,
};

const ValueName kTypeNames[] = {
    {1, "Destination Unreachable"},
    {2, "Packet Too Big"},
    {3, "Time Exceeded"},
    {4, "Parameter Problem"},
    {100, "Private experimentation"},
    {101, "Private experimentation"},
    {127, "Reserved for expansion of ICMPv6 error messages"},
    {128, "Echo (ping) request"},
    {129, "Echo (ping) reply"},
    {130, "Multicast Listener Query"},
    {131, "Multicast Listener Report"},
    {132, "Multicast Listener Done"},
    {133, "Router Solicitation"},
    {134, "Router Advertisement"},
    {135, "Neighbor Solicitation"},
    {136, "Neighbor Advertisement"},
    {137, "Redirect"},
    {138, "Router Renumbering"},
    {139, "Node Information Query"},
    {140, "Node Information Reply"},
    {141, "Inverse Neighbor Discovery Solicitation"},
    {142, "Inverse Neighbor Discovery Advertisement"},
    {143, "Multicast Listener Report Message v2"},
    {144, "Home Agent Address Discovery Request"},
    {145, "Home Agent Address Discovery Reply"},
    {146, "Mobile Prefix Solicitation"},
    {147, "Mobile Prefix Advertisement"},
    {148, "Certification Path Solicitation"},
    {149, "Certification Path Advertisement"},
    {150, "Experimental Mobility"},
    {151, "Multicast Router Advertisement"},
    {152, "Multicast Router Solicitation"},
    {153, "Multicast Router Termination"},
    {154, "FMIPv6"},
    {155, "RPL Control"},
    {156, "Locator Update"},
    {157, "Duplicate Address Request"},
    {158, "Duplicate Address Confirmation"},
    {159, "MPL Control Message"},
    {160, "Extended Echo request"},
    {161, "Extended Echo reply"},
    {200, "Private experimentation"},
    {201, "Private experimentation"},
    {255, "Reserved for expansion of ICMPv6 informational messages"},
};
const ValueName kUnreachCodes[] = {{0, "No route to destination"},
                                   {1, "Administratively prohibited"},
                                   {2, "Beyond scope of source address"},
                                   {3, "Address unreachable"},
                                   {4, "Port unreachable"},
                                   {5, "Source address failed ingress/egress policy"},
                                   {6, "Reject route to destination"},
                                   {7, "Error in Source Routing Header"}};
const ValueName kTimeExceededCodes[] = {{0, "hop limit exceeded in transit"},
                                        {1, "fragment reassembly time exceeded"}};
const ValueName kParamProblemCodes[] = {
    {0, "erroneous header field encountered"},
    {1, "unrecognized Next Header type encountered"},
    {2, "unrecognized IPv6 option encountered"},
    {3, "IPv6 First Fragment has incomplete IPv6 Header Chain"}};
const ValueName kOptionNames[] = {{1, "Source link-layer address"},
                                  {2, "Target link-layer address"},
                                  {3, "Prefix information"},
                                  {4, "Redirected header"},
                                  {5, "MTU"},
                                  {6, "NBMA Shortcut Limit Option"},
                                  {7, "Advertisement Interval"},
                                  {8, "Home Agent Information"},
                                  {9, "Source Address List"},
                                  {10, "Target Address List"},
                                  {11, "CGA"},
                                  {12, "RSA Signature"},
                                  {13, "Timestamp"},
                                  {14, "Nonce"},
                                  {15, "Trust Anchor"},
                                  {16, "Certificate"},
                                  {17, "IP Address/Prefix Option"},
                                  {18, "New Router Prefix Information"},
                                  {19, "Link-layer Address"},
                                  {20, "Neighbor Advertisement Acknowledgment"},
                                  {23, "MAP"},
                                  {24, "Route Information"},
                                  {25, "Recursive DNS Server"},
                                  {26, "RA Flags Extension"},
                                  {27, "Handover Key Request"},
                                  {28, "Handover Key Reply"},
                                  {29, "Handover Assist Information"},
                                  {30, "Mobile Node Identifier Option"},
                                  {31, "DNS Search List Option"},
                                  {32, "Proxy Signature (PS)"},
                                  {33, "Address Registration Option"},
                                  {34, "6LoWPAN Context Option"},
                                  {35, "Authoritative Border Router"},
                                  {36, "6LoWPAN Capability Indication Option"},
                                  {37, "DHCP Captive-Portal"},
                                  {38, "PREF64 Option"},
                                  {138, "CARD Request"},
                                  {139, "CARD Reply"},
                                  {253, "RFC3692-style Experiment 1"},
                                  {254, "RFC3692-style Experiment 2"}};
const ValueName kPreference[] = {{0, "Medium"}, {1, "High"}, {2, "Reserved"}, {3, "Low"}};
const ValueName kRecordTypes[] = {{1, "Include"},
                                  {2, "Exclude"},
                                  {3, "Changed to include"},
                                  {4, "Changed to exclude"},
                                  {5, "Allow new sources"},
                                  {6, "Block old sources"}};
const ValueName kPrefixLifetime[] = {{0xffffffff, "Infinity"}};
const ValueName kRdnssLifetime[] = {{0, "RDNSS address MUST no longer be used"},
                                    {0xffffffff, "Infinity"}};
const ValueName kDnsslLifetime[] = {{0, "DNSSL domain name MUST no longer be used"},
                                    {0xffffffff, "Infinity"}};

constexpr FieldType U8 = FieldType::kUint8, U16 = FieldType::kUint16, U32 = FieldType::kUint32,
                    IP6 = FieldType::kIpv6, BOOL = FieldType::kBoolean, NONE = FieldType::kNone;

const FieldReg kFields[] = {
    {&type,
     {.name = "Type",
      .abbrev = "icmpv6.type",
      .type = U8,
      .base = Base::kDec,
      .values = kTypeNames}},
    {&code, {.name = "Code", .abbrev = "icmpv6.code", .type = U8, .base = Base::kDec}},
    {&checksum, {.name = "Checksum", .abbrev = "icmpv6.checksum", .type = U16, .base = Base::kHex}},
    {&checksum_status,
     {.name = "Checksum Status",
      .abbrev = "icmpv6.checksum.status",
      .type = U8,
      .values = kChecksumStatusNames}},
    {&reserved, {.name = "Reserved", .abbrev = "icmpv6.reserved", .type = FieldType::kBytes}},
    {&mtu, {.name = "MTU", .abbrev = "icmpv6.mtu", .type = U32, .base = Base::kDec}},
    {&pointer, {.name = "Pointer", .abbrev = "icmpv6.pointer", .type = U32, .base = Base::kDec}},
    {&echo_id,
     {.name = "Identifier", .abbrev = "icmpv6.echo.identifier", .type = U16, .base = Base::kHex}},
    {&echo_seq,
     {.name = "Sequence",
      .abbrev = "icmpv6.echo.sequence_number",
      .type = U16,
      .base = Base::kDec}},
    {&resp_in,
     {.name = "Response In",
      .abbrev = "icmpv6.resp_in",
      .type = FieldType::kFrameNum,
      .blurb = "The response to this request is in this frame"}},
    {&no_resp,
     {.name = "No response seen",
      .abbrev = "icmpv6.no_resp",
      .type = FieldType::kNone,
      .blurb = "No corresponding response frame was seen"}},
    {&resp_not_found,
     {.name = "Response not found", .abbrev = "icmpv6.resp_not_found", .type = FieldType::kNone}},
    // netsift's own: the echo requests' memory budget made this request forget the oldest.
    {&transactions_limit,
     {.name = "ICMPv6 transactions limit reached",
      .abbrev = "icmpv6.transactions_limit",
      .type = FieldType::kNone}},
    {&resp_to, {.name = "Response To", .abbrev = "icmpv6.resp_to", .type = FieldType::kFrameNum}},
    {&resptime, {.name = "Response Time", .abbrev = "icmpv6.resptime", .type = FieldType::kDouble}},
    {&ra_hop_limit,
     {.name = "Cur hop limit",
      .abbrev = "icmpv6.nd.ra.cur_hop_limit",
      .type = U8,
      .base = Base::kDec}},
    {&ra_flag, {.name = "Flags", .abbrev = "icmpv6.nd.ra.flag", .type = U8, .base = Base::kHex}},
    {&ra_flag_m,
     {.name = "Managed address configuration",
      .abbrev = "icmpv6.nd.ra.flag.m",
      .type = BOOL,
      .bitmask = 0x80,
      .tf = &kSetNotSet,
      .bits = 8}},
    {&ra_flag_o,
     {.name = "Other configuration",
      .abbrev = "icmpv6.nd.ra.flag.o",
      .type = BOOL,
      .bitmask = 0x40,
      .tf = &kSetNotSet,
      .bits = 8}},
    {&ra_flag_h,
     {.name = "Home Agent",
      .abbrev = "icmpv6.nd.ra.flag.h",
      .type = BOOL,
      .bitmask = 0x20,
      .tf = &kSetNotSet,
      .bits = 8}},
    {&ra_flag_prf,
     {.name = "Prf (Default Router Preference)",
      .abbrev = "icmpv6.nd.ra.flag.prf",
      .type = U8,
      .base = Base::kDec,
      .values = kPreference,
      .bitmask = 0x18}},
    {&ra_flag_p,
     {.name = "Proxy",
      .abbrev = "icmpv6.nd.ra.flag.p",
      .type = BOOL,
      .bitmask = 0x04,
      .tf = &kSetNotSet,
      .bits = 8}},
    {&ra_flag_rsv,
     {.name = "Reserved",
      .abbrev = "icmpv6.nd.ra.flag.rsv",
      .type = U8,
      .base = Base::kDec,
      .bitmask = 0x03}},
    {&ra_lifetime,
     {.name = "Router lifetime (s)",
      .abbrev = "icmpv6.nd.ra.router_lifetime",
      .type = U16,
      .base = Base::kDec}},
    {&ra_reachable,
     {.name = "Reachable time (ms)",
      .abbrev = "icmpv6.nd.ra.reachable_time",
      .type = U32,
      .base = Base::kDec}},
    {&ra_retrans,
     {.name = "Retrans timer (ms)",
      .abbrev = "icmpv6.nd.ra.retrans_timer",
      .type = U32,
      .base = Base::kDec}},
    {&ns_target, {.name = "Target Address", .abbrev = "icmpv6.nd.ns.target_address", .type = IP6}},
    {&na_flag, {.name = "Flags", .abbrev = "icmpv6.nd.na.flag", .type = U32, .base = Base::kHex}},
    {&na_flag_r,
     {.name = "Router",
      .abbrev = "icmpv6.nd.na.flag.r",
      .type = BOOL,
      .bitmask = 0x80000000,
      .tf = &kSetNotSet,
      .bits = 32}},
    {&na_flag_s,
     {.name = "Solicited",
      .abbrev = "icmpv6.nd.na.flag.s",
      .type = BOOL,
      .bitmask = 0x40000000,
      .tf = &kSetNotSet,
      .bits = 32}},
    {&na_flag_o,
     {.name = "Override",
      .abbrev = "icmpv6.nd.na.flag.o",
      .type = BOOL,
      .bitmask = 0x20000000,
      .tf = &kSetNotSet,
      .bits = 32}},
    {&na_flag_rsv,
     {.name = "Reserved",
      .abbrev = "icmpv6.nd.na.flag.rsv",
      .type = U32,
      .base = Base::kDec,
      .bitmask = 0x1fffffff}},
    {&na_target, {.name = "Target Address", .abbrev = "icmpv6.nd.na.target_address", .type = IP6}},
    {&rd_target, {.name = "Target Address", .abbrev = "icmpv6.nd.rd.target_address", .type = IP6}},
    {&rd_destination,
     {.name = "Destination Address", .abbrev = "icmpv6.rd.na.destination_address", .type = IP6}},
    {&opt, {.name = "ICMPv6 Option", .abbrev = "icmpv6.opt", .type = NONE}},
    {&opt_type,
     {.name = "Type",
      .abbrev = "icmpv6.opt.type",
      .type = U8,
      .base = Base::kDec,
      .values = kOptionNames}},
    {&opt_length,
     {.name = "Length", .abbrev = "icmpv6.opt.length", .type = U8, .base = Base::kDec}},
    {&opt_reserved, {.name = "Reserved", .abbrev = "icmpv6.opt.reserved", .type = NONE}},
    {&opt_padding, {.name = "Padding", .abbrev = "icmpv6.opt.padding", .type = NONE}},
    {&opt_linkaddr,
     {.name = "Link-layer address",
      .abbrev = "icmpv6.opt.linkaddr",
      .type = FieldType::kBytes,
      .base = Base::kSepColon}},
    {&opt_src_linkaddr,
     {.name = "Source Link-layer address",
      .abbrev = "icmpv6.opt.src_linkaddr",
      .type = FieldType::kBytes,
      .base = Base::kSepColon}},
    {&opt_target_linkaddr,
     {.name = "Target Link-layer address",
      .abbrev = "icmpv6.opt.target_linkaddr",
      .type = FieldType::kBytes,
      .base = Base::kSepColon}},
    {&opt_prefix_length,
     {.name = "Prefix Length",
      .abbrev = "icmpv6.opt.prefix.length",
      .type = U8,
      .base = Base::kDec}},
    {&opt_prefix_flag,
     {.name = "Flag", .abbrev = "icmpv6.opt.prefix.flag", .type = U8, .base = Base::kHex}},
    {&opt_prefix_l,
     {.name = "On-link flag(L)",
      .abbrev = "icmpv6.opt.prefix.flag.l",
      .type = BOOL,
      .bitmask = 0x80,
      .tf = &kSetNotSet,
      .bits = 8}},
    {&opt_prefix_a,
     {.name = "Autonomous address-configuration flag(A)",
      .abbrev = "icmpv6.opt.prefix.flag.a",
      .type = BOOL,
      .bitmask = 0x40,
      .tf = &kSetNotSet,
      .bits = 8}},
    {&opt_prefix_r,
     {.name = "Router address flag(R)",
      .abbrev = "icmpv6.opt.prefix.flag.r",
      .type = BOOL,
      .bitmask = 0x20,
      .tf = &kSetNotSet,
      .bits = 8}},
    {&opt_prefix_rsv,
     {.name = "Reserved",
      .abbrev = "icmpv6.opt.prefix.flag.reserved",
      .type = U8,
      .base = Base::kDec,
      .bitmask = 0x1f}},
    {&opt_valid_lifetime,
     {.name = "Valid Lifetime",
      .abbrev = "icmpv6.opt.prefix.valid_lifetime",
      .type = U32,
      .base = Base::kDecSpecial,
      .values = kPrefixLifetime}},
    {&opt_preferred_lifetime,
     {.name = "Preferred Lifetime",
      .abbrev = "icmpv6.opt.prefix.preferred_lifetime",
      .type = U32,
      .base = Base::kDecSpecial,
      .values = kPrefixLifetime}},
    {&opt_prefix, {.name = "Prefix", .abbrev = "icmpv6.opt.prefix", .type = IP6}},
    {&opt_mtu, {.name = "MTU", .abbrev = "icmpv6.opt.mtu", .type = U32, .base = Base::kDec}},
    {&opt_advint,
     {.name = "Advertisement Interval",
      .abbrev = "icmpv6.opt.advertisement_interval",
      .type = U32,
      .base = Base::kDec}},
    {&opt_rdnss_lifetime,
     {.name = "Lifetime",
      .abbrev = "icmpv6.opt.rdnss.lifetime",
      .type = U32,
      .base = Base::kDecSpecial,
      .values = kRdnssLifetime}},
    {&opt_rdnss, {.name = "Recursive DNS Servers", .abbrev = "icmpv6.opt.rdnss", .type = IP6}},
    {&opt_dnssl_lifetime,
     {.name = "Lifetime",
      .abbrev = "icmpv6.opt.dnssl.lifetime",
      .type = U32,
      .base = Base::kDecSpecial,
      .values = kDnsslLifetime}},
    {&opt_dnssl,
     {.name = "Domain Names", .abbrev = "icmpv6.opt.dnssl", .type = FieldType::kString}},
    {&mld_delay,
     {.name = "Maximum Response Delay [ms]",
      .abbrev = "icmpv6.mld.maximum_response_delay",
      .type = U16,
      .base = Base::kDec}},
    {&mld_mcast,
     {.name = "Multicast Address", .abbrev = "icmpv6.mld.multicast_address", .type = IP6}},
    {&mld_code,
     {.name = "Maximum Response Code",
      .abbrev = "icmpv6.mld.maximum_response_code",
      .type = U16,
      .base = Base::kDec}},
    {&mld_flag, {.name = "Flags", .abbrev = "icmpv6.mld.flag", .type = U8, .base = Base::kHex}},
    {&mld_flag_s,
     {.name = "Suppress Router-Side Processing",
      .abbrev = "icmpv6.mld.flag.s",
      .type = BOOL,
      .bitmask = 0x08,
      .tf = &kSetNotSet,
      .bits = 8}},
    {&mld_flag_qrv,
     {.name = "QRV (Querier's Robustness Variable)",
      .abbrev = "icmpv6.mld.flag.qrv",
      .type = U8,
      .base = Base::kDec,
      .bitmask = 0x07}},
    {&mld_flag_rsv,
     {.name = "Reserved",
      .abbrev = "icmpv6.mld.flag.reserved",
      .type = U8,
      .base = Base::kDec,
      .bitmask = 0xf0}},
    {&mld_qqi,
     {.name = "QQIC (Querier's Query Interval Code)",
      .abbrev = "icmpv6.mld.qqi",
      .type = U8,
      .base = Base::kDec}},
    {&mld_nb_sources,
     {.name = "Number of Sources",
      .abbrev = "icmpv6.mld.nb_sources",
      .type = U16,
      .base = Base::kDec}},
    {&mld_source, {.name = "Source Address", .abbrev = "icmpv6.mld.source_address", .type = IP6}},
    {&mldr_nb_records,
     {.name = "Number of Multicast Address Records",
      .abbrev = "icmpv6.mldr.nb_mcast_records",
      .type = U16,
      .base = Base::kDec}},
    {&mldr_mar, {.name = "Multicast Address Record", .abbrev = "icmpv6.mldr.mar", .type = NONE}},
    {&mldr_type,
     {.name = "Record Type",
      .abbrev = "icmpv6.mldr.mar.record_type",
      .type = U8,
      .base = Base::kDec,
      .values = kRecordTypes}},
    {&mldr_aux_len,
     {.name = "Aux Data Len",
      .abbrev = "icmpv6.mldr.mar.aux_data_len",
      .type = U8,
      .base = Base::kDec}},
    {&mldr_nb_sources,
     {.name = "Number of Sources",
      .abbrev = "icmpv6.mldr.mar.nb_sources",
      .type = U16,
      .base = Base::kDec}},
    {&mldr_mcast,
     {.name = "Multicast Address", .abbrev = "icmpv6.mldr.mar.multicast_address", .type = IP6}},
    {&mldr_source,
     {.name = "Source Address", .abbrev = "icmpv6.mldr.mar.source_address", .type = IP6}},
    {&mldr_aux,
     {.name = "Auxiliary Data",
      .abbrev = "icmpv6.mldr.mar.auxiliary_data",
      .type = FieldType::kBytes}},
    {&checksum_bad, {.name = "Bad checksum", .abbrev = "icmpv6.checksum_bad.expert", .type = NONE}},
};

const char* code_name(uint8_t t, uint8_t c) {
  switch (t) {
    case kUnreachable:
      return value_name(kUnreachCodes, c);
    case kTimeExceeded:
      return value_name(kTimeExceededCodes, c);
    case kParamProblem:
      return value_name(kParamProblemCodes, c);
    default:
      return nullptr;
  }
}

std::string mac_text(const uint8_t* p) {
  return fmt::format("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", p[0], p[1], p[2], p[3], p[4],
                     p[5]);
}

// The checksum covers a pseudo-header of the addresses, the length and next header 58.
void add_checksum(Packet& pkt, int tree, const ByteReader& r, bool in_error_packet) {
  const ChecksumItems items{checksum, checksum_status, checksum_bad, kExpertWarn};
  bool have_addresses = pkt.net_src.type == AddressType::kIpv6;
  if (r.truncated() || in_error_packet || !have_addresses)
    return add_unverified_checksum(pkt, tree, r, 2, items,
                                   in_error_packet ? " [in ICMP error packet]" : "");
  uint32_t sum = ones_sum(pkt.net_src.bytes, 16);
  sum = ones_sum(pkt.net_dst.bytes, 16, sum);
  sum += static_cast<uint32_t>(r.size()) + 58;
  sum = ones_sum(r.data(), r.size(), sum);
  add_verified_checksum(pkt, tree, r, 2, sum, items);
}

// tshark shows option reserved bytes as a bare "Reserved" label (an FT_NONE field).
void add_reserved(Packet& pkt, int tree, const ByteReader& r, size_t off, size_t len) {
  r.need(off, len);
  pkt.tree.add(tree, opt_reserved, r, off, len, Value{});
}

// DNS names in wire format (RFC 8106 DNSSL), without compression.
std::string dns_name(const ByteReader& r, size_t& off, size_t end) {
  std::string name;
  while (off < end) {
    uint8_t len = r.u8(off++);
    if (len == 0) break;
    if (!name.empty()) name.push_back('.');
    name.append(r.text(off, len));
    off += len;
  }
  return name;
}

// One option; returns its length in bytes, 0 to stop. `info` collects the link-layer address.
size_t dissect_option(Packet& pkt, int tree, const ByteReader& r, size_t off,
                      std::string& link_address) {
  uint8_t t = r.u8(off);
  size_t len = size_t{r.u8(off + 1)} * 8;
  if (len == 0) return 0;
  ByteReader o = r.sub(off, len);
  int n = pkt.tree.add(tree, opt, r, off, len, Value{});
  pkt.add_item(n, opt_type, o, 0, 1);
  int l = pkt.add_item(n, opt_length, o, 1, 1);
  if (pkt.labels) pkt.set_label(l, fmt::format("Length: {} ({} bytes)", len / 8, len));
  const char* name = value_name(kOptionNames, t);
  std::string label = fmt::format("ICMPv6 Option ({}", name ? name : "Unknown");
  switch (t) {
    case kOptSourceLinkAddr:
    case kOptTargetLinkAddr:
      if (len == 8) {
        int a = pkt.add_item(n, opt_linkaddr, o, 2, 6);
        FieldId hidden_addr = t == 1 ? opt_src_linkaddr : opt_target_linkaddr;
        int h = pkt.add_item(n, hidden_addr, o, 2, 6);
        pkt.tree[h].flags |= kHidden;
        link_address = mac_text(o.ptr(2, 6));
        label += " : " + link_address;
        if (pkt.labels) {
          std::string name;
          pkt.session->names.append_mac(name, o.ptr(2, 6), pkt.session->resolve.mac);
          pkt.set_label(a, "Link-layer address: " + name + " (" + link_address + ")");
          // The hidden twin is labelled alike (PDML shows hidden items' text).
          pkt.set_label(h, std::string(registry().info(hidden_addr).def.name) + ": " + name +
                               " (" + link_address + ")");
        }
      }
      break;
    case kOptPrefixInfo: {
      uint8_t flags = o.u8(3);
      pkt.add_item(n, opt_prefix_length, o, 2, 1);
      int f = pkt.add_item(n, opt_prefix_flag, o, 3, 1);
      if (pkt.labels) {
        std::string text = fmt::format("Flag: 0x{:02x}", flags);
        if (flags & 0x80) text += ", On-link flag(L)";
        if (flags & 0x40) text += ", Autonomous address-configuration flag(A)";
        if (flags & 0x20) text += ", Router address flag(R)";
        pkt.set_label(f, text);
      }
      pkt.add_item(f, opt_prefix_l, o, 3, 1);
      pkt.add_item(f, opt_prefix_a, o, 3, 1);
      pkt.add_item(f, opt_prefix_r, o, 3, 1);
      pkt.add_item(f, opt_prefix_rsv, o, 3, 1);
      pkt.add_item(n, opt_valid_lifetime, o, 4, 4);
      pkt.add_item(n, opt_preferred_lifetime, o, 8, 4);
      add_reserved(pkt, n, o, 12, 4);
      pkt.add_item(n, opt_prefix, o, 16, 16);
      label += " : ";
      append_ipv6(label, o.ptr(16, 16));
      label += fmt::format("/{}", o.u8(2));
      break;
    }
    case kOptMtu:
      add_reserved(pkt, n, o, 2, 2);
      pkt.add_item(n, opt_mtu, o, 4, 4);
      label += fmt::format(" : {}", o.u32(4));
      break;
    case kOptAdvertisementInterval:
      add_reserved(pkt, n, o, 2, 2);
      pkt.add_item(n, opt_advint, o, 4, 4);
      label += fmt::format(" : {}", o.u32(4));
      break;
    case kOptRdnss:
      add_reserved(pkt, n, o, 2, 2);
      pkt.add_item(n, opt_rdnss_lifetime, o, 4, 4);
      for (size_t a = 8; a + 16 <= len; a += 16) {
        pkt.add_item(n, opt_rdnss, o, a, 16);
        label += ' ';
        append_ipv6(label, o.ptr(a, 16));
      }
      break;
    case kOptDnssl: {
      add_reserved(pkt, n, o, 2, 2);
      pkt.add_item(n, opt_dnssl_lifetime, o, 4, 4);
      size_t p = 8;
      while (p < len && o.u8(p) != 0) {
        size_t start = p;
        std::string dn = dns_name(o, p, len);
        std::string_view s = pkt.arena.copy(dn);
        pkt.tree.add(n, opt_dnssl, o, start, p - start,
                     Value::of_bytes(reinterpret_cast<const uint8_t*>(s.data()), s.size()));
        label += ' ';
        label += dn;
      }
      if (p < len) pkt.tree.add(n, opt_padding, o, p, len - p, Value{});
      break;
    }
    default:
      break;
  }
  if (pkt.labels) pkt.set_label(n, label + ")");
  return len;
}

void dissect_options(Packet& pkt, int tree, const ByteReader& r, size_t off,
                     std::string& link_address) {
  while (off < r.reported_size()) {
    size_t used = dissect_option(pkt, tree, r, off, link_address);
    if (!used) break;
    off += used;
  }
}

void add_ra_flags(Packet& pkt, int tree, const ByteReader& r) {
  uint8_t flags = r.u8(5);
  int f = pkt.add_item(tree, ra_flag, r, 5, 1);
  if (pkt.labels) {
    std::string text = fmt::format("Flags: 0x{:02x}", flags);
    if (flags & 0x80) text += ", Managed address configuration";
    if (flags & 0x40) text += ", Other configuration";
    if (flags & 0x20) text += ", Home Agent";
    text +=
        fmt::format(", Prf (Default Router Preference): {}", kPreference[(flags >> 3) & 3].name);
    if (flags & 0x04) text += ", Proxy";
    pkt.set_label(f, text);
  }
  for (FieldId id : {ra_flag_m, ra_flag_o, ra_flag_h, ra_flag_prf, ra_flag_p, ra_flag_rsv})
    pkt.add_item(f, id, r, 5, 1);
}

std::string add_na_flags(Packet& pkt, int tree, const ByteReader& r) {
  uint32_t flags = r.u32(4);
  int f = pkt.add_item(tree, na_flag, r, 4, 4);
  std::string info_flags;
  if (pkt.cols.enabled) {
    std::string text = fmt::format("Flags: 0x{:08x}", flags);
    const char* names[] = {"Router", "Solicited", "Override"};
    const char* shorts[] = {"rtr", "sol", "ovr"};
    for (int i = 0; i < 3; ++i) {
      if (!(flags & (0x80000000u >> i))) continue;
      text += fmt::format(", {}", names[i]);
      info_flags += info_flags.empty() ? shorts[i] : fmt::format(", {}", shorts[i]);
    }
    pkt.set_label(f, text);
  }
  for (FieldId id : {na_flag_r, na_flag_s, na_flag_o, na_flag_rsv}) pkt.add_item(f, id, r, 4, 4);
  return info_flags;
}

void dissect_mldv2_report(Packet& pkt, int tree, const ByteReader& r) {
  pkt.add_item(tree, reserved, r, 4, 2);
  unsigned count = r.u16(6);
  pkt.add_item(tree, mldr_nb_records, r, 6, 2);
  size_t off = 8;
  for (unsigned i = 0; i < count; ++i) {
    unsigned aux = r.u8(off + 1), sources = r.u16(off + 2);
    size_t len = 20 + size_t{sources} * 16 + size_t{aux} * 4;
    int m = pkt.tree.add(tree, mldr_mar, r, off, len, Value{});
    if (pkt.labels) {
      const char* tn = value_name(kRecordTypes, r.u8(off));
      std::string text = fmt::format("Multicast Address Record {}: ", tn ? tn : "Unknown");
      append_ipv6(text, r.ptr(off + 4, 16));
      pkt.set_label(m, text);
    }
    pkt.add_item(m, mldr_type, r, off, 1);
    pkt.add_item(m, mldr_aux_len, r, off + 1, 1);
    pkt.add_item(m, mldr_nb_sources, r, off + 2, 2);
    pkt.add_item(m, mldr_mcast, r, off + 4, 16);
    for (unsigned s = 0; s < sources; ++s) pkt.add_item(m, mldr_source, r, off + 20 + s * 16, 16);
    if (aux) pkt.add_item(m, mldr_aux, r, off + 20 + sources * 16, aux * 4);
    off += len;
  }
}

void dissect_mld(Packet& pkt, int tree, const ByteReader& r, uint8_t t) {
  if (t == kMldQuery && r.reported_size() >= 28) {  // MLDv2 query
    pkt.add_item(tree, mld_code, r, 4, 2);
    pkt.add_item(tree, reserved, r, 6, 2);
    pkt.add_item(tree, mld_mcast, r, 8, 16);
    int f = pkt.add_item(tree, mld_flag, r, 24, 1);
    pkt.add_item(f, mld_flag_s, r, 24, 1);
    pkt.add_item(f, mld_flag_qrv, r, 24, 1);
    pkt.add_item(f, mld_flag_rsv, r, 24, 1);
    pkt.add_item(tree, mld_qqi, r, 25, 1);
    unsigned sources = r.u16(26);
    pkt.add_item(tree, mld_nb_sources, r, 26, 2);
    for (unsigned s = 0; s < sources; ++s) pkt.add_item(tree, mld_source, r, 28 + s * 16, 16);
    return;
  }
  pkt.add_item(tree, mld_delay, r, 4, 2);
  pkt.add_item(tree, reserved, r, 6, 2);
  pkt.add_item(tree, mld_mcast, r, 8, 16);
}

void match_echo(Packet& pkt, int tree, const ByteReader& r, uint8_t t) {
  IcmpTransactions& tx = pkt.session->state<IcmpTransactions>();
  uint64_t key = r.u32(4);
  if (t == kEcho) {
    add_echo_reply_link(pkt, tree, {resp_in, no_resp, resp_not_found, true, "ICMPv6"});
    record_echo_request(pkt, tree, true, key, transactions_limit);
    return;
  }
  const IcmpTransactions::Request* req = tx.reply(true, pkt.net_src, pkt.net_dst, key);
  if (!req || req->frame >= pkt.number) return;
  note_echo_reply(pkt, resp_in, req->frame);
  pkt.tree.add_generated(tree, resp_to, Value::of_uint(req->frame));
  double ms = (pkt.frame->ts.total_ns() - req->time_ns) / 1e6;
  int n = pkt.tree.add_generated(tree, resptime, Value::of_double(ms));
  if (pkt.cols.enabled) {
    pkt.set_label(n, fmt::format("Response Time: {:.3f} ms", ms));
    pkt.cols.append_info(fmt::format(" (request in {})", req->frame));
  }
}

size_t dissect_icmpv6(const ByteReader& r, Packet& pkt, int parent) {
  bool in_error_packet = pkt.in_error_pkt;  // quoted by an ICMP error (not merely tunnelled)
  int tree = pkt.add_protocol(parent, icmpv6, r, 0, r.size());
  uint8_t t = r.u8(0), c = r.u8(1);
  const char* type_name = value_name(kTypeNames, t);
  const char* cname = code_name(t, c);
  std::string info;
  if (pkt.cols.enabled) {
    pkt.cols.set_protocol("ICMPv6");
    info = type_name ? type_name : fmt::format("Unknown ICMPv6 Type ({})", t);
    if (cname) info += fmt::format(" ({})", cname);
    pkt.cols.set_info(info);  // in place before the body, which may end in an exception
  }
  pkt.add_item(tree, type, r, 0, 1);
  int cn = pkt.add_item(tree, code, r, 1, 1);
  if (cname && pkt.labels) pkt.set_label(cn, fmt::format("Code: {} ({})", c, cname));
  add_checksum(pkt, tree, r, in_error_packet);
  std::string link_address;
  switch (t) {
    case kUnreachable:
    case kTimeExceeded:
      pkt.add_item(tree, reserved, r, 4, 4);
      break;
    case kTooBig:
      pkt.add_item(tree, mtu, r, 4, 4);
      break;
    case kParamProblem:
      pkt.add_item(tree, pointer, r, 4, 4);
      break;
    case kEcho:
    case kEchoReply:
      pkt.add_item(tree, echo_id, r, 4, 2);
      pkt.add_item(tree, echo_seq, r, 6, 2);
      if (pkt.cols.enabled) info += fmt::format(" id=0x{:04x}, seq={}", r.u16(4), r.u16(6));
      // tshark knows the hop limit only when IPv6 hands ICMPv6 on (not ESP).
      if (pkt.layers.size() < 2 || pkt.layers[pkt.layers.size() - 2] != esp::protocol)
        info += fmt::format(", hop limit={}", last_uint(pkt, ipv6_fields::hlim));
      if (pkt.cols.enabled) pkt.cols.set_info(info);
      if (!in_error_packet) match_echo(pkt, tree, r, t);
      if (r.reported_size() > 8) pkt.call_data(r.sub(8), tree);
      return r.reported_size();
    case kMldQuery:
    case kMldReport:
    case kMldDone:
      dissect_mld(pkt, tree, r, t);
      break;
    case kMldv2Report:
      dissect_mldv2_report(pkt, tree, r);
      break;
    case kRouterSolicit:
      pkt.add_item(tree, reserved, r, 4, 4);
      dissect_options(pkt, tree, r, 8, link_address);
      if (!link_address.empty()) info += " from " + link_address;
      break;
    case kRouterAdvert:
      pkt.add_item(tree, ra_hop_limit, r, 4, 1);
      add_ra_flags(pkt, tree, r);
      pkt.add_item(tree, ra_lifetime, r, 6, 2);
      pkt.add_item(tree, ra_reachable, r, 8, 4);
      pkt.add_item(tree, ra_retrans, r, 12, 4);
      dissect_options(pkt, tree, r, 16, link_address);
      if (!link_address.empty()) info += " from " + link_address;
      break;
    case kNeighborSolicit:
      pkt.add_item(tree, reserved, r, 4, 4);
      pkt.add_item(tree, ns_target, r, 8, 16);
      info += " for ";
      append_ipv6(info, r.ptr(8, 16));
      dissect_options(pkt, tree, r, 24, link_address);
      if (!link_address.empty()) info += " from " + link_address;
      break;
    case kNeighborAdvert: {
      std::string flags = add_na_flags(pkt, tree, r);
      pkt.add_item(tree, na_target, r, 8, 16);
      info += ' ';
      append_ipv6(info, r.ptr(8, 16));
      if (!flags.empty()) info += " (" + flags + ")";
      dissect_options(pkt, tree, r, 24, link_address);
      if (!link_address.empty()) info += " is at " + link_address;
      break;
    }
    case kRedirect:
      pkt.add_item(tree, reserved, r, 4, 4);
      pkt.add_item(tree, rd_target, r, 8, 16);
      pkt.add_item(tree, rd_destination, r, 24, 16);
      dissect_options(pkt, tree, r, 40, link_address);
      break;
    default:
      break;
  }
  if (pkt.cols.enabled) pkt.cols.set_info(info);
  if (t >= kUnreachable && t <= kParamProblem && r.reported_size() > 8)
    dissect_quoted_packet(pkt, dissect_ipv6, r.sub(8), tree);
  return r.reported_size();
}
}  // namespace

void register_icmpv6() {
  FieldRegistry& reg = registry();
  icmpv6.id = reg.add_protocol({"Internet Control Message Protocol v6", "ICMPv6", "icmpv6"});
  reg.add_fields(icmpv6, kFields);
  register_protocol_state<IcmpTransactions>(StateScope::kCapture);  // shared with ICMP
  tables::ip_proto().add(58, dissect_icmpv6, "icmpv6");
}

}  // namespace netsift
