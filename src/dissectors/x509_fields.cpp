// The certificate dissectors' fields, with tshark's names, types and bases (tshark -G fields).
#include "dissectors/x509_fields.h"

#include "core/field_registry.h"

namespace netsift {

namespace {

using FT = FieldType;

// TLS extension types a TLS Feature extension (RFC 7633) may list.
constexpr ValueName kTlsExtensionTypes[] = {{5, "status_request"}, {17, "status_request_v2"}};
constexpr ValueName kVersions[] = {{0, "v1"}, {1, "v2"}, {2, "v3"}};
constexpr ValueName kNameChoice[] = {{0, "rdnSequence"}};
constexpr ValueName kTimeChoice[] = {{0, "utcTime"}, {1, "generalizedTime"}};
constexpr ValueName kGeneralNameChoice[] = {
    {0, "otherName"}, {1, "rfc822Name"}, {2, "dNSName"}, {3, "x400Address"}, {4, "directoryName"},
    {5, "ediPartyName"}, {6, "uniformResourceIdentifier"}, {7, "iPAddress"}, {8, "registeredID"}};
constexpr ValueName kDistributionPointNameChoice[] = {{0, "fullName"},
                                                      {1, "nameRelativeToCRLIssuer"}};
constexpr ValueName kDirectoryStringChoice[] = {{0, "teletexString"},   {1, "printableString"},
                                                {2, "universalString"}, {3, "bmpString"},
                                                {4, "uTF8String"}};
constexpr ValueName kEcParametersChoice[] = {
    {0, "specifiedCurve"}, {1, "namedCurve"}, {2, "implicitCurve"}};
constexpr ValueName kDisplayTextChoice[] = {
    {0, "ia5String"}, {1, "visibleString"}, {2, "bmpString"}, {3, "utf8String"}};

const FieldReg kX509afFields[] = {
    {&x509af::signedCertificate_element, {"signedCertificate", "x509af.signedCertificate_element", FT::kNone, Base::kNone}},
    {&x509af::version, {"version", "x509af.version", FT::kInt32, Base::kDec, kVersions}},
    {&x509af::serialNumber, {"serialNumber", "x509af.serialNumber", FT::kBytes, Base::kNone, {}, 0, "CertificateSerialNumber"}},
    {&x509af::signature_element, {"signature", "x509af.signature_element", FT::kNone, Base::kNone, {}, 0, "AlgorithmIdentifier"}},
    {&x509af::issuer, {"issuer", "x509af.issuer", FT::kUint32, Base::kDec, kNameChoice, 0, "Name"}},
    {&x509af::validity_element, {"validity", "x509af.validity_element", FT::kNone, Base::kNone}},
    {&x509af::notBefore, {"notBefore", "x509af.notBefore", FT::kUint32, Base::kDec, kTimeChoice, 0, "Time"}},
    {&x509af::notAfter, {"notAfter", "x509af.notAfter", FT::kUint32, Base::kDec, kTimeChoice, 0, "Time"}},
    {&x509af::utcTime, {"utcTime", "x509af.utcTime", FT::kString, Base::kNone}},
    {&x509af::generalizedTime, {"generalizedTime", "x509af.generalizedTime", FT::kAbsTime, Base::kAbsUtc}},
    {&x509af::subject, {"subject", "x509af.subject", FT::kUint32, Base::kDec, kNameChoice, 0, "SubjectName"}},
    {&x509af::rdnSequence, {"rdnSequence", "x509af.rdnSequence", FT::kUint32, Base::kDec}},
    {&x509af::subjectPublicKeyInfo_element, {"subjectPublicKeyInfo", "x509af.subjectPublicKeyInfo_element", FT::kNone, Base::kNone}},
    {&x509af::algorithm_element, {"algorithm", "x509af.algorithm_element", FT::kNone, Base::kNone, {}, 0, "AlgorithmIdentifier"}},
    {&x509af::algorithm_id, {"Algorithm Id", "x509af.algorithm.id", FT::kOid, Base::kNone}},
    {&x509af::subjectPublicKey, {"subjectPublicKey", "x509af.subjectPublicKey", FT::kBytes, Base::kNone}},
    {&x509af::issuerUniqueIdentifier, {"issuerUniqueIdentifier", "x509af.issuerUniqueIdentifier", FT::kBytes, Base::kNone, {}, 0, "UniqueIdentifier"}},
    {&x509af::subjectUniqueIdentifier, {"subjectUniqueIdentifier", "x509af.subjectUniqueIdentifier", FT::kBytes, Base::kNone, {}, 0, "UniqueIdentifier"}},
    {&x509af::extensions, {"extensions", "x509af.extensions", FT::kUint32, Base::kDec}},
    {&x509af::Extension_element, {"Extension", "x509af.Extension_element", FT::kNone, Base::kNone}},
    {&x509af::extension_id, {"Extension Id", "x509af.extension.id", FT::kOid, Base::kNone}},
    {&x509af::critical, {"critical", "x509af.critical", FT::kBoolean, Base::kNone, {}, 0, "BOOLEAN"}},
    {&x509af::algorithmIdentifier_element, {"algorithmIdentifier", "x509af.algorithmIdentifier_element", FT::kNone, Base::kNone}},
    {&x509af::encrypted, {"encrypted", "x509af.encrypted", FT::kBytes, Base::kNone, {}, 0, "BIT_STRING"}},
    {&x509af::DSS_Params_element, {"DSS-Params", "x509af.DSS_Params_element", FT::kNone, Base::kNone}},
    {&x509af::p, {"p", "x509af.p", FT::kBytes, Base::kNone, {}, 0, "INTEGER"}},
    {&x509af::q, {"q", "x509af.q", FT::kBytes, Base::kNone, {}, 0, "INTEGER"}},
    {&x509af::g, {"g", "x509af.g", FT::kBytes, Base::kNone, {}, 0, "INTEGER"}},
    {&x509af::Userid, {"Userid", "x509af.Userid", FT::kString, Base::kNone}},
};

const FieldReg kX509ceFields[] = {
    {&x509ce::KeyUsage, {"KeyUsage", "x509ce.KeyUsage", FT::kBytes, Base::kNone}},
    {&x509ce::KeyUsage_digitalSignature, {"digitalSignature", "x509ce.KeyUsage.digitalSignature", FT::kBoolean, Base::kNone, {}, 0x80, "", nullptr, 8}},
    {&x509ce::KeyUsage_contentCommitment, {"contentCommitment", "x509ce.KeyUsage.contentCommitment", FT::kBoolean, Base::kNone, {}, 0x40, "", nullptr, 8}},
    {&x509ce::KeyUsage_keyEncipherment, {"keyEncipherment", "x509ce.KeyUsage.keyEncipherment", FT::kBoolean, Base::kNone, {}, 0x20, "", nullptr, 8}},
    {&x509ce::KeyUsage_dataEncipherment, {"dataEncipherment", "x509ce.KeyUsage.dataEncipherment", FT::kBoolean, Base::kNone, {}, 0x10, "", nullptr, 8}},
    {&x509ce::KeyUsage_keyAgreement, {"keyAgreement", "x509ce.KeyUsage.keyAgreement", FT::kBoolean, Base::kNone, {}, 0x8, "", nullptr, 8}},
    {&x509ce::KeyUsage_keyCertSign, {"keyCertSign", "x509ce.KeyUsage.keyCertSign", FT::kBoolean, Base::kNone, {}, 0x4, "", nullptr, 8}},
    {&x509ce::KeyUsage_cRLSign, {"cRLSign", "x509ce.KeyUsage.cRLSign", FT::kBoolean, Base::kNone, {}, 0x2, "", nullptr, 8}},
    {&x509ce::KeyUsage_encipherOnly, {"encipherOnly", "x509ce.KeyUsage.encipherOnly", FT::kBoolean, Base::kNone, {}, 0x1, "", nullptr, 8}},
    {&x509ce::KeyUsage_decipherOnly, {"decipherOnly", "x509ce.KeyUsage.decipherOnly", FT::kBoolean, Base::kNone, {}, 0x80, "", nullptr, 8}},
    {&x509ce::KeyPurposeIDs, {"KeyPurposeIDs", "x509ce.KeyPurposeIDs", FT::kUint32, Base::kDec}},
    {&x509ce::KeyPurposeId, {"KeyPurposeId", "x509ce.KeyPurposeId", FT::kOid, Base::kNone}},
    {&x509ce::SubjectKeyIdentifier, {"SubjectKeyIdentifier", "x509ce.SubjectKeyIdentifier", FT::kBytes, Base::kNone}},
    {&x509ce::AuthorityKeyIdentifier_element, {"AuthorityKeyIdentifier", "x509ce.AuthorityKeyIdentifier_element", FT::kNone, Base::kNone}},
    {&x509ce::keyIdentifier, {"keyIdentifier", "x509ce.keyIdentifier", FT::kBytes, Base::kNone}},
    {&x509ce::authorityCertIssuer, {"authorityCertIssuer", "x509ce.authorityCertIssuer", FT::kUint32, Base::kDec, {}, 0, "GeneralNames"}},
    {&x509ce::authorityCertSerialNumber, {"authorityCertSerialNumber", "x509ce.authorityCertSerialNumber", FT::kBytes, Base::kNone, {}, 0, "CertificateSerialNumber"}},
    {&x509ce::BasicConstraintsSyntax_element, {"BasicConstraintsSyntax", "x509ce.BasicConstraintsSyntax_element", FT::kNone, Base::kNone}},
    {&x509ce::cA, {"cA", "x509ce.cA", FT::kBoolean, Base::kNone, {}, 0, "BOOLEAN"}},
    {&x509ce::pathLenConstraint, {"pathLenConstraint", "x509ce.pathLenConstraint", FT::kUint64, Base::kDec, {}, 0, "INTEGER_0_MAX"}},
    {&x509ce::GeneralNames, {"GeneralNames", "x509ce.GeneralNames", FT::kUint32, Base::kDec}},
    {&x509ce::GeneralName, {"GeneralName", "x509ce.GeneralName", FT::kUint32, Base::kDec, kGeneralNameChoice}},
    {&x509ce::otherName_element, {"otherName", "x509ce.otherName_element", FT::kNone, Base::kNone}},
    {&x509ce::value_element, {"value", "x509ce.value_element", FT::kNone, Base::kNone}},
    {&x509ce::type_id, {"type-id", "x509ce.type_id", FT::kOid, Base::kNone, {}, 0, "OtherNameType"}},
    {&x509ce::rfc822Name, {"rfc822Name", "x509ce.rfc822Name", FT::kString, Base::kNone, {}, 0, "IA5String"}},
    {&x509ce::dNSName, {"dNSName", "x509ce.dNSName", FT::kString, Base::kNone, {}, 0, "IA5String"}},
    {&x509ce::x400Address_element, {"x400Address", "x509ce.x400Address_element", FT::kNone, Base::kNone, {}, 0, "ORAddress"}},
    {&x509ce::directoryName, {"directoryName", "x509ce.directoryName", FT::kUint32, Base::kDec, kNameChoice, 0, "Name"}},
    {&x509ce::ediPartyName_element, {"ediPartyName", "x509ce.ediPartyName_element", FT::kNone, Base::kNone}},
    {&x509ce::uniformResourceIdentifier, {"uniformResourceIdentifier", "x509ce.uniformResourceIdentifier", FT::kString, Base::kNone}},
    {&x509ce::IPAddress_ipv4, {"iPAddress", "x509ce.IPAddress.ipv4", FT::kIpv4, Base::kNone}},
    {&x509ce::IPAddress_ipv6, {"iPAddress", "x509ce.IPAddress.ipv6", FT::kIpv6, Base::kNone}},
    {&x509ce::registeredID, {"registeredID", "x509ce.registeredID", FT::kOid, Base::kNone, {}, 0, "OBJECT_IDENTIFIER"}},
    {&x509ce::CRLDistPointsSyntax, {"CRLDistPointsSyntax", "x509ce.CRLDistPointsSyntax", FT::kUint32, Base::kDec}},
    {&x509ce::DistributionPoint_element, {"DistributionPoint", "x509ce.DistributionPoint_element", FT::kNone, Base::kNone}},
    {&x509ce::distributionPoint, {"distributionPoint", "x509ce.distributionPoint", FT::kUint32, Base::kDec, kDistributionPointNameChoice, 0, "DistributionPointName"}},
    {&x509ce::fullName, {"fullName", "x509ce.fullName", FT::kUint32, Base::kDec, {}, 0, "GeneralNames"}},
    {&x509ce::nameRelativeToCRLIssuer, {"nameRelativeToCRLIssuer", "x509ce.nameRelativeToCRLIssuer", FT::kUint32, Base::kDec, {}, 0, "RelativeDistinguishedName"}},
    {&x509ce::reasons, {"reasons", "x509ce.reasons", FT::kBytes, Base::kNone, {}, 0, "ReasonFlags"}},
    {&x509ce::ReasonFlags_unused, {"unused", "x509ce.ReasonFlags.unused", FT::kBoolean, Base::kNone, {}, 0x80, "", nullptr, 8}},
    {&x509ce::ReasonFlags_keyCompromise, {"keyCompromise", "x509ce.ReasonFlags.keyCompromise", FT::kBoolean, Base::kNone, {}, 0x40, "", nullptr, 8}},
    {&x509ce::ReasonFlags_cACompromise, {"cACompromise", "x509ce.ReasonFlags.cACompromise", FT::kBoolean, Base::kNone, {}, 0x20, "", nullptr, 8}},
    {&x509ce::ReasonFlags_affiliationChanged, {"affiliationChanged", "x509ce.ReasonFlags.affiliationChanged", FT::kBoolean, Base::kNone, {}, 0x10, "", nullptr, 8}},
    {&x509ce::ReasonFlags_superseded, {"superseded", "x509ce.ReasonFlags.superseded", FT::kBoolean, Base::kNone, {}, 0x8, "", nullptr, 8}},
    {&x509ce::ReasonFlags_cessationOfOperation, {"cessationOfOperation", "x509ce.ReasonFlags.cessationOfOperation", FT::kBoolean, Base::kNone, {}, 0x4, "", nullptr, 8}},
    {&x509ce::ReasonFlags_certificateHold, {"certificateHold", "x509ce.ReasonFlags.certificateHold", FT::kBoolean, Base::kNone, {}, 0x2, "", nullptr, 8}},
    {&x509ce::ReasonFlags_privilegeWithdrawn, {"privilegeWithdrawn", "x509ce.ReasonFlags.privilegeWithdrawn", FT::kBoolean, Base::kNone, {}, 0x1, "", nullptr, 8}},
    {&x509ce::ReasonFlags_aACompromise, {"aACompromise", "x509ce.ReasonFlags.aACompromise", FT::kBoolean, Base::kNone, {}, 0x80, "", nullptr, 8}},
    {&x509ce::cRLIssuer, {"cRLIssuer", "x509ce.cRLIssuer", FT::kUint32, Base::kDec, {}, 0, "GeneralNames"}},
    {&x509ce::CertificatePoliciesSyntax, {"CertificatePoliciesSyntax", "x509ce.CertificatePoliciesSyntax", FT::kUint32, Base::kDec}},
    {&x509ce::PolicyInformation_element, {"PolicyInformation", "x509ce.PolicyInformation_element", FT::kNone, Base::kNone}},
    {&x509ce::policyIdentifier, {"policyIdentifier", "x509ce.policyIdentifier", FT::kOid, Base::kNone, {}, 0, "CertPolicyId"}},
    {&x509ce::policyQualifiers, {"policyQualifiers", "x509ce.policyQualifiers", FT::kUint32, Base::kDec, {}, 0, "SEQUENCE_SIZE_1_MAX_OF_PolicyQualifierInfo"}},
    {&x509ce::PolicyQualifierInfo_element, {"PolicyQualifierInfo", "x509ce.PolicyQualifierInfo_element", FT::kNone, Base::kNone}},
    {&x509ce::id, {"Id", "x509ce.id", FT::kOid, Base::kNone, {}, 0, "Object identifier Id"}},
    {&x509ce::NameConstraintsSyntax_element, {"NameConstraintsSyntax", "x509ce.NameConstraintsSyntax_element", FT::kNone, Base::kNone}},
    {&x509ce::permittedSubtrees, {"permittedSubtrees", "x509ce.permittedSubtrees", FT::kUint32, Base::kDec, {}, 0, "GeneralSubtrees"}},
    {&x509ce::excludedSubtrees, {"excludedSubtrees", "x509ce.excludedSubtrees", FT::kUint32, Base::kDec, {}, 0, "GeneralSubtrees"}},
    {&x509ce::GeneralSubtree_element, {"GeneralSubtree", "x509ce.GeneralSubtree_element", FT::kNone, Base::kNone}},
    {&x509ce::base, {"base", "x509ce.base", FT::kUint32, Base::kDec, kGeneralNameChoice, 0, "GeneralName"}},
    {&x509ce::minimum, {"minimum", "x509ce.minimum", FT::kUint64, Base::kDec, {}, 0, "BaseDistance"}},
    {&x509ce::maximum, {"maximum", "x509ce.maximum", FT::kUint64, Base::kDec, {}, 0, "BaseDistance"}},
};

const FieldReg kX509ifFields[] = {
    {&x509if::rdnSequence, {"rdnSequence", "x509if.rdnSequence", FT::kUint32, Base::kDec}},
    {&x509if::RDNSequence_item, {"RDNSequence item", "x509if.RDNSequence_item", FT::kUint32, Base::kDec}},
    {&x509if::RelativeDistinguishedName_item_element, {"RelativeDistinguishedName item", "x509if.RelativeDistinguishedName_item_element", FT::kNone, Base::kNone}},
    {&x509if::oid, {"Object Id", "x509if.oid", FT::kOid, Base::kNone, {}, 0, "Object identifier Id"}},
};

const FieldReg kX509satFields[] = {
    {&x509sat::DirectoryString, {"DirectoryString", "x509sat.DirectoryString", FT::kUint32, Base::kDec, kDirectoryStringChoice}},
    {&x509sat::teletexString, {"teletexString", "x509sat.teletexString", FT::kString, Base::kNone}},
    {&x509sat::printableString, {"printableString", "x509sat.printableString", FT::kString, Base::kNone}},
    {&x509sat::universalString, {"universalString", "x509sat.universalString", FT::kString, Base::kNone}},
    {&x509sat::uTF8String, {"uTF8String", "x509sat.uTF8String", FT::kString, Base::kNone}},
    {&x509sat::bmpString, {"bmpString", "x509sat.bmpString", FT::kString, Base::kNone}},
    {&x509sat::CountryName, {"CountryName", "x509sat.CountryName", FT::kString, Base::kNone}},
    {&x509sat::PrintableString, {"PrintableString", "x509sat.PrintableString", FT::kString, Base::kNone}},
    {&x509sat::IA5String, {"IA5String", "x509sat.IA5String", FT::kString, Base::kNone}},
    {&x509sat::UTF8String, {"UTF8String", "x509sat.UTF8String", FT::kString, Base::kNone}},
    {&x509sat::BMPString, {"BMPString", "x509sat.BMPString", FT::kString, Base::kNone}},
    {&x509sat::Integer, {"Integer", "x509sat.Integer", FT::kInt32, Base::kDec}},
};

const FieldReg kPkcs1Fields[] = {
    {&pkcs1::modulus, {"modulus", "pkcs1.modulus", FT::kBytes, Base::kNone, {}, 0, "INTEGER"}},
    {&pkcs1::publicExponent, {"publicExponent", "pkcs1.publicExponent", FT::kInt32, Base::kDec, {}, 0, "INTEGER"}},
    {&pkcs1::ECParameters, {"ECParameters", "pkcs1.ECParameters", FT::kUint32, Base::kDec, kEcParametersChoice}},
    {&pkcs1::namedCurve, {"namedCurve", "pkcs1.namedCurve", FT::kOid, Base::kNone, {}, 0, "OBJECT_IDENTIFIER"}},
};

const FieldReg kPkix1explicitFields[] = {
    {&pkix1explicit::Features, {"Features", "pkix1explicit.Features", FT::kUint32, Base::kDec}},
    {&pkix1explicit::Features_item,
     {"Features item", "pkix1explicit.Features_item", FT::kUint16, Base::kDec, kTlsExtensionTypes}},
    {&pkix1explicit::DirectoryString, {"DirectoryString", "pkix1explicit.DirectoryString", FT::kString, Base::kNone}},
};

const FieldReg kPkix1implicitFields[] = {
    {&pkix1implicit::AuthorityInfoAccessSyntax, {"AuthorityInfoAccessSyntax", "pkix1implicit.AuthorityInfoAccessSyntax", FT::kUint32, Base::kDec}},
    {&pkix1implicit::AccessDescription_element, {"AccessDescription", "pkix1implicit.AccessDescription_element", FT::kNone, Base::kNone}},
    {&pkix1implicit::accessMethod, {"accessMethod", "pkix1implicit.accessMethod", FT::kOid, Base::kNone, {}, 0, "OBJECT_IDENTIFIER"}},
    {&pkix1implicit::accessLocation, {"accessLocation", "pkix1implicit.accessLocation", FT::kUint32, Base::kDec, {}, 0, "GeneralName"}},
    {&pkix1implicit::UserNotice_element, {"UserNotice", "pkix1implicit.UserNotice_element", FT::kNone, Base::kNone}},
    {&pkix1implicit::noticeRef_element, {"noticeRef", "pkix1implicit.noticeRef_element", FT::kNone, Base::kNone, {}, 0, "NoticeReference"}},
    {&pkix1implicit::organization, {"organization", "pkix1implicit.organization", FT::kUint32, Base::kDec, kDisplayTextChoice, 0, "DisplayText"}},
    {&pkix1implicit::noticeNumbers, {"noticeNumbers", "pkix1implicit.noticeNumbers", FT::kUint32, Base::kDec}},
    {&pkix1implicit::noticeNumbers_item, {"noticeNumbers item", "pkix1implicit.noticeNumbers_item", FT::kInt32, Base::kDec, {}, 0, "INTEGER"}},
    {&pkix1implicit::explicitText, {"explicitText", "pkix1implicit.explicitText", FT::kUint32, Base::kDec, kDisplayTextChoice, 0, "DisplayText"}},
    {&pkix1implicit::visibleString, {"visibleString", "pkix1implicit.visibleString", FT::kString, Base::kNone}},
    {&pkix1implicit::ia5String, {"ia5String", "pkix1implicit.ia5String", FT::kString, Base::kNone}},
    {&pkix1implicit::utf8String, {"utf8String", "pkix1implicit.utf8String", FT::kString, Base::kNone}},
    {&pkix1implicit::bmpString, {"bmpString", "pkix1implicit.bmpString", FT::kString, Base::kNone}},
};

const FieldReg kBerFields[] = {
    {&ber::bitstring_padding, {"Padding", "ber.bitstring.padding", FT::kUint8, Base::kDec, {}, 0, "Number of unused bits in the last octet of the bitstring"}},
    {&ber::error_oid_not_implemented,
     {"BER: Dissector for OID not implemented. Contact Wireshark developers if you want this supported",
      "ber.error.oid_not_implemented", FT::kNone, Base::kNone}},
};

}  // namespace

namespace x509af {
FieldId proto, signedCertificate_element, version, serialNumber, signature_element, issuer, validity_element, notBefore, notAfter, utcTime, generalizedTime, subject, rdnSequence, subjectPublicKeyInfo_element, algorithm_element, algorithm_id, subjectPublicKey, issuerUniqueIdentifier, subjectUniqueIdentifier, extensions, Extension_element, extension_id, critical, algorithmIdentifier_element, encrypted, DSS_Params_element, p, q, g, Userid;
}  // namespace x509af
namespace x509ce {
FieldId proto, KeyUsage, KeyUsage_digitalSignature, KeyUsage_contentCommitment, KeyUsage_keyEncipherment, KeyUsage_dataEncipherment, KeyUsage_keyAgreement, KeyUsage_keyCertSign, KeyUsage_cRLSign, KeyUsage_encipherOnly, KeyUsage_decipherOnly, KeyPurposeIDs, KeyPurposeId, SubjectKeyIdentifier, AuthorityKeyIdentifier_element, keyIdentifier, authorityCertIssuer, authorityCertSerialNumber, BasicConstraintsSyntax_element, cA, pathLenConstraint, GeneralNames, GeneralName, otherName_element, type_id, rfc822Name, dNSName, x400Address_element, directoryName, ediPartyName_element, uniformResourceIdentifier, registeredID, CRLDistPointsSyntax, DistributionPoint_element, distributionPoint, fullName, nameRelativeToCRLIssuer, reasons, cRLIssuer, CertificatePoliciesSyntax, PolicyInformation_element, policyIdentifier, policyQualifiers, PolicyQualifierInfo_element, id, NameConstraintsSyntax_element, permittedSubtrees, excludedSubtrees, GeneralSubtree_element, base, minimum, maximum, IPAddress_ipv4, IPAddress_ipv6, value_element, ReasonFlags_unused, ReasonFlags_keyCompromise, ReasonFlags_cACompromise, ReasonFlags_affiliationChanged, ReasonFlags_superseded, ReasonFlags_cessationOfOperation, ReasonFlags_certificateHold, ReasonFlags_privilegeWithdrawn, ReasonFlags_aACompromise;
}  // namespace x509ce
namespace x509if {
FieldId proto, rdnSequence, RDNSequence_item, RelativeDistinguishedName_item_element, oid;
}  // namespace x509if
namespace x509sat {
FieldId proto, DirectoryString, teletexString, printableString, universalString, uTF8String, bmpString, CountryName, PrintableString, IA5String, UTF8String, BMPString, Integer;
}  // namespace x509sat
namespace pkcs1 {
FieldId proto, modulus, publicExponent, ECParameters, namedCurve;
}  // namespace pkcs1
namespace pkix1explicit {
FieldId proto, DirectoryString, Features, Features_item;
}  // namespace pkix1explicit
namespace pkix1implicit {
FieldId proto, AuthorityInfoAccessSyntax, AccessDescription_element, accessMethod, accessLocation, UserNotice_element, noticeRef_element, organization, noticeNumbers, noticeNumbers_item, explicitText, visibleString, ia5String, utf8String, bmpString;
}  // namespace pkix1implicit
namespace ber {
FieldId proto, bitstring_padding, error_oid_not_implemented;
}  // namespace ber

void register_x509_fields() {
  FieldRegistry& r = registry();
  x509af::proto = r.add_protocol({"X.509 Authentication Framework", "X509AF", "x509af"});
  r.add_fields(x509af::proto, kX509afFields);
  x509ce::proto = r.add_protocol({"X.509 Certificate Extensions", "X509CE", "x509ce"});
  r.add_fields(x509ce::proto, kX509ceFields);
  x509if::proto = r.add_protocol({"X.509 Information Framework", "X509IF", "x509if"});
  r.add_fields(x509if::proto, kX509ifFields);
  x509sat::proto = r.add_protocol({"X.509 Selected Attribute Types", "X509SAT", "x509sat"});
  r.add_fields(x509sat::proto, kX509satFields);
  pkcs1::proto = r.add_protocol({"PKCS#1", "PKCS-1", "pkcs-1"});
  r.add_fields(pkcs1::proto, kPkcs1Fields);
  pkix1explicit::proto = r.add_protocol({"PKIX1Explicit", "PKIX1EXPLICIT", "pkix1explicit"});
  r.add_fields(pkix1explicit::proto, kPkix1explicitFields);
  pkix1implicit::proto = r.add_protocol({"PKIX1Implitit", "PKIX1IMPLICIT", "pkix1implicit"});
  r.add_fields(pkix1implicit::proto, kPkix1implicitFields);
  ber::proto = r.add_protocol({"Basic Encoding Rules (ASN.1 X.690)", "BER", "ber"});
  r.add_fields(ber::proto, kBerFields);
}

}  // namespace netsift
