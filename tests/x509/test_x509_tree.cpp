// Certificates in TLS Certificate messages dissected by dissect_x509_certificate, compared with
// tshark's detail tree (-V) and field values (-T fields) for the same certificates. The frames
// of tests/fixtures/x509-certs.pcap (gen_x509_fixtures.py) each hold one Certificate message in
// one TCP segment, so the certificates are found without a TLS dissector.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "core/field_registry.h"
#include "core/protocols.h"
#include "core/session.h"
#include "dissectors/all.h"
#include "dissectors/x509.h"
#include "output/output_sink.h"
#include "output/tree_printer.h"
#include "output/value_format.h"
#include "tshark_cache.h"

namespace netsift {
namespace {

const std::string kFixture = std::string(NETSIFT_SOURCE_DIR) + "/tests/fixtures/x509-certs.pcap";
const std::string kCorpus = NETSIFT_CORPUS_DIR;

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string part; std::getline(in, part, sep);) out.push_back(part);
  if (!s.empty() && s.back() == sep) out.emplace_back();
  return out;
}

size_t indent(const std::string& l) {
  return l.find_first_not_of(' ');
}

std::vector<uint8_t> from_hex(const std::string& h) {
  std::vector<uint8_t> out;
  for (size_t i = 0; i + 1 < h.size(); i += 2)
    out.push_back(static_cast<uint8_t>(std::stoi(h.substr(i, 2), nullptr, 16)));
  return out;
}

// Extensions tshark dissects with protocols netsift does not have yet (logotypes, Netscape's,
// OCSP's no-check): their bodies are left out of the comparison.
bool undissected_extension(const std::string& line) {
  for (const char* name : {"Extension (id-pe-logotype)", "Extension (ns_cert_exts.cert_type)",
                           "Extension (ns_cert_exts.comment)", "Extension (id-pkix-ocsp-nocheck)"})
    if (line == name) return true;
  return false;
}

// tshark's subtrees under each "Certificate: ..." item of one frame, re-indented from 0; the
// item's own line first. `partial` tells whether an undissected extension was left out.
std::vector<std::vector<std::string>> tshark_certificates(const std::vector<std::string>& frame,
                                                          bool& partial) {
  std::vector<std::vector<std::string>> out;
  for (size_t i = 0; i < frame.size(); ++i) {
    size_t in = indent(frame[i]);
    if (in == std::string::npos || frame[i].compare(in, 13, "Certificate: ") != 0) continue;
    std::vector<std::string> cert{frame[i].substr(in)};
    size_t skip_below = std::string::npos;  // inside an undissected extension at this indent
    for (size_t k = i + 1; k < frame.size(); ++k) {
      size_t d = indent(frame[k]);
      if (d == std::string::npos || d <= in) break;
      std::string text = frame[k].substr(d);
      if (skip_below != std::string::npos) {
        if (d > skip_below && text.rfind("Extension Id: ", 0) != 0 &&
            text.rfind("critical: ", 0) != 0)
          continue;
        if (d <= skip_below) skip_below = std::string::npos;
      }
      if (undissected_extension(text)) {
        skip_below = d;
        partial = true;
      }
      cert.push_back(frame[k].substr(in));
    }
    out.push_back(cert);
  }
  return out;
}

// The ". (subject)" ending of a certificate item's text.
std::string subject_suffix(const std::string& line) {
  size_t p = line.find(" (");
  return p == std::string::npos ? "" : line.substr(p);
}

constexpr const char* kFields[] = {"x509af.version",
                                   "x509af.serialNumber",
                                   "x509af.algorithm.id",
                                   "x509af.issuer",
                                   "x509if.rdnSequence",
                                   "x509af.rdnSequence",
                                   "x509if.RDNSequence_item",
                                   "x509if.oid",
                                   "x509sat.printableString",
                                   "x509sat.uTF8String",
                                   "x509sat.CountryName",
                                   "x509sat.IA5String",
                                   "x509sat.PrintableString",
                                   "x509af.utcTime",
                                   "x509af.generalizedTime",
                                   "x509af.notAfter",
                                   "x509af.subjectPublicKey",
                                   "pkcs1.modulus",
                                   "pkcs1.publicExponent",
                                   "pkcs1.namedCurve",
                                   "x509af.p",
                                   "x509af.extension.id",
                                   "x509af.critical",
                                   "x509ce.KeyUsage",
                                   "x509ce.KeyUsage.decipherOnly",
                                   "x509ce.KeyPurposeId",
                                   "x509ce.cA",
                                   "x509ce.pathLenConstraint",
                                   "x509ce.SubjectKeyIdentifier",
                                   "x509ce.keyIdentifier",
                                   "x509ce.authorityCertSerialNumber",
                                   "x509ce.GeneralName",
                                   "x509ce.dNSName",
                                   "x509ce.rfc822Name",
                                   "x509ce.uniformResourceIdentifier",
                                   "x509ce.IPAddress.ipv4",
                                   "x509ce.IPAddress.ipv6",
                                   "x509ce.registeredID",
                                   "x509ce.type_id",
                                   "x509ce.directoryName",
                                   "x509ce.distributionPoint",
                                   "x509ce.reasons",
                                   "x509ce.policyIdentifier",
                                   "x509ce.id",
                                   "pkix1explicit.DirectoryString",
                                   "pkix1implicit.visibleString",
                                   "pkix1implicit.utf8String",
                                   "pkix1implicit.noticeNumbers_item",
                                   "pkix1implicit.accessMethod",
                                   "x509ce.minimum",
                                   "x509ce.permittedSubtrees",
                                   "x509ce.excludedSubtrees",
                                   "ber.bitstring.padding",
                                   "x509af.encrypted",
                                   "x509sat.BMPString",
                                   "x509sat.teletexString"};

