// Certificates in TLS Certificate messages dissected by dissect_x509_certificate, compared with
// tshark's detail tree (-V) and field values (-T fields) for the same certificates. The frames
// of tests/fixtures/x509-certs.pcap (gen_x509_fixtures.py) each hold one Certificate message in
// one TCP segment, so the certificates are found without a TLS dissector.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "capture/capture_reader.h"
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

struct CertSpan {
  size_t offset, length;
};

// The certificates of the Certificate message in an Ethernet/IPv4/TCP frame's payload.
std::vector<CertSpan> certificates(const CapturedFrame& f) {
  const uint8_t* p = f.data;
  size_t ip = 14, tcp = ip + (p[ip] & 0x0f) * 4, tls = tcp + (p[tcp + 12] >> 4) * 4;
  size_t list = tls + 5 + 4, end = list + 3 + (p[list] << 16 | p[list + 1] << 8 | p[list + 2]);
  std::vector<CertSpan> out;
  for (size_t off = list + 3; off + 3 <= end;) {
    size_t len = p[off] << 16 | p[off + 1] << 8 | p[off + 2];
    out.push_back({off + 3, len});
    off += 3 + len;
  }
  return out;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

size_t indent(const std::string& l) {
  return l.find_first_not_of(' ');
}

// tshark's subtrees under each "Certificate: ..." item of one frame, re-indented from 0; the
// item's own line first.
std::vector<std::vector<std::string>> tshark_certificates(const std::vector<std::string>& frame) {
  std::vector<std::vector<std::string>> out;
  for (size_t i = 0; i < frame.size(); ++i) {
    size_t in = indent(frame[i]);
    if (in == std::string::npos || frame[i].compare(in, 13, "Certificate: ") != 0) continue;
    std::vector<std::string> cert{frame[i].substr(in)};
    for (size_t k = i + 1;
         k < frame.size() && indent(frame[k]) != std::string::npos && indent(frame[k]) > in; ++k)
      cert.push_back(frame[k].substr(in));
    out.push_back(cert);
  }
  return out;
}

// tshark -V split by frame.
std::vector<std::vector<std::string>> tshark_frames() {
  std::vector<std::vector<std::string>> frames;
  for (const std::string& l : lines(test::tshark_cached("-r " + kFixture + " -V"))) {
    if (l.rfind("Frame ", 0) == 0) frames.emplace_back();
    if (!frames.empty()) frames.back().push_back(l);
  }
  return frames;
}

// The ". (subject)" ending of a certificate item's text.
std::string subject_suffix(const std::string& line) {
  size_t p = line.find(" (");
  return p == std::string::npos ? "" : line.substr(p);
}

constexpr const char* kFields[] = {
    "x509af.version", "x509af.serialNumber", "x509af.algorithm.id", "x509af.issuer",
    "x509if.rdnSequence", "x509af.rdnSequence", "x509if.RDNSequence_item", "x509if.oid",
    "x509sat.printableString", "x509sat.uTF8String", "x509sat.CountryName", "x509sat.IA5String",
    "x509sat.PrintableString", "x509af.utcTime", "x509af.generalizedTime", "x509af.notAfter",
    "x509af.subjectPublicKey", "pkcs1.modulus", "pkcs1.publicExponent", "pkcs1.namedCurve",
    "x509af.p", "x509af.extension.id", "x509af.critical", "x509ce.KeyUsage",
    "x509ce.KeyUsage.decipherOnly", "x509ce.KeyPurposeId", "x509ce.cA", "x509ce.pathLenConstraint",
    "x509ce.SubjectKeyIdentifier", "x509ce.keyIdentifier", "x509ce.authorityCertSerialNumber",
    "x509ce.GeneralName", "x509ce.dNSName", "x509ce.rfc822Name", "x509ce.uniformResourceIdentifier",
    "x509ce.IPAddress.ipv4", "x509ce.IPAddress.ipv6", "x509ce.registeredID", "x509ce.type_id",
    "x509ce.directoryName", "x509ce.distributionPoint", "x509ce.reasons", "x509ce.policyIdentifier",
    "x509ce.id", "pkix1explicit.DirectoryString", "pkix1implicit.visibleString",
    "pkix1implicit.utf8String", "pkix1implicit.noticeNumbers_item", "pkix1implicit.accessMethod",
    "x509ce.minimum", "x509ce.permittedSubtrees", "x509ce.excludedSubtrees",
    "ber.bitstring.padding", "x509af.encrypted"};

class X509Tree : public ::testing::Test {
 protected:
  void SetUp() override { register_all_dissectors(); }
};

TEST_F(X509Tree, FixtureCertificatesMatchTshark) {
  std::vector<std::vector<std::string>> frames = tshark_frames();
  std::string field_args = "-r " + kFixture + " -T fields -E occurrence=a";
  for (const char* f : kFields) field_args += std::string(" -e ") + f;
  field_args += " -e frame.protocols";
  std::vector<std::string> field_rows = lines(test::tshark_cached(field_args));

  auto reader = open_capture(kFixture);
  CapturedFrame frame;
  Session session;
  Packet pkt;
  TreeMode mode;
  mode.details = true;
  TreePrinter printer(mode);
  size_t index = 0;
  for (; reader->next(frame); ++index) {
    SCOPED_TRACE("frame " + std::to_string(index + 1));
    ASSERT_LT(index, frames.size());
    std::vector<std::vector<std::string>> expected = tshark_certificates(frames[index]);
    std::vector<CertSpan> spans = certificates(frame);
    ASSERT_EQ(spans.size(), expected.size());
    pkt.reset(index + 1, &frame, &session);
    ByteReader whole(frame.data, frame.caplen, frame.len);
    std::vector<std::string> got_lines;
    for (size_t c = 0; c < spans.size(); ++c) {
      size_t first = pkt.tree.size();
      int item = pkt.add_item(-1, protocols::data_data, whole, spans[c].offset, spans[c].length);
      dissect_x509_certificate(whole.sub(spans[c].offset, spans[c].length), pkt, item);
      OutputSink sink(stdout);
      Packet one;  // the tree printer walks a whole packet: print this certificate's nodes only
      one.reset(index + 1, &frame, &session);
      for (size_t n = first; n < pkt.tree.size(); ++n) {
        Node copy = pkt.tree[n];
        if (copy.parent >= 0) copy.parent -= static_cast<int32_t>(first);
        one.tree.add(copy.parent, copy.field, whole, 0, 0, copy.value, copy.flags);
        Node& added = one.tree[one.tree.size() - 1];
        added.offset = copy.offset;
        added.length = copy.length;
        added.label = copy.label;
      }
      printer.packet(one, sink);
      std::vector<std::string> got = lines(sink.buffer());
      sink.buffer().clear();
      while (!got.empty() && got.back().empty()) got.pop_back();
      ASSERT_FALSE(got.empty());
      // Item texts are cut at 240 bytes, here after "Data: " rather than "Certificate: ".
      std::string have_subject = subject_suffix(got[0]), want_subject = subject_suffix(expected[c][0]);
      size_t common = std::min(have_subject.size(), want_subject.size());
      EXPECT_EQ(have_subject.substr(0, common), want_subject.substr(0, common));
      std::vector<std::string> want(expected[c].begin() + 1, expected[c].end());
      std::vector<std::string> have(got.begin() + 1, got.end());
      for (size_t l = 0; l < std::max(have.size(), want.size()); ++l) {
        std::string h = l < have.size() ? have[l] : "<end>", w = l < want.size() ? want[l] : "<end>";
        if (h != w) {
          ADD_FAILURE() << "certificate " << c << " line " << l + 1 << "\n  netsift: " << h
                        << "\n  tshark:  " << w;
          break;
        }
      }
    }
    // Field values, all certificates of the frame together as tshark lists them.
    std::vector<std::string> row;
    std::istringstream cols(field_rows.at(index));
    for (std::string col; std::getline(cols, col, '\t');) row.push_back(col);
    row.resize(std::size(kFields) + 1);
    for (size_t k = 0; k < std::size(kFields); ++k) {
      FieldId id = registry().find(kFields[k]);
      ASSERT_NE(id, kNoField) << kFields[k];
      std::string values;
      for (const Node& n : pkt.tree.nodes()) {
        if (n.field != id) continue;
        if (!values.empty()) values.push_back(',');
        append_field_value(values, pkt, n);
      }
      EXPECT_EQ(values, row[k]) << kFields[k];
    }
    std::string layers;
    for (FieldId p : pkt.layers) layers += ":" + std::string(registry().info(p).def.abbrev);
    std::string protocols = row.back();
    size_t tls = protocols.find(":tls");
    ASSERT_NE(tls, std::string::npos);
    std::string want_layers = protocols.substr(tls + 4);
    for (size_t k = 0; k < std::max(layers.size(), want_layers.size()); ++k)
      if (k >= layers.size() || k >= want_layers.size() || layers[k] != want_layers[k]) {
        ADD_FAILURE() << "frame.protocols differ at " << k << ": netsift "
                      << layers.substr(k > 40 ? k - 40 : 0, 80) << "\n  tshark "
                      << want_layers.substr(k > 40 ? k - 40 : 0, 80);
        break;
      }
  }
  EXPECT_EQ(index, frames.size());
}

}  // namespace
}  // namespace netsift
