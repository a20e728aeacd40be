// Certificate, TBSCertificate, AlgorithmIdentifier, Validity and SubjectPublicKeyInfo (X.509
// Authentication Framework, RFC 5280 section 4.1); names are in x509_names.cpp, extensions in
// x509_extensions.cpp.
#include "dissectors/x509.h"

#include <fmt/format.h>

#include <ctime>

#include "core/field_registry.h"
#include "core/oid.h"
#include "core/text_format.h"
#include "dissectors/x509_internal.h"

namespace netsift {

namespace {

using namespace ber_tag;

constexpr const char* kRsaEncryption = "1.2.840.113549.1.1.1";
constexpr const char* kEcPublicKey = "1.2.840.10045.2.1";
constexpr const char* kDsa = "1.2.840.10040.4.1";

[[noreturn]] void malformed() {
  throw BoundsError{false};
}

int digits(const char* s, int n) {
  int v = 0;
  for (int i = 0; i < n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// UTCTime "YYMMDDhhmm[ss](Z|+hhmm|-hhmm)" as tshark shows it: "2025-06-02 08:37:21 (UTC)".
std::string utc_time_text(std::string_view s) {
  if (s.size() < 11) malformed();
  int yy = digits(s.data(), 2), mo = digits(s.data() + 2, 2), d = digits(s.data() + 4, 2),
      h = digits(s.data() + 6, 2), mi = digits(s.data() + 8, 2), sec = 0;
  size_t i = 10;
  if (i + 2 <= s.size() && s[i] >= '0' && s[i] <= '9') {
    sec = digits(s.data() + i, 2);
    i += 2;
  }
  if (yy < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0) malformed();
  std::string text = fmt::format("{}-{:02}-{:02} {:02}:{:02}:{:02}",
                                 yy < 50 ? 2000 + yy : 1900 + yy, mo, d, h, mi, sec);
  if (i < s.size() && s[i] == 'Z' && i + 1 == s.size()) return text + " (UTC)";
  if (i + 5 == s.size() && (s[i] == '+' || s[i] == '-') && digits(s.data() + i + 1, 4) >= 0)
    return fmt::format("{} (UTC {}{}:{})", text, s[i], s.substr(i + 1, 2), s.substr(i + 3, 2));
  malformed();
}

// GeneralizedTime "YYYYMMDDhhmmss[.fff]Z" in nanoseconds since the epoch.
int64_t generalized_time_ns(std::string_view s) {
  if (s.size() < 15 || s.back() != 'Z') malformed();
  int y = digits(s.data(), 4), mo = digits(s.data() + 4, 2), d = digits(s.data() + 6, 2),
      h = digits(s.data() + 8, 2), mi = digits(s.data() + 10, 2), sec = digits(s.data() + 12, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || mi < 0 || sec < 0) malformed();
  int64_t frac = 0;
  size_t i = 14;
  if (s[i] == '.' || s[i] == ',') {
    int64_t scale = 100000000;
    for (++i; i + 1 < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9') malformed();
      frac += (s[i] - '0') * scale;
      scale /= 10;
    }
  } else if (i + 1 != s.size()) {
    malformed();
  }
  struct tm tm {};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  // Nanoseconds since the epoch, as absolute time values are kept: dates past 2262 (such as
  // RFC 5280's 99991231235959Z) wrap rather than overflow.
  uint64_t ns = static_cast<uint64_t>(timegm(&tm)) * 1000000000u + static_cast<uint64_t>(frac);
  return static_cast<int64_t>(ns);
}

// Time ::= CHOICE { utcTime UTCTime, generalizedTime GeneralizedTime }.
void dissect_time(BerTree& t, int parent, FieldId f, const BerHeader& h) {
  const ByteReader& r = t.reader();
  std::string_view s = r.text(h.content(), h.length);
  if (h.universal(kUtcTime)) {
    int n = t.choice(parent, f, h, 0);
    std::string_view text = t.pkt().arena.copy(utc_time_text(s));
    t.pkt().tree.add(n, x509af::utcTime, r, h.content(), h.length,
                     Value::of_bytes(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
  } else if (h.universal(kGeneralizedTime)) {
    int n = t.choice(parent, f, h, 1);
    t.pkt().tree.add(n, x509af::generalizedTime, r, h.content(), h.length,
                     Value::of_int(generalized_time_ns(s)));
  } else {
    malformed();
  }
}

// ECParameters ::= CHOICE { ..., namedCurve OBJECT IDENTIFIER, ... }: curves by name only.
void dissect_ec_parameters(BerTree& t, int parent, const BerHeader& h) {
  if (!h.universal(kOid)) return;
  t.pkt().add_layer(pkcs1::proto);
  int n = t.choice(parent, pkcs1::ECParameters, h, 1);
  t.oid(n, pkcs1::namedCurve, h);
}

// Dss-Parms ::= SEQUENCE { p INTEGER, q INTEGER, g INTEGER }.
void dissect_dss_parameters(BerTree& t, int parent, const BerHeader& h) {
  if (!h.universal(kSequence)) return;
  t.pkt().add_layer(x509af::proto);
  int n = t.sequence(parent, x509af::DSS_Params_element, h);
  size_t off = h.content();
  for (FieldId f : {x509af::p, x509af::q, x509af::g}) {
    BerHeader i = t.expect_universal(off, h.end(), kInteger);
    t.big_integer(n, f, i);
    off = i.end();
  }
}

// RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } inside the key's bits.
void dissect_rsa_public_key(BerTree& t, int parent, size_t off, size_t end) {
  BerHeader seq = t.expect_universal(off, end, kSequence);
  BerHeader mod = t.expect_universal(seq.content(), seq.end(), kInteger);
  t.big_integer(parent, pkcs1::modulus, mod);
  BerHeader exp = t.expect_universal(mod.end(), seq.end(), kInteger);
  t.integer(parent, pkcs1::publicExponent, exp);
}

// SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }.
void dissect_spki(BerTree& t, int parent, const BerHeader& h) {
  int n = t.sequence(parent, x509af::subjectPublicKeyInfo_element, h);
  BerHeader alg = t.expect_universal(h.content(), h.end(), kSequence);
  std::string algorithm;
  dissect_algorithm_identifier(t, n, x509af::algorithm_element, alg, &algorithm);
  BerHeader key = t.expect_universal(alg.end(), h.end(), kBitString);
  if (algorithm == kRsaEncryption) {
    // tshark hands the key's bits to PKCS#1 without showing the padding octet.
    int k = t.bit_string(n, x509af::subjectPublicKey, key, false);
    dissect_rsa_public_key(t, k, key.content() + 1, key.end());
  } else {
    t.bit_string(n, x509af::subjectPublicKey, key);
  }
}

// TBSCertificate; returns the subject's one-line form.
std::string dissect_tbs(BerTree& t, int parent, const BerHeader& h) {
  BerTree::Depth depth(t);
  int n = t.sequence(parent, x509af::signedCertificate_element, h);
  size_t off = h.content(), end = h.end();
  BerHeader e = t.next(off, end);
  if (e.context(0)) {  // version [0] EXPLICIT Version DEFAULT v1
    BerHeader v = t.expect_universal(e.content(), e.end(), kInteger);
    t.integer(n, x509af::version, v);
    e = t.next(e.end(), end);
  }
  if (!e.universal(kInteger)) malformed();
  t.big_integer(n, x509af::serialNumber, e);
  e = t.expect_universal(e.end(), end, kSequence);
  dissect_algorithm_identifier(t, n, x509af::signature_element, e);
  e = t.expect_universal(e.end(), end, kSequence);
  dissect_name(t, n, x509af::issuer, x509if::rdnSequence, e);
  e = t.expect_universal(e.end(), end, kSequence);
  int validity = t.sequence(n, x509af::validity_element, e);
  BerHeader nb = t.next(e.content(), e.end());
  dissect_time(t, validity, x509af::notBefore, nb);
  dissect_time(t, validity, x509af::notAfter, t.next(nb.end(), e.end()));
  e = t.expect_universal(e.end(), end, kSequence);
  std::string subject = dissect_name(t, n, x509af::subject, x509af::rdnSequence, e);
  e = t.expect_universal(e.end(), end, kSequence);
  dissect_spki(t, n, e);
  for (off = e.end(); off < end; off = e.end()) {
    e = t.next(off, end);
    if (e.context(1) && !e.constructed)
      t.bit_string(n, x509af::issuerUniqueIdentifier, e);
    else if (e.context(2) && !e.constructed)
      t.bit_string(n, x509af::subjectUniqueIdentifier, e);
    else if (e.context(3) && e.constructed)
      dissect_extensions(t, n, t.expect_universal(e.content(), e.end(), kSequence));
    else
      malformed();
  }
  return subject;
}

}  // namespace

std::string oid_text(const BerTree& t, const BerHeader& h) {
  std::string s;
  if (h.constructed || h.length == 0 ||
      !append_oid_dotted(s, t.reader().ptr(h.content(), h.length), h.length))
    malformed();
  return s;
}

std::string oid_label_name(std::string_view dotted) {
  std::string name = oid_resolved_name(dotted);
  return name.empty() ? std::string(dotted) : name;
}

int dissect_algorithm_identifier(BerTree& t, int parent, FieldId f, const BerHeader& h,
                                 std::string* oid_out) {
  BerHeader id = t.expect_universal(h.content(), h.end(), kOid);
  std::string dotted = oid_text(t, id);
  int n = t.sequence(parent, f, h, oid_label_name(dotted));
  t.oid(n, x509af::algorithm_id, id);
  if (id.end() < h.end()) {
    BerHeader params = t.next(id.end(), h.end());
    if (dotted == kEcPublicKey)
      dissect_ec_parameters(t, n, params);
    else if (dotted == kDsa)
      dissect_dss_parameters(t, n, params);
  }
  if (oid_out) *oid_out = std::move(dotted);
  return n;
}

void dissect_x509_distinguished_name(const ByteReader& r, Packet& pkt, int parent, FieldId f) {
  BerTree t(pkt, r);
  dissect_distinguished_name(t, parent, f, t.next(0, r.reported_size()));
}

void dissect_x509_name(const ByteReader& r, Packet& pkt, int parent, FieldId choice_field) {
  // The CHOICE's one arm is a universal SEQUENCE; tshark's BER engine adds nothing for an
  // element of another class or tag (having read its identifier and length octets).
  constexpr uint8_t kClassMask = 0xc0, kTagMask = 0x1f;
  r.need(0, 2);
  if ((r.u8(0) & kClassMask) != 0 || (r.u8(0) & kTagMask) != ber_tag::kSequence) return;
  BerTree t(pkt, r);
  dissect_name(t, parent, choice_field, x509if::rdnSequence, t.next(0, r.reported_size()));
}

size_t dissect_x509_certificate(const ByteReader& r, Packet& pkt, int cert_item) {
  BerTree t(pkt, r);
  BerHeader cert = t.expect_universal(0, r.reported_size(), kSequence);
  BerHeader tbs = t.expect_universal(cert.content(), cert.end(), kSequence);
  std::string subject = dissect_tbs(t, cert_item, tbs);
  if (pkt.labels && cert_item != PacketTree::kDiscarded && cert_item >= 0) {
    // The item's text so far: TLS's tls.handshake.certificate bytes item.
    const Node& item = pkt.tree[cert_item];
    std::string text;
    if (item.label) {
      text = item.label;
    } else {
      const FieldDef& d = registry().info(item.field).def;
      text.append(d.name).append(": ");
      append_bytes_label(text, d, item.value);
    }
    // tshark appends the subject to the item's text.
    text.append(" (").append(subject).push_back(')');
    cut_appended_label(text);
    pkt.set_label(cert_item, text);
  }
  BerHeader alg = t.expect_universal(tbs.end(), cert.end(), kSequence);
  dissect_algorithm_identifier(t, cert_item, x509af::algorithmIdentifier_element, alg);
  BerHeader sig = t.expect_universal(alg.end(), cert.end(), kBitString);
  t.bit_string(cert_item, x509af::encrypted, sig);
  return cert.end();
}

void register_x509() {
  register_x509_fields();
}

}  // namespace netsift
