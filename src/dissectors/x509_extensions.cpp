// Certificate extensions (RFC 5280 section 4.2): each extension's value is dissected by its OID,
// by the protocol tshark registers for it (x509ce, pkix1implicit, x509sat), which is recorded as
// a layer (frame.protocols) as tshark's OID dispatch does.
#include <string_view>

#include "dissectors/tls_sct.h"
#include "dissectors/x509_internal.h"

namespace netsift {

namespace {

using namespace ber_tag;

[[noreturn]] void malformed() {
  throw BoundsError{false};
}

// A BIT STRING of nine named bits (KeyUsage, ReasonFlags) in field `f`, its bits in `bits`.
void dissect_nine_named_bits(BerTree& t, int parent, FieldId f, const BerHeader& h,
                             const FieldId* const (&bits)[9]) {
  int n = t.bit_string(parent, f, h);
  size_t first = h.content() + 1, len = h.length - 1;
  if (len == 0) return;
  const ByteReader& r = t.reader();
  for (int i = 0; i < 8; ++i) t.pkt().add_item(n, *bits[i], r, first, 1);
  // The ninth bit is in a second octet DER leaves out when the bit is clear: tshark then shows
  // it clear on the first octet.
  size_t at = len >= 2 ? first + 1 : first;
  t.pkt().add_uint(n, *bits[8], r, at, 1, len >= 2 && (r.u8(at) & 0x80));
}

void dissect_key_usage(BerTree& t, int parent, const BerHeader& h) {
  if (!h.universal(kBitString)) malformed();
  static const FieldId* const kBits[9] = {
      &x509ce::KeyUsage_digitalSignature, &x509ce::KeyUsage_contentCommitment,
      &x509ce::KeyUsage_keyEncipherment,  &x509ce::KeyUsage_dataEncipherment,
      &x509ce::KeyUsage_keyAgreement,     &x509ce::KeyUsage_keyCertSign,
      &x509ce::KeyUsage_cRLSign,          &x509ce::KeyUsage_encipherOnly,
      &x509ce::KeyUsage_decipherOnly};
  dissect_nine_named_bits(t, parent, x509ce::KeyUsage, h, kBits);
}

void dissect_reason_flags(BerTree& t, int parent, const BerHeader& h) {
  static const FieldId* const kBits[9] = {
      &x509ce::ReasonFlags_unused,          &x509ce::ReasonFlags_keyCompromise,
      &x509ce::ReasonFlags_cACompromise,    &x509ce::ReasonFlags_affiliationChanged,
      &x509ce::ReasonFlags_superseded,      &x509ce::ReasonFlags_cessationOfOperation,
      &x509ce::ReasonFlags_certificateHold, &x509ce::ReasonFlags_privilegeWithdrawn,
      &x509ce::ReasonFlags_aACompromise};
  dissect_nine_named_bits(t, parent, x509ce::reasons, h, kBits);
}

void dissect_oid_list(BerTree& t, int parent, FieldId list, FieldId item, const BerHeader& h) {
  if (!h.universal(kSequence)) malformed();
  int n = t.sequence_of(parent, list, h);
  for (size_t off = h.content(); off < h.end();) {
    BerHeader o = t.expect_universal(off, h.end(), kOid);
    t.oid(n, item, o);
    off = o.end();
  }
}

// BasicConstraintsSyntax ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER
// OPTIONAL }
void dissect_basic_constraints(BerTree& t, int parent, const BerHeader& h) {
  if (!h.universal(kSequence)) malformed();
  int n = t.sequence(parent, x509ce::BasicConstraintsSyntax_element, h);
  for (size_t off = h.content(); off < h.end();) {
    BerHeader e = t.next(off, h.end());
    if (e.universal(kBoolean))
      t.boolean(n, x509ce::cA, e);
    else if (e.universal(kInteger))
      t.integer(n, x509ce::pathLenConstraint, e);
    else
      malformed();
    off = e.end();
  }
}

// AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OPTIONAL,
//   authorityCertIssuer [1] IMPLICIT GeneralNames OPTIONAL, authorityCertSerialNumber [2] OPTIONAL
//   }
void dissect_authority_key_identifier(BerTree& t, int parent, const BerHeader& h) {
  if (!h.universal(kSequence)) malformed();
  int n = t.sequence(parent, x509ce::AuthorityKeyIdentifier_element, h);
  for (size_t off = h.content(); off < h.end();) {
    BerHeader e = t.next(off, h.end());
    if (e.context(0))
      t.bytes(n, x509ce::keyIdentifier, e);
    else if (e.context(1))
      dissect_general_names(t, n, x509ce::authorityCertIssuer, e);
    else if (e.context(2))
      t.big_integer(n, x509ce::authorityCertSerialNumber, e);
    else
      malformed();
    off = e.end();
  }
}

// AuthorityInfoAccessSyntax ::= SEQUENCE OF AccessDescription { accessMethod, accessLocation }
void dissect_authority_info_access(BerTree& t, int parent, const BerHeader& h) {
  if (!h.universal(kSequence)) malformed();
  int n = t.sequence_of(parent, pkix1implicit::AuthorityInfoAccessSyntax, h);
  for (size_t off = h.content(); off < h.end();) {
    BerHeader d = t.expect_universal(off, h.end(), kSequence);
    int a = t.sequence(n, pkix1implicit::AccessDescription_element, d);
    BerHeader method = t.expect_universal(d.content(), d.end(), kOid);
    t.oid(a, pkix1implicit::accessMethod, method);
    dissect_general_name(t, a, pkix1implicit::accessLocation, t.next(method.end(), d.end()));
    off = d.end();
  }
}

// DisplayText ::= CHOICE { ia5String, visibleString, bmpString, utf8String }
void dissect_display_text(BerTree& t, int parent, FieldId f, const BerHeader& h) {
  static const struct {
    uint32_t tag;
    FieldId* field;
  } kChoices[] = {{kIa5String, &pkix1implicit::ia5String},
                  {kVisibleString, &pkix1implicit::visibleString},
                  {kBmpString, &pkix1implicit::bmpString},
                  {kUtf8String, &pkix1implicit::utf8String}};
  for (uint32_t i = 0; i < 4; ++i) {
    if (!h.universal(kChoices[i].tag)) continue;
    t.string(t.choice(parent, f, h, i), *kChoices[i].field, h);
    return;
  }
  malformed();
}

// UserNotice ::= SEQUENCE { noticeRef NoticeReference OPTIONAL, explicitText DisplayText OPTIONAL }
void dissect_user_notice(BerTree& t, int parent, const BerHeader& h) {
  if (!h.universal(kSequence)) malformed();
  int n = t.sequence(parent, pkix1implicit::UserNotice_element, h);
  for (size_t off = h.content(); off < h.end();) {
    BerHeader e = t.next(off, h.end());
    if (e.universal(kSequence)) {  // NoticeReference ::= SEQUENCE { organization, noticeNumbers }
      int ref = t.sequence(n, pkix1implicit::noticeRef_element, e);
      BerHeader org = t.next(e.content(), e.end());
      dissect_display_text(t, ref, pkix1implicit::organization, org);
      BerHeader nums = t.expect_universal(org.end(), e.end(), kSequence);
      int list = t.sequence_of(ref, pkix1implicit::noticeNumbers, nums);
      for (size_t p = nums.content(); p < nums.end();) {
        BerHeader i = t.expect_universal(p, nums.end(), kInteger);
        t.integer(list, pkix1implicit::noticeNumbers_item, i);
        p = i.end();
      }
    } else {
      dissect_display_text(t, n, pkix1implicit::explicitText, e);
    }
    off = e.end();
  }
}

// CertificatePoliciesSyntax ::= SEQUENCE OF PolicyInformation { policyIdentifier,
//   policyQualifiers SEQUENCE OF PolicyQualifierInfo { policyQualifierId, qualifier ANY } OPTIONAL
//   }
void dissect_certificate_policies(BerTree& t, int parent, const BerHeader& h) {
  if (!h.universal(kSequence)) malformed();
  int n = t.sequence_of(parent, x509ce::CertificatePoliciesSyntax, h);
  for (size_t off = h.content(); off < h.end();) {
    BerHeader pi = t.expect_universal(off, h.end(), kSequence);
    int p = t.sequence(n, x509ce::PolicyInformation_element, pi);
    BerHeader id = t.expect_universal(pi.content(), pi.end(), kOid);
    t.oid(p, x509ce::policyIdentifier, id);
    if (id.end() < pi.end()) {
      BerHeader qs = t.expect_universal(id.end(), pi.end(), kSequence);
      int list = t.sequence_of(p, x509ce::policyQualifiers, qs);
      for (size_t q = qs.content(); q < qs.end();) {
        BerHeader qi = t.expect_universal(q, qs.end(), kSequence);
        int item = t.sequence(list, x509ce::PolicyQualifierInfo_element, qi);
        BerHeader qid = t.expect_universal(qi.content(), qi.end(), kOid);
        t.oid(item, x509ce::id, qid);
        if (qid.end() < qi.end()) {
          BerHeader qual = t.next(qid.end(), qi.end());
          std::string dotted = oid_text(t, qid);
          if (dotted == "1.3.6.1.5.5.7.2.1" && qual.universal(kIa5String)) {  // id-qt-cps
            t.pkt().add_layer(pkix1explicit::proto);
            t.string(item, pkix1explicit::DirectoryString, qual);
          } else if (dotted == "1.3.6.1.5.5.7.2.2") {  // id-qt-unotice
            t.pkt().add_layer(pkix1implicit::proto);
            dissect_user_notice(t, item, qual);
          }
        }
        q = qi.end();
      }
    }
    off = pi.end();
  }
}

// CRLDistPointsSyntax ::= SEQUENCE OF DistributionPoint { distributionPoint [0]
//   DistributionPointName OPTIONAL, reasons [1] ReasonFlags OPTIONAL, cRLIssuer [2] OPTIONAL }
void dissect_crl_distribution_points(BerTree& t, int parent, const BerHeader& h) {
  if (!h.universal(kSequence)) malformed();
  int n = t.sequence_of(parent, x509ce::CRLDistPointsSyntax, h);
  for (size_t off = h.content(); off < h.end();) {
    BerHeader dp = t.expect_universal(off, h.end(), kSequence);
    int d = t.sequence(n, x509ce::DistributionPoint_element, dp);
    for (size_t p = dp.content(); p < dp.end();) {
      BerHeader e = t.next(p, dp.end());
      if (e.context(0)) {
        BerHeader name = t.next(e.content(), e.end());
        if (name.context(0)) {
          int c = t.choice(d, x509ce::distributionPoint, name, 0, true);
          dissect_general_names(t, c, x509ce::fullName, name);
        } else if (name.context(1)) {
          int c = t.choice(d, x509ce::distributionPoint, name, 1, true);
          BerHeader set = name;
          set.cls = BerClass::kUniversal;
          set.tag = kSet;
          dissect_rdn(t, c, x509ce::nameRelativeToCRLIssuer, set);
        } else {
          malformed();
        }
      } else if (e.context(1)) {
        dissect_reason_flags(t, d, e);
      } else if (e.context(2)) {
        dissect_general_names(t, d, x509ce::cRLIssuer, e);
      } else {
        malformed();
      }
      p = e.end();
    }
    off = dp.end();
  }
}

// GeneralSubtrees ::= SEQUENCE OF GeneralSubtree { base GeneralName, minimum [0] DEFAULT 0,
//   maximum [1] OPTIONAL }
void dissect_general_subtrees(BerTree& t, int parent, FieldId f, const BerHeader& h) {
  int n = t.sequence_of(parent, f, h);
  for (size_t off = h.content(); off < h.end();) {
    BerHeader st = t.expect_universal(off, h.end(), kSequence);
    int s = t.sequence(n, x509ce::GeneralSubtree_element, st);
    BerHeader base = t.next(st.content(), st.end());
    dissect_general_name(t, s, x509ce::base, base);
    for (size_t p = base.end(); p < st.end();) {
      BerHeader e = t.next(p, st.end());
      if (e.context(0))
        t.integer(s, x509ce::minimum, e);
      else if (e.context(1))
        t.integer(s, x509ce::maximum, e);
      else
        malformed();
      p = e.end();
    }
    off = st.end();
  }
}

// NameConstraintsSyntax ::= SEQUENCE { permittedSubtrees [0] OPTIONAL, excludedSubtrees [1]
// OPTIONAL }
void dissect_name_constraints(BerTree& t, int parent, const BerHeader& h) {
  if (!h.universal(kSequence)) malformed();
  int n = t.sequence(parent, x509ce::NameConstraintsSyntax_element, h);
  for (size_t off = h.content(); off < h.end();) {
    BerHeader e = t.next(off, h.end());
    if (e.context(0))
      dissect_general_subtrees(t, n, x509ce::permittedSubtrees, e);
    else if (e.context(1))
      dissect_general_subtrees(t, n, x509ce::excludedSubtrees, e);
    else
      malformed();
    off = e.end();
  }
}

void dissect_x509sat_integer(BerTree& t, int parent, const BerHeader& h) {
  if (!h.universal(kInteger)) malformed();
  t.integer(parent, x509sat::Integer, h);
}

void dissect_x509sat_bmp_string(BerTree& t, int parent, const BerHeader& h) {
  if (!h.universal(kBmpString)) malformed();
  t.string(parent, x509sat::BMPString, h);
}

void dissect_subject_key_identifier(BerTree& t, int parent, const BerHeader& h) {
  if (!h.universal(kOctetString)) malformed();
  t.bytes(parent, x509ce::SubjectKeyIdentifier, h);
}

void dissect_ext_key_usage(BerTree& t, int parent, const BerHeader& h) {
  dissect_oid_list(t, parent, x509ce::KeyPurposeIDs, x509ce::KeyPurposeId, h);
}

void dissect_alt_names(BerTree& t, int parent, const BerHeader& h) {
  if (!h.universal(kSequence)) malformed();
  dissect_general_names(t, parent, x509ce::GeneralNames, h);
}

// Features ::= SEQUENCE OF INTEGER: TLS extension types the certificate requires (RFC 7633).
void dissect_tls_features(BerTree& t, int parent, const BerHeader& h) {
  if (!h.universal(kSequence)) malformed();
  int n = t.sequence_of(parent, pkix1explicit::Features, h);
  for (size_t off = h.content(); off < h.end();) {
    BerHeader i = t.expect_universal(off, h.end(), kInteger);
    t.integer(n, pkix1explicit::Features_item, i);
    off = i.end();
  }
}

// SignedCertificateTimestampList (RFC 6962 3.3): an OCTET STRING holding the TLS-encoded list,
// which tshark hands to the TLS dissector (that records its own layer).
void dissect_sct_list_extension(BerTree& t, int parent, const BerHeader& h) {
  if (!h.universal(kOctetString)) malformed();
  dissect_certificate_sct_list(t.pkt(), t.reader(), h.content(), h.end(), parent);
}

struct ExtensionType {
  std::string_view oid;
  FieldId* protocol;  // the layer tshark records, nullptr when the dissector records it
  void (*dissect)(BerTree&, int, const BerHeader&);
};

const ExtensionType kExtensionTypes[] = {
    {"2.5.29.14", &x509ce::proto, dissect_subject_key_identifier},
    {"2.5.29.15", &x509ce::proto, dissect_key_usage},
    {"2.5.29.17", &x509ce::proto, dissect_alt_names},
    {"2.5.29.18", &x509ce::proto, dissect_alt_names},
    {"2.5.29.19", &x509ce::proto, dissect_basic_constraints},
    {"2.5.29.30", &x509ce::proto, dissect_name_constraints},
    {"2.5.29.31", &x509ce::proto, dissect_crl_distribution_points},
    {"2.5.29.32", &x509ce::proto, dissect_certificate_policies},
    {"2.5.29.35", &x509ce::proto, dissect_authority_key_identifier},
    {"2.5.29.37", &x509ce::proto, dissect_ext_key_usage},
    {"1.3.6.1.5.5.7.1.1", &pkix1implicit::proto, dissect_authority_info_access},
    {"1.3.6.1.5.5.7.1.24", &pkix1explicit::proto, dissect_tls_features},
    {"1.3.6.1.4.1.311.20.2", &x509sat::proto, dissect_x509sat_bmp_string},
    {"1.3.6.1.4.1.311.21.1", &x509sat::proto, dissect_x509sat_integer},
    {"1.3.6.1.4.1.11129.2.4.2", nullptr, dissect_sct_list_extension},
};

// Extension ::= SEQUENCE { extnId OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
void dissect_extension(BerTree& t, int parent, const BerHeader& h) {
  BerHeader id = t.expect_universal(h.content(), h.end(), kOid);
  std::string dotted = oid_text(t, id);
  int n = t.sequence(parent, x509af::Extension_element, h, oid_label_name(dotted));
  t.oid(n, x509af::extension_id, id);
  BerHeader e = t.next(id.end(), h.end());
  if (e.universal(kBoolean)) {
    t.boolean(n, x509af::critical, e);
    e = t.next(e.end(), h.end());
  }
  if (!e.universal(kOctetString)) malformed();
  for (const ExtensionType& x : kExtensionTypes) {
    if (x.oid != dotted) continue;
    if (x.protocol) t.pkt().add_layer(*x.protocol);
    x.dissect(t, n, t.next(e.content(), e.end()));
    return;
  }
  // Extensions tshark hands to dissectors netsift does not have yet (logotypes, Netscape's,
  // OCSP's no-check): left out rather than reported undissected.
  for (std::string_view other :
       {"1.3.6.1.5.5.7.1.12", "2.16.840.1.113730.1.1",
        "2.16.840.1.113730.1.13", "1.3.6.1.5.5.7.48.1.5"})
    if (dotted == other) return;
  t.oid_not_implemented(n, e);
}

}  // namespace

void dissect_extensions(BerTree& t, int parent, const BerHeader& h) {
  BerTree::Depth depth(t);
  int n = t.sequence_of(parent, x509af::extensions, h);
  for (size_t off = h.content(); off < h.end();) {
    BerHeader e = t.expect_universal(off, h.end(), kSequence);
    dissect_extension(t, n, e);
    off = e.end();
  }
}

}  // namespace netsift
