// Known ISAKMP vendor IDs: MD5 hashes of vendor strings (NAT-T drafts and RFC 3947, RFC 3706
// DPD, XAUTH, Cisco Unity and fragmentation, strongSwan) and Cisco's plain-text IKEv2 IDs.
#include "dissectors/isakmp_vendor_ids.h"

#include <cstring>
#include <iterator>

namespace netsift::isakmp {

namespace {

constexpr uint8_t kRfc3947[] = {0x4a, 0x13, 0x1c, 0x81, 0x07, 0x03, 0x58, 0x45,
                                0x5c, 0x57, 0x28, 0xf2, 0x0e, 0x95, 0x45, 0x2f};
constexpr uint8_t kNatT00[] = {0x44, 0x85, 0x15, 0x2d, 0x18, 0xb6, 0xbb, 0xcd,
                               0x0b, 0xe8, 0xa8, 0x46, 0x95, 0x79, 0xdd, 0xcc};
constexpr uint8_t kNatT02[] = {0xcd, 0x60, 0x46, 0x43, 0x35, 0xdf, 0x21, 0xf8,
                               0x7c, 0xfd, 0xb2, 0xfc, 0x68, 0xb6, 0xa4, 0x48};
constexpr uint8_t kNatT02n[] = {0x90, 0xcb, 0x80, 0x91, 0x3e, 0xbb, 0x69, 0x6e,
                                0x08, 0x63, 0x81, 0xb5, 0xec, 0x42, 0x7b, 0x1f};
constexpr uint8_t kNatT03[] = {0x7d, 0x94, 0x19, 0xa6, 0x53, 0x10, 0xca, 0x6f,
                               0x2c, 0x17, 0x9d, 0x92, 0x15, 0x52, 0x9d, 0x56};
constexpr uint8_t kNatT07[] = {0x43, 0x9b, 0x59, 0xf8, 0xba, 0x67, 0x6c, 0x4c,
                               0x77, 0x37, 0xae, 0x22, 0xea, 0xb8, 0xf5, 0x82};
constexpr uint8_t kXauth[] = {0x09, 0x00, 0x26, 0x89, 0xdf, 0xd6, 0xb7, 0x12};
constexpr uint8_t kDpd[] = {0xaf, 0xca, 0xd7, 0x13, 0x68, 0xa1, 0xf1, 0xc9,
                            0x6b, 0x86, 0x96, 0xfc, 0x77, 0x57, 0x01, 0x00};
constexpr uint8_t kCiscoUnity[] = {0x12, 0xf5, 0xf2, 0x8c, 0x45, 0x71, 0x68,
                                   0xa9, 0x70, 0x2d, 0x9f, 0xe2, 0x74, 0xcc};
constexpr uint8_t kCiscoFrag[] = {0x40, 0x48, 0xb7, 0xd5, 0x6e, 0xbc, 0xe8, 0x85,
                                  0x25, 0xe7, 0xde, 0x7f, 0x00, 0xd6, 0xc2, 0xd3};
constexpr uint8_t kStrongSwan[] = {0x88, 0x2f, 0xe5, 0x6d, 0x6f, 0xd2, 0x0d, 0xbc,
                                   0x22, 0x51, 0x61, 0x3b, 0x2e, 0xbe, 0x5b, 0xeb};

template <size_t N>
constexpr VendorId text_id(const char (&s)[N], const char* name) {
  return {reinterpret_cast<const uint8_t*>(s), N - 1, name};
}

const VendorId kVendorIds[] = {
    {kRfc3947, sizeof kRfc3947, "RFC 3947 Negotiation of NAT-Traversal in the IKE"},
    {kNatT00, sizeof kNatT00, "draft-ietf-ipsec-nat-t-ike-00"},
    {kNatT02, sizeof kNatT02, "draft-ietf-ipsec-nat-t-ike-02"},
    {kNatT02n, sizeof kNatT02n, "draft-ietf-ipsec-nat-t-ike-02\\n"},
    {kNatT03, sizeof kNatT03, "draft-ietf-ipsec-nat-t-ike-03"},
    {kNatT07, sizeof kNatT07, "draft-ietf-ipsec-nat-t-ike-07"},
    {kXauth, sizeof kXauth, "XAUTH"},
    {kDpd, sizeof kDpd, "RFC 3706 DPD (Dead Peer Detection)"},
    {kCiscoUnity, sizeof kCiscoUnity, "CISCO-UNITY", VendorIdKind::kCiscoUnity},
    {kCiscoFrag, sizeof kCiscoFrag, "Cisco Fragmentation"},
    {kStrongSwan, sizeof kStrongSwan, "strongSwan"},
    text_id("CISCO-DELETE-REASON", "Cisco Delete Reason Supported"),
    text_id("CISCOVPN-REV-02", "Cisco VPN Revision 2"),
    text_id("CISCO-DYNAMIC-ROUTE", "Cisco Dynamic Route Supported"),
    text_id("FLEXVPN-SUPPORTED", "Cisco FlexVPN Supported"),
};

}  // namespace

const VendorId* find_vendor_id(const uint8_t* p, size_t len) {
  for (const VendorId& v : kVendorIds)
    if (len >= v.length && std::memcmp(p, v.bytes, v.length) == 0) return &v;
  return nullptr;
}

}  // namespace netsift::isakmp