// Protocols the X.509 dissector records as layers; frame.protocols is compared on these only.
bool x509_layer(const std::string& p) {
  for (const char* name :
       {"x509af", "x509ce", "x509if", "x509sat", "pkcs-1", "pkix1explicit", "pkix1implicit"})
    if (p == name) return true;
  return false;
}

struct Options {
  bool layers = true;  // compare frame.protocols (false where tshark dissects OCSP too)
};

// Every certificate tshark finds in `capture` (its bytes from tls.handshake.certificate),
// dissected by dissect_x509_certificate and compared with tshark's tree, the values of kFields
// and the x509 layers of frame.protocols. Returns the number of certificates compared.
int compare_capture(const std::string& capture, Options opt = {}) {
  const std::string base = "-r " + capture + " -Y tls.handshake.certificate";
  std::vector<std::vector<std::string>> frames;
  for (const std::string& l : lines(test::tshark_cached(base + " -V"))) {
    if (l.rfind("Frame ", 0) == 0) frames.emplace_back();
    if (!frames.empty()) frames.back().push_back(l);
  }
  std::string field_args =
      base + " -T fields -E occurrence=a -e tls.handshake.certificate -e frame.protocols";
  for (const char* f : kFields) field_args += std::string(" -e ") + f;
  std::vector<std::string> rows = lines(test::tshark_cached(field_args));
  EXPECT_EQ(rows.size(), frames.size());

  Session session;
  Packet pkt;
  CapturedFrame frame;
  TreeMode mode;
  mode.details = true;
  TreePrinter printer(mode);
  int compared = 0;
  for (size_t index = 0; index < rows.size() && index < frames.size(); ++index) {
    SCOPED_TRACE(capture + ": " + frames[index][0]);
    std::vector<std::string> row = split(rows[index], '\t');
    row.resize(std::size(kFields) + 2);
    std::vector<std::string> certs = split(row[0], ',');
    auto frame_has = [&](const char* text) {
      return std::find_if(frames[index].begin(), frames[index].end(), [&](const std::string& l) {
               return l.find(text) != std::string::npos;
             }) != frames[index].end();
    };
    // A stapled OCSP response (not dissected yet) holds more of the fields, and so do the
    // distinguished names of a CertificateRequest (TLS's, compared by the golden files).
    bool names_outside = frame_has("Handshake Protocol: Certificate Request");
    bool partial = names_outside || frame_has("Handshake Protocol: Certificate Status");
    std::vector<std::vector<std::string>> expected = tshark_certificates(frames[index], partial);
    EXPECT_EQ(certs.size(), expected.size());
    std::vector<std::vector<uint8_t>> bytes;
    for (const std::string& h : certs) bytes.push_back(from_hex(h));
    pkt.reset(index + 1, &frame, &session);
    for (size_t c = 0; c < bytes.size() && c < expected.size(); ++c) {
      ++compared;
      ByteReader r(bytes[c].data(), bytes[c].size(), bytes[c].size());
      size_t first = pkt.tree.size();
      int item = pkt.add_item(-1, protocols::data_data, r, 0, r.size());
      try {
        dissect_x509_certificate(r, pkt, item);
      } catch (const BoundsError&) {
        ADD_FAILURE() << "certificate " << c << " malformed for netsift";
      }
      OutputSink sink(stdout);
      Packet one;  // the tree printer walks a whole packet: print this certificate's nodes only
      one.reset(index + 1, &frame, &session);
      for (size_t n = first; n < pkt.tree.size(); ++n) {
        const Node& src = pkt.tree[n];
        int parent = src.parent >= 0 ? src.parent - static_cast<int>(first) : -1;
        one.tree.add(parent, src.field, r, 0, 0, src.value, src.flags);
        one.tree[one.tree.size() - 1].label = src.label;
      }
      printer.packet(one, sink);
      std::vector<std::string> got = lines(sink.buffer());
      sink.buffer().clear();
      while (!got.empty() && got.back().empty()) got.pop_back();
      if (got.empty()) continue;
      // Item texts are cut at 240 bytes, here after "Data: " rather than "Certificate: ".
      std::string have_subject = subject_suffix(got[0]),
                  want_subject = subject_suffix(expected[c][0]);
      size_t common = std::min(have_subject.size(), want_subject.size());
      EXPECT_EQ(have_subject.substr(0, common), want_subject.substr(0, common));
      std::vector<std::string> want(expected[c].begin() + 1, expected[c].end());
      std::vector<std::string> have(got.begin() + 1, got.end());
      for (size_t l = 0; l < std::max(have.size(), want.size()); ++l) {
        std::string h = l < have.size() ? have[l] : "<end>",
                    w = l < want.size() ? want[l] : "<end>";
        if (h != w) {
          ADD_FAILURE() << "certificate " << c << " line " << l + 1 << "\n  netsift: " << h
                        << "\n  tshark:  " << w;
          break;
        }
      }
    }
    // Field values, all certificates of the frame together as tshark lists them (unless an
    // undissected extension holds some of them).
    for (size_t k = 0; !partial && k < std::size(kFields); ++k) {
      FieldId id = registry().find(kFields[k]);
      EXPECT_NE(id, kNoField) << kFields[k];
      std::string values;
      for (const Node& n : pkt.tree.nodes()) {
        if (n.field != id) continue;
        if (!values.empty()) values.push_back(',');
        append_field_value(values, pkt, n);
      }
      EXPECT_EQ(values, row[k + 2]) << kFields[k];
    }
    if (!opt.layers || names_outside) continue;
    // The SCT list extension records TLS again (compared by the differential tests).
    std::string have_layers, want_layers;
    for (FieldId p : pkt.layers)
      if (x509_layer(registry().info(p).def.abbrev))
        have_layers += std::string(registry().info(p).def.abbrev) + ":";
    for (const std::string& p : split(row[1], ':'))
      if (x509_layer(p)) want_layers += p + ":";
    EXPECT_EQ(have_layers, want_layers);
  }
  return compared;
}

