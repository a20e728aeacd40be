// Distinguished names (X.509 Information Framework) with the attribute types of X.509 Selected
// Attribute Types, and GeneralName(s) (X.509 Certificate Extensions).
#include <arpa/inet.h>

#include <string_view>
#include <vector>

#include "core/field_registry.h"
#include "dissectors/x509_internal.h"

namespace netsift {

namespace {

using namespace ber_tag;

[[noreturn]] void malformed() {
  throw BoundsError{false};
}

// How tshark dissects an attribute value, by attribute type.
enum class ValueKind {
  kDirectoryString,
  kCountryName,
  kPrintableString,
  kIa5String,
  kUserid,
  kUnknown
};

struct AttributeType {
  std::string_view oid;
  ValueKind kind;
};

constexpr AttributeType kAttributeTypes[] = {
    {"2.5.4.3", ValueKind::kDirectoryString},                   // commonName
    {"2.5.4.4", ValueKind::kDirectoryString},                   // surname
    {"2.5.4.5", ValueKind::kPrintableString},                   // serialNumber
    {"2.5.4.6", ValueKind::kCountryName},                       // countryName
    {"2.5.4.7", ValueKind::kDirectoryString},                   // localityName
    {"2.5.4.8", ValueKind::kDirectoryString},                   // stateOrProvinceName
    {"2.5.4.9", ValueKind::kDirectoryString},                   // streetAddress
    {"2.5.4.10", ValueKind::kDirectoryString},                  // organizationName
    {"2.5.4.11", ValueKind::kDirectoryString},                  // organizationalUnitName
    {"2.5.4.12", ValueKind::kDirectoryString},                  // title
    {"2.5.4.13", ValueKind::kDirectoryString},                  // description
    {"2.5.4.15", ValueKind::kDirectoryString},                  // businessCategory
    {"2.5.4.17", ValueKind::kDirectoryString},                  // postalCode
    {"2.5.4.18", ValueKind::kDirectoryString},                  // postOfficeBox
    {"2.5.4.41", ValueKind::kDirectoryString},                  // name
    {"2.5.4.42", ValueKind::kDirectoryString},                  // givenName
    {"2.5.4.43", ValueKind::kDirectoryString},                  // initials
    {"2.5.4.44", ValueKind::kDirectoryString},                  // generationQualifier
    {"2.5.4.46", ValueKind::kPrintableString},                  // dnQualifier
    {"2.5.4.65", ValueKind::kDirectoryString},                  // pseudonym
    {"1.2.840.113549.1.9.1", ValueKind::kIa5String},            // pkcs-9 emailAddress
    {"0.9.2342.19200300.100.1.25", ValueKind::kIa5String},      // domainComponent
    {"0.9.2342.19200300.100.1.1", ValueKind::kUserid},          // userid (x509af's)
    {"1.3.6.1.4.1.311.60.2.1.1", ValueKind::kDirectoryString},  // jurisdiction locality
    {"1.3.6.1.4.1.311.60.2.1.2", ValueKind::kDirectoryString},  // jurisdiction state
    {"1.3.6.1.4.1.311.60.2.1.3", ValueKind::kCountryName},      // jurisdiction country
};

ValueKind value_kind(std::string_view oid) {
  for (const AttributeType& a : kAttributeTypes)
    if (a.oid == oid) return a.kind;
  return ValueKind::kUnknown;
}

// DirectoryString ::= CHOICE { teletexString, printableString, universalString, uTF8String,
// bmpString }.
bool dissect_directory_string(BerTree& t, int parent, const BerHeader& h) {
  static const struct {
    uint32_t tag;
    FieldId* field;
  } kChoices[] = {{kTeletexString, &x509sat::teletexString},
                  {kPrintableString, &x509sat::printableString},
                  {kUniversalString, &x509sat::universalString},
                  {kBmpString, &x509sat::bmpString},
                  {kUtf8String, &x509sat::uTF8String}};
  for (uint32_t i = 0; i < 5; ++i) {
    if (!h.universal(kChoices[i].tag)) continue;
    int n = t.choice(parent, x509sat::DirectoryString, h, i);
    t.string(n, *kChoices[i].field, h);
    return true;
  }
  return false;
}

// Whether `h` is one of DirectoryString's string types.
bool dissect_directory_string_value(const BerHeader& h) {
  for (uint32_t tag : {kTeletexString, kPrintableString, kUniversalString, kUtf8String, kBmpString})
    if (h.universal(tag)) return true;
  return false;
}

// The attribute's value, dissected by its type; returns the value's text.
std::string dissect_attribute_value(BerTree& t, int parent, std::string_view type,
                                    const BerHeader& v) {
  ValueKind kind = value_kind(type);
  if (kind == ValueKind::kUnknown) return {};
  t.pkt().add_layer(kind == ValueKind::kUserid ? x509af::proto : x509sat::proto);
  switch (kind) {
    case ValueKind::kUserid:
      if (!dissect_directory_string_value(v)) malformed();
      t.string(parent, x509af::Userid, v);
      break;
    case ValueKind::kDirectoryString:
      if (!dissect_directory_string(t, parent, v)) malformed();
      break;
    case ValueKind::kCountryName:
      if (!v.universal(kPrintableString)) malformed();
      t.string(parent, x509sat::CountryName, v);
      break;
    case ValueKind::kPrintableString:
      if (!v.universal(kPrintableString)) malformed();
      t.string(parent, x509sat::PrintableString, v);
      break;
    case ValueKind::kIa5String:
      if (!v.universal(kIa5String)) malformed();
      t.string(parent, x509sat::IA5String, v);
      break;
    case ValueKind::kUnknown:
      break;
  }
  return t.text_of(v);
}

// AttributeTypeAndValue ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY DEFINED BY type }.
std::string dissect_attribute(BerTree& t, int parent, const BerHeader& h) {
  BerHeader type = t.expect_universal(h.content(), h.end(), kOid);
  std::string dotted = oid_text(t, type);
  BerHeader value = t.next(type.end(), h.end());
  std::string text = oid_label_name(dotted) + "=";
  // The item's text needs the value, which is dissected after the item is made: made first,
  // named afterwards.
  int n = t.sequence(parent, x509if::RelativeDistinguishedName_item_element, h);
  t.oid(n, x509if::oid, type);
  text += dissect_attribute_value(t, n, dotted, value);
  if (t.labels()) t.set_label(n, std::string("RelativeDistinguishedName item (") + text + ")");
  return text;
}

}  // namespace

std::string dissect_rdn(BerTree& t, int parent, FieldId f, const BerHeader& h) {
  if (!h.universal(kSet)) malformed();
  int n = t.sequence_of(parent, f, h);
  std::string text;
  for (size_t off = h.content(); off < h.end();) {
    BerHeader a = t.expect_universal(off, h.end(), kSequence);
    if (!text.empty()) text.push_back('+');
    text += dissect_attribute(t, n, a);
    off = a.end();
  }
  if (t.labels())
    t.set_label(n, std::string(registry().info(f).def.name) + ": " +
                       item_count_text(t.count_items(h)) + " (" + text + ")");
  return text;
}

namespace {

// The RDNs of RDNSequence `h` under `n`; returns tshark's one-line form of the name (last RDN
// first) and their count through `count`.
std::string dissect_rdn_sequence_items(BerTree& t, int n, const BerHeader& h, size_t* count) {
  std::vector<std::string> rdns;
  for (size_t off = h.content(); off < h.end();) {
    BerHeader rdn = t.next(off, h.end());
    rdns.push_back(dissect_rdn(t, n, x509if::RDNSequence_item, rdn));
    off = rdn.end();
  }
  std::string text;
  for (size_t i = rdns.size(); i-- > 0;) {
    text += rdns[i];
    if (i) text.push_back(',');
  }
  *count = rdns.size();
  return text;
}

}  // namespace

std::string dissect_name(BerTree& t, int parent, FieldId choice_field, FieldId sequence_field,
                         const BerHeader& h) {
  BerTree::Depth depth(t);
  if (!h.universal(kSequence)) malformed();
  int c = t.choice(parent, choice_field, h, 0);
  int n = t.sequence_of(c, sequence_field, h);
  size_t count = 0;
  std::string text = dissect_rdn_sequence_items(t, n, h, &count);
  if (t.labels())
    t.set_label(n, std::string(registry().info(sequence_field).def.name) + ": " +
                       item_count_text(count) + " (" + text + ")");
  return text;
}

void dissect_distinguished_name(BerTree& t, int parent, FieldId f, const BerHeader& h) {
  BerTree::Depth depth(t);
  if (!h.universal(kSequence)) malformed();
  // tshark's SEQUENCE OF item for a field without a value: "name:", then the name appended.
  int n = t.pkt().tree.add(parent, f, t.reader(), h.content(), h.length, Value{});
  size_t count = 0;
  std::string text = dissect_rdn_sequence_items(t, n, h, &count);
  if (t.labels())
    t.set_label(n, std::string(registry().info(f).def.name) + ": (" + text + ")");
}

void dissect_general_names(BerTree& t, int parent, FieldId f, const BerHeader& h) {
  BerTree::Depth depth(t);
  int n = t.sequence_of(parent, f, h);
  for (size_t off = h.content(); off < h.end();) {
    BerHeader g = t.next(off, h.end());
    dissect_general_name(t, n, x509ce::GeneralName, g);
    off = g.end();
  }
}

void dissect_general_name(BerTree& t, int parent, FieldId f, const BerHeader& h) {
  BerTree::Depth depth(t);
  if (h.cls != BerClass::kContext || h.tag > 8) malformed();
  // directoryName [4] is explicit (a CHOICE cannot be tagged implicitly): its item covers the
  // Name inside.
  int n = h.tag == 4 ? t.choice(parent, f, t.next(h.content(), h.end()), h.tag)
                     : t.choice(parent, f, h, h.tag, true);
  switch (h.tag) {
    case 0: {  // otherName [0] IMPLICIT SEQUENCE { type-id OID, value [0] EXPLICIT ANY }
      int s = t.sequence(n, x509ce::otherName_element, h);
      BerHeader id = t.expect_universal(h.content(), h.end(), kOid);
      t.oid(s, x509ce::type_id, id);
      BerHeader value = t.next(id.end(), h.end());
      if (!value.context(0)) malformed();
      if (oid_text(t, id) == "1.3.6.1.4.1.311.20.2.3") {  // Microsoft's user principal name
        BerHeader upn = t.expect_universal(value.content(), value.end(), kUtf8String);
        t.pkt().add_layer(x509sat::proto);
        t.string(s, x509sat::UTF8String, upn);
      } else {
        t.oid_not_implemented(s, value);
      }
      break;
    }
    case 1:
      t.string(n, x509ce::rfc822Name, h);
      break;
    case 2:
      t.string(n, x509ce::dNSName, h);
      break;
    case 3:
      t.sequence(n, x509ce::x400Address_element, h);
      break;
    case 4:  // directoryName [4] EXPLICIT Name (a CHOICE is always explicitly tagged)
      dissect_name(t, n, x509ce::directoryName, x509if::rdnSequence,
                   t.expect_universal(h.content(), h.end(), kSequence));
      break;
    case 5:
      t.sequence(n, x509ce::ediPartyName_element, h);
      break;
    case 6:
      t.string(n, x509ce::uniformResourceIdentifier, h);
      break;
    case 7:
      if (h.length == 4)
        t.pkt().add_uint(n, x509ce::IPAddress_ipv4, t.reader(), h.content(), 4,
                         t.reader().u32(h.content()));
      else if (h.length == 16)
        t.pkt().add_item(n, x509ce::IPAddress_ipv6, t.reader(), h.content(), 16);
      // tshark shows no value for other lengths (name constraints' address and mask pairs).
      break;
    case 8:
      t.oid(n, x509ce::registeredID, h);
      break;
  }
}

}  // namespace netsift
