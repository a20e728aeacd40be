// The per-packet dissection tree: a flat array of nodes (field, parent, offset, length, value).
// Nodes reference packet bytes instead of copying them; the array is reused between packets,
// so adding items allocates nothing once it has grown to the largest packet seen.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/arena.h"
#include "core/byte_reader.h"
#include "core/field.h"

namespace netsift {

// A field value. Integers, booleans, frame numbers: u (or i for signed). Times: i in
// nanoseconds. Floating point: d. Ether/IPv6/bytes/strings: a view (bytes.p, bytes.n) of the
// packet bytes or of arena memory. IPv4: u holds the address in host order.
struct Value {
  union {
    uint64_t u;
    int64_t i;
    double d;
    struct {
      const uint8_t* p;
      uint32_t n;
    } bytes;
  };
  Value() : bytes{nullptr, 0} {}  // all zero, whatever member is read
  static Value of_uint(uint64_t v) {
    Value x;
    x.u = v;
    return x;
  }
  static Value of_int(int64_t v) {
    Value x;
    x.i = v;
    return x;
  }
  static Value of_double(double v) {
    Value x;
    x.d = v;
    return x;
  }
  static Value of_bytes(const uint8_t* p, size_t n) {
    Value x;
    x.bytes.p = p;
    x.bytes.n = static_cast<uint32_t>(n);
    return x;
  }
  std::string_view str() const { return {reinterpret_cast<const char*>(bytes.p), bytes.n}; }
};

enum NodeFlags : uint8_t {
  kGenerated = 1,  // [computed], not read from the packet (tshark shows it in brackets)
  kHidden = 2,     // filterable but not shown in the tree
};

struct Node {
  FieldId field;
  int32_t parent;   // index of the parent node, -1 at top level
  uint32_t offset;  // within data source `source`
  uint32_t length;
  uint16_t source;  // 0 is the frame; others are reassembled/decrypted buffers
  uint8_t flags;
  Value value;
  const char* label;  // custom tree text (arena); null means render from field and value
};

// Typed reads of a node through a field handle: the value when `n` is of field `f`, else
// nullopt. The handle's kind picks the Value member, so reading, say, a string field as an
// integer does not compile.
inline std::optional<uint64_t> field_value(const Node& n, UintField f) {
  return n.field == f ? std::optional(n.value.u) : std::nullopt;
}
inline std::optional<int64_t> field_value(const Node& n, IntField f) {
  return n.field == f ? std::optional(n.value.i) : std::nullopt;
}
// Nanoseconds.
inline std::optional<int64_t> field_value(const Node& n, TimeField f) {
  return n.field == f ? std::optional(n.value.i) : std::nullopt;
}
inline std::optional<double> field_value(const Node& n, DoubleField f) {
  return n.field == f ? std::optional(n.value.d) : std::nullopt;
}
// The address in host order.
inline std::optional<uint32_t> field_value(const Node& n, Ipv4Field f) {
  return n.field == f ? std::optional(static_cast<uint32_t>(n.value.u)) : std::nullopt;
}
inline std::optional<std::span<const uint8_t>> field_value(const Node& n, BytesField f) {
  if (n.field != f) return std::nullopt;
  return std::span<const uint8_t>(n.value.bytes.p, n.value.bytes.n);
}
inline std::optional<std::string_view> field_value(const Node& n, StringField f) {
  return n.field == f ? std::optional(n.value.str()) : std::nullopt;
}

// Nodes can be limited to the fields a run reads (Wireshark's "fake tree"): -T fields and
// filters only need the fields they name, so every other add() costs a branch instead of a
// stored node. A skipped node lands in one scratch node (index kDiscarded) so dissectors can still
// set its label or flags and use it as a parent; its children attach to its nearest kept ancestor.
class PacketTree {
 public:
  static constexpr int kDiscarded = 0x7fffffff;

  void clear() { nodes_.clear(); }
  // Drops the nodes added since size() was `n` (an attempt the dissection takes back).
  void truncate(size_t n) { nodes_.resize(n); }
  size_t size() const { return nodes_.size(); }
  const Node& operator[](size_t i) const { return i == kDiscarded ? discard_ : nodes_[i]; }
  Node& operator[](size_t i) { return i == kDiscarded ? discard_ : nodes_[i]; }
  const std::vector<Node>& nodes() const { return nodes_; }

  // Keeps only nodes whose field is set in `wanted` (indexed by FieldId); null keeps all.
  // `top_level`: every node without a parent is kept too, whatever its field.
  void set_interest(const std::vector<uint8_t>* wanted, bool top_level = false) {
    interest_ = wanted;
    keep_top_level_ = top_level;
  }
  bool wants(FieldId f) const { return !interest_ || (*interest_)[f]; }

  // A protocol that shows another's dissection under its own field names (DTLS reuses TLS's
  // handshake dissector as dtls.*, as Wireshark registers its SSL_COMMON_LIST twice): while a
  // map is set, a field with a non-zero entry in it is added as that entry. Null: no mapping.
  void set_field_map(const std::vector<FieldId>* map) { map_ = map; }
  const std::vector<FieldId>* field_map() const { return map_; }

  // Adds a node covering r[off, off+len), with an explicit value.
  int add(int parent, FieldId f, const ByteReader& r, size_t off, size_t len, Value v,
          uint8_t flags = 0) {
    if (map_) f = mapped(f);
    if (!keeps(f, parent)) return discard(parent, f, v);
    nodes_.push_back(Node{f, kept(parent), static_cast<uint32_t>(r.origin() + off),
                          static_cast<uint32_t>(len), r.source(), flags, v, nullptr});
    return static_cast<int>(nodes_.size() - 1);
  }
  // Adds a node with no bytes behind it (a [generated] value).
  int add_generated(int parent, FieldId f, Value v, uint8_t extra_flags = 0) {
    if (map_) f = mapped(f);
    if (!keeps(f, parent)) return discard(parent, f, v);
    nodes_.push_back(
        Node{f, kept(parent), 0, 0, 0, static_cast<uint8_t>(kGenerated | extra_flags), v, nullptr});
    return static_cast<int>(nodes_.size() - 1);
  }

  // First node of field `f`, or -1.
  int find(FieldId f) const {
    for (size_t i = 0; i < nodes_.size(); ++i)
      if (nodes_[i].field == f) return static_cast<int>(i);
    return -1;
  }

 private:
  FieldId mapped(FieldId f) const {
    return f < map_->size() && (*map_)[f] != kNoField ? (*map_)[f] : f;
  }
  int kept(int parent) const { return parent == kDiscarded ? discard_.parent : parent; }
  bool keeps(FieldId f, int parent) const {
    return wants(f) || (keep_top_level_ && kept(parent) == -1);
  }
  int discard(int parent, FieldId f, Value v) {
    discard_.parent = kept(parent);
    discard_.field = f;
    discard_.value = v;
    discard_.label = nullptr;
    return kDiscarded;
  }

  std::vector<Node> nodes_;
  Node discard_{};
  const std::vector<uint8_t>* interest_ = nullptr;
  bool keep_top_level_ = false;
  const std::vector<FieldId>* map_ = nullptr;
};

}  // namespace netsift