class X509Tree : public ::testing::Test {
 protected:
  void SetUp() override { register_all_dissectors(); }
};

TEST_F(X509Tree, FixtureCertificatesMatchTshark) {
  EXPECT_EQ(compare_capture(kFixture), 7);
}

TEST_F(X509Tree, CorpusCertificatesMatchTshark) {
  const char* captures[] = {"tls-handshake/ndpi-google_ssl.pcap",
                            "tls-handshake/ndpi-tls_certificate_too_long.pcap",
                            "tls-handshake/ndpi-tls_verylong_certificate.pcap",
                            "tls-handshake/pcpp-tls.pcap",
                            "tls-handshake/wiki-rsasnakeoil2.cap",
                            "tls-handshake/wiki-secureaccess.pcap",
                            "tls-handshake/wiki-x509-with-logo.cap",
                            "tls-handshake/zeek-chrome-34-google.pcap",
                            "tls-handshake/zeek-client-certificate.pcap",
                            "tls-handshake/zeek-ecdsa-cert.pcap",
                            "tls-handshake/zeek-google-duplicate.pcap",
                            "tls-handshake/zeek-missing-intermediate.pcap",
                            "tls-handshake/zeek-signed_certificate_timestamp.pcap",
                            "tls-handshake/zeek-ssl.v3.pcap",
                            "tls-handshake/zeek-tls-conn-with-extensions.pcap",
                            "tls-handshake/zeek-tls-expired-cert.pcap",
                            "tls-handshake/zeek-tls-fragmented-handshake.pcap",
                            "tls-handshake/zeek-tls1_1.pcap",
                            "tls-handshake/zeek-x509-generalizedtime.pcap",
                            "tls-handshake/wiki-client_init_renego.pcap",
                            "f5/f5-hackazon2.pcap",
                            "tls-decrypt/hotplace-curl-http1-tls12.pcapng",
                            "tls-decrypt/hotplace-tls12-ecdsa-aes128gcm.pcapng"};
  int total = 0;
  for (const char* c : captures) total += compare_capture(kCorpus + "/" + c);
  // zeek-ocsp-stapling.pcap: tshark also dissects the stapled OCSP response (not done yet),
  // whose certificates add x509 layers.
  Options no_layers;
  no_layers.layers = false;
  total += compare_capture(kCorpus + "/tls-handshake/zeek-ocsp-stapling.pcap", no_layers);
  EXPECT_EQ(total, 86);
}

}  // namespace
}  // namespace netsift
