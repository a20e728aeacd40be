// Shared by the ISAKMP files (isakmp.cpp: header and payload chain; isakmp_sa.cpp: SA,
// proposals, transforms and their attributes; isakmp_payloads.cpp: the other payloads).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "analysis/ikev1_sa.h"
#include "analysis/ikev2_sa.h"
#include "core/packet.h"

namespace netsift::isakmp {

// Payload types (RFC 2408 §3.1 and RFC 7296 §3.2 numbering; Wireshark's PLOAD_IKE_*).
enum PayloadType : uint8_t {
  kNone = 0,
  kSa = 1,
  kProposal = 2,
  kTransform = 3,
  kKeyExchange = 4,
  kId = 5,
  kCert = 6,
  kCertReq = 7,
  kHash = 8,
  kSig = 9,
  kNonce = 10,
  kNotify = 11,
  kDelete = 12,
  kVendorId = 13,
  kAttributes = 14,
  kSaKek = 15,
  kSaTek = 16,
  kKeyDownload = 17,
  kSequence = 18,
  kNatD = 20,
  kNatOa = 21,
  kSa2 = 33,
  kKeyExchange2 = 34,
  kIdI = 35,
  kIdR = 36,
  kCert2 = 37,
  kCertReq2 = 38,
  kAuth = 39,
  kNonce2 = 40,
  kNotify2 = 41,
  kDelete2 = 42,
  kVendorId2 = 43,
  kTsI = 44,
  kTsR = 45,
  kEncrypted = 46,
  kConfig = 47,
  kEap = 48,
  kGspm = 49,
  kEncryptedFragment = 53,
  kNatDDraft = 130,
  kNatOaDraft = 131,
  kCiscoFragment = 132,
};

// The ISAKMP header's flags octet and the IKEv2 Response flag (RFC 7296 §3.1).
constexpr size_t kFlagsOffset = 19;
constexpr uint8_t kFlagResponse = 0x20;

// One message being dissected: its IKE major version decides numbering and layouts.
struct Message {
  Packet& pkt;
  int version;                   // the major version: 1, 2, or another (generic parts only)
  const ByteReader* msg;         // the whole message, from its header
  uint8_t next_payload = kNone;  // the next-payload field of the payload being dissected
  Ikev1Sa* v1 = nullptr;         // IKEv1: the initiator cookie's decryption state
};

// The run's IKEv2 SA keys, read from the ikev2_decryption_table once (per capture).
struct Ikev2Keys {
  bool loaded = false;
  Ikev2Sas sas;
};

// The run's IKEv1 decryption state, seeded from the ikev1_decryption_table once (per capture).
struct Ikev1Keys {
  bool loaded = false;
  Ikev1Sas sas;
};

// The decryption state of the IKEv1 message's initiator cookie (made on first sight, its
// initiator the sender of that message, as tshark keeps it).
Ikev1Sa& v1_state(Packet& pkt, const uint8_t icookie[8]);

// An IKEv1 message's encrypted body r[off, off+len), under the Encrypted Data item `node`:
// decrypted with the cookie's key and dissected, or left as it is when that cannot be done.
void dissect_v1_decrypted(Message& m, const ByteReader& r, size_t off, size_t len, int node);

// The message's IKE SA from the user's ikev2_decryption_table (by its SPIs), or null.
const Ikev2Sa* ikev2_sa(Message& m);

// An SK or SKF payload's decrypted content: its bytes (a "Decrypted Data" source) with the
// payloads' length (padding and pad length removed), and their Contained Data node (-1 when
// empty); `plaintext` false when the payload was shown but could not be decrypted (too short
// for the algorithms, not a whole number of cipher blocks).
struct DecryptedSk {
  ByteReader data;
  int contained;
  size_t inner;
  bool plaintext;
};
// Decrypts the SK/SKF payload body r[off, end) (IV, encrypted data, integrity checksum) with
// `sa`, adding under `node` the IV, the encrypted and decrypted data (padding and pad length)
// and the checked integrity checksum, with tshark 4.0's expert items, as it shows them
// (plainer IV and data items for a `fragment`); nothing is added, and nothing returned, when
// the key does not fit the algorithm or the cipher refuses it.
std::optional<DecryptedSk> decrypt_sk(Message& m, const Ikev2Sa& sa, const ByteReader& r,
                                      size_t off, size_t end, int node, bool fragment);

// The Encrypted payload's body r[off, end) decrypted with the message's IKE SA keys; false,
// with nothing added, when no key matches or the payload does not decrypt.
bool dissect_encrypted_with_keys(Message& m, const ByteReader& r, size_t off, size_t end, int node);

// The Encrypted and Authenticated Fragment payload's body r[off, end) (RFC 7383): its numbers,
// with keys its decrypted content, and in the frame that completes the message the fragment
// list and the message's payloads.
void dissect_encrypted_fragment(Message& m, const ByteReader& r, size_t off, size_t end, int node);
// An ISAKMP message in r under `parent` (dissect_isakmp), recorded as a layer of the packet
// unless `own_layer` is false (a message tshark dissects by calling its function directly).
size_t dissect_message(const ByteReader& r, Packet& pkt, int parent, bool own_layer);
// Cisco's IKEv1 fragmentation payload (type 132) body r[off, off+len): its id, sequence number
// and last flag, the fragments reassembled (tshark's way) and, at the last one, the message.
void dissect_cisco_fragment(Message& m, const ByteReader& r, size_t off, size_t len, int node);
// Registers the fragment reassembly state (per capture) and the first fragment's next payload
// (per conversation).
void register_isakmp_fragment_state();

// A field's value name as Wireshark's val_to_str/rval_to_str gives it: the name, else
// `unknown` (with a %u-style number appended when it ends in a space).
std::string value_text(FieldId f, uint64_t v, const char* unknown = "Unknown");
// "Name: Value Name (3)" for a value-named field (its label with the number).
std::string named_label(FieldId f, uint64_t v);

// Walks a chain of payloads starting with `first` over r[off, off+len).
void dissect_payloads(Message& m, const ByteReader& r, size_t off, size_t len, uint8_t first,
                      int parent, uint32_t proposal_protocol = 0);

// Payload bodies: r[off, off+len) is what follows the 4-byte generic payload header; `node`
// is the payload's subtree (its label may gain a suffix: "# 1", " - NOTIFY", " : vendor").
void dissect_sa(Message& m, const ByteReader& r, size_t off, size_t len, int node);
void dissect_proposal(Message& m, const ByteReader& r, size_t off, size_t len, int node);
void dissect_transform(Message& m, const ByteReader& r, size_t off, size_t len, int node,
                       uint32_t protocol);
void dissect_notify(Message& m, const ByteReader& r, size_t off, size_t len, int node);
void dissect_vendor_id(Message& m, const ByteReader& r, size_t off, size_t len, int node);
void dissect_other_payload(Message& m, uint8_t type, const ByteReader& r, size_t off, size_t len,
                           int node);

// The fields of one kind of data attribute (SA transform, configuration, ROHC, responder
// lifetime attributes).
struct AttributeFields {
  FieldId container, type, format, length, value;
  std::span<const RangeName> names = {};  // the label's type names, when not the type field's
};
// One data attribute as its header gives it: the attribute's node, type and value length, where
// the value starts and the attribute's size.
struct Attribute {
  int node;
  uint16_t type, length;
  size_t value_offset, size;
};
// A data attribute's header (RFC 2408 §3.3: TV when the format bit is set, else TLV) at r[off]
// as tshark's dissect_attribute_header shows it: the attribute labelled "<name> (t=T,l=L): <type
// name>" with its format, type, length and (when not empty) value items.
Attribute dissect_attribute_header(Packet& pkt, const ByteReader& r, size_t off, int parent,
                                   const AttributeFields& f);
// The Configuration (IKEv2 CP, IKEv1 Attributes payload: ModeCfg and XAUTH in Transaction mode)
// payload body r[off, off+len).
void dissect_config(Message& m, const ByteReader& r, size_t off, size_t len, int node);

// GDOI's payloads (RFC 6407, as tshark 4.0 reads them): SA KEK (with the SA TEKs that follow
// it), Key Download and Sequence Number; body r[off, off+len).
void dissect_gdoi_payload(Message& m, uint8_t type, const ByteReader& r, size_t off, size_t len,
                          int node);
// IPsec DOI attributes (RFC 2407 §4.5) over r[off, end) under `parent`.
void dissect_ipsec_attributes(Message& m, const ByteReader& r, size_t off, size_t end,
                              int parent);
// The identification data r[off, off+len) of ID type `type` as items under `data`; returns the
// text tshark appends to the data item's label for it.
std::string dissect_id_data(Packet& pkt, const ByteReader& r, size_t off, size_t len, uint8_t type,
                            int data);

// Appends `suffix` to node `n`'s label, its own text when it has none yet (tshark's
// proto_item_append_text, cut as tshark cuts appended text).
void append_label(Packet& pkt, int n, const std::string& suffix);

}  // namespace netsift::isakmp
