// Field ids of the certificate dissectors, one namespace per tshark protocol (x509af.*,
// x509ce.*, ...). Names follow tshark's abbreviations so a field is easy to find in both.
#pragma once

#include "core/field.h"

namespace netsift {

namespace x509af {
extern FieldId proto;
extern FieldId signedCertificate_element, version, serialNumber, signature_element, issuer,
    validity_element, notBefore, notAfter, utcTime, generalizedTime, subject, rdnSequence,
    subjectPublicKeyInfo_element, algorithm_element, algorithm_id, subjectPublicKey,
    issuerUniqueIdentifier, subjectUniqueIdentifier, extensions, Extension_element, extension_id,
    critical, algorithmIdentifier_element, encrypted, DSS_Params_element, p, q, g, Userid;
}  // namespace x509af

namespace x509ce {
extern FieldId proto;
extern FieldId KeyUsage, KeyUsage_digitalSignature, KeyUsage_contentCommitment,
    KeyUsage_keyEncipherment, KeyUsage_dataEncipherment, KeyUsage_keyAgreement,
    KeyUsage_keyCertSign, KeyUsage_cRLSign, KeyUsage_encipherOnly, KeyUsage_decipherOnly,
    KeyPurposeIDs, KeyPurposeId, SubjectKeyIdentifier, AuthorityKeyIdentifier_element,
    keyIdentifier, authorityCertIssuer, authorityCertSerialNumber, BasicConstraintsSyntax_element,
    cA, pathLenConstraint, GeneralNames, GeneralName, otherName_element, type_id, rfc822Name,
    dNSName, x400Address_element, directoryName, ediPartyName_element, uniformResourceIdentifier,
    registeredID, CRLDistPointsSyntax, DistributionPoint_element, distributionPoint, fullName,
    nameRelativeToCRLIssuer, reasons, cRLIssuer, CertificatePoliciesSyntax,
    PolicyInformation_element, policyIdentifier, policyQualifiers, PolicyQualifierInfo_element, id,
    NameConstraintsSyntax_element, permittedSubtrees, excludedSubtrees, GeneralSubtree_element,
    base, minimum, maximum, IPAddress_ipv4, IPAddress_ipv6, value_element, ReasonFlags_unused,
    ReasonFlags_keyCompromise, ReasonFlags_cACompromise, ReasonFlags_affiliationChanged,
    ReasonFlags_superseded, ReasonFlags_cessationOfOperation, ReasonFlags_certificateHold,
    ReasonFlags_privilegeWithdrawn, ReasonFlags_aACompromise;
}  // namespace x509ce

namespace x509if {
extern FieldId proto;
extern FieldId rdnSequence, RDNSequence_item, RelativeDistinguishedName_item_element, oid;
}  // namespace x509if

namespace x509sat {
extern FieldId proto;
extern FieldId DirectoryString, teletexString, printableString, universalString, uTF8String,
    bmpString, CountryName, PrintableString, IA5String, UTF8String, BMPString, Integer;
}  // namespace x509sat

namespace pkcs1 {
extern FieldId proto;
extern FieldId modulus, publicExponent, ECParameters, namedCurve;
}  // namespace pkcs1

namespace pkix1explicit {
extern FieldId proto;
extern FieldId DirectoryString, Features, Features_item;
}  // namespace pkix1explicit

namespace pkix1implicit {
extern FieldId proto;
extern FieldId AuthorityInfoAccessSyntax, AccessDescription_element, accessMethod, accessLocation,
    UserNotice_element, noticeRef_element, organization, noticeNumbers, noticeNumbers_item,
    explicitText, visibleString, ia5String, utf8String, bmpString;
}  // namespace pkix1implicit

namespace ber {
extern FieldId proto;
extern FieldId bitstring_padding, error_oid_not_implemented, error_expected_sequence, null_tag,
    unknown_BOOLEAN,
    unknown_INTEGER, unknown_OCTETSTRING, unknown_OID, unknown_PrintableString, unknown_IA5String,
    unknown_UTF8String;
}  // namespace ber

// Registers the protocols and fields above (called by register_x509()).
void register_x509_fields();

}  // namespace netsift
