// BER without a schema, as tshark's dissect_unknown_ber shows it (IKEv2's AUTH payload carries
// the RFC 7427 AlgorithmIdentifier this way): constructed elements become text items named by
// their tag, primitive universal elements ber.unknown.* items, other primitive elements
// "[CONTEXT 1] " text items with their bytes in hex (and as text when printable).
#include <fmt/format.h>

#include <cctype>

#include "dissectors/x509.h"
#include "core/append_format.h"
#include "dissectors/x509_ber.h"
#include "dissectors/x509_fields.h"

namespace netsift {

namespace {

// Wireshark's names of the universal tags (packet-ber.c ber_uni_tag_codes).
const char* universal_tag_name(uint32_t tag) {
  static constexpr const char* kNames[] = {"'end-of-content'",
                                           "BOOLEAN",
                                           "INTEGER",
                                           "BIT STRING",
                                           "OCTET STRING",
                                           "NULL",
                                           "OBJECT IDENTIFIER",
                                           "ObjectDescriptor",
                                           "EXTERNAL",
                                           "REAL",
                                           "ENUMERATED",
                                           "EMBEDDED PDV",
                                           "UTF8String",
                                           "RELATIVE-OID",
                                           "Reserved for future editions",
                                           "Reserved for future editions",
                                           "SEQUENCE",
                                           "SET",
                                           "NumericString",
                                           "PrintableString",
                                           "TeletexString, T61String",
                                           "VideotexString",
                                           "IA5String",
                                           "UTCTime",
                                           "GeneralizedTime",
                                           "GraphicString",
                                           "VisibleString, ISO64String",
                                           "GeneralString",
                                           "UniversalString",
                                           "CHARACTER STRING",
                                           "BMPString",
                                           "Continued"};
  return tag < std::size(kNames) ? kNames[tag] : "Unknown";
}

const char* class_name(BerClass c) {
  switch (c) {
    case BerClass::kUniversal:
      return "UNIVERSAL";
    case BerClass::kApplication:
      return "APPLICATION";
    case BerClass::kContext:
      return "CONTEXT";
    default:
      return "PRIVATE";
  }
}

// The universal primitive types tshark gives an item of its own; 0 for the others.
FieldId primitive_field(uint32_t tag) {
  using namespace ber_tag;
  switch (tag) {
    case kBoolean:
      return ber::unknown_BOOLEAN;
    case kOctetString:
      return ber::unknown_OCTETSTRING;
    case kOid:
      return ber::unknown_OID;
    case kPrintableString:
      return ber::unknown_PrintableString;
    case kIa5String:
      return ber::unknown_IA5String;
    case kUtf8String:
      return ber::unknown_UTF8String;
    default:
      return kNoField;
  }
}

// One element at `off` (within `limit`); returns where the next one starts.
size_t dissect_element(BerTree& t, int parent, size_t off, size_t limit) {
  BerTree::Depth depth(t);
  Packet& pkt = t.pkt();
  const ByteReader& r = t.reader();
  BerHeader h = t.next(off, limit);
  if (h.constructed) {
    int n = pkt.tree.add(parent, kNoField, r, h.content(), h.length, Value{});
    if (t.labels())
      t.set_label(n, h.cls == BerClass::kUniversal
                         ? std::string(universal_tag_name(h.tag))
                         : fmt::format("[{} {}]", class_name(h.cls), h.tag));
    for (size_t at = h.content(); at < h.end();) at = dissect_element(t, n, at, h.end());
    return h.end();
  }
  if (h.cls != BerClass::kUniversal) {
    // "[CONTEXT 0] 0102" and, when every byte is printable, " (text)".
    int n = pkt.tree.add(parent, kNoField, r, h.content(), h.length, Value{});
    if (t.labels()) {
      std::string text = fmt::format("[{} {}] ", class_name(h.cls), h.tag);
      const uint8_t* p = r.ptr(h.content(), h.length);
      bool printable = true;
      for (size_t i = 0; i < h.length; ++i) {
        append_format(text, "{:02x}", p[i]);
        printable = printable && std::isprint(p[i]);
      }
      if (printable && h.length) text += " (" + std::string(p, p + h.length) + ")";
      t.set_label(n, text);
    }
    return h.end();
  }
  if (h.tag == ber_tag::kInteger) {
    t.integer(parent, ber::unknown_INTEGER, h);
  } else if (h.tag == ber_tag::kNull) {
    pkt.add_item(parent, ber::null_tag, r, h.content(), h.length);
  } else if (FieldId f = primitive_field(h.tag)) {
    if (h.tag == ber_tag::kOid)
      t.oid(parent, f, h);
    else if (h.tag == ber_tag::kBoolean)
      pkt.add_uint(parent, f, r, h.content(), h.length, h.length ? r.u8(h.content()) : 0);
    else
      pkt.add_item(parent, f, r, h.content(), h.length);
  } else {
    // Universal types not listed above (times, REAL, ENUMERATED, BIT STRING, ...) are outside
    // what netsift decodes without a schema: left as bytes of the enclosing item.
  }
  return h.end();
}

}  // namespace

void dissect_unknown_ber(const ByteReader& r, Packet& pkt, int parent) {
  BerTree t(pkt, r);
  dissect_element(t, parent, 0, r.reported_size());
}

}  // namespace netsift
