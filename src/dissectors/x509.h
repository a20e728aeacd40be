// X.509 certificates (RFC 5280) as tshark's x509af/x509ce/x509if/x509sat/pkcs-1/pkix1* dissectors
// show them, for the TLS Certificate message (and later OCSP responses).
#pragma once

#include <cstddef>

#include "core/packet.h"

namespace netsift {

// Dissects the DER certificate filling `r` under `cert_item`, the item the caller made for the
// whole certificate (TLS: tls.handshake.certificate). As tshark does, the certificate's subject
// is appended to that item's text. Returns the bytes the certificate used. Malformed encodings
// throw BoundsError{false}.
size_t dissect_x509_certificate(const ByteReader& r, Packet& pkt, int cert_item);

// Dissects the DER DistinguishedName filling `r` as item `f` (a field without a value, as TLS's
// tls.handshake.dname) under `parent`. Malformed encodings throw BoundsError{false}.
void dissect_x509_distinguished_name(const ByteReader& r, Packet& pkt, int parent, FieldId f);

// Dissects the DER Name (a CHOICE of one RDNSequence) filling `r` as choice item `choice_field`
// under `parent`, as tshark's dissect_x509if_Name (IKE's ID_DER_ASN1_DN identities); nothing for
// an element that is no SEQUENCE. Malformed encodings throw BoundsError{false}.
void dissect_x509_name(const ByteReader& r, Packet& pkt, int parent, FieldId choice_field);

// tshark's dissect_unknown_ber: the BER element at the start of `r` shown without a schema
// (constructed elements by their tag, "SEQUENCE", "[CONTEXT 0]"; OIDs, integers, strings,
// NULL and BOOLEAN as ber.unknown.* items). Malformed encodings throw BoundsError{false}.
void dissect_unknown_ber(const ByteReader& r, Packet& pkt, int parent);

void register_x509();

}  // namespace netsift
