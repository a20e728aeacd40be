// Protocol Buffers (https://protobuf.dev/programming-guides/encoding/) as tshark 4.0 shows a
// message without its definition: each field is a tag (field number << 3 | wire type, a
// varint) and a value by wire type, varint, 64-bit, length-delimited or 32-bit (little
// endian). Unknown fields are shown as bytes, numeric ones also as uint32 (or uint64 past
// 32 bits); a length-delimited value is not looked into, a group wire type stops the message.
#include "dissectors/protobuf.h"

#include <fmt/format.h>

#include "core/expert.h"
#include "core/field_registry.h"

namespace netsift {

namespace {

using FT = FieldType;

FieldId proto_protobuf, f_message_name, f_field_name, f_field_type, f_field_number, f_wire_type,
    f_value_length, f_value, f_value_double, f_value_float, f_value_int64, f_value_uint64,
    f_value_int32, f_value_uint32, f_value_bool, f_value_string, f_value_repeated, f_text,
    ei_failed_parse_tag, ei_wire_type_invalid, ei_failed_parse_length, ei_failed_parse_field;

enum WireType : uint8_t { kVarint = 0, kFixed64 = 1, kLengthDelimited = 2, kFixed32 = 5 };

constexpr ValueName kWireTypes[] = {
    {0, "varint"},
    {1, "64-bit"},
    {2, "Length-delimited"},
    {3, "Start group (deprecated)"},
    {4, "End group (deprecated)"},
    {5, "32-bit"},
};

constexpr ValueName kFieldTypes[] = {
    {0, ""},          {1, "double"},    {2, "float"},   {3, "int64"},   {4, "uint64"},
    {5, "int32"},     {6, "fixed64"},   {7, "fixed32"}, {8, "bool"},    {9, "string"},
    {10, "group"},    {11, "message"},  {12, "bytes"},  {13, "uint32"}, {14, "enum"},
    {15, "sfixed32"}, {16, "sfixed64"}, {17, "sint32"}, {18, "sint64"},
};

const FieldReg kFields[] = {
    {&f_message_name,
     {.name = "Message Name",
      .abbrev = "protobuf.message.name",
      .type = FT::kString,
      .blurb = "The name of the protobuf message"}},
    {&f_field_name,
     {.name = "Field Name",
      .abbrev = "protobuf.field.name",
      .type = FT::kString,
      .blurb = "The name of the field"}},
    {&f_field_type,
     {.name = "Field Type",
      .abbrev = "protobuf.field.type",
      .type = FT::kInt32,
      .base = Base::kDec,
      .values = kFieldTypes,
      .blurb = "The type of the field"}},
    {&f_field_number,
     {.name = "Field Number",
      .abbrev = "protobuf.field.number",
      .type = FT::kUint64,
      .base = Base::kDec,
      .bitmask = 0xFFFFFFFFFFFFFFF8,
      .blurb = "Field number encoded in varint"}},
    {&f_wire_type,
     {.name = "Wire Type",
      .abbrev = "protobuf.field.wiretype",
      .type = FT::kUint8,
      .base = Base::kDec,
      .values = kWireTypes,
      .bitmask = 0x07,
      .blurb = "The Wire Type of the field."}},
    {&f_value_length,
     {.name = "Value Length",
      .abbrev = "protobuf.field.value.length",
      .type = FT::kUint64,
      .base = Base::kDec,
      .blurb = "The length of length-delimited field value."}},
    {&f_value,
     {.name = "Value",
      .abbrev = "protobuf.field.value",
      .type = FT::kBytes,
      .blurb = "The wire type determines value format"}},
    {&f_value_double,
     {.name = "Double",
      .abbrev = "protobuf.field.value.double",
      .type = FT::kDouble,
      .blurb = "Dissect value as double"}},
    {&f_value_float,
     {.name = "Float",
      .abbrev = "protobuf.field.value.float",
      .type = FT::kFloat,
      .blurb = "Dissect value as float"}},
    {&f_value_int64,
     {.name = "Int64",
      .abbrev = "protobuf.field.value.int64",
      .type = FT::kInt64,
      .base = Base::kDec,
      .blurb = "Dissect value as int64"}},
    {&f_value_uint64,
     {.name = "Uint64",
      .abbrev = "protobuf.field.value.uint64",
      .type = FT::kUint64,
      .base = Base::kDec,
      .blurb = "Dissect value as uint64"}},
    {&f_value_int32,
     {.name = "Int32",
      .abbrev = "protobuf.field.value.int32",
      .type = FT::kInt32,
      .base = Base::kDec,
      .blurb = "Dissect value as int32"}},
    {&f_value_uint32,
     {.name = "Uint32",
      .abbrev = "protobuf.field.value.uint32",
      .type = FT::kUint32,
      .base = Base::kDec,
      .blurb = "Dissect value as uint32"}},
    {&f_value_bool,
     {.name = "Bool",
      .abbrev = "protobuf.field.value.bool",
      .type = FT::kBoolean,
      .base = Base::kDec,
      .blurb = "Dissect value as bool"}},
    {&f_value_string,
     {.name = "String",
      .abbrev = "protobuf.field.value.string",
      .type = FT::kString,
      .blurb = "Dissect value as string"}},
    {&f_value_repeated,
     {.name = "Repeated",
      .abbrev = "protobuf.field.value.repeated",
      .type = FT::kBytes,
      .blurb = "Dissect value as repeated"}},
    {&f_text, {.name = "Text", .abbrev = "protobuf.text", .type = FT::kNone}},
    {&ei_failed_parse_tag,
     {.name = "Failed to parse tag field",
      .abbrev = "protobuf.failed_parse_tag",
      .type = FT::kNone}},
    {&ei_wire_type_invalid,
     {.name = "Unknown or unsupported wiretype",
      .abbrev = "protobuf.field.wiretype.invalid",
      .type = FT::kNone}},
    {&ei_failed_parse_length,
     {.name = "Failed to parse length delimited field",
      .abbrev = "protobuf.field.failed_parse_length_delimited_field",
      .type = FT::kNone}},
    {&ei_failed_parse_field,
     {.name = "Failed to parse value field",
      .abbrev = "protobuf.field.failed_parse_field",
      .type = FT::kNone}},
};

constexpr size_t kMaxVarintLength = 10;

// A varint of at most `maxlen` bytes at r[off]: its length, 0 when it does not end in time
// (tshark's tvb_get_varint with ENC_VARINT_PROTOBUF).
size_t read_varint(const ByteReader& r, size_t off, size_t maxlen, uint64_t* value) {
  *value = 0;
  for (size_t i = 0; i < kMaxVarintLength && i < maxlen; ++i) {
    uint64_t b = r.u8(off + i);
    *value |= (b & 0x7f) << (i * 7);
    if (b < 0x80) return i + 1;
  }
  return 0;
}

// "Field Number" as tshark draws a varint bitfield (decode_bitfield_varint_value): the decoded
// tag's low tag_len * 8 bits, the wire type's three and the top bit of every byte (where the
// encoding keeps its continuation flag) shown as '.'.
std::string field_number_label(uint64_t tag, size_t tag_len) {
  std::string bits;
  const size_t width = std::min<size_t>(tag_len * 8, 64);
  for (size_t i = 0; i < width; ++i) {
    size_t bit = width - 1 - i;
    if (i && i % 4 == 0) bits += ' ';
    bits += (bit < 3 || i % 8 == 0) ? '.' : (((tag >> bit) & 1) ? '1' : '0');
  }
  return fmt::format("{} = Field Number: {}", bits, tag >> 3);
}

void add_expert_item(Packet& pkt, int parent, FieldId f, const ByteReader& r, size_t off,
                     ExpertSeverity sev, ExpertGroup group) {
  add_expert(pkt, parent, f, r, off, 0, registry().info(f).def.name, sev, group);
}

// One field from r[*off] (the message ends at `end`); false when the message cannot go on.
bool dissect_field(Packet& pkt, const ByteReader& r, size_t* off, size_t end, int message) {
  const size_t start = *off;
  const size_t maxlen = end - start;
  int field = pkt.tree.add(message, f_text, r, start, 0, Value{});
  uint64_t tag;
  size_t tag_len = read_varint(r, start, maxlen, &tag);
  if (tag_len == 0) {
    pkt.set_label(field, "Field");
    add_expert_item(pkt, field, ei_failed_parse_tag, r, start, kExpertError, kGroupMalformed);
    return false;
  }
  std::string label = fmt::format("Field({}):", tag >> 3);
  constexpr std::string_view kUnknown = "<UNKNOWN>";
  int name = pkt.tree.add(
      field, f_field_name, r, start, 0,
      Value::of_bytes(reinterpret_cast<const uint8_t*>(kUnknown.data()), kUnknown.size()),
      kGenerated);
  int number = pkt.tree.add(field, f_field_number, r, start, tag_len, Value::of_uint(tag >> 3));
  if (pkt.labels) pkt.set_label(number, field_number_label(tag, tag_len));
  int wire = pkt.add_item(field, f_wire_type, r, start, 1);
  *off += tag_len;

  uint64_t value = 0;
  size_t value_len = 0, length_len = 0;
  const uint8_t wire_type = tag & 7;
  switch (wire_type) {
    case kVarint:
      value_len = read_varint(r, *off, maxlen - tag_len, &value);
      if (value_len == 0) {
        pkt.set_label(field, label);
        add_expert_item(pkt, wire, ei_failed_parse_field, r, start, kExpertError, kGroupMalformed);
        return false;
      }
      break;
    case kFixed64:
      value_len = 8;
      value = r.u64le(*off);
      break;
    case kFixed32:
      value_len = 4;
      value = r.u32le(*off);
      break;
    case kLengthDelimited:
      length_len = read_varint(r, *off, maxlen - tag_len, &value);
      if (length_len == 0) {
        pkt.set_label(field, label);
        add_expert_item(pkt, field, ei_failed_parse_length, r, start, kExpertError,
                        kGroupMalformed);
        return false;
      }
      pkt.tree.add(field, f_value_length, r, *off, length_len, Value::of_uint(value));
      *off += length_len;
      value_len = static_cast<uint32_t>(value);  // tshark keeps a guint
      break;
    default:
      pkt.set_label(field, label);
      add_expert_item(pkt, wire, ei_wire_type_invalid, r, start, kExpertWarn, kGroupProtocol);
      return false;
  }
  const size_t field_len = tag_len + length_len + value_len;
  pkt.tree[field].length = static_cast<uint32_t>(field_len);
  pkt.tree[name].length = static_cast<uint32_t>(field_len);
  pkt.set_label(field, label);  // before the value: a value past the end still leaves it
  int value_item = pkt.add_item(field, f_value, r, *off, value_len);
  if (wire_type != kLengthDelimited) {
    // Without the field's definition: the number as uint32, or uint64 when it needs more.
    const bool wide = value > 0xffffffff;
    pkt.tree.add(value_item, wide ? f_value_uint64 : f_value_uint32, r, *off, value_len,
                 Value::of_uint(value));
    if (pkt.labels)
      pkt.set_label(field, fmt::format("{} {} ({})", label, value, wide ? "uint64" : "uint32"));
  }
  *off += value_len;
  return true;
}

}  // namespace

void dissect_protobuf(Packet& pkt, const ByteReader& r, std::string_view message_info, int parent) {
  if (pkt.cols.enabled) pkt.cols.append_info(" (PROTOBUF)");
  int top = pkt.add_protocol(parent, proto_protobuf, r, 0, r.size());
  if (size_t comma = message_info.find(','); comma != std::string_view::npos && pkt.labels)
    pkt.set_label(top, fmt::format("Protocol Buffers: {}", message_info.substr(comma + 1)));
  constexpr std::string_view kMessageName = "<UNKNOWN> Message Type";
  int message = pkt.tree.add(top, f_text, r, 0, r.size(), Value{});
  pkt.set_label(message, fmt::format("Message: {}", kMessageName));
  pkt.tree.add(
      message, f_message_name, r, 0, r.size(),
      Value::of_bytes(reinterpret_cast<const uint8_t*>(kMessageName.data()), kMessageName.size()),
      kGenerated | kHidden);
  size_t off = 0;
  const size_t end = r.size();
  while (off < end)
    if (!dissect_field(pkt, r, &off, end, message)) break;
}

void register_protobuf() {
  FieldRegistry& reg = registry();
  proto_protobuf = reg.add_protocol({"Protocol Buffers", "ProtoBuf", "protobuf"});
  reg.add_fields(proto_protobuf, kFields);
}

}  // namespace netsift
