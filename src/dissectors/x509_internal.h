// What the X.509 dissector's files share: the ASN.1 types more than one of them dissects.
#pragma once

#include <string>

#include "dissectors/x509_ber.h"
#include "dissectors/x509_fields.h"

namespace netsift {

// Name ::= CHOICE { rdnSequence RDNSequence }: the choice item `choice_field`, the sequence in
// `sequence_field`; returns tshark's one-line form ("id-at-commonName=WR2,id-at-countryName=US",
// last RDN first).
std::string dissect_name(BerTree& t, int parent, FieldId choice_field, FieldId sequence_field,
                         const BerHeader& h);
// DistinguishedName ::= RDNSequence as item `f` of a field without a value (TLS's
// CertificateRequest), "Distinguished Name: (id-at-commonName=...)", the RDNs under it.
void dissect_distinguished_name(BerTree& t, int parent, FieldId f, const BerHeader& h);
// RelativeDistinguishedName (SET OF AttributeTypeAndValue) as an item of field `f`; returns its
// "type=value" text.
std::string dissect_rdn(BerTree& t, int parent, FieldId f, const BerHeader& h);

// GeneralNames ::= SEQUENCE OF GeneralName, counted in `f`.
void dissect_general_names(BerTree& t, int parent, FieldId f, const BerHeader& h);
// GeneralName, a CHOICE of implicitly tagged alternatives, as choice item `f`.
void dissect_general_name(BerTree& t, int parent, FieldId f, const BerHeader& h);

// AlgorithmIdentifier as item `f`, "signature (sha256WithRSAEncryption)"; `oid_text` gets the
// dotted algorithm OID.
int dissect_algorithm_identifier(BerTree& t, int parent, FieldId f, const BerHeader& h,
                                 std::string* oid_text = nullptr);

// Extensions ::= SEQUENCE OF Extension (the content of the [3] tag).
void dissect_extensions(BerTree& t, int parent, const BerHeader& h);

// The dotted form of an OID element's content.
std::string oid_text(const BerTree& t, const BerHeader& h);
// The name tshark appends to items named after an OID (the dotted form when it has none).
std::string oid_label_name(std::string_view dotted);

}  // namespace netsift
