// The tree-building side of tshark's BER engine, shared by the certificate dissectors: how an
// ASN.1 element of each kind becomes tree items. A SEQUENCE (or SET) item covers its whole
// element and reads "name" or "name [0 length]"; a SEQUENCE OF item covers only its content and
// counts its items ("name: 3 items"); a CHOICE item covers the chosen element and holds its index;
// primitive items cover their content octets. Malformed elements (bad length, wrong tag where
// one is required, nesting beyond kMaxBerDepth) throw BoundsError{false}: the packet is flagged
// malformed and dissection goes on with the next packet.
#pragma once

#include <string>
#include <string_view>

#include "core/der_reader.h"
#include "core/packet.h"

namespace netsift {

class BerTree {
 public:
  BerTree(Packet& pkt, const ByteReader& r) : pkt_(pkt), r_(r) {}

  Packet& pkt() { return pkt_; }
  const ByteReader& reader() const { return r_; }
  bool labels() const { return pkt_.labels; }

  // The element at `off`, which must lie within `limit`.
  BerHeader next(size_t off, size_t limit) const;
  // The element at `off`, which must be of class `cls` and tag `tag`.
  BerHeader expect(size_t off, size_t limit, BerClass cls, uint32_t tag) const;
  BerHeader expect_universal(size_t off, size_t limit, uint32_t tag) const {
    return expect(off, limit, BerClass::kUniversal, tag);
  }
  // Number of elements in the content of `h`.
  size_t count_items(const BerHeader& h) const;

  // Item kinds. `suffix` is appended in parentheses to the item's text when not empty.
  int sequence(int parent, FieldId f, const BerHeader& h, std::string_view suffix = {});
  int sequence_of(int parent, FieldId f, const BerHeader& h, std::string_view suffix = {});
  // A CHOICE's item covers the chosen element, or only its content when the alternative is
  // implicitly tagged (tshark strips such a tag before making the item).
  int choice(int parent, FieldId f, const BerHeader& h, uint32_t index, bool implicit = false);
  int oid(int parent, FieldId f, const BerHeader& h);
  int string(int parent, FieldId f, const BerHeader& h);
  int bytes(int parent, FieldId f, const BerHeader& h);
  // An INTEGER into an integer field; returns the node, the value through `value`.
  int integer(int parent, FieldId f, const BerHeader& h, int64_t* value = nullptr);
  // An INTEGER into a bytes field ("0x00d7dc..."), as tshark shows integers too wide for 64 bits.
  int big_integer(int parent, FieldId f, const BerHeader& h);
  int boolean(int parent, FieldId f, const BerHeader& h);
  // A BIT STRING: the padding octet (ber.bitstring.padding) and the bits in `f`; returns the
  // bits' node. `show_padding` is false where tshark leaves the padding out.
  int bit_string(int parent, FieldId f, const BerHeader& h, bool show_padding = true);

  // Node `n`'s text: `text`, only when the tree's text is wanted. Like text tshark appends to
  // an item, it is cut silently to fit tshark's 240-byte item labels.
  void set_label(int n, std::string_view text);
  // tshark's report for a value whose OID has no dissector: a text item over `h`'s content
  // with its expert warning.
  void oid_not_implemented(int parent, const BerHeader& h);
  // The text of a string element's content as tshark shows it in item texts.
  std::string text_of(const BerHeader& h) const;

  // Nesting guard: construct one per recursion level that can repeat.
  class Depth {
   public:
    explicit Depth(BerTree& t);
    ~Depth() { --t_.depth_; }
    Depth(const Depth&) = delete;
    Depth& operator=(const Depth&) = delete;

   private:
    BerTree& t_;
  };

 private:
  Packet& pkt_;
  const ByteReader& r_;
  int depth_ = 0;
};

// "3 items", "1 item".
std::string item_count_text(size_t n);

}  // namespace netsift
