#include "core/packet.h"

#include "core/field_registry.h"
#include "core/protocols.h"
#include "core/text_format.h"

namespace netsift {

void Packet::reset(uint64_t num, const CapturedFrame* f, Session* s) {
  number = num;
  frame = f;
  session = s;
  tree.clear();
  arena.reset();
  cols.clear();
  layers.clear();
  sources.clear();
  taps.clear();
  malformed = false;
  dl_src = dl_dst = net_src = net_dst = src = dst = Address{};
  port_type = PortType::kNone;
  src_port = dst_port = 0;
  ip_depth = 0;
  in_error_pkt = false;
  conversation = nullptr;
  scratch_.next_packet();
}

int Packet::add_protocol(int parent, FieldId proto, const ByteReader& r, size_t off, size_t len) {
  layers.push_back(proto);
  return tree.add(parent, proto, r, off, len, Value{});
}

static int64_t sign_extend(uint64_t v, int bits) {
  if (bits >= 64) return static_cast<int64_t>(v);
  uint64_t m = uint64_t{1} << (bits - 1);
  return static_cast<int64_t>((v ^ m) - m);
}

namespace {

// The field a node of `f` is filed as: under a field map (DTLS's dtls.* twins) the run asks
// for the mapped field.
FieldId filed_as(const PacketTree& tree, FieldId f) {
  if (const std::vector<FieldId>* map = tree.field_map())
    if (f < map->size() && (*map)[f] != kNoField) return (*map)[f];
  return f;
}

}  // namespace

int Packet::add_item(int parent, FieldId f, const ByteReader& r, size_t off, size_t len, Endian e) {
  const FieldDef& d = registry().info(f).def;
  if (!tree.wants(filed_as(tree, f))) {
    // Bounds are checked even for a skipped item, so a short packet is flagged the same way
    // whichever fields the run reads (Wireshark does the same before faking an item).
    r.need(off, len);
    return tree.add(parent, f, r, off, len, Value{});
  }
  Value v;
  switch (d.type) {
    case FieldType::kBoolean:
    case FieldType::kChar:
    case FieldType::kUint8:
    case FieldType::kUint16:
    case FieldType::kUint24:
    case FieldType::kUint32:
    case FieldType::kUint40:
    case FieldType::kUint48:
    case FieldType::kUint64:
    case FieldType::kFrameNum:
    case FieldType::kInt8:
    case FieldType::kInt16:
    case FieldType::kInt24:
    case FieldType::kInt32:
    case FieldType::kInt64: {
      uint64_t raw = e == Endian::kBig ? r.uint(off, len) : r.uint_le(off, len);
      if (d.bitmask) {
        raw &= d.bitmask;
        if (d.type != FieldType::kBoolean) raw >>= __builtin_ctzll(d.bitmask);
      }
      if (d.type == FieldType::kBoolean) raw = raw != 0;
      if (is_signed(d.type)) {
        int bits = d.bitmask ? 64 - __builtin_clzll(d.bitmask) - __builtin_ctzll(d.bitmask)
                             : static_cast<int>(len * 8);
        v.i = sign_extend(raw, bits);
      } else {
        v.u = raw;
      }
      break;
    }
    case FieldType::kIpv4:
      v.u = e == Endian::kBig ? r.u32(off) : r.u32le(off);
      break;
    case FieldType::kFloat: {
      uint32_t bits = static_cast<uint32_t>(e == Endian::kBig ? r.u32(off) : r.u32le(off));
      float fl;
      std::memcpy(&fl, &bits, 4);
      v.d = fl;
      break;
    }
    case FieldType::kDouble: {
      uint64_t bits = e == Endian::kBig ? r.u64(off) : r.u64le(off);
      std::memcpy(&v.d, &bits, 8);
      break;
    }
    case FieldType::kProtocol:
    case FieldType::kNone:
      r.need(off, len);
      break;
    default:  // ether, ipv6, bytes, strings: a view of the packet bytes
      v = Value::of_bytes(r.ptr(off, len), len);
      break;
  }
  return tree.add(parent, f, r, off, len, v);
}

int Packet::add_generated_string(int parent, FieldId f, std::string_view s, uint8_t flags) {
  if (!tree.wants(filed_as(tree, f))) return tree.add_generated(parent, f, Value{}, flags);
  std::string_view copy = arena.copy(s);
  return tree.add_generated(
      parent, f, Value::of_bytes(reinterpret_cast<const uint8_t*>(copy.data()), copy.size()),
      flags);
}

int Packet::add_ascii(int parent, FieldId f, const ByteReader& r, size_t off, size_t len) {
  if (!tree.wants(filed_as(tree, f))) {
    r.need(off, len);
    return tree.add(parent, f, r, off, len, Value{});
  }
  std::string_view copy = arena.copy(ascii_string(r.text(off, len)));
  return tree.add(parent, f, r, off, len,
                  Value::of_bytes(reinterpret_cast<const uint8_t*>(copy.data()), copy.size()));
}

size_t Packet::call_next(const DissectorTable& table, uint32_t key, const ByteReader& r,
                         int parent) {
  if (Dissector d = table.find(key)) return d(r, *this, parent);
  return call_data(r, parent);
}

size_t Packet::call_data(const ByteReader& r, int parent) {
  if (r.reported_size() == 0) return 0;
  int n = add_protocol(parent, protocols::data, r, 0, r.size());
  add_item(n, protocols::data_data, r, 0, r.size());
  // tshark's data.len counts the bytes captured, as the item's text does.
  tree.add_generated(n, protocols::data_len, Value::of_uint(r.size()));
  return r.reported_size();
}

}  // namespace netsift
